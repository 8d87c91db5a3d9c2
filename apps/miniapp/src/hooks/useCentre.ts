import {
  shanghaiDate,
  type CreateEventRequest,
  type CreateGroupRequest,
  type EventDetail,
  type EventFeedbackRequest,
  type EventThanksRequest,
  type EventView,
  type GroupBookingRequest,
  type GroupDetail,
  type GroupNoticeRequest,
  type GroupView,
} from '@linli/shared-types';
import {
  addGroupLeader,
  bookForGroup,
  cancelEvent,
  cancelEventSignup,
  createEvent,
  getEvent,
  getGroup,
  giveEventFeedback,
  joinGroup,
  leaveGroup,
  listEvents,
  listGroups,
  listMyGroups,
  postGroupNotice,
  proposeGroup,
  signUpForEvent,
  scanAtEvent,
  thankAtEvent,
} from '../services/centre';
import { platformScanner } from '../platform/scan';
import { usePagedList, type PagedList } from './usePagedList';
import { useAction } from './useAction';
import { useRemoteData, type RemoteData } from './useRemoteData';

const DAY_MS = 24 * 3_600_000;

/** All groups a resident may see: the community's approved ones and their own proposals. */
export function useGroups(enabled: boolean): PagedList<GroupView> {
  return usePagedList(listGroups, 'groups', (group) => group.id, enabled);
}

export function useGroupDetail(id: number | null): RemoteData<GroupDetail> {
  return useRemoteData(() => getGroup(id!), String(id), id !== null);
}

/** The community's events from `days` ago until two months ahead, soonest first. */
export function useEvents(enabled: boolean, groupId?: number): RemoteData<EventView[]> {
  return useRemoteData(
    async () => {
      const now = Date.now();
      return listEvents({
        groupId,
        from: shanghaiDate(new Date(now - 8 * DAY_MS)),
        to: shanghaiDate(new Date(now + 60 * DAY_MS)),
      });
    },
    `events:${groupId ?? 'all'}`,
    enabled,
  );
}

export function useEventDetail(id: number | null): RemoteData<EventDetail> {
  return useRemoteData(() => getEvent(id!), String(id), id !== null);
}

/** One line of 本周活动中心: an event, or a meeting (room booking) of one of my groups. */
export interface WeekEntry {
  key: string;
  kind: 'event' | 'meeting';
  id: number;
  title: string;
  place: string;
  startAt: string;
  endAt: string;
  groupName: string | null;
  /** The event, for its sign-up state. */
  event: EventView | null;
}

export interface CentreWeek {
  entries: WeekEntry[];
  myGroups: GroupView[];
}

/** 本周活动中心: the next seven days' events and my groups' meetings, and my groups. */
export function useCentreWeek(enabled: boolean): RemoteData<CentreWeek> {
  return useRemoteData(
    async () => {
      const now = new Date();
      const until = new Date(now.getTime() + 7 * DAY_MS);
      const [events, mine] = await Promise.all([
        listEvents({ from: shanghaiDate(now), to: shanghaiDate(until) }),
        listMyGroups(),
      ]);
      const approved = mine.items.filter((group) => group.status === 'approved');
      const details = await Promise.all(approved.map((group) => getGroup(group.id)));
      const entries: WeekEntry[] = events
        .filter((event) => event.status === 'open' && new Date(event.endAt) > now)
        .map((event) => ({
          key: `event-${event.id}`,
          kind: 'event',
          id: event.id,
          title: event.title,
          place: event.place,
          startAt: event.startAt,
          endAt: event.endAt,
          groupName: event.group?.name ?? null,
          event,
        }));
      for (const group of details) {
        for (const entry of group.calendar) {
          const end = new Date(entry.endAt);
          if (entry.kind !== 'booking' || end <= now || new Date(entry.startAt) >= until) continue;
          entries.push({
            key: `meeting-${entry.id}`,
            kind: 'meeting',
            id: group.id,
            title: entry.title,
            place: entry.place,
            startAt: entry.startAt,
            endAt: entry.endAt,
            groupName: group.name,
            event: null,
          });
        }
      }
      entries.sort((a, b) => a.startAt.localeCompare(b.startAt) || a.key.localeCompare(b.key));
      return { entries, myGroups: mine.items };
    },
    'week',
    enabled,
  );
}

export const useProposeGroup = () => useAction((body: CreateGroupRequest) => proposeGroup(body));
export const useJoinGroup = () => useAction((id: number) => joinGroup(id));
export const useLeaveGroup = () => useAction((id: number) => leaveGroup(id));
export const usePostGroupNotice = () => useAction((id: number, body: GroupNoticeRequest) => postGroupNotice(id, body));
export const useBookForGroup = () => useAction((id: number, body: GroupBookingRequest) => bookForGroup(id, body));
export const useAddGroupLeader = () => useAction((id: number, userId: number) => addGroupLeader(id, userId));
export const useCreateEvent = () => useAction((body: CreateEventRequest) => createEvent(body));
export const useSignUpForEvent = () => useAction((id: number) => signUpForEvent(id));
export const useCancelEventSignup = () => useAction((id: number) => cancelEventSignup(id));
export const useCancelEvent = () => useAction((id: number, reason: string) => cancelEvent(id, reason));
export const useEventFeedback = () =>
  useAction((id: number, body: EventFeedbackRequest) => giveEventFeedback(id, body));
export const useThankAtEvent = () => useAction((id: number, body: EventThanksRequest) => thankAtEvent(id, body));

/** 扫码签到: the room's door code, from 30 minutes before the start until the end. Resolves the Chinese outcome. */
export function useEventCheckIn() {
  return useAction(async (): Promise<string | null> => {
    const code = await platformScanner.scan({ hint: '请扫描活动室门上的二维码' });
    if (!code) return null;
    const result = await scanAtEvent(code.trim());
    return result.kind === 'event_checkin' ? `签到成功：${result.event.title}` : '已签到';
  });
}
