import { useContext } from 'react';
import { CommunityScopeContext, type CommunityScope } from '../session/community-scope';

export function useCommunityScope(): CommunityScope {
  const scope = useContext(CommunityScopeContext);
  if (!scope) throw new Error('useCommunityScope must be used inside CommunityScopeProvider');
  return scope;
}
