import type { NotificationReadAllResponse, NotificationView, Page, UnreadCountResponse } from '@linli/shared-types';
import { http } from './http';

export function listNotifications(cursor?: string): Promise<Page<NotificationView>> {
  return http.get<Page<NotificationView>>('notifications', { cursor });
}

export function getInboxUnreadCount(): Promise<UnreadCountResponse> {
  return http.get<UnreadCountResponse>('notifications/unread-count');
}

export function markNotificationRead(id: number): Promise<NotificationView> {
  return http.post<NotificationView>(`notifications/${id}/read`);
}

export function markAllNotificationsRead(): Promise<NotificationReadAllResponse> {
  return http.post<NotificationReadAllResponse>('notifications/read-all');
}
