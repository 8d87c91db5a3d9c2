/** One write behind the mini-app's double-submit guard (hooks/useInFlight.ts), with its error as Chinese text. */
export { useGuardedAction as useAction, type GuardedAction as Action } from './useInFlight';
