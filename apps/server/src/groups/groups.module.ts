import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module.js';
import { GroupsController } from './groups.controller.js';
import { GroupsService } from './groups.service.js';

/** Interest groups 兴趣小组: proposal and approval, members and leaders, notices, bookings on the group's quota. */
@Module({
  imports: [BookingsModule],
  controllers: [GroupsController],
  providers: [GroupsService],
  exports: [GroupsService],
})
export class GroupsModule {}
