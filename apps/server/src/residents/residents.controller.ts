import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, ResidentCardView, ResidentListItem } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { OfflineResidentDto, ResidentQueryDto, SetVolunteerDto } from './dto/residents.dto.js';
import { ResidentsService } from './residents.service.js';

@ApiTags('residents')
@ApiBearerAuth()
@StaffOnly()
@Controller('residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @ApiAnswer({ summary: '居民列表（本社区，可按状态筛选）', ok: { page: 'ResidentListItem' } })
  @Get()
  list(@CurrentUser() user: User, @Query() query: ResidentQueryDto): Promise<Page<ResidentListItem>> {
    return this.residents.list(user, query);
  }

  /** 窗口代办: a resident without WeChat, verified at once. */
  @ApiAnswer({
    summary: '窗口登记无微信的居民（立即认证）',
    ok: 'ResidentListItem',
    refusals: ['BUILDING_NOT_FOUND', 'NOT_FOUND', 'RESIDENT_PHONE_TAKEN'],
  })
  @Post()
  @HttpCode(201)
  register(@CurrentUser() user: User, @Body() body: OfflineResidentDto): Promise<ResidentListItem> {
    return this.residents.registerOffline(user, body);
  }

  @ApiAnswer({
    summary: '居民卡（含个人码，可打印）',
    ok: 'ResidentCardView',
    refusals: ['NOT_FOUND', 'NOT_A_RESIDENT'],
  })
  @Get(':id/card')
  card(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ResidentCardView> {
    return this.residents.card(user, id);
  }

  @ApiAnswer({
    summary: '认证住户',
    ok: 'ResidentListItem',
    refusals: ['NOT_FOUND', 'NOT_A_RESIDENT', 'RESIDENT_ALREADY_VERIFIED', 'TARGET_DISABLED', 'HOUSEHOLD_INCOMPLETE'],
  })
  @Post(':id/verify')
  @HttpCode(200)
  verify(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ResidentListItem> {
    return this.residents.verify(user, id);
  }

  @ApiAnswer({
    summary: '设为或取消志愿者',
    ok: 'ResidentListItem',
    refusals: ['NOT_FOUND', 'NOT_A_RESIDENT', 'TARGET_NOT_VERIFIED'],
  })
  @Post(':id/volunteer')
  @HttpCode(200)
  volunteer(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetVolunteerDto,
  ): Promise<ResidentListItem> {
    return this.residents.setVolunteer(user, id, body.volunteer);
  }
}
