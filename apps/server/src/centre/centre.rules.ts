import {
  groupKinds,
  moods,
  type CentreReportWeek,
  type GroupKind,
  type Mood,
  shanghaiDate,
  shanghaiWeekStart,
} from '@linli/shared-types';

/** What the centre produces (PRODUCT.md "Life in the activity centre"): pure aggregation over loaded facts. */

const DAY = 86_400_000;
/** The longest report: a year of weeks. */
export const REPORT_MAX_WEEKS = 53;

/** The Mondays of the weeks that [from, to) touches; null when the range is empty or longer than a year. */
export function reportWeeks(from: Date, to: Date): Date[] | null {
  if (to.getTime() <= from.getTime()) return null;
  const weeks: Date[] = [];
  for (let t = shanghaiWeekStart(from).getTime(); t < to.getTime(); t += 7 * DAY) weeks.push(new Date(t));
  return weeks.length <= REPORT_MAX_WEEKS ? weeks : null;
}

/** People together at one moment: an event's attendees, or a group as a new member joins it. */
export interface Encounter {
  at: Date;
  people: number[];
}

/**
 * Who met someone new, and when: walking the encounters in time order, a person meets someone new at the first
 * encounter they share with another person they had shared none with before.
 */
export function firstMeetings(encounters: Encounter[]): Array<{ at: Date; userId: number }> {
  const met = new Set<string>();
  const result: Array<{ at: Date; userId: number }> = [];
  const ordered = [...encounters].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { at, people } of ordered) {
    const unique = [...new Set(people)];
    const newcomers = new Set<number>();
    for (let i = 0; i < unique.length; i++)
      for (let j = i + 1; j < unique.length; j++) {
        const [a, b] = unique[i] < unique[j] ? [unique[i], unique[j]] : [unique[j], unique[i]];
        const key = `${a}:${b}`;
        if (met.has(key)) continue;
        met.add(key);
        newcomers.add(a);
        newcomers.add(b);
      }
    for (const userId of [...newcomers].sort((x, y) => x - y)) result.push({ at, userId });
  }
  return result;
}

/** A group's joins as encounters: each new member meets everyone who joined before (and is still a member). */
export function groupEncounters(members: Array<{ userId: number; joinedAt: Date }>): Encounter[] {
  const ordered = [...members].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  return ordered.map((m, i) => ({ at: m.joinedAt, people: ordered.slice(0, i + 1).map((x) => x.userId) }));
}

export interface ReportFacts {
  events: Array<{
    id: number;
    kind: GroupKind;
    startAt: Date;
    groupId: number | null;
    signedUp: number;
    attendees: number[];
  }>;
  feedback: Array<{ eventId: number; mood: Mood }>;
  thanks: Array<{ createdAt: Date }>;
  bookings: Array<{ startAt: Date; minutes: number; groupId: number | null; staffBooking: boolean; userId: number }>;
  meetings: Array<{ at: Date; userId: number }>;
  /** groupId → its members' ids. */
  groupMembers: Map<number, Set<number>>;
}

const emptyKinds = (): Record<GroupKind, number> =>
  Object.fromEntries(groupKinds.map((k) => [k, 0])) as Record<GroupKind, number>;
const emptyMoods = (): Record<Mood, number> => Object.fromEntries(moods.map((m) => [m, 0])) as Record<Mood, number>;

/** Active group members of a set of events and bookings: members who came to their group's event or booked for it. */
function activeMembers(
  events: ReportFacts['events'],
  bookings: ReportFacts['bookings'],
  groupMembers: ReportFacts['groupMembers'],
): Set<number> {
  const active = new Set<number>();
  for (const e of events) {
    if (e.groupId === null) continue;
    const members = groupMembers.get(e.groupId);
    for (const u of e.attendees) if (members?.has(u)) active.add(u);
  }
  for (const b of bookings) if (b.groupId !== null && groupMembers.get(b.groupId)?.has(b.userId)) active.add(b.userId);
  return active;
}

/** Per week, and the range's totals (people counted once over the range). */
export function buildReport(
  weeks: Date[],
  facts: ReportFacts,
): { weeks: CentreReportWeek[]; totals: Omit<CentreReportWeek, 'week'> } {
  const inWeek = (start: Date) => (t: Date) =>
    t.getTime() >= start.getTime() && t.getTime() < start.getTime() + 7 * DAY;
  const moodOf = new Map<number, Mood[]>();
  for (const f of facts.feedback) moodOf.set(f.eventId, [...(moodOf.get(f.eventId) ?? []), f.mood]);
  const summarise = (within: (t: Date) => boolean) => {
    const events = facts.events.filter((e) => within(e.startAt));
    const bookings = facts.bookings.filter((b) => within(b.startAt));
    const eventsByKind = emptyKinds();
    const feedback = emptyMoods();
    for (const e of events) {
      eventsByKind[e.kind]++;
      for (const m of moodOf.get(e.id) ?? []) feedback[m]++;
    }
    const minutes = (pick: (b: ReportFacts['bookings'][number]) => boolean) =>
      bookings.filter(pick).reduce((sum, b) => sum + b.minutes, 0);
    return {
      events: events.length,
      eventsByKind,
      signedUp: events.reduce((sum, e) => sum + e.signedUp, 0),
      attended: events.reduce((sum, e) => sum + e.attendees.length, 0),
      metSomeoneNew: new Set(facts.meetings.filter((m) => within(m.at)).map((m) => m.userId)).size,
      activeGroupMembers: activeMembers(events, bookings, facts.groupMembers).size,
      feedback,
      thanks: facts.thanks.filter((t) => within(t.createdAt)).length,
      groupRoomMinutes: minutes((b) => b.groupId !== null),
      individualRoomMinutes: minutes((b) => b.groupId === null && !b.staffBooking),
      staffRoomMinutes: minutes((b) => b.groupId === null && b.staffBooking),
    };
  };
  const first = weeks[0];
  const end = weeks.length ? new Date(weeks[weeks.length - 1].getTime() + 7 * DAY) : first;
  return {
    weeks: weeks.map((w) => ({ week: shanghaiDate(w), ...summarise(inWeek(w)) })),
    totals: summarise((t) => !!first && t.getTime() >= first.getTime() && t.getTime() < end.getTime()),
  };
}
