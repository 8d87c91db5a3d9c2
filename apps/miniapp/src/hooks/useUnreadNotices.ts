import Taro, { useDidShow } from '@tarojs/taro';
import { getUnreadNoticeCount } from '../services/notices';
import { createStore, useStore } from '../stores/create-store';
import { sessionStore } from '../stores/session';

/** The 首页 tab, where the notice feed lives. */
const HOME_TAB_INDEX = 0;

/** The server counts at most 100 unread notices. */
export function unreadBadgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

const unreadNoticesStore = createStore<number | null>(null);
let latest = 0;

/** WeChat refuses tab-bar calls from pages outside the tab bar; the next tab page on show sets it again. */
function showOnTabBar(count: number): void {
  const call =
    count > 0
      ? Taro.setTabBarBadge({ index: HOME_TAB_INDEX, text: unreadBadgeText(count) })
      : Taro.removeTabBarBadge({ index: HOME_TAB_INDEX });
  Promise.resolve(call).catch(() => undefined);
}

/** Asks the server for the count and puts it on the 首页 tab (a failure keeps the last badge). */
export async function refreshUnreadNotices(): Promise<void> {
  if (!sessionStore.get().token) return;
  const mine = ++latest;
  try {
    const { count } = await getUnreadNoticeCount();
    if (mine !== latest) return;
    unreadNoticesStore.set(count);
    showOnTabBar(count);
  } catch {
    // The badge is a hint: keep the last one rather than interrupt the page with an error.
  }
}

export interface UnreadNotices {
  /** Null until the first answer. */
  count: number | null;
  refresh(): Promise<void>;
}

/** The unread-notice count, refreshed (and the 首页 badge set) each time the page shows. */
export function useUnreadNotices(): UnreadNotices {
  const count = useStore(unreadNoticesStore);
  useDidShow(() => {
    void refreshUnreadNotices();
  });
  return { count, refresh: refreshUnreadNotices };
}
