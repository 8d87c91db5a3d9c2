import { Module } from '@nestjs/common';
import { TimebankModule } from '../timebank/timebank.module.js';
import { FamilyTransfersController } from './family-transfers.controller.js';
import { FamilyTransfersService } from './family-transfers.service.js';
import { CareRecipientsController, HelpRequestsController } from './help-requests.controller.js';
import { HelpRequestsScheduler } from './help-requests.scheduler.js';
import { CareRecipientsService } from './care-recipients.service.js';
import { HelpMatchingService } from './help-matching.service.js';
import { HelpRequestReadsService } from './help-request-reads.service.js';
import { HelpRequestsService } from './help-requests.service.js';
import { HelpSettlementService } from './help-settlement.service.js';
import { RoomChargesService } from './room-charges.service.js';

/** Mutual help 邻里互助: neighbours trade hours through holds in the time bank's escrow. */
@Module({
  imports: [TimebankModule],
  controllers: [HelpRequestsController, CareRecipientsController, FamilyTransfersController],
  providers: [
    HelpRequestsService,
    HelpRequestReadsService,
    HelpMatchingService,
    HelpSettlementService,
    CareRecipientsService,
    HelpRequestsScheduler,
    FamilyTransfersService,
    RoomChargesService,
  ],
  exports: [HelpRequestsService, HelpMatchingService, RoomChargesService, FamilyTransfersService],
})
export class HelpRequestsModule {}
