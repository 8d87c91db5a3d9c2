import type { Page, ResidentListItem, ResidentQuery, SetVolunteerRequest } from '@linli/shared-types';
import { http } from './http';

export function fetchResidents(query: ResidentQuery, signal?: AbortSignal): Promise<Page<ResidentListItem>> {
  return http.get<Page<ResidentListItem>>('residents', { ...query }, signal);
}

export function verifyResident(residentId: number): Promise<ResidentListItem> {
  return http.post<ResidentListItem>(`residents/${residentId}/verify`);
}

export function setResidentVolunteer(residentId: number, volunteer: boolean): Promise<ResidentListItem> {
  const body: SetVolunteerRequest = { volunteer };
  return http.post<ResidentListItem>(`residents/${residentId}/volunteer`, body);
}
