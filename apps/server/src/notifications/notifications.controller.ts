import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationReadAllResponse, NotificationView, Page, UnreadCountResponse } from '@linli/shared-types';
import { CurrentUser } from '../common/auth.decorators.js';
import { PageQuery } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { NotificationsService } from './notifications.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

/** The caller's own inbox. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiAnswer({ summary: '我的消息', ok: { page: 'NotificationView' } })
  @Get()
  list(@CurrentUser() user: User, @Query() query: PageQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(user, query);
  }

  @ApiAnswer({ summary: '未读消息数', ok: 'UnreadCountResponse' })
  @Get('unread-count')
  unreadCount(@CurrentUser() user: User): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(user);
  }

  @ApiAnswer({ summary: '全部消息标为已读', ok: 'NotificationReadAllResponse' })
  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: User): Promise<NotificationReadAllResponse> {
    return this.notifications.markAllRead(user);
  }

  @ApiAnswer({ summary: '一条消息标为已读', ok: 'NotificationView', refusals: ['NOT_FOUND'] })
  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NotificationView> {
    return this.notifications.markRead(user, id);
  }
}
