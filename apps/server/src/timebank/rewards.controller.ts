import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, RedeemResponse, RedemptionView, RewardView } from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { IdempotentPosting } from './idempotent-posting.decorator.js';
import {
  CancelRedemptionDto,
  CreateRewardDto,
  RedemptionQueryDto,
  RewardQueryDto,
  UpdateRewardDto,
} from './dto/rewards.dto.js';
import { StatementQueryDto } from './dto/timebank.dto.js';
import { RewardsService } from './rewards.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('rewards')
@ApiBearerAuth()
@Controller('rewards')
export class RewardsController {
  constructor(private readonly rewards: RewardsService) {}

  @ApiAnswer({ summary: '兑换项目列表', ok: { page: 'RewardView' }, refusals: ['RESIDENT_NOT_VERIFIED'] })
  @ActFor('查看兑换项目')
  @Get()
  list(@CurrentUser() user: User, @Query() query: RewardQueryDto): Promise<Page<RewardView>> {
    return this.rewards.list(user, query);
  }

  @ApiAnswer({ summary: '新建兑换项目', ok: 'RewardView' })
  @Post()
  @StaffOnly()
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateRewardDto): Promise<RewardView> {
    return this.rewards.create(user, body);
  }

  @ApiAnswer({ summary: '修改兑换项目', ok: 'RewardView', refusals: ['REWARD_NOT_FOUND', 'NOT_FOUND'] })
  @Patch(':id')
  @StaffOnly()
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateRewardDto,
  ): Promise<RewardView> {
    return this.rewards.update(user, id, body);
  }

  @ApiAnswer({ summary: '我的兑换记录', ok: { page: 'RedemptionView' }, refusals: ['RESIDENT_NOT_VERIFIED'] })
  @ActFor('查看兑换记录')
  @Get('redemptions/mine')
  @Roles('resident')
  mine(@CurrentUser() user: User, @Query() query: StatementQueryDto): Promise<Page<RedemptionView>> {
    return this.rewards.mine(user, query);
  }

  @ApiAnswer({ summary: '兑换记录（管理端）', ok: { page: 'RedemptionView' } })
  @Get('redemptions')
  @StaffOnly()
  redemptions(@CurrentUser() user: User, @Query() query: RedemptionQueryDto): Promise<Page<RedemptionView>> {
    return this.rewards.redemptions(user, query);
  }

  @ApiAnswer({
    summary: '兑换物品已交付',
    ok: 'RedemptionView',
    refusals: ['REDEMPTION_NOT_FOUND', 'NOT_FOUND', 'REDEMPTION_NOT_PENDING'],
  })
  @Post('redemptions/:id/hand-over')
  @StaffOnly()
  @HttpCode(200)
  handOver(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<RedemptionView> {
    return this.rewards.handOver(user, id);
  }

  @ApiAnswer({
    summary: '取消兑换（退回时长与库存）',
    ok: 'RedemptionView',
    refusals: [
      'REDEMPTION_NOT_FOUND',
      'NOT_FOUND',
      'REDEMPTION_NOT_PENDING',
      'TRANSACTION_ALREADY_REVERSED',
      'REVERSAL_NOT_ALLOWED',
      'INSUFFICIENT_CREDITS',
    ],
  })
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

  @ApiAnswer({
    summary: '兑换项目（须带 Idempotency-Key）',
    ok: 'RedeemResponse',
    refusals: [
      'IDEMPOTENCY_KEY_REQUIRED',
      'RESIDENT_NOT_VERIFIED',
      'REWARD_NOT_FOUND',
      'TIMEBANK_ACCOUNT_NOT_FOUND',
      'REWARD_OUT_OF_STOCK',
      'CONFLICT',
      'INSUFFICIENT_CREDITS',
      'IDEMPOTENCY_KEY_REUSED',
    ],
  })
  @IdempotentPosting(':id/redeem', 'one per intended redemption; a retry sends the same key')
  redeem(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<RedeemResponse> {
    return this.rewards.redeem(user, id, key);
  }
}
