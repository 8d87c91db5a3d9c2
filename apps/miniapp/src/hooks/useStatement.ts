import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { StatementItem } from '@linli/shared-types';
import { listStatement } from '../services/timebank';
import { usePagedList, type PagedList } from './usePagedList';

/** The caller's statement, newest first; coming back (after a transfer) puts new lines on top. */
export function useStatement(enabled: boolean): PagedList<StatementItem> {
  const list = usePagedList(listStatement, 'statement', (item) => item.id, enabled);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && list.loaded) void list.refreshHead();
    shown.current = true;
  });
  return list;
}
