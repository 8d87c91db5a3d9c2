import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { PersonalCodeView } from '@linli/shared-types';
import { getPersonalCode } from '../services/activities';
import { errorText } from './useRemoteData';

export interface PersonalCode {
  code: PersonalCodeView | null;
  /** Whole seconds until the code changes. */
  secondsLeft: number;
  loading: boolean;
  error: string | null;
  reload(): Promise<void>;
}

/** 我的签到码: fetched again when the 30 s step ends, with a 1 s countdown; paused while the page is hidden. */
export function usePersonalCode(enabled: boolean): PersonalCode {
  const [code, setCode] = useState<PersonalCodeView | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [visible, setVisible] = useState(true);
  const inFlight = useRef(false);
  const lastFetch = useRef(0);
  const reload = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    lastFetch.current = Date.now();
    setLoading(true);
    try {
      setCode(await getPersonalCode());
      setError(null);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, []);

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (enabled && visible) void reload();
  }, [enabled, visible, reload]);

  useEffect(() => {
    if (!enabled || !visible) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [enabled, visible]);

  const secondsLeft = code ? Math.max(0, Math.ceil((new Date(code.expiresAt).getTime() - now) / 1000)) : 0;

  useEffect(() => {
    // At most one fetch every 3 s, in case the phone's clock is ahead of the server's.
    if (enabled && visible && code && secondsLeft <= 0 && !error && now - lastFetch.current > 3000) void reload();
  }, [enabled, visible, code, secondsLeft, error, now, reload]);

  return { code, secondsLeft, loading, error, reload };
}
