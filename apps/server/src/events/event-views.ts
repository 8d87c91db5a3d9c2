import type { EventMineView, EventView } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { InterestGroup } from '../groups/group.entity.js';
import type { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import { EventFeedback, EventSignup, type CentreEvent } from './event.entity.js';
import { toEventView } from './events.mapper.js';
import { waitlistPosition } from './events.rules.js';

export async function eventView(manager: EntityManager, viewer: User, event: CentreEvent): Promise<EventView> {
  return (await eventViews(manager, viewer, [event]))[0];
}

/** The events as one viewer sees them: organiser, group, waitlist length and the viewer's own place. */
export async function eventViews(manager: EntityManager, viewer: User, rows: CentreEvent[]): Promise<EventView[]> {
  if (!rows.length) return [];
  const ids = rows.map((e) => e.id);
  const [users, groups, mine, waitlisted, feedback] = await Promise.all([
    usersById(
      manager,
      rows.map((e) => e.organiserId),
    ),
    groupNames(
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

async function groupNames(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await manager.find(InterestGroup, { select: { id: true, name: true }, where: { id: In(unique) } })
    : [];
  return new Map(rows.map((g) => [g.id, g.name]));
}
