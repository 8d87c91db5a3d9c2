import { Module } from '@nestjs/common';
import { TimebankModule } from '../timebank/timebank.module.js';
import { ActivitiesController, PersonalCodeController } from './activities.controller.js';
import { ActivitiesScheduler } from './activities.scheduler.js';
import { ActivitiesService } from './activities.service.js';
import { ActivitySignupsService } from './activity-signups.service.js';
import { AttendanceService } from './attendance.service.js';
import { SettlementService } from './settlement.service.js';

/** Volunteer activities: sign-up, rotating check-in codes, attendance, settlement into the time bank. */
@Module({
  imports: [TimebankModule],
  controllers: [ActivitiesController, PersonalCodeController],
  providers: [ActivitiesService, ActivitySignupsService, AttendanceService, SettlementService, ActivitiesScheduler],
  exports: [AttendanceService],
})
export class ActivitiesModule {}
