import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditEntryView, Page } from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { User } from '../users/user.entity.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  actor: Pick<User, 'id'>;
  communityId: number | null;
  /** One of the codes in shared-types auditActionLabels, so every entry has its words. */
  action: AuditAction;
  targetType: string;
  targetId: string | number | null;
  summary: string;
  /** The resident the actor acted for (亲情代办, 窗口代办). */
  onBehalfOf?: Pick<User, 'id'> | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Write inside the caller's transaction, so the action and its record stand or fall together. */
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, {
      communityId: entry.communityId,
      actorId: entry.actor.id,
      onBehalfOfId: entry.onBehalfOf?.id ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === null ? null : String(entry.targetId),
      summary: entry.summary.slice(0, 500),
    });
  }

  async list(
    viewer: User,
    query: { communityId?: number; cursor?: string; limit?: number },
  ): Promise<Page<AuditEntryView>> {
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(limit + 1);
    if (scope !== null) qb.andWhere('a.communityId = :scope', { scope });
    if (before) qb.andWhere('a.id < :before', { before });
    const rows = await qb.getMany();
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
    const actors = actorIds.length ? await this.dataSource.getRepository(User).findBy({ id: In(actorIds) }) : [];
    const byId = new Map(actors.map((u) => [u.id, u]));
    return pageByDescendingId(rows, limit, (row) => {
      const actor = row.actorId ? byId.get(row.actorId) : undefined;
      return {
        id: row.id,
        communityId: row.communityId,
        actor: actor ? { id: actor.id, name: actor.name, role: actor.role } : null,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        summary: row.summary,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }
}
