import type { Role } from '@linli/shared-types';

/**
 * Who is making a request, as far as the layer below the features needs to know: the auth guard puts the
 * logged-in user on the request, and `common/` reads only these fields of it (never the users/ entity).
 */
export interface Actor {
  id: number;
  role: Role;
  communityId: number | null;
}
