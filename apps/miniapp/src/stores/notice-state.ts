import { createStore } from './create-store';
import { sessionStore } from './session';

export interface NoticeStateChange {
  read: boolean;
  acknowledged: boolean;
}

/**
 * What this device learnt about notices since their lists were loaded (opened → read, 已知晓 →
 * acknowledged), so a list further down the page stack shows it without reloading every page.
 */
export const noticeStateStore = createStore<Record<number, NoticeStateChange>>({});

export function rememberNoticeState(id: number, change: NoticeStateChange): void {
  noticeStateStore.set((known) => ({ ...known, [id]: change }));
}

// Read state belongs to one user: forget it when the session changes hands.
let lastToken = sessionStore.get().token;
sessionStore.subscribe(() => {
  const { token } = sessionStore.get();
  if (token === lastToken) return;
  lastToken = token;
  noticeStateStore.set({});
});
