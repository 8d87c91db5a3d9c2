import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  OfflineResidentRequest,
  Page,
  ResidentCardView,
  ResidentListItem,
  RevealedPhone,
} from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { cardCode } from '../activities/activity-codes.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { newestFirst, pageByDescendingId } from '../common/pagination.js';
import { residentMatches } from '../common/search.js';
import { assertInCommunity, communityScope } from '../common/tenancy-scope.js';
import { Building } from '../tenancy/building.entity.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { User } from '../users/user.entity.js';
import { toResidentListItem } from '../users/user.mapper.js';
import { checkVerification, checkVolunteerGrant } from '../users/users.rules.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import { Community } from '../tenancy/community.entity.js';
import type { ResidentQueryDto } from './dto/residents.dto.js';

@Injectable()
export class ResidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(viewer: User, query: ResidentQueryDto): Promise<Page<ResidentListItem>> {
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const qb = newestFirst(this.dataSource.getRepository(User), 'u', { limit, cursor: query.cursor, scope });
    qb.andWhere('u.role = :role', { role: 'resident' });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.q) qb.andWhere(residentMatches('u', query.q));
    const rows = await qb.getMany();
    const buildings = await this.buildingsOf(rows, this.dataSource.manager);
    const page = pageByDescendingId(rows, limit, (u) =>
      toResidentListItem(u, buildings.get(u.buildingId ?? 0) ?? null),
    );
    return withCommunityNames(this.dataSource.manager, page);
  }

  verify(actor: User, residentId: number): Promise<ResidentListItem> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await this.load(manager, actor, residentId);
      const refusal = checkVerification(resident);
      if (refusal) throw refuse(refusal.code);
      // Conditional update: two staff verifying at once cannot both succeed.
      const result = await manager.update(
        User,
        { id: resident.id, status: 'pending' },
        {
          status: 'verified',
          verifiedAt: this.clock.now(),
          verifiedById: actor.id,
        },
      );
      if (!result.affected) throw refuse('RESIDENT_ALREADY_VERIFIED');
      // A verified resident has a time-bank account from this moment on, committed with the verification.
      await this.ledger.openAccount(manager, resident);
      const building = await manager.findOneBy(Building, { id: resident.buildingId! });
      await this.audit.record(manager, {
        actor,
        communityId: resident.communityId,
        action: 'resident.verify',
        targetType: 'user',
        targetId: resident.id,
        summary: `认证住户 ${resident.name}（${building?.name ?? ''}${resident.unit}单元${resident.room}）`,
      });
      const updated = await manager.findOneByOrFail(User, { id: resident.id });
      return toResidentListItem(updated, building);
    });
  }

  /**
   * One full phone number for staff who must call a household (PRODUCT.md "Personal data"): lists stay masked,
   * and every reveal is an audit entry (who, whose number, where from), written with the answer.
   */
  revealPhone(actor: User, residentId: number, purpose: string): Promise<RevealedPhone> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await this.load(manager, actor, residentId);
      await this.audit.record(manager, {
        actor,
        communityId: resident.communityId,
        action: 'resident.phone.reveal',
        targetType: 'user',
        targetId: resident.id,
        summary: `查看 ${resident.name ?? `居民 ${resident.id}`} 的完整手机号（${purpose.trim()}）`,
      });
      return { userId: resident.id, name: resident.name, phone: resident.phone };
    });
  }

  setVolunteer(actor: User, residentId: number, volunteer: boolean): Promise<ResidentListItem> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await this.load(manager, actor, residentId);
      const refusal = checkVolunteerGrant(resident, volunteer);
      if (refusal) throw refuse(refusal.code);
      resident.volunteer = volunteer;
      await manager.update(User, { id: resident.id }, { volunteer });
      await this.audit.record(manager, {
        actor,
        communityId: resident.communityId,
        action: volunteer ? 'resident.volunteer.grant' : 'resident.volunteer.revoke',
        targetType: 'user',
        targetId: resident.id,
        summary: `${volunteer ? '设为志愿者' : '取消志愿者'}：${resident.name ?? resident.id}`,
      });
      const buildings = await this.buildingsOf([resident], manager);
      return toResidentListItem(resident, buildings.get(resident.buildingId ?? 0) ?? null);
    });
  }

  /**
   * An offline resident (no WeChat): registered at the desk, verified at once, no login of their own. Staff then act
   * for them (X-Act-For) and print a card with their personal code.
   */
  async registerOffline(actor: User, body: OfflineResidentRequest): Promise<ResidentListItem> {
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const building = await manager.findOneBy(Building, { id: body.buildingId });
        if (!building) throw refuse('BUILDING_NOT_FOUND');
        assertInCommunity(actor, building);
        const now = this.clock.now();
        const inserted = await manager.insert(User, {
          communityId: building.communityId,
          role: 'resident',
          status: 'verified',
          volunteer: false,
          name: body.name.trim(),
          phone: body.phone ?? null,
          username: null,
          passwordHash: null,
          openid: null,
          wechatSessionKey: null,
          buildingId: building.id,
          unit: body.unit,
          room: body.room,
          verifiedAt: now,
          verifiedById: actor.id,
        });
        const resident = await manager.findOneByOrFail(User, { id: inserted.identifiers[0].id as number });
        await this.ledger.openAccount(manager, resident);
        await this.audit.record(manager, {
          actor,
          communityId: resident.communityId,
          action: 'resident.register-offline',
          targetType: 'user',
          targetId: resident.id,
          summary: `窗口登记住户 ${resident.name}（${building.name}${resident.unit}单元${resident.room}，无微信）`,
        });
        return toResidentListItem(resident, building);
      });
    } catch (error) {
      // The phone is unique per community: one household, one account.
      if (isDuplicateKey(error)) throw refuse('RESIDENT_PHONE_TAKEN');
      throw error;
    }
  }

  /** The printable card of a resident of the staff member's reach. */
  async card(actor: User, residentId: number): Promise<ResidentCardView> {
    const manager = this.dataSource.manager;
    const resident = await this.load(manager, actor, residentId);
    const building = resident.buildingId ? await manager.findOneBy(Building, { id: resident.buildingId }) : null;
    const community = resident.communityId ? await manager.findOneBy(Community, { id: resident.communityId }) : null;
    return {
      id: resident.id,
      name: resident.name,
      communityName: community?.name ?? null,
      buildingName: building?.name ?? null,
      unit: resident.unit,
      room: resident.room,
      code: cardCode(this.config.secret, resident.id),
    };
  }

  private async load(manager: EntityManager, actor: User, residentId: number): Promise<User> {
    const resident = await manager.findOneBy(User, { id: residentId });
    assertInCommunity(actor, resident);
    if (resident.role !== 'resident') throw refuse('NOT_A_RESIDENT');
    return resident;
  }

  private async buildingsOf(users: User[], manager: EntityManager): Promise<Map<number, Building>> {
    const ids = [...new Set(users.map((u) => u.buildingId).filter((id): id is number => id !== null))];
    const rows = ids.length ? await manager.findBy(Building, { id: In(ids) }) : [];
    return new Map(rows.map((b) => [b.id, b]));
  }
}
