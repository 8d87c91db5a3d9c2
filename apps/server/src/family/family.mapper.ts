import { maskPhone, type FamilyBindingView, type FamilyPersonView } from '@linli/shared-types';
import type { Community } from '../tenancy/community.entity.js';
import type { User } from '../users/user.entity.js';
import type { FamilyBinding } from './family.entity.js';

export function toFamilyPersonView(user: User | undefined, community: Community | undefined): FamilyPersonView {
  return {
    id: user?.id ?? 0,
    name: user?.name ?? null,
    phone: maskPhone(user?.phone ?? null),
    communityName: community?.name ?? null,
  };
}

export function toFamilyBindingView(
  binding: FamilyBinding,
  people: Map<number, User>,
  communities: Map<number, Community>,
): FamilyBindingView {
  const person = (id: number) => {
    const user = people.get(id);
    return toFamilyPersonView(user, communities.get(user?.communityId ?? 0));
  };
  return {
    id: binding.id,
    relation: binding.relation,
    via: binding.via,
    elder: person(binding.elderId),
    member: person(binding.memberId),
    createdAt: binding.boundAt.toISOString(),
  };
}
