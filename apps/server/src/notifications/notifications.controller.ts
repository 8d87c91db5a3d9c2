import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationReadAllResponse, NotificationView, Page, UnreadCountResponse } from '@linli/shared-types';
import { CurrentUser } from '../common/auth.decorators.js';
import { PageQuery } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own inbox. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: User, @Query() query: PageQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(user, query);
  }

  @Get('unread-count')
  unreadCount(@CurrentUser() user: User): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(user);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: User): Promise<NotificationReadAllResponse> {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NotificationView> {
    return this.notifications.markRead(user, id);
  }
}
