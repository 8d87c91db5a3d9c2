import type { CommunityView, UserView } from '@linli/shared-types';
import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useCommunities } from '../hooks/useCommunities';

const SELECTED_COMMUNITY_KEY = 'linli.console.communityId';

export interface CommunityScope {
  /** Sent as `communityId` to staff list endpoints; undefined for staff, who are fixed to their own community. */
  communityId: number | undefined;
  /** The community whose data the console shows. */
  community: CommunityView | null;
  /** Communities an admin may switch between; empty for staff. */
  communities: CommunityView[];
  canSwitch: boolean;
  /** False while an admin's communities are still loading: scoped queries wait. */
  ready: boolean;
  selectCommunity: (communityId: number) => void;
}

export const CommunityScopeContext = createContext<CommunityScope | null>(null);

function readStoredCommunityId(): number | undefined {
  const stored = Number(localStorage.getItem(SELECTED_COMMUNITY_KEY));
  return Number.isInteger(stored) && stored > 0 ? stored : undefined;
}

export function CommunityScopeProvider({ user, children }: { user: UserView; children: ReactNode }) {
  const isAdmin = user.role === 'admin';
  const communitiesQuery = useCommunities(isAdmin);
  const communities = useMemo(() => communitiesQuery.data ?? [], [communitiesQuery.data]);
  const [selectedId, setSelectedId] = useState<number | undefined>(() =>
    isAdmin ? (readStoredCommunityId() ?? user.community?.id) : undefined,
  );

  // A remembered community that no longer exists falls back to the admin's own or the first one.
  useEffect(() => {
    if (!isAdmin || communities.length === 0) return;
    if (selectedId !== undefined && communities.some((c) => c.id === selectedId)) return;
    const fallback = communities.find((c) => c.id === user.community?.id) ?? communities[0];
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restored to the browser-tested version: the keyed/derived rewrite failed tests/console.e2e-spec.ts (see #12 note)
    setSelectedId(fallback.id);
  }, [isAdmin, communities, selectedId, user.community?.id]);

  const selectCommunity = useCallback((communityId: number) => {
    localStorage.setItem(SELECTED_COMMUNITY_KEY, String(communityId));
    setSelectedId(communityId);
  }, []);

  const scope = useMemo<CommunityScope>(() => {
    if (!isAdmin) {
      return {
        communityId: undefined,
        community: user.community,
        communities: [],
        canSwitch: false,
        ready: true,
        selectCommunity,
      };
    }
    const community = communities.find((c) => c.id === selectedId) ?? null;
    return {
      communityId: community?.id,
      community,
      communities,
      canSwitch: true,
      // If the list cannot load, fall back to the server's default scope rather than waiting forever.
      ready: community !== null || communitiesQuery.isError,
      selectCommunity,
    };
  }, [isAdmin, user.community, communities, selectedId, communitiesQuery.isError, selectCommunity]);

  return <CommunityScopeContext.Provider value={scope}>{children}</CommunityScopeContext.Provider>;
}
