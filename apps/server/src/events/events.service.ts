import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type EventDetail,
  type EventMineView,
  type EventOutcome,
  type EventScanResponse,
  type EventSignupResponse,
  type EventView,
  type Mood,
  type Page,
  shanghaiMidnight,
  shanghaiShortTime,
  type Refusal,
} from '@linli/shared-types';
import { DataSource, In, LessThanOrEqual, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Booking } from '../bookings/booking.entity.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { communityScope } from '../common/tenancy-scope.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { GroupMember, InterestGroup } from '../groups/group.entity.js';
import { groupRoleOf, visibleGroup } from '../groups/group-access.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Room } from '../rooms/room.entity.js';
import { User } from '../users/user.entity.js';
import type {
  CancelEventDto,
  CreateEventDto,
  EventFeedbackDto,
  EventQueryDto,
  EventThanksDto,
} from './dto/events.dto.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from './event.entity.js';
import { toEventView } from './events.mapper.js';
import {
  EVENT_CHECKIN_EARLY_MINUTES,
  checkCancelEvent,
  checkCancelSignup,
  checkCreate,
  checkEventBooking,
  checkEventTimes,
  checkFeedback,
  checkSignup,
  checkThanks,
  inCheckInWindow,
  placeFor,
  waitlistPosition,
} from './events.rules.js';

const DAY = 86_400_000;
const fail = (refusal: Refusal) => refuse(refusal.code);
const isStaff = (user: User) => user.role !== 'resident';
const eventLink = (id: number) => `/packages/centre/pages/event/index?id=${id}`;

function assertVerified(user: User): void {
  if (!isStaff(user) && user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------- creating ----------

  /** Staff, or a leader of the approved group the event belongs to; held in a booking of the centre or at a place. */
  async create(actor: User, body: CreateEventDto): Promise<EventView> {
    assertVerified(actor);
    const startAt = new Date(body.startAt);
    const endAt = new Date(body.endAt);
    return runTransaction(this.dataSource, async (manager) => {
      const group = body.groupId ? await visibleGroup(manager, actor, body.groupId) : null;
      const myRole = group ? await groupRoleOf(manager, group.id, actor.id) : null;
      const refusal =
        checkCreate(actor, group ? { status: group.status, myRole } : null, body.membersOnly) ??
        checkEventTimes(startAt, endAt, this.clock.now());
      if (refusal) throw fail(refusal);
      const communityId = group?.communityId ?? actor.communityId;
      if (communityId === null) throw refuse('FORBIDDEN');
      let place = body.place?.trim() ?? null;
      let roomId: number | null = null;
      if (body.bookingId) {
        const booking = await manager.findOneBy(Booking, { id: body.bookingId });
        if (!booking || booking.communityId !== communityId) throw refuse('BOOKING_NOT_FOUND');
        const invalid = checkEventBooking(booking, {
          startAt,
          endAt,
          organiserId: actor.id,
          groupId: group?.id ?? null,
          byStaff: isStaff(actor),
        });
        if (invalid) throw fail(invalid);
        roomId = booking.roomId;
        place = (await manager.findOneBy(Room, { id: booking.roomId }))?.name ?? place;
      }
      if (!place) throw fail({ code: 'EVENT_PLACE_REQUIRED' });
      const id = (
        await manager.insert(CentreEvent, {
          communityId,
          groupId: group?.id ?? null,
          title: body.title.trim(),
          kind: body.kind ?? group?.kind ?? 'other',
          startAt,
          endAt,
          place,
          bookingId: body.bookingId ?? null,
          roomId,
          capacity: body.capacity,
          signedUp: 0,
          queueTurn: 0,
          membersOnly: body.membersOnly,
          status: 'open',
          organiserId: actor.id,
        })
      ).identifiers[0].id as number;
      if (group) {
        const members = await manager.find(GroupMember, { select: { userId: true }, where: { groupId: group.id } });
        await this.notifications.notify(
          manager,
          members.map((m) => m.userId).filter((u) => u !== actor.id),
          {
            communityId,
            kind: 'group_notice',
            title: `「${group.name}」新活动：${body.title.trim()}`,
            body: `${shanghaiShortTime(startAt)} 在${place}，欢迎报名。`,
            link: eventLink(id),
          },
        );
      }
      if (isStaff(actor))
        await this.audit.record(manager, {
          actor,
          communityId,
          action: 'events.create',
          targetType: 'event',
          targetId: id,
          summary: `创建社区活动「${body.title.trim()}」${shanghaiShortTime(startAt)} ${place}`,
        });
      return this.view(manager, actor, await manager.findOneByOrFail(CentreEvent, { id }));
    });
  }

  /**
   * The organiser, a leader of its group, or staff call an event off before it starts. It takes its turn on the
   * event's row like sign-ups do, so no sign-up lands after it; everyone signed up or waitlisted is told why.
   */
  async cancel(actor: User, id: number, body: CancelEventDto): Promise<EventView> {
    assertVerified(actor);
    const reason = body.reason.trim();
    return runTransaction(this.dataSource, async (manager) => {
      await this.takeTurn(manager, id);
      const event = await this.visible(manager, actor, id);
      const myRole = event.groupId && !isStaff(actor) ? await groupRoleOf(manager, event.groupId, actor.id) : null;
      const refusal = checkCancelEvent(event, actor, myRole, this.clock.now());
      if (refusal) throw fail(refusal);
      const cancelled = await manager.update(CentreEvent, { id, status: 'open' }, { status: 'cancelled' });
      if (!cancelled.affected) throw fail({ code: 'EVENT_NOT_OPEN' });
      const signups = await manager.find(EventSignup, { select: { userId: true }, where: { eventId: id } });
      await this.notifications.notify(
        manager,
        signups.map((s) => s.userId).filter((u) => u !== actor.id),
        {
          communityId: event.communityId,
          kind: 'event_cancelled',
          title: `活动取消：${event.title}`,
          body: `原定 ${shanghaiShortTime(event.startAt)} 在${event.place}的活动取消了。原因：${reason}`,
          link: eventLink(id),
        },
      );
      await this.audit.record(manager, {
        actor,
        communityId: event.communityId,
        action: 'events.cancel',
        targetType: 'event',
        targetId: id,
        summary: `取消社区活动「${event.title}」${shanghaiShortTime(event.startAt)}：${reason}`,
      });
      return this.view(manager, actor, await manager.findOneByOrFail(CentreEvent, { id }));
    });
  }

  // ---------- reading ----------

  /** The events of the caller's community in a range of local dates (default: a week ago to two months ahead). */
  async list(viewer: User, query: EventQueryDto): Promise<Page<EventView>> {
    assertVerified(viewer);
    const now = this.clock.now();
    const from = query.from ? shanghaiMidnight(query.from) : new Date(now.getTime() - 7 * DAY);
    const toDay = query.to ? shanghaiMidnight(query.to) : null;
    const to = toDay ? new Date(toDay.getTime() + DAY) : new Date(now.getTime() + 60 * DAY);
    if (!from || !to || to <= from) throw refuse('VALIDATION_FAILED', '日期无效', ['from', 'to']);
    const scope = isStaff(viewer) ? communityScope(viewer, query.communityId) : viewer.communityId;
    const qb = this.dataSource
      .getRepository(CentreEvent)
      .createQueryBuilder('e')
      .where('e.startAt >= :from AND e.startAt < :to', { from, to })
      .orderBy('e.startAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(200);
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
    return { items: await this.views(this.dataSource.manager, viewer, rows), nextCursor: null };
  }

  async get(viewer: User, id: number): Promise<EventDetail> {
    const manager = this.dataSource.manager;
    const event = await this.visible(manager, viewer, id);
    const view = await this.view(manager, viewer, event);
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
      ? await this.users(
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

  // ---------- sign-up, waitlist, cancel ----------

  /**
   * A place while there is one, else the waitlist. The event's row is written first (queueTurn + 1): sign-ups and
   * cancels of one event take turns, and the bumped turn is the sign-up's queue number, so the waitlist keeps arrival order.
   */
  async signup(actor: User, id: number): Promise<EventSignupResponse> {
    assertVerified(actor);
    if (isStaff(actor)) throw refuse('FORBIDDEN');
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        await this.takeTurn(manager, id);
        const event = await this.visible(manager, actor, id);
        const member = event.groupId ? (await groupRoleOf(manager, event.groupId, actor.id)) !== null : false;
        const refusal = checkSignup(event, member, this.clock.now());
        if (refusal) throw fail(refusal);
        let status = placeFor(event.signedUp, event.capacity);
        if (status === 'signed_up') {
          const placed = await manager
            .createQueryBuilder()
            .update(CentreEvent)
            .set({ signedUp: () => 'signedUp + 1' })
            .where('id = :id AND signedUp < capacity', { id })
            .execute();
          if (!placed.affected) status = 'waitlisted';
        }
        await manager.insert(EventSignup, {
          communityId: event.communityId,
          eventId: id,
          userId: actor.id,
          status,
          queueNo: event.queueTurn,
          promotedAt: null,
          checkedInAt: null,
        });
        const fresh = await manager.findOneByOrFail(CentreEvent, { id });
        const view = await this.view(manager, actor, fresh);
        return { status, waitlistPosition: view.mine?.waitlistPosition ?? null, event: view };
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('EVENT_ALREADY_SIGNED_UP');
      throw error;
    }
  }

  /**
   * Cancelling a place hands it to the first on the waitlist in the same transaction (or frees it). Cancels of one
   * event take turns on the event's row, so under concurrent cancels each freed place goes to one waitlisted
   * resident, in queue order, once.
   */
  async cancelSignup(actor: User, id: number): Promise<EventView> {
    assertVerified(actor);
    if (isStaff(actor)) throw refuse('FORBIDDEN');
    return runTransaction(this.dataSource, async (manager) => {
      await this.takeTurn(manager, id);
      const event = await this.visible(manager, actor, id);
      const now = this.clock.now();
      const refusal = checkCancelSignup(event, now);
      if (refusal) throw fail(refusal);
      const mine = await manager.findOneBy(EventSignup, { eventId: id, userId: actor.id });
      if (!mine) throw fail({ code: 'EVENT_NOT_SIGNED_UP' });
      const removed = await manager.delete(EventSignup, { id: mine.id, status: mine.status });
      if (!removed.affected) throw refuse('CONFLICT');
      if (mine.status === 'signed_up') {
        const next = await manager.findOne(EventSignup, {
          where: { eventId: id, status: 'waitlisted' },
          order: { queueNo: 'ASC', id: 'ASC' },
        });
        if (next) {
          const promoted = await manager.update(
            EventSignup,
            { id: next.id, status: 'waitlisted' },
            { status: 'signed_up', promotedAt: now },
          );
          if (!promoted.affected) throw refuse('CONFLICT');
          await this.notifications.notify(manager, [next.userId], {
            communityId: event.communityId,
            kind: 'event_promoted',
            title: `候补成功：${event.title}`,
            body: `有邻居取消了报名，您已从候补转为正式报名。${shanghaiShortTime(event.startAt)} 在${event.place}，请准时参加。`,
            link: eventLink(id),
          });
        } else {
          await manager
            .createQueryBuilder()
            .update(CentreEvent)
            .set({ signedUp: () => 'signedUp - 1' })
            .where('id = :id AND signedUp > 0', { id })
            .execute();
        }
      }
      return this.view(manager, actor, await manager.findOneByOrFail(CentreEvent, { id }));
    });
  }

  // ---------- check-in, feedback, thanks ----------

  /**
   * The caller scanned a room's door code: their place at an event held in that room now (30 minutes before the
   * start until the end) is checked in. Null when there is none (the scan is then a booking check-in). Scanning again
   * keeps the first time.
   */
  async checkInAtDoor(resident: User, roomId: number): Promise<EventScanResponse | null> {
    const now = this.clock.now();
    return runTransaction(this.dataSource, async (manager) => {
      const events = await manager.find(CentreEvent, {
        where: {
          roomId,
          status: 'open',
          communityId: resident.communityId ?? -1,
          startAt: LessThanOrEqual(new Date(now.getTime() + EVENT_CHECKIN_EARLY_MINUTES * 60_000)),
          endAt: MoreThanOrEqual(now),
        },
        order: { startAt: 'ASC' },
      });
      for (const event of events.filter((e) => inCheckInWindow(e, now))) {
        const mine = await manager.findOneBy(EventSignup, {
          eventId: event.id,
          userId: resident.id,
          status: 'signed_up',
        });
        if (!mine) continue;
        await manager
          .createQueryBuilder()
          .update(EventSignup)
          .set({ checkedInAt: now })
          .where('id = :id AND checkedInAt IS NULL', { id: mine.id })
          .execute();
        return { kind: 'event_checkin' as const, event: await this.view(manager, resident, event) };
      }
      return null;
    });
  }

  async feedback(actor: User, id: number, body: EventFeedbackDto): Promise<EventView> {
    assertVerified(actor);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const event = await this.visible(manager, actor, id);
        const mine = await manager.findOneBy(EventSignup, { eventId: id, userId: actor.id });
        const refusal = checkFeedback(event, mine, this.clock.now());
        if (refusal) throw fail(refusal);
        await manager.insert(EventFeedback, {
          communityId: event.communityId,
          eventId: id,
          userId: actor.id,
          mood: body.mood,
          words: body.words?.trim() || null,
        });
        return this.view(manager, actor, event);
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('EVENT_FEEDBACK_GIVEN');
      throw error;
    }
  }

  async thanks(
    actor: User,
    id: number,
    body: EventThanksDto,
  ): Promise<{ id: number; toUserId: number; words: string; createdAt: string }> {
    assertVerified(actor);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const event = await this.visible(manager, actor, id);
        const attended = await manager.find(EventSignup, {
          select: { userId: true, checkedInAt: true },
          where: { eventId: id, status: 'signed_up' },
        });
        const attendees = new Set(attended.filter((s) => s.checkedInAt !== null).map((s) => s.userId));
        const refusal = checkThanks(event, actor.id, body.toUserId, attendees, this.clock.now());
        if (refusal) throw fail(refusal);
        const words = body.words.trim();
        const thanksId = (
          await manager.insert(EventThanks, {
            communityId: event.communityId,
            eventId: id,
            fromUserId: actor.id,
            toUserId: body.toUserId,
            words,
          })
        ).identifiers[0].id as number;
        await this.notifications.notify(manager, [body.toUserId], {
          communityId: event.communityId,
          kind: 'centre_thanks',
          title: `${actor.name ?? '一位邻居'} 感谢了您`,
          body: `「${event.title}」：${words}`,
          link: eventLink(id),
        });
        const row = await manager.findOneByOrFail(EventThanks, { id: thanksId });
        return { id: thanksId, toUserId: body.toUserId, words, createdAt: row.createdAt.toISOString() };
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('EVENT_THANKS_GIVEN');
      throw error;
    }
  }

  // ---------- helpers ----------

  /** The event's row first: sign-ups and cancels of one event take turns (a row write, which Galera also certifies). */
  private async takeTurn(manager: EntityManager, id: number): Promise<void> {
    const turn = await manager
      .createQueryBuilder()
      .update(CentreEvent)
      .set({ queueTurn: () => 'queueTurn + 1' })
      .where('id = :id', { id })
      .execute();
    if (!turn.affected) throw refuse('EVENT_NOT_FOUND');
  }

  /** Another community's event, or a members-only one shown to a non-member resident, is missing. */
  private async visible(manager: EntityManager, viewer: User, id: number): Promise<CentreEvent> {
    assertVerified(viewer);
    const event = await manager.findOneBy(CentreEvent, { id });
    if (!event) throw refuse('EVENT_NOT_FOUND');
    if (viewer.role !== 'admin' && event.communityId !== viewer.communityId) throw refuse('EVENT_NOT_FOUND');
    if (!isStaff(viewer) && event.membersOnly && event.groupId && event.organiserId !== viewer.id) {
      if ((await groupRoleOf(manager, event.groupId, viewer.id)) === null) throw refuse('EVENT_NOT_FOUND');
    }
    return event;
  }

  private async view(manager: EntityManager, viewer: User, event: CentreEvent): Promise<EventView> {
    return (await this.views(manager, viewer, [event]))[0];
  }

  private async views(manager: EntityManager, viewer: User, rows: CentreEvent[]): Promise<EventView[]> {
    if (!rows.length) return [];
    const ids = rows.map((e) => e.id);
    const [users, groups, mine, waitlisted, feedback] = await Promise.all([
      this.users(
        manager,
        rows.map((e) => e.organiserId),
      ),
      this.groupNames(
        manager,
        rows.map((e) => e.groupId).filter((g): g is number => g !== null),
      ),
      manager.findBy(EventSignup, { userId: viewer.id, eventId: In(ids) }),
      manager.find(EventSignup, {
        select: { eventId: true, queueNo: true },
        where: { eventId: In(ids), status: 'waitlisted' },
      }),
      manager.find(EventFeedback, { select: { eventId: true }, where: { userId: viewer.id, eventId: In(ids) } }),
    ]);
    const mineBy = new Map(mine.map((s) => [s.eventId, s]));
    const given = new Set(feedback.map((f) => f.eventId));
    return rows.map((e) => {
      const queue = waitlisted.filter((w) => w.eventId === e.id).map((w) => w.queueNo);
      const s = mineBy.get(e.id);
      const myView: EventMineView | null = s
        ? {
            status: s.status,
            waitlistPosition: s.status === 'waitlisted' ? waitlistPosition(s.queueNo, queue) : null,
            checkedInAt: s.checkedInAt?.toISOString() ?? null,
            feedbackGiven: given.has(e.id),
          }
        : null;
      return toEventView(e, {
        organiserName: users.get(e.organiserId)?.name ?? null,
        group: e.groupId ? { id: e.groupId, name: groups.get(e.groupId) ?? '' } : null,
        waitlisted: queue.length,
        mine: myView,
      });
    });
  }

  private async users(manager: EntityManager, ids: number[]): Promise<Map<number, User>> {
    const unique = [...new Set(ids)];
    return new Map((unique.length ? await manager.findBy(User, { id: In(unique) }) : []).map((u) => [u.id, u]));
  }

  private async groupNames(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    const rows = unique.length
      ? await manager.find(InterestGroup, { select: { id: true, name: true }, where: { id: In(unique) } })
      : [];
    return new Map(rows.map((g) => [g.id, g.name]));
  }
}
