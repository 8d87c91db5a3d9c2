import { Module } from '@nestjs/common';
import { CommonsController } from './commons.controller.js';
import { CommonsService } from './commons.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { LedgerService } from './ledger.service.js';
import { RewardsController } from './rewards.controller.js';
import { RewardsService } from './rewards.service.js';
import { TimebankController } from './timebank.controller.js';
import { TimebankService } from './timebank.service.js';

/** Time bank: the ledger (LedgerService.post is the only writer of balances), transfers, rewards, audit. */
@Module({
  controllers: [TimebankController, RewardsController, CommonsController],
  providers: [LedgerService, IdempotencyService, TimebankService, RewardsService, CommonsService],
  exports: [LedgerService, TimebankService, IdempotencyService],
})
export class TimebankModule {}
