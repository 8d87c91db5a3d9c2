import type { BuildingView, CommunityView } from '@linli/shared-types';
import { listBuildings, listCommunities } from '../services/community';
import { useRemoteData, type RemoteData } from './useRemoteData';

export function useCommunities(): RemoteData<CommunityView[]> {
  return useRemoteData(async () => (await listCommunities()).items, 'communities');
}

/** Buildings of the logged-in user's community (`enabled` false until there is a session). */
export function useBuildings(enabled: boolean): RemoteData<BuildingView[]> {
  return useRemoteData(async () => (await listBuildings()).items, 'buildings', enabled);
}
