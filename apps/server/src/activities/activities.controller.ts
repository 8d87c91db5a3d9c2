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
import { refuse } from '../common/app-exception.js';
import { ActFor } from '../family/act-for.decorator.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import { ActivitiesService } from './activities.service.js';
import { ActivitySignupsService } from './activity-signups.service.js';
import { AttendanceService } from './attendance.service.js';
import { SettlementService } from './settlement.service.js';
import {
  ActivityQueryDto,
  CancelActivityDto,
  CreateActivityDto,
  LiveCodeQueryDto,
  ManualMinutesDto,
  RecordAttendanceDto,
  UpdateActivityDto,
} from './dto/activities.dto.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly signups: ActivitySignupsService,
    private readonly attendanceService: AttendanceService,
    private readonly settlement: SettlementService,
  ) {}

  @ApiAnswer({ summary: '志愿活动列表', ok: { page: 'ActivityView' }, refusals: ['RESIDENT_NOT_VERIFIED'] })
  @ActFor('查看活动')
  @Get()
  list(@CurrentUser() user: User, @Query() query: ActivityQueryDto): Promise<Page<ActivityView>> {
    return this.activities.list(user, query);
  }

  /** My sign-ups with their check-in state. */
  @ApiAnswer({ summary: '我报名的活动', ok: { page: 'ActivityView' }, refusals: ['RESIDENT_NOT_VERIFIED'] })
  @ActFor('查看报名')
  @Get('mine')
  mine(@CurrentUser() user: User): Promise<Page<ActivityView>> {
    return this.activities.mine(user);
  }

  @ApiAnswer({
    summary: '活动详情',
    ok: 'ActivityView',
    refusals: ['RESIDENT_NOT_VERIFIED', 'ACTIVITY_NOT_FOUND'],
  })
  @ActFor('查看活动')
  @Get(':id')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.activities.get(user, id);
  }

  @ApiAnswer({ summary: '新建活动（草稿）', ok: 'ActivityView', refusals: ['ACTIVITY_TIME_INVALID'] })
  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateActivityDto): Promise<ActivityView> {
    return this.activities.create(user, body);
  }

  @ApiAnswer({
    summary: '修改活动',
    ok: 'ActivityView',
    refusals: ['ACTIVITY_NOT_FOUND', 'ACTIVITY_NOT_EDITABLE', 'ACTIVITY_TIME_INVALID', 'ACTIVITY_CAPACITY_INVALID'],
  })
  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateActivityDto,
  ): Promise<ActivityView> {
    return this.activities.update(user, id, body);
  }

  @ApiAnswer({
    summary: '发布活动（开放报名）',
    ok: 'ActivityView',
    refusals: ['ACTIVITY_NOT_FOUND', 'ACTIVITY_NOT_DRAFT', 'ACTIVITY_NOT_EDITABLE', 'ACTIVITY_TIME_INVALID'],
  })
  @Post(':id/publish')
  @StaffOnly()
  @HttpCode(200)
  publish(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.activities.publish(user, id);
  }

  @ApiAnswer({
    summary: '取消活动（通知已报名的志愿者）',
    ok: 'ActivityView',
    refusals: ['ACTIVITY_NOT_FOUND', 'ACTIVITY_NOT_EDITABLE', 'ACTIVITY_ENDED'],
  })
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

  @ApiAnswer({
    summary: '报名活动（已认证的志愿者）',
    ok: 'ActivityView',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'ACTIVITY_NOT_FOUND',
      'ACTIVITY_ALREADY_SIGNED_UP',
      'ACTIVITY_NOT_VOLUNTEER',
      'ACTIVITY_NOT_PUBLISHED',
      'ACTIVITY_SIGNUP_CLOSED',
      'ACTIVITY_FULL',
    ],
  })
  @ActFor('报名活动')
  @Post(':id/signup')
  @Roles('resident')
  @HttpCode(200)
  signup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.signups.signup(user, id);
  }

  @ApiAnswer({
    summary: '取消报名',
    ok: 'ActivityView',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'ACTIVITY_NOT_FOUND',
      'ACTIVITY_NOT_SIGNED_UP',
      'ACTIVITY_NOT_PUBLISHED',
      'ACTIVITY_ALREADY_CHECKED_IN',
      'ACTIVITY_CANCEL_TOO_LATE',
    ],
  })
  @ActFor('取消报名')
  @Post(':id/cancel-signup')
  @Roles('resident')
  @HttpCode(200)
  cancelSignup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ActivityView> {
    return this.signups.cancelSignup(user, id);
  }

  /** The rotating code for the screen at the door; poll it every few seconds. */
  @ApiAnswer({
    summary: '现场屏幕的签到/签退动态码',
    ok: 'LiveCodeView',
    refusals: ['ACTIVITY_NOT_FOUND', 'ACTIVITY_NOT_PUBLISHED'],
  })
  @Get(':id/live-code')
  @StaffOnly()
  liveCode(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: LiveCodeQueryDto,
  ): Promise<LiveCodeView> {
    return this.attendanceService.liveCode(user, id, query.purpose);
  }

  @ApiAnswer({ summary: '活动签到表', ok: 'AttendanceSheet', refusals: ['ACTIVITY_NOT_FOUND'] })
  @Get(':id/attendance')
  @StaffOnly()
  attendance(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<AttendanceSheet> {
    return this.attendanceService.attendance(user, id);
  }

  /** Staff scan or type a volunteer's personal code. */
  @ApiAnswer({
    summary: '工作人员录入志愿者个人码签到/签退',
    ok: 'MyAttendanceView',
    refusals: [
      'ACTIVITY_NOT_FOUND',
      'ACTIVITY_USER_CODE_INVALID',
      'ACTIVITY_NOT_PUBLISHED',
      'ACTIVITY_NOT_SIGNED_UP',
      'ACTIVITY_OUTSIDE_CHECKIN_WINDOW',
      'ACTIVITY_OUTSIDE_CHECKOUT_WINDOW',
      'ACTIVITY_NOT_CHECKED_IN',
    ],
  })
  @Post(':id/attendance')
  @StaffOnly()
  @HttpCode(200)
  @RateLimit('scan')
  recordAttendance(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RecordAttendanceDto,
  ): Promise<MyAttendanceView> {
    return this.attendanceService.recordAttendance(user, id, body);
  }

  @ApiAnswer({
    summary: '补录志愿者时长',
    ok: 'AttendanceSheet',
    refusals: [
      'ACTIVITY_NOT_FOUND',
      'ACTIVITY_NOT_SIGNED_UP',
      'ACTIVITY_MANUAL_NOT_ALLOWED',
      'ACTIVITY_MANUAL_MINUTES_INVALID',
    ],
  })
  @Post(':id/attendance/:userId/manual')
  @StaffOnly()
  @HttpCode(200)
  manualMinutes(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Param('userId', ParseIntPipe) userId: number,
    @Body() body: ManualMinutesDto,
  ): Promise<AttendanceSheet> {
    return this.attendanceService.setManualMinutes(user, id, userId, body);
  }

  @ApiAnswer({
    summary: '结算活动（志愿时长记入时间银行）',
    ok: 'SettleActivityResponse',
    refusals: ['ACTIVITY_NOT_FOUND', 'ACTIVITY_NOT_PUBLISHED', 'ACTIVITY_NOT_ENDED'],
  })
  @Post(':id/settle')
  @StaffOnly()
  @HttpCode(200)
  settle(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<SettleActivityResponse> {
    return this.settlement.settle(user, id);
  }
}

/** GET me/code: the volunteer's personal rotating code (QR text + 6 digits). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/code')
export class PersonalCodeController {
  constructor(private readonly attendanceService: AttendanceService) {}

  @ApiAnswer({ summary: '我的个人签到码（志愿者）', ok: 'PersonalCodeView' })
  @ActFor('出示个人码', ['desk'])
  @Get()
  @Roles('resident')
  code(@CurrentUser() user: User): PersonalCodeView {
    if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    return this.attendanceService.personalCode(user);
  }
}
