import {
  everyPage,
  type CentreReport,
  type CentreReportQuery,
  type CreateEventRequest,
  type EventDetail,
  type EventQuery,
  type EventView,
  type GroupDetail,
  type GroupStatus,
  type GroupView,
  type Page,
} from '@linli/shared-types';
import { http, requestFile } from './http';

/* 活动中心 for staff: group approvals and quotas, community events, what the centre produces. */

export interface GroupListQuery {
  status?: GroupStatus;
  communityId?: number;
  cursor?: string;
}

export function fetchGroups(query: GroupListQuery, signal?: AbortSignal): Promise<Page<GroupView>> {
  return http.get<Page<GroupView>>('groups', { ...query, limit: 50 }, signal);
}

export function fetchGroup(groupId: number, signal?: AbortSignal): Promise<GroupDetail> {
  return http.get<GroupDetail>(`groups/${groupId}`, undefined, signal);
}

export function approveGroup(groupId: number): Promise<GroupView> {
  return http.post<GroupView>(`groups/${groupId}/approve`);
}

export function declineGroup(groupId: number, reason: string): Promise<GroupView> {
  return http.post<GroupView>(`groups/${groupId}/decline`, { reason });
}

/** The group's room minutes per ISO week (instead of the members' personal quotas). */
export function setGroupQuota(groupId: number, weeklyQuotaMinutes: number): Promise<GroupView> {
  return http.patch<GroupView>(`groups/${groupId}`, { weeklyQuotaMinutes });
}

/** GET events, every page of the window: a community's two or three months are at most a few hundred. */
export function fetchEvents(query: Omit<EventQuery, 'cursor' | 'limit'>, signal?: AbortSignal): Promise<EventView[]> {
  return everyPage((cursor) => http.get<Page<EventView>>('events', { ...query, cursor, limit: 100 }, signal));
}

export function fetchEvent(eventId: number, signal?: AbortSignal): Promise<EventDetail> {
  return http.get<EventDetail>(`events/${eventId}`, undefined, signal);
}

export function createEvent(body: CreateEventRequest): Promise<EventView> {
  return http.post<EventView>('events', body);
}

/** Calls an event off before it starts; everyone signed up or waitlisted gets the reason in the inbox. */
export function cancelEvent(eventId: number, reason: string): Promise<EventView> {
  return http.post<EventView>(`events/${eventId}/cancel`, { reason });
}

export function fetchCentreReport(query: CentreReportQuery, signal?: AbortSignal): Promise<CentreReport> {
  return http.get<CentreReport>('centre/report', { ...query }, signal);
}

/** The server's CSV of the same report (UTF-8 with BOM, for Excel). */
export function fetchCentreReportCsv(query: CentreReportQuery): Promise<Blob> {
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();
  return requestFile(`centre/report.csv${search ? `?${search}` : ''}`, 'text/csv');
}
