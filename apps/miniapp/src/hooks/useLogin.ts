import { useCallback, useState } from 'react';
import { useInFlight } from './useInFlight';
import Taro from '@tarojs/taro';
import type { DevLoginRequest, LoginResponse } from '@linli/shared-types';
import { devLogin } from '../services/auth';
import { platformLogin } from '../platform/login';
import { startSession } from '../stores/session';
import { goHome } from '../routes';
import { errorText } from './useRemoteData';

export interface LoginAction<A> {
  loading: boolean;
  error: string | null;
  /** Resolves true when logged in (and already on the way to 首页). */
  login(args: A): Promise<boolean>;
}

function useLoginAction<A>(call: (args: A) => Promise<LoginResponse | null>): LoginAction<A> {
  const { busy: loading, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const login = useCallback(
    async (args: A) => {
      return (
        (await guard(async () => {
          setError(null);
          try {
            const response = await call(args);
            if (!response) return false;
            startSession(response);
            goHome();
            return true;
          } catch (caught) {
            setError(errorText(caught));
            return false;
          }
        })) ?? false
      );
    },
    [guard, call],
  );
  return { loading, error, login };
}

/** Community code from the launch link or poster QR (`?community=G`), passed to a first WeChat login. */
function launchCommunity(): string | undefined {
  try {
    const query = Taro.getLaunchOptionsSync?.().query as Record<string, string> | undefined;
    return query?.community || undefined;
  } catch {
    return undefined;
  }
}

const wechatLogin = () => platformLogin.login({ community: launchCommunity() });

/** WeChat login on weapp; `provider` is null where the platform has none (h5). */
export function usePlatformLogin(): LoginAction<void> & { provider: 'wechat' | null } {
  return { provider: platformLogin.provider, ...useLoginAction<void>(wechatLogin) };
}

/** Phone-number login that exists only in demo mode. */
export function useDevLogin(): LoginAction<DevLoginRequest> {
  return useLoginAction<DevLoginRequest>(devLogin);
}
