import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Page, RedeemResponse, RedemptionView, RewardView } from '@linli/shared-types';
import { ActFor } from '../common/act-for.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import {
  CancelRedemptionDto,
  CreateRewardDto,
  RedemptionQueryDto,
  RewardQueryDto,
  UpdateRewardDto,
} from './dto/rewards.dto.js';
import { StatementQueryDto } from './dto/timebank.dto.js';
import { RewardsService } from './rewards.service.js';

@ApiTags('rewards')
@ApiBearerAuth()
@Controller('rewards')
export class RewardsController {
  constructor(private readonly rewards: RewardsService) {}

  @Get()
  @ActFor('查看兑换项目')
  list(@CurrentUser() user: User, @Query() query: RewardQueryDto): Promise<Page<RewardView>> {
    return this.rewards.list(user, query);
  }

  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateRewardDto): Promise<RewardView> {
    return this.rewards.create(user, body);
  }

  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateRewardDto,
  ): Promise<RewardView> {
    return this.rewards.update(user, id, body);
  }

  @Get('redemptions/mine')
  @ActFor('查看兑换记录')
  @Roles('resident')
  mine(@CurrentUser() user: User, @Query() query: StatementQueryDto): Promise<Page<RedemptionView>> {
    return this.rewards.mine(user, query);
  }

  @Get('redemptions')
  @StaffOnly()
  redemptions(@CurrentUser() user: User, @Query() query: RedemptionQueryDto): Promise<Page<RedemptionView>> {
    return this.rewards.redemptions(user, query);
  }

  @Post('redemptions/:id/hand-over')
  @StaffOnly()
  @HttpCode(200)
  handOver(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RedemptionView> {
    return this.rewards.handOver(user, id);
  }

  @Post('redemptions/:id/cancel')
  @StaffOnly()
  @HttpCode(200)
  cancel(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CancelRedemptionDto,
  ): Promise<RedemptionView> {
    return this.rewards.cancel(user, id, body?.reason);
  }

  @Post(':id/redeem')
  @Roles('resident')
  @HttpCode(201)
  @RateLimit('timebank')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'one per intended redemption; a retry sends the same key',
  })
  redeem(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<RedeemResponse> {
    return this.rewards.redeem(user, id, key);
  }
}
