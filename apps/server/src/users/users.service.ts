import { runTransaction } from '../database/transaction.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UserView } from '@linli/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import type { UpdateMeDto } from './dto/update-me.dto.js';
import { User } from './user.entity.js';
import { toUserView } from './user.mapper.js';
import { checkProfileUpdate } from './users.rules.js';

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createResident(fields: Partial<User>, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const user = manager.create(User, { role: 'resident', status: 'pending', volunteer: false, ...fields });
    return manager.save(user);
  }

  async view(user: User, manager: EntityManager = this.dataSource.manager): Promise<UserView> {
    const [community, building] = await Promise.all([
      user.communityId ? manager.findOneBy(Community, { id: user.communityId }) : null,
      user.buildingId ? manager.findOneBy(Building, { id: user.buildingId }) : null,
    ]);
    return toUserView(user, community, building);
  }

  /** A pending resident names their household; choosing a building also places a WeChat newcomer in its community. */
  async updateMe(me: User, change: UpdateMeDto): Promise<UserView> {
    const refusal = checkProfileUpdate(me, change);
    if (refusal) throw refuse(refusal.code);
    return runTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: me.id });
      if (change.buildingId !== undefined) {
        const building = await manager.findOneBy(Building, { id: change.buildingId });
        if (!building || (user.communityId !== null && building.communityId !== user.communityId))
          throw refuse('BUILDING_NOT_FOUND');
        user.buildingId = building.id;
        user.communityId = building.communityId;
      }
      if (change.name !== undefined) user.name = change.name.trim();
      if (change.unit !== undefined) user.unit = change.unit;
      if (change.room !== undefined) user.room = change.room;
      await manager.save(user);
      return this.view(user, manager);
    });
  }
}
