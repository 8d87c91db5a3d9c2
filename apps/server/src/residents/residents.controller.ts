import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, ResidentListItem } from '@linli/shared-types';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { ResidentQueryDto, SetVolunteerDto } from './dto/residents.dto.js';
import { ResidentsService } from './residents.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

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

  @ApiAnswer({
    summary: '认证住户',
    ok: 'ResidentListItem',
    refusals: {
      404: ['NOT_FOUND'],
      422: ['NOT_A_RESIDENT', 'RESIDENT_ALREADY_VERIFIED', 'ACCOUNT_DISABLED', 'HOUSEHOLD_INCOMPLETE'],
    },
  })
  @Post(':id/verify')
  @HttpCode(200)
  verify(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<ResidentListItem> {
    return this.residents.verify(user, id);
  }

  @ApiAnswer({
    summary: '设为或取消志愿者',
    ok: 'ResidentListItem',
    refusals: { 404: ['NOT_FOUND'], 422: ['NOT_A_RESIDENT', 'RESIDENT_NOT_VERIFIED'] },
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
