import type {
  Page,
  ResidentListItem,
  ResidentQuery,
  RevealedPhone,
  RevealPhoneRequest,
  SetVolunteerRequest,
} from '@linli/shared-types';
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

/** One full number, written to the audit log with where staff needed it. */
export function revealResidentPhone(residentId: number, purpose: string): Promise<RevealedPhone> {
  const body: RevealPhoneRequest = { purpose };
  return http.post<RevealedPhone>(`residents/${residentId}/phone`, body);
}
