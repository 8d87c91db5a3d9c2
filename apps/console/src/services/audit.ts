import type { AuditEntryView, Page } from '@linli/shared-types';
import { http } from './http';

/** Not in shared-types yet: the query of GET audit as documented in docs/api-foundation.md. */
export interface AuditQuery {
  communityId?: number;
  cursor?: string;
}

export function fetchAuditEntries(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntryView>> {
  return http.get<Page<AuditEntryView>>('audit', { ...query }, signal);
}
