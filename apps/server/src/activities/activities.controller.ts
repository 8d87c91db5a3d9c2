import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ActivityView,
  AttendanceSheet,
  LiveCodeView,
  MyAttendanceView,
  Page,
  PersonalCodeView,
  SettleActivityResponse,
} from '@linli/shared-types';
import { AppException } from '../common/app-exception.js';
import { ActFor } from '../common/act-for.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import { ActivitiesService } from './activities.service.js';
import {
  ActivityQueryDto,
  CancelActivityDto,
  CreateActivityDto,
  LiveCodeQueryDto,
  ManualMinutesDto,
  RecordAttendanceDto,
  UpdateActivityDto,
} from './dto/activities.dto.js';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @ActFor('查看活动')
  list(@CurrentUser() user: User, @Query() query: ActivityQueryDto): Promise<Page<ActivityView>> {
    return this.activities.list(user, query);
  }

  /** My sign-ups with their check-in state. */
  @Get('mine')
  @ActFor('查看报名')
  mine(@CurrentUser() user: User): Promise<Page<ActivityView>> {
    return this.activities.mine(user);
  }

  @Get(':id')
  @ActFor('查看活动')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.activities.get(user, id);
  }

  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateActivityDto): Promise<ActivityView> {
    return this.activities.create(user, body);
  }

  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateActivityDto,
  ): Promise<ActivityView> {
    return this.activities.update(user, id, body);
  }

  @Post(':id/publish')
  @StaffOnly()
  @HttpCode(200)
  publish(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.activities.publish(user, id);
  }

  @Post(':id/cancel')
  @StaffOnly()
  @HttpCode(200)
  cancel(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CancelActivityDto,
  ): Promise<ActivityView> {
    return this.activities.cancel(user, id, body.reason.trim());
  }

  @Post(':id/signup')
  @ActFor('报名活动')
  @Roles('resident')
  @HttpCode(200)
  signup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.activities.signup(user, id);
  }

  @Post(':id/cancel-signup')
  @ActFor('取消报名')
  @Roles('resident')
  @HttpCode(200)
  cancelSignup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.activities.cancelSignup(user, id);
  }

  /** The rotating code for the screen at the door; poll it every few seconds. */
  @Get(':id/live-code')
  @StaffOnly()
  liveCode(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: LiveCodeQueryDto,
  ): Promise<LiveCodeView> {
    return this.activities.liveCode(user, id, query.purpose);
  }

  @Get(':id/attendance')
  @StaffOnly()
  attendance(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<AttendanceSheet> {
    return this.activities.attendance(user, id);
  }

  /** Staff scan or type a volunteer's personal code. */
  @Post(':id/attendance')
  @StaffOnly()
  @HttpCode(200)
  @RateLimit('scan')
  recordAttendance(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RecordAttendanceDto,
  ): Promise<MyAttendanceView> {
    return this.activities.recordAttendance(user, id, body);
  }

  @Post(':id/attendance/:userId/manual')
  @StaffOnly()
  @HttpCode(200)
  manualMinutes(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Param('userId', ParseIntPipe) userId: number,
    @Body() body: ManualMinutesDto,
  ): Promise<AttendanceSheet> {
    return this.activities.setManualMinutes(user, id, userId, body);
  }

  @Post(':id/settle')
  @StaffOnly()
  @HttpCode(200)
  settle(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<SettleActivityResponse> {
    return this.activities.settle(user, id);
  }
}

/** GET me/code: the volunteer's personal rotating code (QR text + 6 digits). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/code')
export class PersonalCodeController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @Roles('resident')
  @ActFor('出示个人码', ['desk'])
  code(@CurrentUser() user: User): PersonalCodeView {
    if (user.status !== 'verified') throw new AppException('RESIDENT_NOT_VERIFIED', 403);
    return this.activities.personalCode(user);
  }
}
