import { Module } from '@nestjs/common';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { FamilyCreditController } from './family-credit.controller.js';
import { FamilyCreditService } from './family-credit.service.js';

/** 代办转出, apart from FamilyModule: the auth guard needs FamilyModule, and this one needs the time bank. */
@Module({
  imports: [HelpRequestsModule],
  controllers: [FamilyCreditController],
  providers: [FamilyCreditService],
})
export class FamilyCreditModule {}
