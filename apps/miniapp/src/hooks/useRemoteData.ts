import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../services/http';

export interface RemoteData<T> {
  data: T | undefined;
  loading: boolean;
  /** Chinese text ready to show, or null. */
  error: string | null;
  reload(): Promise<void>;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return '出了点问题，请稍后重试';
}

/** Loads once when `enabled` and whenever `key` changes; answers of superseded loads are dropped. */
export function useRemoteData<T>(load: () => Promise<T>, key: string, enabled = true): RemoteData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  // The latest `load`, read when a load starts (so a caller's inline function does not restart the effect).
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const value = await loadRef.current();
      if (ticket === latest.current) setData(value);
    } catch (caught) {
      if (ticket === latest.current) setError(errorText(caught));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, key, reload]);

  return { data, loading, error, reload };
}
