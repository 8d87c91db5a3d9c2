import { useCallback } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { TimebankAccountView, UserView } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import { getTimebankAccount } from '../services/timebank';
import { createStore, useStore } from '../stores/create-store';
import { sessionStore } from '../stores/session';
import { errorText } from './useRemoteData';

interface AccountStore {
  /** Whose account this is: a new login must not see the previous user's balance. */
  userId: number | null;
  account: TimebankAccountView | null;
  loading: boolean;
  error: string | null;
  /** The server answered 403 RESIDENT_NOT_VERIFIED. */
  notVerified: boolean;
}

const empty: AccountStore = { userId: null, account: null, loading: false, error: null, notVerified: false };
/** Shared by 我的 (the balance on its 时间银行 cell) and the time-bank pages, so a transfer shows everywhere at once. */
const accountStore = createStore<AccountStore>(empty);
let latest = 0;

/** Pending (or disabled) residents and staff have no time bank; null: not known yet, ask the server. */
export function timebankEligible(user: UserView | null): boolean | null {
  if (!user) return null;
  return user.role === 'resident' && user.status === 'verified';
}

export async function reloadTimebankAccount(): Promise<void> {
  const { token, user } = sessionStore.get();
  if (!token) return;
  const userId = user?.id ?? null;
  if (timebankEligible(user) === false) {
    accountStore.set({ ...empty, userId, notVerified: true });
    return;
  }
  const mine = ++latest;
  accountStore.set((state) => ({ ...(state.userId === userId ? state : empty), userId, loading: true, error: null }));
  try {
    const account = await getTimebankAccount();
    if (mine === latest) accountStore.set({ userId, account, loading: false, error: null, notVerified: false });
  } catch (caught) {
    if (mine !== latest) return;
    const notVerified = caught instanceof ApiRequestError && caught.code === 'RESIDENT_NOT_VERIFIED';
    accountStore.set((state) => ({
      ...state,
      account: notVerified ? null : state.account,
      loading: false,
      error: notVerified ? null : errorText(caught),
      notVerified,
    }));
  }
}

/** A transfer or redemption answers the new balance; every page showing it updates without another request. */
export function setTimebankBalance(balance: number, balanceHours: string): void {
  accountStore.set((state) =>
    state.account ? { ...state, account: { ...state.account, balance, balanceHours } } : state,
  );
}

export interface TimebankAccountState {
  account: TimebankAccountView | null;
  /** Loading and nothing to show yet. */
  loading: boolean;
  error: string | null;
  /** A pending resident: show 请先完成住户认证 instead of the time bank. */
  notVerified: boolean;
  reload(): Promise<void>;
}

/** The caller's time-bank account, read again each time the page shows (a transfer may have arrived). */
export function useTimebankAccount(): TimebankAccountState {
  const state = useStore(accountStore);
  const session = useStore(sessionStore);
  useDidShow(() => {
    void reloadTimebankAccount();
  });
  const reload = useCallback(() => reloadTimebankAccount(), []);
  const current = state.userId === (session.user?.id ?? null) ? state : empty;
  const notVerified = current.notVerified || timebankEligible(session.user) === false;
  return {
    account: notVerified ? null : current.account,
    loading: !notVerified && current.loading && !current.account,
    error: notVerified ? null : current.error,
    notVerified,
    reload,
  };
}
