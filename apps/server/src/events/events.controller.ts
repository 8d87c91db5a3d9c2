import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EventDetail, EventSignupResponse, EventThanksView, EventView, Page } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { CancelEventDto, CreateEventDto, EventFeedbackDto, EventQueryDto, EventThanksDto } from './dto/events.dto.js';
import { EventAttendanceService } from './event-attendance.service.js';
import { EventReadsService } from './event-reads.service.js';
import { EventSignupsService } from './event-signups.service.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly reads: EventReadsService,
    private readonly signups: EventSignupsService,
    private readonly attendance: EventAttendanceService,
  ) {}

  @ApiAnswer({
    summary: '创建社区活动（工作人员或小组负责人）',
    ok: 'EventView',
    refusals: [
      'GROUP_NOT_LEADER',
      'RESIDENT_NOT_VERIFIED',
      'GROUP_NOT_FOUND',
      'BOOKING_NOT_FOUND',
      'EVENT_TIME_INVALID',
      'EVENT_PLACE_REQUIRED',
      'EVENT_BOOKING_INVALID',
      'EVENT_MEMBERS_ONLY_NEEDS_GROUP',
      'GROUP_NOT_APPROVED',
    ],
  })
  /** Staff, or a leader for their group. */
  @Post()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateEventDto): Promise<EventView> {
    return this.events.create(user, body);
  }

  @ApiAnswer({ summary: '社区活动列表', ok: { page: 'EventView' }, refusals: ['RESIDENT_NOT_VERIFIED'] })
  @Get()
  list(@CurrentUser() user: User, @Query() query: EventQueryDto): Promise<Page<EventView>> {
    return this.reads.list(user, query);
  }

  @ApiAnswer({
    summary: '社区活动详情',
    ok: 'EventDetail',
    refusals: ['RESIDENT_NOT_VERIFIED', 'EVENT_NOT_FOUND'],
  })
  @Get(':id')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<EventDetail> {
    return this.reads.get(user, id);
  }

  @ApiAnswer({
    summary: '报名（满员则候补）',
    ok: 'EventSignupResponse',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'EVENT_MEMBERS_ONLY',
      'EVENT_NOT_FOUND',
      'EVENT_ALREADY_SIGNED_UP',
      'EVENT_NOT_OPEN',
    ],
  })
  /** A place, or the waitlist when full: `status` says which. */
  @Post(':id/signup')
  @HttpCode(200)
  signup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<EventSignupResponse> {
    return this.signups.signup(user, id);
  }

  @ApiAnswer({
    summary: '取消报名（名额顺延给候补第一位）',
    ok: 'EventView',
    refusals: ['EVENT_NOT_FOUND', 'EVENT_NOT_OPEN', 'EVENT_NOT_SIGNED_UP'],
  })
  @Post(':id/cancel-signup')
  @HttpCode(200)
  cancelSignup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<EventView> {
    return this.signups.cancelSignup(user, id);
  }

  @ApiAnswer({
    summary: '取消活动（组织者、小组负责人或工作人员，开始前）',
    ok: 'EventView',
    refusals: ['EVENT_NOT_ORGANISER', 'RESIDENT_NOT_VERIFIED', 'EVENT_NOT_FOUND', 'EVENT_NOT_OPEN'],
  })
  /** Everyone signed up or waitlisted gets the reason in the inbox; sign-ups close. */
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CancelEventDto,
  ): Promise<EventView> {
    return this.events.cancel(user, id, body);
  }

  @ApiAnswer({
    summary: '活动评价（结束后 7 天内，一次）',
    ok: 'EventView',
    refusals: ['EVENT_NOT_FOUND', 'EVENT_FEEDBACK_GIVEN', 'EVENT_FEEDBACK_CLOSED', 'EVENT_NOT_ATTENDED'],
  })
  @Post(':id/feedback')
  @HttpCode(201)
  feedback(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: EventFeedbackDto,
  ): Promise<EventView> {
    return this.attendance.feedback(user, id, body);
  }

  @ApiAnswer({
    summary: '感谢组织者或一起参加的邻居',
    ok: 'EventThanksView',
    refusals: [
      'EVENT_NOT_FOUND',
      'EVENT_THANKS_GIVEN',
      'EVENT_FEEDBACK_CLOSED',
      'EVENT_NOT_ATTENDED',
      'EVENT_THANKS_TARGET_INVALID',
    ],
  })
  @Post(':id/thanks')
  @HttpCode(201)
  thanks(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: EventThanksDto,
  ): Promise<EventThanksView> {
    return this.attendance.thanks(user, id, body);
  }
}
