import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxWorker } from './outbox.worker.js';
import { WechatSubscribeClient } from './wechat-subscribe.client.js';

/** Global: every feature notifies through NotificationsService.notify inside its own transaction. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, OutboxWorker, WechatSubscribeClient],
  exports: [NotificationsService],
})
export class NotificationsModule {}
