import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { noticeDetailPage } from '@linli/shared-types';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { wechatThing, wechatTime } from '../notifications/notifications.rules.js';
import { Building } from '../tenancy/building.entity.js';
import { User } from '../users/user.entity.js';
import { Notice, NoticeRead } from './notice.entity.js';
import type { AudienceMember, Contact } from './notices.rules.js';

/** Ids in one IN list of `contacts`, well under SQLite's and MariaDB's limits on bound values. */
const CONTACTS_PER_READ = 1000;

/** Who a notice reaches (verified residents addressed, with their read and acknowledgement) and telling them. */
@Injectable()
export class NoticeAudience {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Verified residents addressed by the notice, with their read and acknowledgement. Three range reads joined here
   * (the residents by idx_users_audience, the notice's reads by its unique key, the community's buildings): a join in
   * SQL made MariaDB walk all users in id order (bench/results/4-scale.md). Names and phones are left to `contacts`,
   * asked for the households shown: 10,000 of each decoded for a page of 20 were a third of a stats request (issue 18).
   */
  async members(manager: EntityManager, notice: Notice): Promise<AudienceMember[]> {
    const residents = manager
      .createQueryBuilder(User, 'u')
      .select('u.id', 'userId')
      .addSelect('u.buildingId', 'buildingId')
      .addSelect('u.unit', 'unit')
      .addSelect('u.room', 'room')
      .where("u.communityId = :communityId AND u.status = 'verified' AND u.role = 'resident'", {
        communityId: notice.communityId,
      });
    if (!notice.wholeCommunity)
      residents.andWhere('u.buildingId IN (:...buildingIds)', { buildingIds: notice.audienceBuildingIds });
    const [people, reads, buildings] = await Promise.all([
      residents.getRawMany<{ userId: unknown; buildingId: unknown; unit: string | null; room: string | null }>(),
      manager
        .createQueryBuilder(NoticeRead, 'r')
        .select('r.userId', 'userId')
        // Whether, not when: no DATETIME to parse 10,000 times (still index-only, idx_notice_reads_notice_times).
        .addSelect('CASE WHEN r.ackAt IS NULL THEN 0 ELSE 1 END', 'acked')
        .where('r.noticeId = :noticeId', { noticeId: notice.id })
        .getRawMany<{ userId: unknown; acked: unknown }>(),
      manager.find(Building, { select: { id: true, name: true }, where: { communityId: notice.communityId } }),
    ]);
    const ackedBy = new Map(reads.map((r) => [Number(r.userId), Number(r.acked) === 1]));
    const buildingName = new Map(buildings.map((b) => [b.id, b.name]));
    return people.map((row) => {
      const userId = Number(row.userId);
      const buildingId = Number(row.buildingId);
      const acked = ackedBy.get(userId);
      return {
        userId,
        buildingId,
        building: buildingName.get(buildingId) ?? '',
        unit: row.unit,
        room: row.room,
        read: acked !== undefined,
        acked: acked === true,
      };
    });
  }

  /** Names and phones of these residents, by id (a thousand ids a statement). */
  async contacts(manager: EntityManager, userIds: number[]): Promise<Map<number, Contact>> {
    const contacts = new Map<number, Contact>();
    for (let i = 0; i < userIds.length; i += CONTACTS_PER_READ) {
      const users = await manager.find(User, {
        select: { id: true, name: true, phone: true },
        where: { id: In(userIds.slice(i, i + CONTACTS_PER_READ)) },
      });
      for (const u of users) contacts.set(u.id, { name: u.name, phone: u.phone });
    }
    return contacts;
  }

  /** Inbox entry and WeChat message "请确认" for every verified resident addressed. */
  async notify(manager: EntityManager, notice: Notice): Promise<void> {
    const members = await this.members(manager, notice);
    const page = noticeDetailPage(notice.id);
    await this.notifications.notify(
      manager,
      members.map((m) => m.userId),
      {
        communityId: notice.communityId,
        kind: 'notice_ack_required',
        title: `请确认：${notice.title}`.slice(0, 100),
        body: notice.excerpt,
        link: `/${page}`,
        wechat: {
          template: 'notice',
          page,
          data: {
            thing1: { value: wechatThing(notice.title) },
            time2: { value: wechatTime(notice.publishAt ?? this.clock.now()) },
            thing3: { value: '请查看并点击“已知晓”' },
          },
        },
      },
    );
  }

  /**
   * Notifies the audience of scheduled notices that have become visible. Any process may run it:
   * the conditional UPDATE that clears notifyDueAt lets exactly one of them notify each notice.
   */
  async notifyDueNotices(limit = 20): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(Notice).find({
      select: { id: true },
      where: { notifyDueAt: LessThanOrEqual(now), status: 'published' },
      order: { notifyDueAt: 'ASC' },
      take: limit,
    });
    let notified = 0;
    for (const { id } of due) {
      await runTransaction(this.dataSource, async (manager) => {
        const claimed = await manager.update(
          Notice,
          { id, notifyDueAt: LessThanOrEqual(now), status: 'published' },
          { notifyDueAt: null },
        );
        if (!claimed.affected) return;
        await this.notify(manager, await manager.findOneByOrFail(Notice, { id }));
        notified++;
      });
    }
    return notified;
  }
}
