import { useCallback, useRef, useState } from 'react';
import { errorText } from './useRemoteData';

export interface Action<A extends unknown[], R> {
  busy: boolean;
  error: string | null;
  /** Resolves the answer, or null when it failed (the error is in `error`). A second call while busy is ignored. */
  run(...args: A): Promise<R | null>;
  clearError(): void;
}

/** One write with a busy flag that guards against double taps, and its error as Chinese text. */
export function useAction<A extends unknown[], R>(send: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        return await send(...args);
      } catch (caught) {
        setError(errorText(caught));
        return null;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [send],
  );
  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}
