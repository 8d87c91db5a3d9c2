import { applyDecorators, Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  BookingView,
  ErrorCode,
  Page,
  RecurringBookingResponse,
  SuspensionLiftResponse,
} from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { BookingAttendanceService } from './booking-attendance.service.js';
import { BookingDecisionsService } from './booking-decisions.service.js';
import { BookingReadsService } from './booking-reads.service.js';
import { BookingsService } from './bookings.service.js';
import {
  BookingQueryDto,
  CancelBookingDto,
  CreateBookingDto,
  MyBookingsQueryDto,
  RecurringBookingDto,
  RejectBookingDto,
} from './dto/bookings.dto.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

/** What the booking rules refuse, for a booking and each week of a recurring one. */
const bookingRuleRefusals: ErrorCode[] = [
  'ROOM_NOT_FOUND',
  'BOOKING_SLOT_TAKEN',
  'ROOM_INACTIVE',
  'BOOKING_ATTENDEES_INVALID',
  'BOOKING_OFF_GRID',
  'BOOKING_TOO_SOON',
  'BOOKING_TOO_FAR',
  'BOOKING_TOO_LONG',
  'BOOKING_CLOSED',
  'BOOKING_SUSPENDED',
  'BOOKING_OVERLAPS_OWN',
  'BOOKING_QUOTA_ACTIVE',
  'BOOKING_QUOTA_WEEKLY',
];

/** A staff member's step on one booking: POST bookings/:id/<step>, answered 200 with the booking as it is now. */
const StaffStep = (step: string, summary: string, refusals: ErrorCode[]) =>
  applyDecorators(ApiAnswer({ summary, ok: 'BookingView', refusals }), Post(`:id/${step}`), StaffOnly(), HttpCode(200));

@ApiTags('bookings')
@ApiBearerAuth()
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly reads: BookingReadsService,
    private readonly decisions: BookingDecisionsService,
    private readonly attendance: BookingAttendanceService,
  ) {}

  /** Residents book under every rule; staff book for the community without quotas. */
  @ApiAnswer({
    summary: '预约活动室（居民须已认证；工作人员可代约）',
    ok: 'BookingView',
    refusals: ['RESIDENT_NOT_VERIFIED', ...bookingRuleRefusals],
  })
  @ActFor('预约活动室')
  @Post()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateBookingDto): Promise<BookingView> {
    return this.bookings.create(user, body);
  }

  @ApiAnswer({ summary: '我的预约（可分即将开始与历史）', ok: { page: 'BookingView' } })
  @ActFor('查看预约')
  @Get('mine')
  mine(@CurrentUser() user: User, @Query() query: MyBookingsQueryDto): Promise<Page<BookingView>> {
    return this.reads.mine(user, query);
  }

  @ApiAnswer({ summary: '预约列表（管理端，可按活动室、日期、状态筛选）', ok: { page: 'BookingView' } })
  @Get()
  @StaffOnly()
  list(@CurrentUser() user: User, @Query() query: BookingQueryDto): Promise<Page<BookingView>> {
    return this.reads.list(user, query);
  }

  @ApiAnswer({
    summary: '按周重复预约（逐周预约，冲突的周跳过）',
    ok: 'RecurringBookingResponse',
    refusals: bookingRuleRefusals,
  })
  @Post('recurring')
  @StaffOnly()
  @HttpCode(201)
  recurring(@CurrentUser() user: User, @Body() body: RecurringBookingDto): Promise<RecurringBookingResponse> {
    return this.bookings.recurring(user, body);
  }

  @ApiAnswer({
    summary: '取消预约（本人，或工作人员注明原因）',
    ok: 'BookingView',
    refusals: ['BOOKING_REASON_REQUIRED', 'BOOKING_NOT_FOUND', 'BOOKING_NOT_CANCELLABLE'],
  })
  @ActFor('取消预约')
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CancelBookingDto,
  ): Promise<BookingView> {
    return this.decisions.cancel(user, id, body.reason);
  }

  @StaffStep('approve', '批准预约', ['BOOKING_NOT_FOUND', 'BOOKING_NOT_PENDING'])
  approve(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<BookingView> {
    return this.decisions.approve(user, id);
  }

  @StaffStep('reject', '驳回预约', ['BOOKING_NOT_FOUND', 'BOOKING_NOT_PENDING'])
  reject(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RejectBookingDto,
  ): Promise<BookingView> {
    return this.decisions.reject(user, id, body.reason);
  }

  /** Staff check a resident in on their behalf. */
  @StaffStep('check-in', '工作人员代为签到', ['BOOKING_NOT_FOUND', 'BOOKING_NOT_CHECKABLE'])
  checkIn(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<BookingView> {
    return this.attendance.checkInByStaff(user, id);
  }

  /** Staff lift a resident's booking suspension. */
  @ApiAnswer({ summary: '解除居民的预约暂停', ok: 'SuspensionLiftResponse', refusals: ['NOT_FOUND'] })
  @Post('suspensions/:userId/lift')
  @StaffOnly()
  @HttpCode(200)
  liftSuspension(
    @CurrentUser() user: User,
    @Param('userId', ParseIntPipe) userId: number,
  ): Promise<SuspensionLiftResponse> {
    return this.decisions.liftSuspension(user, userId);
  }
}
