import {
  useMutation,
  type DefaultError,
  type MutateOptions,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

/** Never settles: a repeat's caller waits forever, so only the first call shows its toast or error. */
const dropped = new Promise<never>(() => undefined);

const keyOf = (variables: unknown): string => {
  try {
    return JSON.stringify(variables) ?? '';
  } catch {
    return String(variables);
  }
};

/**
 * useMutation that sends a request once while it is in flight (issue #19 item 9): a double click, or a click
 * while the button's `loading` has not rendered yet, is dropped. The guard is a ref, set in the same event as the
 * click, so it holds before React re-renders; isPending still drives the buttons' loading state.
 * Calls with other variables (another row's 签到) go ahead; only the same request is held back.
 */
export function useGuardedMutation<TData = unknown, TError = DefaultError, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
): UseMutationResult<TData, TError, TVariables, TContext> {
  const mutation = useMutation(options);
  const inFlight = useRef(new Set<string>());
  const { mutateAsync: send } = mutation;

  const mutateAsync = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, TError, TVariables, TContext>): Promise<TData> => {
      const key = keyOf(variables);
      if (inFlight.current.has(key)) return dropped;
      inFlight.current.add(key);
      return send(variables, callbacks).finally(() => inFlight.current.delete(key));
    },
    [send],
  );
  const mutate = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, TError, TVariables, TContext>) => {
      mutateAsync(variables, callbacks).catch(() => undefined);
    },
    [mutateAsync],
  );

  return { ...mutation, mutate, mutateAsync } as UseMutationResult<TData, TError, TVariables, TContext>;
}
