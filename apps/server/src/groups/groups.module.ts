import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module.js';
import { GroupsController } from './groups.controller.js';
import { GroupLeadersService } from './group-leaders.service.js';
import { GroupMembershipService } from './group-membership.service.js';
import { GroupReadsService } from './group-reads.service.js';
import { GroupsService } from './groups.service.js';

/** Interest groups 兴趣小组: proposal and approval, members and leaders, notices, bookings on the group's quota. */
@Module({
  imports: [BookingsModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupReadsService, GroupMembershipService, GroupLeadersService],
})
export class GroupsModule {}
