import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ClosureView, DoorCodeView, Page, RoomAvailability, RoomView } from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { AvailabilityQueryDto, CreateClosureDto, CreateRoomDto, RoomQueryDto, UpdateRoomDto } from './dto/rooms.dto.js';
import { RoomsService } from './rooms.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @ApiAnswer({
    summary: '活动室列表（居民须已认证）',
    ok: { page: 'RoomView' },
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @ActFor('查看活动室')
  @Get()
  list(@CurrentUser() user: User, @Query() query: RoomQueryDto): Promise<Page<RoomView>> {
    return this.rooms.list(user, query);
  }

  @ApiAnswer({ summary: '活动室详情', ok: 'RoomView', refusals: ['ROOM_NOT_FOUND'] })
  @ActFor('查看活动室')
  @Get(':id')
  view(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RoomView> {
    return this.rooms.view(user, id);
  }

  @ApiAnswer({
    summary: '活动室某日各时段的可约情况',
    ok: 'RoomAvailability',
    refusals: ['RESIDENT_NOT_VERIFIED', 'ROOM_NOT_FOUND'],
  })
  @ActFor('查看可预约时段')
  @Get(':id/availability')
  availability(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: AvailabilityQueryDto,
  ): Promise<RoomAvailability> {
    return this.rooms.availability(user, id, query.date);
  }

  @ApiAnswer({ summary: '活动室门口签到码', ok: 'DoorCodeView', refusals: ['ROOM_NOT_FOUND'] })
  @Get(':id/door-code')
  @StaffOnly()
  doorCode(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<DoorCodeView> {
    return this.rooms.doorCode(user, id);
  }

  @ApiAnswer({ summary: '新建活动室', ok: 'RoomView', refusals: ['ROOM_HOURS_INVALID'] })
  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateRoomDto): Promise<RoomView> {
    return this.rooms.create(user, body);
  }

  @ApiAnswer({
    summary: '修改活动室',
    ok: 'RoomView',
    refusals: ['ROOM_HOURS_INVALID', 'ROOM_NOT_FOUND'],
  })
  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateRoomDto,
  ): Promise<RoomView> {
    return this.rooms.update(user, id, body);
  }

  @ApiAnswer({
    summary: '设置闭馆时段',
    ok: 'ClosureView',
    refusals: ['CLOSURE_TIME_INVALID', 'ROOM_NOT_FOUND'],
  })
  @Post(':id/closures')
  @StaffOnly()
  @HttpCode(201)
  addClosure(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateClosureDto,
  ): Promise<ClosureView> {
    return this.rooms.addClosure(user, id, body);
  }
}
