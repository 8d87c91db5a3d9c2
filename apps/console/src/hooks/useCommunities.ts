import { useQuery } from '@tanstack/react-query';
import { fetchCommunities } from '../services/communities';

export function useCommunities(enabled: boolean) {
  return useQuery({
    queryKey: ['communities'],
    queryFn: ({ signal }) => fetchCommunities(signal),
    enabled,
    staleTime: 30 * 60_000,
    select: (page) => page.items,
  });
}
