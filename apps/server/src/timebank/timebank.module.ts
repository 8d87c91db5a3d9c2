import { Module } from '@nestjs/common';
import { CommonsController } from './commons.controller.js';
import { CommonsService } from './commons.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { LedgerService } from './ledger.service.js';
import { RewardsController } from './rewards.controller.js';
import { RewardsService } from './rewards.service.js';
import { TimebankController } from './timebank.controller.js';
import { TimebankCorrectionsService } from './timebank-corrections.service.js';
import { TimebankReportsService } from './timebank-reports.service.js';
import { TimebankService } from './timebank.service.js';

/** Time bank: the ledger (LedgerService.post is the only writer of balances), transfers, rewards, audit. */
@Module({
  controllers: [TimebankController, RewardsController, CommonsController],
  providers: [
    LedgerService,
    IdempotencyService,
    TimebankService,
    TimebankCorrectionsService,
    TimebankReportsService,
    RewardsService,
    CommonsService,
  ],
  exports: [LedgerService, IdempotencyService],
})
export class TimebankModule {}
