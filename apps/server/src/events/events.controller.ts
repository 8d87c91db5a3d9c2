import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EventDetail, EventSignupResponse, EventView, Page } from '@linli/shared-types';
import { CurrentUser } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { CreateEventDto, EventFeedbackDto, EventQueryDto, EventThanksDto } from './dto/events.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Staff, or a leader for their group. */
  @Post()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateEventDto): Promise<EventView> {
    return this.events.create(user, body);
  }

  @Get()
  list(@CurrentUser() user: User, @Query() query: EventQueryDto): Promise<Page<EventView>> {
    return this.events.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<EventDetail> {
    return this.events.get(user, id);
  }

  /** A place, or the waitlist when full: `status` says which. */
  @Post(':id/signup')
  @HttpCode(200)
  signup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<EventSignupResponse> {
    return this.events.signup(user, id);
  }

  @Post(':id/cancel-signup')
  @HttpCode(200)
  cancelSignup(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<EventView> {
    return this.events.cancelSignup(user, id);
  }

  @Post(':id/feedback')
  @HttpCode(201)
  feedback(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: EventFeedbackDto,
  ): Promise<EventView> {
    return this.events.feedback(user, id, body);
  }

  @Post(':id/thanks')
  @HttpCode(201)
  thanks(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: EventThanksDto,
  ): Promise<{ id: number; toUserId: number; words: string; createdAt: string }> {
    return this.events.thanks(user, id, body);
  }
}
