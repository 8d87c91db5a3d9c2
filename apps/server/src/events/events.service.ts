import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiShortTime, type EventView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Booking } from '../bookings/booking.entity.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { runTransaction } from '../database/transaction.js';
import { groupRoleOf, visibleGroup } from '../groups/group-access.js';
import { GroupMember } from '../groups/group.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Room } from '../rooms/room.entity.js';
import type { User } from '../users/user.entity.js';
import type { CancelEventDto, CreateEventDto } from './dto/events.dto.js';
import { assertVerified, eventLink, fail, isStaff, takeEventTurn, visibleEvent } from './event-access.js';
import { eventView } from './event-views.js';
import { CentreEvent, EventSignup } from './event.entity.js';
import { checkCancelEvent, checkCreate, checkEventBooking, checkEventTimes } from './events.rules.js';

/** An event's life: staff or a group's leader create it, and may call it off before it starts. */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
      return eventView(manager, actor, await manager.findOneByOrFail(CentreEvent, { id }));
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
      await takeEventTurn(manager, id);
      const event = await visibleEvent(manager, actor, id);
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
      return eventView(manager, actor, await manager.findOneByOrFail(CentreEvent, { id }));
    });
  }
}
