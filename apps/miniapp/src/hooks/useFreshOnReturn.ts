import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import { usePullToRefresh } from './usePullToRefresh';

/**
 * A page's data stays fresh: loaded again when the user comes back to the page (not on its first show, which loads
 * anyway, and not before it has loaded once), and on 下拉刷新. `again` defaults to `reload`.
 */
export function useFreshOnReturn(
  reload: () => Promise<unknown>,
  loaded: boolean,
  again: () => Promise<unknown> = reload,
): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && loaded) void again();
    shown.current = true;
  });
  usePullToRefresh(reload);
}
