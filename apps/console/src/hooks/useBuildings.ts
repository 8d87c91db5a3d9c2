import { useQuery } from '@tanstack/react-query';
import { fetchBuildings } from '../services/buildings';
import { useCommunityScope } from './useCommunityScope';

/**
 * Buildings of a community: staff always get their own; admins the given community,
 * by default the one chosen in the header.
 */
export function useBuildings(communityId?: number) {
  const scope = useCommunityScope();
  const targetId = communityId ?? scope.community?.id;
  // GET buildings names another community by its code, which admins know from the header's list.
  const code = scope.canSwitch ? scope.communities.find((community) => community.id === targetId)?.code : undefined;
  return useQuery({
    queryKey: ['buildings', scope.canSwitch ? (code ?? null) : 'own'] as const,
    queryFn: ({ signal }) => fetchBuildings({ community: code }, signal),
    enabled: scope.ready && (!scope.canSwitch || code !== undefined),
    staleTime: 10 * 60_000,
    select: (page) => page.items,
  });
}
