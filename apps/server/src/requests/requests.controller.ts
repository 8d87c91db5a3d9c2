import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  Page,
  RequestAssignee,
  RequestDetail,
  RequestSecondResponse,
  RequestStats,
  RequestView,
} from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import {
  AcceptRequestDto,
  RequestAssigneesQueryDto,
  CreateRequestDto,
  ExtendRequestDto,
  RateRequestDto,
  ReasonDto,
  ReferRequestDto,
  RequestFeedQueryDto,
  RequestHelpTaskDto,
  RequestProgressDto,
  RequestQueueQueryDto,
  RequestStatsQueryDto,
  ResolveRequestDto,
} from './dto/requests.dto.js';
import { RequestStatsService } from './request-stats.service.js';
import { RequestWorkflowService } from './request-workflow.service.js';
import { ResidentRequestsService } from './resident-requests.service.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(
    private readonly residents: ResidentRequestsService,
    private readonly workflow: RequestWorkflowService,
    private readonly rates: RequestStatsService,
  ) {}

  /** A verified resident raises a request. */
  @ApiAnswer({
    summary: '提交诉求（已认证居民）',
    ok: 'RequestDetail',
    refusals: ['RESIDENT_NOT_VERIFIED', 'REQUEST_BUILDING_INVALID', 'REQUEST_PHOTO_INVALID'],
  })
  @ActFor('提交诉求')
  @Post()
  @HttpCode(201)
  @Roles('resident')
  create(@CurrentUser() user: User, @Body() body: CreateRequestDto): Promise<RequestDetail> {
    return this.residents.create(user, body);
  }

  @ApiAnswer({ summary: '我的诉求', ok: { page: 'RequestView' } })
  @ActFor('查看诉求')
  @Get('mine')
  @Roles('resident')
  mine(@CurrentUser() user: User, @Query() query: RequestFeedQueryDto): Promise<Page<RequestView>> {
    return this.residents.mine(user, query);
  }

  @ApiAnswer({
    summary: '本社区的公开诉求（可点“我也遇到”）',
    ok: { page: 'RequestView' },
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @ActFor('查看公开诉求')
  @Get('public')
  publicFeed(@CurrentUser() user: User, @Query() query: RequestFeedQueryDto): Promise<Page<RequestView>> {
    return this.residents.publicFeed(user, query);
  }

  /** The staff work queue: open first, most overdue first. `light` matches open requests only. */
  @ApiAnswer({ summary: '诉求工作台（超期优先；light 只筛办理中的）', ok: { page: 'RequestView' } })
  @Get()
  @StaffOnly()
  queue(@CurrentUser() user: User, @Query() query: RequestQueueQueryDto): Promise<Page<RequestView>> {
    return this.workflow.queue(user, query);
  }

  /** The assignee picker: active staff of the caller's community (admins: the street, or ?communityId). */
  @ApiAnswer({ summary: '可指定的承办人（本社区在岗工作人员）', ok: { page: 'RequestAssignee' } })
  @Get('assignees')
  @StaffOnly()
  assignees(@CurrentUser() user: User, @Query() query: RequestAssigneesQueryDto): Promise<Page<RequestAssignee>> {
    return this.workflow.assignees(user, query.communityId);
  }

  /** 响应率, 解决率, 满意率 and the composite, by week, category and (admins) community. */
  @ApiAnswer({
    summary: '三率统计（响应率、解决率、满意率、综合）',
    ok: 'RequestStats',
    refusals: ['REQUEST_STATS_RANGE_INVALID'],
  })
  @Get('stats')
  @StaffOnly()
  stats(@CurrentUser() user: User, @Query() query: RequestStatsQueryDto): Promise<RequestStats> {
    return this.rates.stats(user, query);
  }

  @ApiAnswer({ summary: '诉求详情与办理时间线', ok: 'RequestDetail', refusals: ['REQUEST_NOT_FOUND'] })
  @ActFor('查看诉求')
  @Get(':id')
  detail(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RequestDetail> {
    return this.residents.detail(user, id);
  }

  /** 我也遇到 */
  @ApiAnswer({
    summary: '我也遇到',
    ok: 'RequestSecondResponse',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_ALREADY_SECONDED', 'REQUEST_SECOND_OWN'],
  })
  @ActFor('我也遇到')
  @Post(':id/second')
  @HttpCode(200)
  @Roles('resident')
  second(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RequestSecondResponse> {
    return this.residents.second(user, id);
  }

  @ApiAnswer({
    summary: '回访评价（办结后，评价即关闭）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_ALREADY_RATED', 'REQUEST_NOT_RATABLE'],
  })
  @ActFor('评价诉求')
  @Post(':id/rate')
  @HttpCode(200)
  @Roles('resident')
  rate(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RateRequestDto,
  ): Promise<RequestDetail> {
    return this.residents.rate(user, id, body);
  }

  @ApiAnswer({
    summary: '申请重办（办结 7 天内一次）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED', 'REQUEST_REOPEN_USED', 'REQUEST_REOPEN_EXPIRED'],
  })
  @ActFor('申请重办诉求')
  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('resident')
  reopen(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<RequestDetail> {
    return this.residents.reopen(user, id, body.reason);
  }

  @ApiAnswer({
    summary: '受理诉求并指定承办人',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED', 'REQUEST_ASSIGNEE_INVALID'],
  })
  @Post(':id/accept')
  @HttpCode(200)
  @StaffOnly()
  accept(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AcceptRequestDto,
  ): Promise<RequestDetail> {
    return this.workflow.accept(user, id, body.assigneeId);
  }

  @ApiAnswer({
    summary: '记录处置进展（可附照片，居民可见）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED', 'REQUEST_PHOTO_INVALID'],
  })
  @Post(':id/progress')
  @HttpCode(200)
  @StaffOnly()
  progress(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RequestProgressDto,
  ): Promise<RequestDetail> {
    return this.workflow.progress(user, id, body.note, body.photoIds);
  }

  @ApiAnswer({
    summary: '办结诉求',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED'],
  })
  @Post(':id/resolve')
  @HttpCode(200)
  @StaffOnly()
  resolve(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ResolveRequestDto,
  ): Promise<RequestDetail> {
    return this.workflow.resolve(user, id, body.resolution);
  }

  /** 转办: not the community's; closes the request. */
  @ApiAnswer({
    summary: '转办（非本社区职责，转办即关闭）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED'],
  })
  @Post(':id/refer')
  @HttpCode(200)
  @StaffOnly()
  refer(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReferRequestDto,
  ): Promise<RequestDetail> {
    return this.workflow.refer(user, id, body);
  }

  @ApiAnswer({
    summary: '延期办理（一次，最多 15 天）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED', 'REQUEST_ALREADY_EXTENDED', 'REQUEST_EXTENSION_TOO_LONG'],
  })
  @Post(':id/extend')
  @HttpCode(200)
  @StaffOnly()
  extend(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ExtendRequestDto,
  ): Promise<RequestDetail> {
    return this.workflow.extend(user, id, body);
  }

  @ApiAnswer({
    summary: '标记为不合理诉求（待街道确认）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED', 'REQUEST_ALREADY_UNREASONABLE'],
  })
  @Post(':id/unreasonable')
  @HttpCode(200)
  @StaffOnly()
  markUnreasonable(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<RequestDetail> {
    return this.workflow.markUnreasonable(user, id, body.reason);
  }

  /** 派给志愿者: a help task of the time bank for the resident, paid from the community pool. */
  @ApiAnswer({
    summary: '派给志愿者（转为互助任务，由社区时间池支付）',
    ok: 'RequestDetail',
    refusals: [
      'REQUEST_NOT_FOUND',
      'REQUEST_STATE_CHANGED',
      'REQUEST_HELP_TASK_EXISTS',
      'REQUEST_ALREADY_UNREASONABLE',
      'HELP_START_IN_PAST',
      'HELP_START_TOO_FAR',
      'TARGET_NOT_VERIFIED',
      'NOT_A_RESIDENT',
    ],
  })
  @Post(':id/help-task')
  @HttpCode(200)
  @StaffOnly()
  helpTask(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RequestHelpTaskDto,
  ): Promise<RequestDetail> {
    return this.workflow.helpTask(user, id, body);
  }

  @ApiAnswer({
    summary: '确认不合理诉求（街道管理员；关闭且不计入三率）',
    ok: 'RequestDetail',
    refusals: ['REQUEST_NOT_FOUND', 'REQUEST_STATE_CHANGED', 'REQUEST_NOT_MARKED_UNREASONABLE'],
  })
  @Post(':id/unreasonable/confirm')
  @HttpCode(200)
  @Roles('admin')
  confirmUnreasonable(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RequestDetail> {
    return this.workflow.confirmUnreasonable(user, id);
  }
}
