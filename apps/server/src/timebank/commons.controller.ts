import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommonsView, PostingResponse } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import { CommonsService } from './commons.service.js';
import { DonationDto, TimebankCommunityQueryDto } from './dto/timebank.dto.js';

/** The community commons 公益池. */
@ApiTags('timebank')
@ApiBearerAuth()
@Controller('timebank')
export class CommonsController {
  constructor(private readonly commons: CommonsService) {}

  @ApiAnswer({
    summary: '捐赠时长到社区公益池',
    ok: 'PostingResponse',
    refusals: ['RESIDENT_NOT_VERIFIED', 'INSUFFICIENT_CREDITS'],
  })
  @Post('donations')
  @Roles('resident')
  @HttpCode(201)
  @RateLimit('timebank')
  donate(@CurrentUser() user: User, @Body() body: DonationDto): Promise<PostingResponse> {
    return this.commons.donate(user, body.minutes);
  }

  @ApiAnswer({
    summary: '社区公益池：余额与最近流水（所有居民可见）',
    ok: 'CommonsView',
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @Get('commons')
  @Roles('resident', 'staff', 'admin')
  view(@CurrentUser() user: User, @Query() query: TimebankCommunityQueryDto): Promise<CommonsView> {
    return this.commons.commons(user, query.communityId);
  }
}
