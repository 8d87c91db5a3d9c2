import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { HelpSettlementService } from './help-settlement.service.js';

/** The 72-hour auto-confirmation. Every process may run it: each request is claimed once in the database. */
@Injectable()
export class HelpRequestsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(HelpRequestsScheduler.name);
  private running = false;

  constructor(
    private readonly help: HelpSettlementService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler?.addInterval(
      'help-auto-confirm',
      setInterval(() => void this.tick(), this.config.helpAutoConfirmPollMs),
    );
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const confirmed = await this.help.autoConfirmDue();
      if (confirmed) this.logger.log(`auto-confirmed ${confirmed} help request(s)`);
    } catch (error) {
      this.logger.error(`help auto-confirm job failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
