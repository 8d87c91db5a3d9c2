import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiShortTime, type EventSignupResponse, type EventView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { groupRoleOf } from '../groups/group-access.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import { assertVerified, eventLink, fail, isStaff, takeEventTurn, visibleEvent } from './event-access.js';
import { eventView } from './event-views.js';
import { CentreEvent, EventSignup } from './event.entity.js';
import { checkCancelSignup, checkSignup, placeFor } from './events.rules.js';

/** Residents sign up for a place or the waitlist, and cancel (the place goes to the first waiting). */
@Injectable()
export class EventSignupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * A place while there is one, else the waitlist. The event's row is written first (queueTurn + 1): sign-ups and
   * cancels of one event take turns, and the bumped turn is the sign-up's queue number, so the waitlist keeps arrival order.
   */
  async signup(actor: User, id: number): Promise<EventSignupResponse> {
    assertVerified(actor);
    if (isStaff(actor)) throw refuse('FORBIDDEN');
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        await takeEventTurn(manager, id);
        const event = await visibleEvent(manager, actor, id);
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
        const view = await eventView(manager, actor, fresh);
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
      await takeEventTurn(manager, id);
      const event = await visibleEvent(manager, actor, id);
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
      return eventView(manager, actor, await manager.findOneByOrFail(CentreEvent, { id }));
    });
  }
}
