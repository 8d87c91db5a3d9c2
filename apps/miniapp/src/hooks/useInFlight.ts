import { useCallback, useRef, useState } from 'react';
import { errorText } from './useRemoteData';

export interface InFlight {
  /** True while a guarded task runs: the button shows loading / is disabled. */
  busy: boolean;
  /**
   * Runs the task unless one is already running; a second tap meanwhile gets undefined and sends nothing.
   * The guard is a ref, set in the tap itself, so it holds before React re-renders the disabled button.
   */
  guard<T>(task: () => Promise<T>): Promise<T | undefined>;
}

/** The one double-submit guard of the mini-app (issue #19 item 9): every write a button starts goes through it. */
export function useInFlight(): InFlight {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const guard = useCallback(async <T>(task: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await task();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, guard };
}

export interface GuardedAction<A extends unknown[], R> {
  busy: boolean;
  error: string | null;
  /** Resolves the answer, or null when it failed (the error is in `error`). A second call while busy is ignored. */
  run(...args: A): Promise<R | null>;
  clearError(): void;
}

/** One write behind the guard, with its error as Chinese text. */
export function useGuardedAction<A extends unknown[], R>(send: (...args: A) => Promise<R>): GuardedAction<A, R> {
  const { busy, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A): Promise<R | null> =>
      (await guard(async () => {
        setError(null);
        try {
          return await send(...args);
        } catch (caught) {
          setError(errorText(caught));
          return null;
        }
      })) ?? null,
    [guard, send],
  );
  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}
