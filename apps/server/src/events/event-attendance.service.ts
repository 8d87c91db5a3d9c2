import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventScanResponse, EventView } from '@linli/shared-types';
import { DataSource, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import type { EventFeedbackDto, EventThanksDto } from './dto/events.dto.js';
import { assertVerified, eventLink, fail, visibleEvent } from './event-access.js';
import { eventView } from './event-views.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from './event.entity.js';
import { EVENT_CHECKIN_EARLY_MINUTES, checkFeedback, checkThanks, inCheckInWindow } from './events.rules.js';

/** After the start: check-in at the room's door code, the attendee's feedback, and thanks between attendees. */
@Injectable()
export class EventAttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

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
        return { kind: 'event_checkin' as const, event: await eventView(manager, resident, event) };
      }
      return null;
    });
  }

  async feedback(actor: User, id: number, body: EventFeedbackDto): Promise<EventView> {
    assertVerified(actor);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const event = await visibleEvent(manager, actor, id);
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
        return eventView(manager, actor, event);
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
        const event = await visibleEvent(manager, actor, id);
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
}
