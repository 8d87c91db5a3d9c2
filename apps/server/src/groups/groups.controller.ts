import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  GroupBookingResponse,
  GroupDetail,
  GroupMemberView,
  GroupNoticeView,
  GroupView,
  Page,
} from '@linli/shared-types';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import {
  AddGroupLeaderDto,
  CreateGroupDto,
  DeclineGroupDto,
  GroupBookingDto,
  GroupNoticeDto,
  GroupQueryDto,
  UpdateGroupDto,
} from './dto/groups.dto.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  /** A verified resident proposes a group; staff approve it before others can join. */
  @Post()
  @HttpCode(201)
  propose(@CurrentUser() user: User, @Body() body: CreateGroupDto): Promise<GroupView> {
    return this.groups.propose(user, body);
  }

  @Get()
  list(@CurrentUser() user: User, @Query() query: GroupQueryDto): Promise<Page<GroupView>> {
    return this.groups.list(user, query);
  }

  @Get('mine')
  mine(@CurrentUser() user: User): Promise<Page<GroupView>> {
    return this.groups.mine(user);
  }

  @Get(':id')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupDetail> {
    return this.groups.get(user, id);
  }

  @Post(':id/join')
  @HttpCode(200)
  join(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupView> {
    return this.groups.join(user, id);
  }

  @Post(':id/leave')
  @HttpCode(200)
  leave(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupView> {
    return this.groups.leave(user, id);
  }

  /** Leaders: a notice to every member (inbox). */
  @Post(':id/notices')
  @HttpCode(201)
  notice(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: GroupNoticeDto,
  ): Promise<GroupNoticeView> {
    return this.groups.postNotice(user, id, body);
  }

  /** Leaders (and staff): a room for the group, weekly for `weeks` weeks, within the group's weekly quota. */
  @Post(':id/bookings')
  @HttpCode(201)
  book(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: GroupBookingDto,
  ): Promise<GroupBookingResponse> {
    return this.groups.book(user, id, body);
  }

  @Post(':id/leaders')
  @HttpCode(200)
  addLeader(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AddGroupLeaderDto,
  ): Promise<GroupMemberView[]> {
    return this.groups.addLeader(user, id, body.userId);
  }

  @Post(':id/approve')
  @StaffOnly()
  @HttpCode(200)
  approve(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupView> {
    return this.groups.approve(user, id);
  }

  @Post(':id/decline')
  @StaffOnly()
  @HttpCode(200)
  decline(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DeclineGroupDto,
  ): Promise<GroupView> {
    return this.groups.decline(user, id, body.reason);
  }

  /** Staff: the group's room minutes per week. */
  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateGroupDto,
  ): Promise<GroupView> {
    return this.groups.update(user, id, body);
  }
}
