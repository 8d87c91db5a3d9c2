import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BookingView, Page, RecurringBookingResponse } from '@linli/shared-types';
import { ActFor } from '../common/act-for.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { PageQuery } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { BookingsService } from './bookings.service.js';
import {
  BookingQueryDto,
  CancelBookingDto,
  CreateBookingDto,
  RecurringBookingDto,
  RejectBookingDto,
} from './dto/bookings.dto.js';

@ApiTags('bookings')
@ApiBearerAuth()
@Controller('bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  /** Residents book under every rule; staff book for the community without quotas. */
  @Post()
  @ActFor('预约活动室')
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateBookingDto): Promise<BookingView> {
    return this.bookings.create(user, body);
  }

  @Get('mine')
  @ActFor('查看预约')
  mine(@CurrentUser() user: User, @Query() query: PageQuery): Promise<Page<BookingView>> {
    return this.bookings.mine(user, query);
  }

  @Get()
  @StaffOnly()
  list(@CurrentUser() user: User, @Query() query: BookingQueryDto): Promise<Page<BookingView>> {
    return this.bookings.list(user, query);
  }

  @Post('recurring')
  @StaffOnly()
  @HttpCode(201)
  recurring(@CurrentUser() user: User, @Body() body: RecurringBookingDto): Promise<RecurringBookingResponse> {
    return this.bookings.recurring(user, body);
  }

  @Post(':id/cancel')
  @ActFor('取消预约')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CancelBookingDto,
  ): Promise<BookingView> {
    return this.bookings.cancel(user, id, body.reason);
  }

  @Post(':id/approve')
  @StaffOnly()
  @HttpCode(200)
  approve(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<BookingView> {
    return this.bookings.approve(user, id);
  }

  @Post(':id/reject')
  @StaffOnly()
  @HttpCode(200)
  reject(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RejectBookingDto,
  ): Promise<BookingView> {
    return this.bookings.reject(user, id, body.reason);
  }

  /** Staff check a resident in on their behalf. */
  @Post(':id/check-in')
  @StaffOnly()
  @HttpCode(200)
  checkIn(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<BookingView> {
    return this.bookings.checkInByStaff(user, id);
  }

  /** Staff lift a resident's booking suspension. */
  @Post('suspensions/:userId/lift')
  @StaffOnly()
  @HttpCode(200)
  liftSuspension(
    @CurrentUser() user: User,
    @Param('userId', ParseIntPipe) userId: number,
  ): Promise<{ lifted: number }> {
    return this.bookings.liftSuspension(user, userId);
  }
}
