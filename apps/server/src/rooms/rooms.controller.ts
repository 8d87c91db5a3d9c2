import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ClosureView, DoorCodeView, Page, RoomAvailability, RoomView } from '@linli/shared-types';
import { ActFor } from '../common/act-for.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { AvailabilityQueryDto, CreateClosureDto, CreateRoomDto, RoomQueryDto, UpdateRoomDto } from './dto/rooms.dto.js';
import { RoomsService } from './rooms.service.js';

@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @ActFor('查看活动室')
  list(@CurrentUser() user: User, @Query() query: RoomQueryDto): Promise<Page<RoomView>> {
    return this.rooms.list(user, query);
  }

  @Get(':id')
  @ActFor('查看活动室')
  view(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RoomView> {
    return this.rooms.view(user, id);
  }

  @Get(':id/availability')
  @ActFor('查看可预约时段')
  availability(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: AvailabilityQueryDto,
  ): Promise<RoomAvailability> {
    return this.rooms.availability(user, id, query.date);
  }

  @Get(':id/door-code')
  @StaffOnly()
  doorCode(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<DoorCodeView> {
    return this.rooms.doorCode(user, id);
  }

  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateRoomDto): Promise<RoomView> {
    return this.rooms.create(user, body);
  }

  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateRoomDto,
  ): Promise<RoomView> {
    return this.rooms.update(user, id, body);
  }

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
