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
import { ApiAnswer } from '../common/api-answer.decorator.js';
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
import { GroupLeadersService } from './group-leaders.service.js';
import { GroupMembershipService } from './group-membership.service.js';
import { GroupReadsService } from './group-reads.service.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly reads: GroupReadsService,
    private readonly membership: GroupMembershipService,
    private readonly leaders: GroupLeadersService,
  ) {}

  @ApiAnswer({
    summary: '申请成立兴趣小组',
    ok: 'GroupView',
    refusals: ['RESIDENT_NOT_VERIFIED', 'GROUP_NAME_TAKEN'],
  })
  /** A verified resident proposes a group; staff approve it before others can join. */
  @Post()
  @HttpCode(201)
  propose(@CurrentUser() user: User, @Body() body: CreateGroupDto): Promise<GroupView> {
    return this.groups.propose(user, body);
  }

  @ApiAnswer({ summary: '兴趣小组列表', ok: { page: 'GroupView' }, refusals: ['RESIDENT_NOT_VERIFIED'] })
  @Get()
  list(@CurrentUser() user: User, @Query() query: GroupQueryDto): Promise<Page<GroupView>> {
    return this.reads.list(user, query);
  }

  @ApiAnswer({ summary: '我加入的兴趣小组', ok: { page: 'GroupView' } })
  @Get('mine')
  mine(@CurrentUser() user: User): Promise<Page<GroupView>> {
    return this.reads.mine(user);
  }

  @ApiAnswer({
    summary: '兴趣小组详情（成员可见成员、通知和日程）',
    ok: 'GroupDetail',
    refusals: ['RESIDENT_NOT_VERIFIED', 'GROUP_NOT_FOUND'],
  })
  @Get(':id')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupDetail> {
    return this.reads.get(user, id);
  }

  @ApiAnswer({
    summary: '加入兴趣小组',
    ok: 'GroupView',
    refusals: ['RESIDENT_NOT_VERIFIED', 'GROUP_NOT_FOUND', 'GROUP_ALREADY_MEMBER', 'GROUP_NOT_APPROVED', 'GROUP_FULL'],
  })
  @Post(':id/join')
  @HttpCode(200)
  join(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupView> {
    return this.membership.join(user, id);
  }

  @ApiAnswer({
    summary: '退出兴趣小组',
    ok: 'GroupView',
    refusals: ['GROUP_NOT_FOUND', 'GROUP_NOT_MEMBER', 'GROUP_LAST_LEADER'],
  })
  @Post(':id/leave')
  @HttpCode(200)
  leave(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupView> {
    return this.membership.leave(user, id);
  }

  @ApiAnswer({
    summary: '负责人发小组通知',
    ok: 'GroupNoticeView',
    refusals: ['GROUP_NOT_LEADER', 'GROUP_NOT_FOUND', 'GROUP_NOT_APPROVED'],
  })
  /** Leaders: a notice to every member (inbox). */
  @Post(':id/notices')
  @HttpCode(201)
  notice(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: GroupNoticeDto,
  ): Promise<GroupNoticeView> {
    return this.leaders.postNotice(user, id, body);
  }

  @ApiAnswer({
    summary: '负责人为小组预约活动室（可每周重复）',
    ok: 'GroupBookingResponse',
    refusals: [
      'GROUP_NOT_LEADER',
      'RESIDENT_NOT_VERIFIED',
      'GROUP_NOT_FOUND',
      'ROOM_NOT_FOUND',
      'BOOKING_SLOT_TAKEN',
      'GROUP_NOT_APPROVED',
      'GROUP_QUOTA_WEEKLY',
      'BOOKING_OFF_GRID',
      'BOOKING_TOO_SOON',
      'BOOKING_TOO_LONG',
      'BOOKING_CLOSED',
      'BOOKING_SUSPENDED',
    ],
  })
  /** Leaders (and staff): a room for the group, weekly for `weeks` weeks, within the group's weekly quota. */
  @Post(':id/bookings')
  @HttpCode(201)
  book(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: GroupBookingDto,
  ): Promise<GroupBookingResponse> {
    return this.leaders.book(user, id, body);
  }

  @ApiAnswer({
    summary: '负责人添加负责人',
    ok: ['GroupMemberView'],
    refusals: ['GROUP_NOT_LEADER', 'GROUP_NOT_FOUND', 'GROUP_ALREADY_LEADER', 'GROUP_NOT_MEMBER'],
  })
  @Post(':id/leaders')
  @HttpCode(200)
  addLeader(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AddGroupLeaderDto,
  ): Promise<GroupMemberView[]> {
    return this.leaders.addLeader(user, id, body.userId);
  }

  @ApiAnswer({
    summary: '工作人员批准兴趣小组',
    ok: 'GroupView',
    refusals: ['GROUP_NOT_FOUND', 'GROUP_NOT_PROPOSED'],
  })
  @Post(':id/approve')
  @StaffOnly()
  @HttpCode(200)
  approve(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<GroupView> {
    return this.groups.approve(user, id);
  }

  @ApiAnswer({
    summary: '工作人员不予批准（附理由）',
    ok: 'GroupView',
    refusals: ['GROUP_NOT_FOUND', 'GROUP_NOT_PROPOSED'],
  })
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

  @ApiAnswer({ summary: '工作人员设置小组每周活动室时长', ok: 'GroupView', refusals: ['GROUP_NOT_FOUND'] })
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
