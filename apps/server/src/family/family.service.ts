import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_FAMILY_RELATION,
  type DeskFamilyBindRequest,
  type FamilyBindingView,
  type FamilyBindRequest,
  type FamilyCodeResponse,
  type FamilyRelation,
  type MyFamilyResponse,
  type Refusal,
} from '@linli/shared-types';
import { DataSource, In, IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import { RawReads } from '../database/raw-reads.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import { FamilyBinding, FamilyCode } from './family.entity.js';
import { toFamilyBindingView } from './family.mapper.js';
import {
  checkBindByCode,
  checkCodeCreation,
  checkDeskBinding,
  checkExistingBinding,
  checkRevocation,
  familyCodeExpiry,
  familyCodeOf,
} from './family.rules.js';

const refuseIf = (refusal: Refusal | null): void => {
  if (refusal) throw refuse(refusal.code);
};

/** One indexed read per proxied request (the auth guard): is this member bound to this elder right now? */
const ACTIVE_BINDING_SQL =
  "SELECT relation FROM family_bindings WHERE memberId = ? AND elderId = ? AND status = 'active'";

@Injectable()
export class FamilyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly raw: RawReads,
  ) {}

  /** A fresh 6-digit code; a code taken by someone else in the last minutes is drawn again. */
  async createCode(elder: User): Promise<FamilyCodeResponse> {
    refuseIf(checkCodeCreation(elder));
    for (let attempt = 1; ; attempt++) {
      try {
        return await runTransaction(this.dataSource, async (manager) => {
          const now = this.clock.now();
          // Codes expired before now are of no use (an expired code is answered as unknown from then on).
          await manager.delete(FamilyCode, { expiresAt: LessThan(now) });
          const row = {
            code: familyCodeOf(randomInt(0, 1_000_000)),
            elderId: elder.id,
            expiresAt: familyCodeExpiry(now),
          };
          await manager.insert(FamilyCode, { ...row, usedAt: null, usedById: null });
          return { code: row.code, expiresAt: row.expiresAt.toISOString() };
        });
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= 8) throw error;
      }
    }
  }

  async bindByCode(member: User, body: FamilyBindRequest): Promise<FamilyBindingView> {
    const relation = body.relation ?? DEFAULT_FAMILY_RELATION;
    return this.guardPair(() =>
      runTransaction(this.dataSource, async (manager) => {
        const now = this.clock.now();
        const code = await manager.findOneBy(FamilyCode, { code: body.code });
        const elder = code ? await manager.findOneBy(User, { id: code.elderId }) : null;
        refuseIf(checkBindByCode(code, elder, member, now));
        // One use only: of two members entering the same code at once, one wins this update.
        const used = await manager.update(
          FamilyCode,
          { id: code!.id, usedAt: IsNull(), expiresAt: MoreThan(now) },
          { usedAt: now, usedById: member.id },
        );
        if (!used.affected) throw refuse('FAMILY_CODE_USED');
        const binding = await this.bind(manager, elder!, member, relation, 'code', member.id);
        await this.notifications.notify(manager, [elder!.id], {
          communityId: elder!.communityId,
          kind: 'family_binding',
          title: '亲情代办已绑定',
          body: `${relation} ${member.name ?? ''} 用您的绑定码绑定了亲情代办，可为您预约、报名、查看通知和余额。不是您本人操作？请在“我的-亲情代办”中解除。`,
          link: '/packages/family/pages/index/index',
        });
        return this.view(manager, binding);
      }),
    );
  }

  /** Staff at the desk bind a family member (by the phone of their account) to a resident of their community. */
  async bindAtDesk(staff: User, elderId: number, body: DeskFamilyBindRequest): Promise<FamilyBindingView> {
    const relation = body.relation ?? DEFAULT_FAMILY_RELATION;
    return this.guardPair(() =>
      runTransaction(this.dataSource, async (manager) => {
        const elder = await manager.findOneBy(User, { id: elderId });
        assertInCommunity(staff, elder);
        // A phone may have an account in several communities of the street: the elder's own community first.
        const candidates = await manager.find(User, {
          where: { phone: body.phone, role: 'resident', status: 'verified' },
          order: { id: 'ASC' },
        });
        const member = candidates.find((u) => u.communityId === elder.communityId) ?? candidates[0] ?? null;
        refuseIf(checkDeskBinding(elder, member));
        const binding = await this.bind(manager, elder, member, relation, 'desk', staff.id);
        await this.audit.record(manager, {
          actor: staff,
          communityId: elder.communityId,
          action: 'family.bind',
          targetType: 'user',
          targetId: elder.id,
          summary: `窗口绑定亲情代办：${member.name ?? member.id}（${relation}）为 ${elder.name ?? elder.id} 代办`,
        });
        await this.notifications.notify(manager, [elder.id, member.id], {
          communityId: elder.communityId,
          kind: 'family_binding',
          title: '亲情代办已绑定',
          body: `社区工作人员为 ${elder.name ?? ''} 绑定了亲情代办：${relation} ${member.name ?? ''}。可在“我的-亲情代办”中查看或解除。`,
          link: '/packages/family/pages/index/index',
        });
        return this.view(manager, binding);
      }),
    );
  }

  async mine(user: User): Promise<MyFamilyResponse> {
    const manager = this.dataSource.manager;
    const rows = await manager.find(FamilyBinding, {
      where: [
        { elderId: user.id, status: 'active' },
        { memberId: user.id, status: 'active' },
      ],
      order: { id: 'ASC' },
    });
    const views = await this.views(manager, rows);
    return {
      members: views.filter((_v, i) => rows[i].elderId === user.id),
      elders: views.filter((_v, i) => rows[i].memberId === user.id),
    };
  }

  /** Either side ends a binding; the next proxied request of the member is refused (the guard reads it afresh). */
  revoke(user: User, id: number): Promise<void> {
    return runTransaction(this.dataSource, async (manager) => {
      const binding = await manager.findOneBy(FamilyBinding, { id });
      refuseIf(checkRevocation(binding, user.id));
      const result = await manager.update(
        FamilyBinding,
        { id, status: 'active' },
        { status: 'revoked', revokedAt: this.clock.now(), revokedById: user.id },
      );
      if (!result.affected) throw refuse('FAMILY_BINDING_NOT_FOUND');
      const other = binding!.elderId === user.id ? binding!.memberId : binding!.elderId;
      await this.notifications.notify(manager, [other], {
        communityId: null,
        kind: 'family_binding',
        title: '亲情代办已解除',
        body: `${user.name ?? ''} 解除了亲情代办（${binding!.relation}）。`,
        link: '/packages/family/pages/index/index',
      });
    });
  }

  /** The relation under which `memberId` may act for `elderId` now, or null. */
  async activeRelation(memberId: number, elderId: number): Promise<FamilyRelation | null> {
    const [row] = await this.raw.rows<{ relation: FamilyRelation }>(ACTIVE_BINDING_SQL, [memberId, elderId]);
    return row?.relation ?? null;
  }

  /** Insert the pair, or revive its revoked row; an active pair is refused. Both hold by the unique pair key. */
  private async bind(
    manager: EntityManager,
    elder: User,
    member: User,
    relation: FamilyRelation,
    via: 'code' | 'desk',
    createdById: number,
  ): Promise<FamilyBinding> {
    const existing = await manager.findOneBy(FamilyBinding, { elderId: elder.id, memberId: member.id });
    refuseIf(checkExistingBinding(existing));
    const fields = { relation, via, createdById, boundAt: this.clock.now(), revokedAt: null, revokedById: null };
    if (existing) {
      const revived = await manager.update(
        FamilyBinding,
        { id: existing.id, status: 'revoked' },
        { ...fields, status: 'active' },
      );
      if (!revived.affected) throw refuse('FAMILY_ALREADY_BOUND');
    } else {
      await manager.insert(FamilyBinding, { elderId: elder.id, memberId: member.id, status: 'active', ...fields });
    }
    return manager.findOneByOrFail(FamilyBinding, { elderId: elder.id, memberId: member.id });
  }

  /** Two bindings of one pair at once: the unique key refuses the second, answered as already bound. */
  private async guardPair<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('FAMILY_ALREADY_BOUND');
      throw error;
    }
  }

  private async view(manager: EntityManager, binding: FamilyBinding): Promise<FamilyBindingView> {
    return (await this.views(manager, [binding]))[0];
  }

  private async views(manager: EntityManager, rows: FamilyBinding[]): Promise<FamilyBindingView[]> {
    const ids = [...new Set(rows.flatMap((b) => [b.elderId, b.memberId]))];
    const people = ids.length ? await manager.findBy(User, { id: In(ids) }) : [];
    const communityIds = [...new Set(people.map((u) => u.communityId).filter((id): id is number => id !== null))];
    const communities = communityIds.length ? await manager.findBy(Community, { id: In(communityIds) }) : [];
    const byId = new Map(people.map((u) => [u.id, u]));
    const byCommunity = new Map(communities.map((c) => [c.id, c]));
    return rows.map((b) => toFamilyBindingView(b, byId, byCommunity));
  }
}
