import { useCallback, useEffect, useState } from 'react';
import { useInFlight } from './useInFlight';
import type { UpdateMeRequest, UserView } from '@linli/shared-types';
import { getMe, updateMe } from '../services/me';
import { rememberUser } from '../stores/session';
import { useSession } from './useSession';
import { errorText } from './useRemoteData';

export interface MeState {
  /** Cached profile first, then the server's answer. */
  user: UserView | null;
  loading: boolean;
  error: string | null;
  refresh(): Promise<void>;
}

export function useMe(): MeState {
  const { user, token } = useSession();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      rememberUser(await getMe());
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (token) void refresh();
  }, [token, refresh]);

  return { user, loading, error, refresh };
}

export interface UpdateMeState {
  saving: boolean;
  error: string | null;
  /** True after the last submit succeeded, until the next one starts. */
  saved: boolean;
  submit(body: UpdateMeRequest): Promise<boolean>;
}

export function useUpdateMe(): UpdateMeState {
  const { busy: saving, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = useCallback(
    async (body: UpdateMeRequest) => {
      return (
        (await guard(async () => {
          setError(null);
          setSaved(false);
          try {
            rememberUser(await updateMe(body));
            setSaved(true);
            return true;
          } catch (caught) {
            setError(errorText(caught));
            return false;
          }
        })) ?? false
      );
    },
    [guard],
  );

  return { saving, error, saved, submit };
}

/**
 * Where a resident's 住户认证 stands, the one reading for 首页 and 我的: `needsDetails` until the
 * household (building, unit, room) is sent, then `submitted` until staff verify it.
 */
export type Verification = 'needsDetails' | 'submitted' | 'verified' | 'disabled';

export function verificationOf(user: Pick<UserView, 'status' | 'building' | 'unit' | 'room'>): Verification {
  if (user.status === 'verified') return 'verified';
  if (user.status === 'disabled') return 'disabled';
  return user.building && user.unit && user.room ? 'submitted' : 'needsDetails';
}
