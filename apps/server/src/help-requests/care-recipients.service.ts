import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CareRecipientView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { assertInCommunity, communityScope } from '../common/tenancy-scope.js';
import { runTransaction } from '../database/transaction.js';
import { User } from '../users/user.entity.js';
import { CareRecipient } from './help-request.entity.js';

/** Care recipients 帮扶对象: residents whose help requests the community pool pays. */
@Injectable()
export class CareRecipientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Staff flag (or unflag) a resident of their community as a care recipient 帮扶对象. Audited. */
  setCareRecipient(actor: User, residentId: number, careRecipient: boolean): Promise<CareRecipientView> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await manager.findOneBy(User, { id: residentId });
      assertInCommunity(actor, resident);
      if (resident.role !== 'resident' || resident.communityId === null) throw refuse('NOT_A_RESIDENT');
      if (careRecipient)
        await manager
          .createQueryBuilder()
          .insert()
          .into(CareRecipient)
          .values({ userId: resident.id, communityId: resident.communityId, flaggedById: actor.id })
          .orIgnore()
          .execute();
      else await manager.delete(CareRecipient, { userId: resident.id });
      await this.audit.record(manager, {
        actor,
        communityId: resident.communityId,
        action: careRecipient ? 'help.care_recipient.flag' : 'help.care_recipient.unflag',
        targetType: 'user',
        targetId: resident.id,
        summary: `${careRecipient ? '设为' : '取消'}帮扶对象：${resident.name ?? resident.id}`,
      });
      return { userId: resident.id, careRecipient };
    });
  }

  /** Staff: the care recipients of the scope. */
  async careRecipients(actor: User, communityId?: number): Promise<CareRecipientView[]> {
    const scope = communityScope(actor, communityId);
    const rows = await this.dataSource.manager.find(CareRecipient, {
      where: scope === null ? {} : { communityId: scope },
      order: { userId: 'ASC' },
    });
    return rows.map((r) => ({ userId: r.userId, careRecipient: true }));
  }
}
