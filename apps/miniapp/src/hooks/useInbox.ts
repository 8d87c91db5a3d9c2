import { useCallback } from 'react';
import { useInFlight } from './useInFlight';
import Taro, { useDidShow } from '@tarojs/taro';
import type { NotificationView } from '@linli/shared-types';
import {
  getInboxUnreadCount,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../services/notifications';
import { createStore, useStore } from '../stores/create-store';
import { sessionStore } from '../stores/session';
import { usePagedList, type PagedList } from './usePagedList';
import { errorText } from './useRemoteData';

const inboxUnreadStore = createStore<number | null>(null);
let latest = 0;

/** The 我的 tab, where the 消息 entry lives. */
const ME_TAB_INDEX = 3;

/** The unread count on the 我的 tab too; WeChat refuses it off the tab pages (the next tab page sets it). */
function showOnMeTab(count: number): void {
  const call =
    count > 0
      ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
      : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
  Promise.resolve(call).catch(() => undefined);
}

export async function refreshInboxUnread(): Promise<void> {
  if (!sessionStore.get().token) return;
  const mine = ++latest;
  try {
    const { count } = await getInboxUnreadCount();
    if (mine !== latest) return;
    inboxUnreadStore.set(count);
    showOnMeTab(count);
  } catch {
    // A hint on the 消息 entry: keep the last count.
  }
}

/** The count on the 消息 entry of 我的, refreshed each time the page shows. */
export function useInboxUnread(): number | null {
  useDidShow(() => {
    void refreshInboxUnread();
  });
  return useStore(inboxUnreadStore);
}

export interface InboxState extends PagedList<NotificationView> {
  unread: number | null;
  markingAll: boolean;
  /** Marks it read (at once on screen) and opens its page, if it has one. */
  open(item: NotificationView): void;
  readAll(): Promise<void>;
}

/** Only pages of this app: a link is a path like "/pages/notice-detail/index?id=12". */
function appPage(link: string | null): string | null {
  if (!link) return null;
  const url = link.startsWith('/') ? link : `/${link}`;
  return /^\/(pages|packages)\/[\w\-/]+(\?[\w\-=&%.]*)?$/.test(url) ? url : null;
}

const tabPages = ['/pages/home/index', '/pages/bookings/index', '/pages/volunteer/index', '/pages/me/index'];

function openPage(url: string): void {
  const path = url.split('?')[0];
  if (tabPages.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url }).catch(() => Taro.showToast({ title: '无法打开该页面', icon: 'none' }));
}

/** The caller's inbox: newest first, unread styled, 全部已读. */
export function useInbox(): InboxState {
  const list = usePagedList(listNotifications, 'inbox', (item) => item.id);
  const unread = useStore(inboxUnreadStore);
  const { busy: markingAll, guard } = useInFlight();
  const { update, refresh } = list;

  useDidShow(() => {
    void refreshInboxUnread();
  });

  const open = useCallback(
    (item: NotificationView) => {
      if (!item.read) {
        const now = new Date().toISOString();
        update((entry) => (entry.id === item.id ? { ...entry, read: true, readAt: now } : entry));
        inboxUnreadStore.set((count) => (count === null ? null : Math.max(0, count - 1)));
        markNotificationRead(item.id).then(refreshInboxUnread, () => undefined);
      }
      const page = appPage(item.link);
      if (page) openPage(page);
    },
    [update],
  );

  const readAll = useCallback(async () => {
    await guard(async () => {
      try {
        await markAllNotificationsRead();
        const now = new Date().toISOString();
        update((entry) => (entry.read ? entry : { ...entry, read: true, readAt: now }));
        inboxUnreadStore.set(0);
        void Taro.showToast({ title: '已全部标为已读', icon: 'none' });
      } catch (caught) {
        void Taro.showToast({ title: errorText(caught), icon: 'none' });
      }
    });
  }, [guard, update]);

  const refreshAll = useCallback(async () => {
    await Promise.all([refresh(), refreshInboxUnread()]);
  }, [refresh]);

  return { ...list, refresh: refreshAll, unread, markingAll, open, readAll };
}
