import { useCallback, useEffect, useState } from 'react';
import { useInFlight } from './useInFlight';
import type { NoticeView } from '@linli/shared-types';
import { acknowledgeNotice, getNotice } from '../services/notices';
import { ApiRequestError } from '../services/http';
import { rememberNoticeState } from '../stores/notice-state';
import { errorText, useRemoteData } from './useRemoteData';
import { refreshUnreadNotices } from './useUnreadNotices';

export interface NoticeState {
  notice: NoticeView | undefined;
  loading: boolean;
  error: string | null;
  reload(): Promise<void>;
  acknowledging: boolean;
  /** Why 已知晓 was refused (Chinese), or null. */
  ackError: string | null;
  /** The refusal was RESIDENT_NOT_VERIFIED: offer the way to 住户认证. */
  needsVerification: boolean;
  /** True when the confirmation was recorded. */
  acknowledge(): Promise<boolean>;
}

const GONE = '该公告不存在或已下线';

function noticeErrorText(caught: unknown): string {
  if (caught instanceof ApiRequestError && caught.statusCode === 404) return GONE;
  return errorText(caught);
}

/** One notice; opening it records the read (server side), which the feed and the tab badge then show. */
export function useNotice(id: number | null): NoticeState {
  const valid = id !== null && Number.isInteger(id) && id > 0;
  const load = useCallback(async () => {
    try {
      return await getNotice(id as number);
    } catch (caught) {
      throw new ApiRequestError(
        caught instanceof ApiRequestError ? caught.statusCode : 0,
        'NOTICE',
        noticeErrorText(caught),
      );
    }
  }, [id]);
  const remote = useRemoteData(load, `notice-${id}`, valid);
  const [acknowledgedAt, setAcknowledgedAt] = useState<string | null>(null);
  const { busy: acknowledging, guard } = useInFlight();
  const [ackError, setAckError] = useState<string | null>(null);
  const [needsVerification, setNeedsVerification] = useState(false);

  const loaded = remote.data;
  useEffect(() => {
    if (!loaded) return;
    rememberNoticeState(loaded.id, { read: true, acknowledged: loaded.acknowledged });
    void refreshUnreadNotices();
  }, [loaded]);

  const acknowledge = useCallback(async () => {
    if (!loaded) return false;
    return (
      (await guard(async () => {
        setAckError(null);
        setNeedsVerification(false);
        try {
          const answer = await acknowledgeNotice(loaded.id);
          setAcknowledgedAt(answer.acknowledgedAt);
          rememberNoticeState(loaded.id, { read: true, acknowledged: true });
          return true;
        } catch (caught) {
          const code = caught instanceof ApiRequestError ? caught.code : '';
          setNeedsVerification(code === 'RESIDENT_NOT_VERIFIED');
          setAckError(caught instanceof ApiRequestError && caught.statusCode === 404 ? GONE : errorText(caught));
          return false;
        }
      })) ?? false
    );
  }, [loaded, guard]);

  const notice = loaded && acknowledgedAt ? { ...loaded, acknowledged: true, acknowledgedAt } : loaded;
  return {
    notice,
    loading: valid ? remote.loading : false,
    error: valid ? remote.error : GONE,
    reload: remote.reload,
    acknowledging,
    ackError,
    needsVerification,
    acknowledge,
  };
}
