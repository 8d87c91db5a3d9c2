import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  NoticeAckResponse,
  NoticeFollowUpHousehold,
  NoticeStats,
  NoticeSummary,
  NoticeView,
  Page,
  UnreadCountResponse,
} from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import {
  CreateNoticeDto,
  NoticeFeedQueryDto,
  NoticeFollowUpQueryDto,
  NoticeManageQueryDto,
  UpdateNoticeDto,
} from './dto/notices.dto.js';
import { NoticeEditingService } from './notice-editing.service.js';
import { NoticeReadingService } from './notice-reading.service.js';
import { NoticeStatsService } from './notice-stats.service.js';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly reading: NoticeReadingService,
    private readonly editing: NoticeEditingService,
    private readonly reach: NoticeStatsService,
  ) {}

  /** The feed of the caller: residents what is addressed to them (pending residents too). */
  @ApiAnswer({ summary: '公告列表（居民看到发给自己的）', ok: { page: 'NoticeSummary' } })
  @ActFor('查看公告')
  @Get()
  feed(@CurrentUser() user: User, @Query() query: NoticeFeedQueryDto): Promise<Page<NoticeSummary>> {
    return this.reading.feed(user, query);
  }

  @ApiAnswer({ summary: '未读公告数', ok: 'UnreadCountResponse' })
  @ActFor('查看未读公告数')
  @Get('unread-count')
  unreadCount(@CurrentUser() user: User): Promise<UnreadCountResponse> {
    return this.reading.unreadCount(user);
  }

  /** Staff: every notice of their community (admins: the street, or ?communityId), newest first. */
  @ApiAnswer({ summary: '管理端公告列表（本社区，管理员可看全街道）', ok: { page: 'NoticeSummary' } })
  @StaffOnly()
  @Get('manage')
  manage(@CurrentUser() user: User, @Query() query: NoticeManageQueryDto): Promise<Page<NoticeSummary>> {
    return this.editing.manage(user, query);
  }

  @ApiAnswer({
    summary: '起草公告',
    ok: 'NoticeView',
    refusals: ['NOTICE_BODY_TOO_LONG', 'NOTICE_TIME_INVALID', 'NOTICE_AUDIENCE_INVALID'],
  })
  @StaffOnly()
  @Post()
  create(@CurrentUser() user: User, @Body() body: CreateNoticeDto): Promise<NoticeView> {
    return this.editing.create(user, body);
  }

  @ApiAnswer({ summary: '公告详情（打开即记为已读）', ok: 'NoticeView', refusals: ['NOT_FOUND'] })
  @ActFor('阅读公告')
  @Get(':id')
  view(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeView> {
    return this.reading.view(user, id);
  }

  @ApiAnswer({
    summary: '确认已阅公告',
    ok: 'NoticeAckResponse',
    refusals: ['NOT_FOUND', 'NOTICE_ACK_NOT_REQUIRED', 'RESIDENT_NOT_VERIFIED'],
  })
  @ActFor('确认已读公告')
  @Post(':id/ack')
  @HttpCode(200)
  acknowledge(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeAckResponse> {
    return this.reading.acknowledge(user, id);
  }

  @ApiAnswer({
    summary: '修改公告（草稿或定时发布的）',
    ok: 'NoticeView',
    refusals: [
      'NOT_FOUND',
      'NOTICE_ARCHIVED',
      'NOTICE_NOT_EDITABLE',
      'CONFLICT',
      'NOTICE_BODY_TOO_LONG',
      'NOTICE_TIME_INVALID',
      'NOTICE_AUDIENCE_INVALID',
    ],
  })
  @StaffOnly()
  @Patch(':id')
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateNoticeDto,
  ): Promise<NoticeView> {
    return this.editing.update(user, id, body);
  }

  @ApiAnswer({
    summary: '发布公告（可定时）',
    ok: 'NoticeView',
    refusals: ['NOT_FOUND', 'NOTICE_ARCHIVED', 'NOTICE_ALREADY_PUBLISHED', 'NOTICE_TIME_INVALID'],
  })
  @StaffOnly()
  @Post(':id/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeView> {
    return this.editing.publish(user, id);
  }

  @ApiAnswer({ summary: '归档公告', ok: 'NoticeView', refusals: ['NOT_FOUND', 'NOTICE_ARCHIVED'] })
  @StaffOnly()
  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeView> {
    return this.editing.archive(user, id);
  }

  @ApiAnswer({ summary: '公告触达统计与待跟进住户', ok: 'NoticeStats', refusals: ['NOT_FOUND'] })
  @StaffOnly()
  @Get(':id/stats')
  stats(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<NoticeStats> {
    return this.reach.stats(user, id);
  }

  /** The follow-up list after the first page (the stats carry that one). */
  @ApiAnswer({ summary: '待跟进住户（分页）', ok: { page: 'NoticeFollowUpHousehold' }, refusals: ['NOT_FOUND'] })
  @StaffOnly()
  @Get(':id/stats/follow-up')
  followUp(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: NoticeFollowUpQueryDto,
  ): Promise<Page<NoticeFollowUpHousehold>> {
    return this.reach.followUp(user, id, query);
  }

  /** The follow-up list as CSV (UTF-8 with BOM, for Excel), all of it. */
  @ApiAnswer({
    summary: '导出待跟进住户（CSV）',
    ok: { mediaType: 'text/csv' },
    refusals: ['NOT_FOUND'],
  })
  @StaffOnly()
  @Get(':id/stats.csv')
  async statsCsv(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, csv } = await this.reach.statsCsv(user, id);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    reply.header('cache-control', 'no-store');
    return csv;
  }
}
