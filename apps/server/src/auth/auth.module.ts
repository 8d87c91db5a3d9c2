import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FamilyModule } from '../family/family.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SessionsService } from './sessions.service.js';
import { WechatClient } from './wechat.client.js';

@Module({
  imports: [UsersModule, FamilyModule],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, WechatClient, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionsService],
})
export class AuthModule {}
