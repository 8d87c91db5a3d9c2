import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { FamilyController } from './family.controller.js';
import { FamilyService } from './family.service.js';
import { ProxyActInterceptor } from './proxy-act.interceptor.js';

@Module({
  controllers: [FamilyController],
  providers: [FamilyService, { provide: APP_INTERCEPTOR, useClass: ProxyActInterceptor }],
  exports: [FamilyService],
})
export class FamilyModule {}
