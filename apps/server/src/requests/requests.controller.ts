import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, RequestDetail, RequestSecondResponse, RequestStats, RequestView } from '@linli/shared-types';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import {
  AcceptRequestDto,
  CreateRequestDto,
  ExtendRequestDto,
  RateRequestDto,
  ReasonDto,
  ReferRequestDto,
  RequestFeedQueryDto,
  RequestProgressDto,
  RequestQueueQueryDto,
  RequestStatsQueryDto,
  ResolveRequestDto,
} from './dto/requests.dto.js';
import { RequestsService } from './requests.service.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  /** A verified resident raises a request. */
  @Post()
  @HttpCode(201)
  @Roles('resident')
  create(@CurrentUser() user: User, @Body() body: CreateRequestDto): Promise<RequestDetail> {
    return this.requests.create(user, body);
  }

  @Get('mine')
  @Roles('resident')
  mine(@CurrentUser() user: User, @Query() query: RequestFeedQueryDto): Promise<Page<RequestView>> {
    return this.requests.mine(user, query);
  }

  @Get('public')
  publicFeed(@CurrentUser() user: User, @Query() query: RequestFeedQueryDto): Promise<Page<RequestView>> {
    return this.requests.publicFeed(user, query);
  }

  /** The staff work queue: open first, most overdue first. `light` matches open requests only. */
  @Get()
  @StaffOnly()
  queue(@CurrentUser() user: User, @Query() query: RequestQueueQueryDto): Promise<Page<RequestView>> {
    return this.requests.queue(user, query);
  }

  /** 响应率, 解决率, 满意率 and the composite, by week, category and (admins) community. */
  @Get('stats')
  @StaffOnly()
  stats(@CurrentUser() user: User, @Query() query: RequestStatsQueryDto): Promise<RequestStats> {
    return this.requests.stats(user, query);
  }

  @Get(':id')
  detail(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RequestDetail> {
    return this.requests.detail(user, id);
  }

  /** 我也遇到 */
  @Post(':id/second')
  @HttpCode(200)
  @Roles('resident')
  second(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RequestSecondResponse> {
    return this.requests.second(user, id);
  }

  @Post(':id/rate')
  @HttpCode(200)
  @Roles('resident')
  rate(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RateRequestDto,
  ): Promise<RequestDetail> {
    return this.requests.rate(user, id, body);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('resident')
  reopen(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<RequestDetail> {
    return this.requests.reopen(user, id, body.reason);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @StaffOnly()
  accept(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AcceptRequestDto,
  ): Promise<RequestDetail> {
    return this.requests.accept(user, id, body.assigneeId);
  }

  @Post(':id/progress')
  @HttpCode(200)
  @StaffOnly()
  progress(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RequestProgressDto,
  ): Promise<RequestDetail> {
    return this.requests.progress(user, id, body.note, body.photoIds);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @StaffOnly()
  resolve(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ResolveRequestDto,
  ): Promise<RequestDetail> {
    return this.requests.resolve(user, id, body.resolution);
  }

  /** 转办: not the community's; closes the request. */
  @Post(':id/refer')
  @HttpCode(200)
  @StaffOnly()
  refer(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReferRequestDto,
  ): Promise<RequestDetail> {
    return this.requests.refer(user, id, body);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @StaffOnly()
  extend(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ExtendRequestDto,
  ): Promise<RequestDetail> {
    return this.requests.extend(user, id, body);
  }

  @Post(':id/unreasonable')
  @HttpCode(200)
  @StaffOnly()
  markUnreasonable(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<RequestDetail> {
    return this.requests.markUnreasonable(user, id, body.reason);
  }

  @Post(':id/unreasonable/confirm')
  @HttpCode(200)
  @Roles('admin')
  confirmUnreasonable(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RequestDetail> {
    return this.requests.confirmUnreasonable(user, id);
  }
}
