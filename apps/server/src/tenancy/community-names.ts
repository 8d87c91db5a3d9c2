import type { Page } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { Community } from './community.entity.js';

/**
 * A staff list page with each item's community name added, looked up in one query for the whole page: the
 * street-wide console shows a 社区 column.
 */
export async function withCommunityNames<T extends { communityId: number | null }>(
  manager: EntityManager,
  page: Page<T>,
): Promise<Page<T & { communityName: string }>> {
  const ids = [...new Set(page.items.map((item) => item.communityId).filter((id): id is number => id !== null))];
  const communities = ids.length
    ? await manager.find(Community, { select: { id: true, name: true }, where: { id: In(ids) } })
    : [];
  const names = new Map(communities.map((c) => [c.id, c.name]));
  return {
    ...page,
    items: page.items.map((item) => ({ ...item, communityName: names.get(item.communityId ?? 0) ?? '' })),
  };
}
