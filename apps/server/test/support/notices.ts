import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service.js';
import type { Clock } from '../../src/common/clock.js';
import { RawReads } from '../../src/database/raw-reads.js';
import { NoticeAudience } from '../../src/notices/notice-audience.service.js';
import { NoticeEditingService } from '../../src/notices/notice-editing.service.js';
import { NoticeReadingService } from '../../src/notices/notice-reading.service.js';
import { NoticeStatsService } from '../../src/notices/notice-stats.service.js';
import { NoticeUnread } from '../../src/notices/notice-unread.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';

/** The notice services of one process, as the controller and the scheduler use them. */
export function noticesOn(ds: DataSource, clock: Clock) {
  const raw = new RawReads(ds);
  const audience = new NoticeAudience(ds, new NotificationsService(ds, clock), clock);
  const unread = new NoticeUnread(ds, raw, clock);
  const reading = new NoticeReadingService(ds, clock, raw, unread);
  const editing = new NoticeEditingService(ds, new AuditService(ds), audience, unread, clock);
  const reach = new NoticeStatsService(ds, new AuditService(ds), audience, clock);
  return {
    feed: reading.feed.bind(reading),
    unreadCount: reading.unreadCount.bind(reading),
    view: reading.view.bind(reading),
    acknowledge: reading.acknowledge.bind(reading),
    manage: editing.manage.bind(editing),
    create: editing.create.bind(editing),
    update: editing.update.bind(editing),
    publish: editing.publish.bind(editing),
    archive: editing.archive.bind(editing),
    stats: reach.stats.bind(reach),
    notifyDueNotices: audience.notifyDueNotices.bind(audience),
  };
}
export type Notices = ReturnType<typeof noticesOn>;
