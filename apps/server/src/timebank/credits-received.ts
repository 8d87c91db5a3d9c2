import { hoursText } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import type { NotificationsService } from '../notifications/notifications.service.js';

/** An inbox entry for the resident who received minutes, committed with the posting. */
export async function notifyCreditsReceived(
  notifications: NotificationsService,
  manager: EntityManager,
  userId: number,
  communityId: number,
  minutes: number,
  body: string,
): Promise<void> {
  await notifications.notify(manager, [userId], {
    communityId,
    kind: 'credits_received',
    title: `时间银行到账 ${hoursText(minutes)} 小时`,
    body,
    link: null,
  });
}
