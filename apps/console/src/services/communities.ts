import type { CommunityView, Page } from '@linli/shared-types';
import { http } from './http';

export function fetchCommunities(signal?: AbortSignal): Promise<Page<CommunityView>> {
  return http.get<Page<CommunityView>>('communities', undefined, signal);
}
