import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import type { User } from '../users/user.entity.js';
import { assertVerified, fail, groupRoleOf, visibleGroup } from './group-access.js';
import { groupView } from './group-views.js';
import { GroupMember, InterestGroup } from './group.entity.js';
import { checkJoin, checkLeave } from './groups.rules.js';

/** Residents join and leave approved groups; the member cap and the last leader hold under concurrency. */
@Injectable()
export class GroupMembershipService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member cap holds under any concurrency: the counter moves only by `WHERE memberCount < memberCap`. */
  async join(actor: User, id: number): Promise<GroupView> {
    assertVerified(actor);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const group = await visibleGroup(manager, actor, id);
        const refusal = checkJoin(actor, group.status, await groupRoleOf(manager, id, actor.id));
        if (refusal) throw fail(refusal);
        const counted = await manager
          .createQueryBuilder()
          .update(InterestGroup)
          .set({ memberCount: () => 'memberCount + 1' })
          .where("id = :id AND status = 'approved' AND (memberCap IS NULL OR memberCount < memberCap)", { id })
          .execute();
        if (!counted.affected) throw refuse('GROUP_FULL');
        await manager.insert(GroupMember, {
          communityId: group.communityId,
          groupId: id,
          userId: actor.id,
          role: 'member',
        });
        return groupView(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }), 'member');
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('GROUP_ALREADY_MEMBER');
      throw error;
    }
  }

  async leave(actor: User, id: number): Promise<GroupView> {
    return runTransaction(this.dataSource, async (manager) => {
      // The group's row first: leaves (and joins) of one group take turns, so two last leaders cannot both leave.
      const turn = await manager
        .createQueryBuilder()
        .update(InterestGroup)
        .set({ memberCount: () => 'memberCount' })
        .where('id = :id', { id })
        .execute();
      if (!turn.affected) throw refuse('GROUP_NOT_FOUND');
      const group = await visibleGroup(manager, actor, id);
      const myRole = await groupRoleOf(manager, id, actor.id);
      const leaders = await manager.countBy(GroupMember, { groupId: id, role: 'leader' });
      const refusal = checkLeave(myRole, leaders, group.memberCount);
      if (refusal) throw fail(refusal);
      const removed = await manager.delete(GroupMember, { groupId: id, userId: actor.id });
      if (!removed.affected) throw fail({ code: 'GROUP_NOT_MEMBER' });
      await manager
        .createQueryBuilder()
        .update(InterestGroup)
        .set({ memberCount: () => 'memberCount - 1' })
        .where('id = :id', { id })
        .execute();
      return groupView(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }), null);
    });
  }
}
