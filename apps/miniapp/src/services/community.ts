import type { BuildingView, CommunityView, Page } from '@linli/shared-types';
import { http } from './http';

export function listCommunities(): Promise<Page<CommunityView>> {
  return http.get<Page<CommunityView>>('communities');
}

/** Buildings of the caller's community, or of `communityCode` when not logged in. */
export function listBuildings(communityCode?: string): Promise<Page<BuildingView>> {
  return http.get<Page<BuildingView>>('buildings', { community: communityCode });
}
