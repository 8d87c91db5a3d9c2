import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  NoticeAckResponse,
  NoticeStats,
  NoticeSummary,
  NoticeView,
  Page,
  UnreadCountResponse,
} from '@linli/shared-types';
import { ActFor } from '../common/act-for.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { CreateNoticeDto, NoticeFeedQueryDto, NoticeManageQueryDto, UpdateNoticeDto } from './dto/notices.dto.js';
import { NoticesService } from './notices.service.js';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** The feed of the caller: residents what is addressed to them (pending residents too). */
  @Get()
  @ActFor('查看公告')
  feed(@CurrentUser() user: User, @Query() query: NoticeFeedQueryDto): Promise<Page<NoticeSummary>> {
    return this.notices.feed(user, query);
  }

  @Get('unread-count')
  @ActFor('查看未读公告数')
  unreadCount(@CurrentUser() user: User): Promise<UnreadCountResponse> {
    return this.notices.unreadCount(user);
  }

  /** Staff: every notice of their community (admins: the street, or ?communityId), newest first. */
  @StaffOnly()
  @Get('manage')
  manage(@CurrentUser() user: User, @Query() query: NoticeManageQueryDto): Promise<Page<NoticeSummary>> {
    return this.notices.manage(user, query);
  }

  @StaffOnly()
  @Post()
  create(@CurrentUser() user: User, @Body() body: CreateNoticeDto): Promise<NoticeView> {
    return this.notices.create(user, body);
  }

  @Get(':id')
  @ActFor('阅读公告')
  view(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeView> {
    return this.notices.view(user, id);
  }

  @Post(':id/ack')
  @ActFor('确认已读公告')
  @HttpCode(200)
  acknowledge(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeAckResponse> {
    return this.notices.acknowledge(user, id);
  }

  @StaffOnly()
  @Patch(':id')
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateNoticeDto,
  ): Promise<NoticeView> {
    return this.notices.update(user, id, body);
  }

  @StaffOnly()
  @Post(':id/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeView> {
    return this.notices.publish(user, id);
  }

  @StaffOnly()
  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeView> {
    return this.notices.archive(user, id);
  }

  @StaffOnly()
  @Get(':id/stats')
  stats(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeStats> {
    return this.notices.stats(user, id);
  }

  /** The follow-up list as CSV (UTF-8 with BOM, for Excel). */
  @StaffOnly()
  @Get(':id/stats.csv')
  @ApiProduces('text/csv')
  async statsCsv(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, csv } = await this.notices.statsCsv(user, id);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    reply.header('cache-control', 'no-store');
    return csv;
  }
}
