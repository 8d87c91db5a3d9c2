import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  shanghaiMidnight,
  type EventDetail,
  type EventOutcome,
  type EventView,
  type Mood,
  type Page,
} from '@linli/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import type { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import type { EventQueryDto } from './dto/events.dto.js';
import { assertVerified, isStaff, visibleEvent } from './event-access.js';
import { eventView, eventViews } from './event-views.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from './event.entity.js';

const DAY = 86_400_000;
/** A page of the calendar when the client names no size: the largest a client may ask for. */
const EVENTS_PAGE_DEFAULT = 100;

/** Reading events: the calendar of a community, and one event with its attendees and outcome for its organisers. */
@Injectable()
export class EventReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The events of the caller's community in a range of local dates (default: a week ago to two months ahead),
   * soonest first, a page at a time.
   */
  async list(viewer: User, query: EventQueryDto): Promise<Page<EventView>> {
    assertVerified(viewer);
    const now = this.clock.now();
    const from = query.from ? shanghaiMidnight(query.from) : new Date(now.getTime() - 7 * DAY);
    const toDay = query.to ? shanghaiMidnight(query.to) : null;
    const to = toDay ? new Date(toDay.getTime() + DAY) : new Date(now.getTime() + 60 * DAY);
    if (!from || !to || to <= from) throw refuse('VALIDATION_FAILED', '日期无效', ['from', 'to']);
    const scope = isStaff(viewer) ? communityScope(viewer, query.communityId) : viewer.communityId;
    const after = decodeTimeIdCursor(query.cursor, 'timed');
    const limit = query.limit ?? EVENTS_PAGE_DEFAULT;
    const qb = this.dataSource
      .getRepository(CentreEvent)
      .createQueryBuilder('e')
      .where('e.startAt >= :from AND e.startAt < :to', { from, to })
      .orderBy('e.startAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit + 1);
    if (after)
      qb.andWhere('(e.startAt > :afterAt OR (e.startAt = :afterAt AND e.id > :afterId))', {
        afterAt: after.at,
        afterId: after.id,
      });
    if (scope !== null) qb.andWhere('e.communityId = :scope', { scope });
    if (query.groupId) qb.andWhere('e.groupId = :groupId', { groupId: query.groupId });
    if (!isStaff(viewer))
      qb.andWhere(
        '(e.membersOnly = :no OR e.groupId IN (SELECT m.groupId FROM group_members m WHERE m.userId = :me))',
        {
          no: false,
          me: viewer.id,
        },
      );
    const rows = await qb.getMany();
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      items: await eventViews(this.dataSource.manager, viewer, shown),
      nextCursor: rows.length > limit ? encodeTimeIdCursor({ at: last.startAt, id: last.id }) : null,
    };
  }

  async get(viewer: User, id: number): Promise<EventDetail> {
    const manager = this.dataSource.manager;
    const event = await visibleEvent(manager, viewer, id);
    const view = await eventView(manager, viewer, event);
    const organises = isStaff(viewer) || event.organiserId === viewer.id;
    const seesWho = organises || view.mine?.status === 'signed_up';
    const [signups, feedback, thanked, outcome] = await Promise.all([
      seesWho
        ? manager.find(EventSignup, { where: { eventId: id, status: 'signed_up' }, order: { queueNo: 'ASC' } })
        : Promise.resolve(null),
      manager.findOneBy(EventFeedback, { eventId: id, userId: viewer.id }),
      manager.find(EventThanks, { select: { toUserId: true }, where: { eventId: id, fromUserId: viewer.id } }),
      organises ? this.outcome(manager, id) : Promise.resolve(null),
    ]);
    const users = signups
      ? await usersById(
          manager,
          signups.map((s) => s.userId),
        )
      : null;
    return {
      ...view,
      attendees:
        signups?.map((s) => ({
          id: s.userId,
          name: users?.get(s.userId)?.name ?? null,
          checkedIn: s.checkedInAt !== null,
        })) ?? null,
      myFeedback: feedback
        ? { mood: feedback.mood, words: feedback.words, createdAt: feedback.createdAt.toISOString() }
        : null,
      thankedUserIds: thanked.map((t) => t.toUserId).sort((a, b) => a - b),
      outcome,
    };
  }

  /** The feedback mix, its words (newest first) and the thanks sent at one event. */
  private async outcome(manager: EntityManager, eventId: number): Promise<EventOutcome> {
    const [feedback, thanks] = await Promise.all([
      manager.find(EventFeedback, { where: { eventId }, order: { id: 'DESC' }, take: 500 }),
      manager.countBy(EventThanks, { eventId }),
    ]);
    const mix: Record<Mood, number> = { good: 0, ok: 0, bad: 0 };
    for (const f of feedback) mix[f.mood] += 1;
    const words = feedback
      .filter((f) => f.words)
      .slice(0, 50)
      .map((f) => ({ mood: f.mood, words: f.words!, createdAt: f.createdAt.toISOString() }));
    return { feedback: mix, words, thanks };
  }
}
