import type { CommunityView, UserView } from '@linli/shared-types';
import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useCommunities } from '../hooks/useCommunities';

const SELECTED_COMMUNITY_KEY = 'linli.console.communityId';
/** Stored instead of a community id when an admin looks at the whole street. */
const STREET_WIDE = 'street';

export interface CommunityScope {
  /**
   * Sent as `communityId` to staff list endpoints; undefined for staff, who are fixed to their own community, and
   * for an admin looking at the whole street.
   */
  communityId: number | undefined;
  /** The community whose data the console shows; null when an admin looks at the whole street. */
  community: CommunityView | null;
  /** An admin chose 全街道: lists show every community with a 社区 column; writes must name a community. */
  streetWide: boolean;
  /** Communities an admin may switch between; empty for staff. */
  communities: CommunityView[];
  canSwitch: boolean;
  /** False while an admin's communities are still loading: scoped queries wait. */
  ready: boolean;
  /** A community, or null for the whole street (admins). */
  selectCommunity: (communityId: number | null) => void;
}

export const CommunityScopeContext = createContext<CommunityScope | null>(null);

function readStoredCommunityId(): number | null | undefined {
  const raw = localStorage.getItem(SELECTED_COMMUNITY_KEY);
  if (raw === STREET_WIDE) return null;
  const stored = Number(raw);
  return Number.isInteger(stored) && stored > 0 ? stored : undefined;
}

export function CommunityScopeProvider({ user, children }: { user: UserView; children: ReactNode }) {
  const isAdmin = user.role === 'admin';
  const communitiesQuery = useCommunities(isAdmin);
  const communities = useMemo(() => communitiesQuery.data ?? [], [communitiesQuery.data]);
  // null = the whole street.
  const [selectedId, setSelectedId] = useState<number | null | undefined>(() => {
    if (!isAdmin) return undefined;
    const stored = readStoredCommunityId();
    return stored === undefined ? user.community?.id : stored;
  });

  // A remembered community that no longer exists falls back to the admin's own or the first one.
  useEffect(() => {
    if (!isAdmin || communities.length === 0 || selectedId === null) return;
    if (selectedId !== undefined && communities.some((c) => c.id === selectedId)) return;
    const fallback = communities.find((c) => c.id === user.community?.id) ?? communities[0];
    setSelectedId(fallback.id);
  }, [isAdmin, communities, selectedId, user.community?.id]);

  const selectCommunity = useCallback((communityId: number | null) => {
    localStorage.setItem(SELECTED_COMMUNITY_KEY, communityId === null ? STREET_WIDE : String(communityId));
    setSelectedId(communityId);
  }, []);

  const scope = useMemo<CommunityScope>(() => {
    if (!isAdmin) {
      return {
        communityId: undefined,
        community: user.community,
        streetWide: false,
        communities: [],
        canSwitch: false,
        ready: true,
        selectCommunity,
      };
    }
    if (selectedId === null) {
      return {
        communityId: undefined,
        community: null,
        streetWide: true,
        communities,
        canSwitch: true,
        ready: true,
        selectCommunity,
      };
    }
    const community = communities.find((c) => c.id === selectedId) ?? null;
    return {
      communityId: community?.id,
      community,
      streetWide: false,
      communities,
      canSwitch: true,
      // If the list cannot load, fall back to the server's default scope rather than waiting forever.
      ready: community !== null || communitiesQuery.isError,
      selectCommunity,
    };
  }, [isAdmin, user.community, communities, selectedId, communitiesQuery.isError, selectCommunity]);

  return <CommunityScopeContext.Provider value={scope}>{children}</CommunityScopeContext.Provider>;
}
