import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { PostingResponse } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { User } from '../users/user.entity.js';
import { FamilyTransferDto } from './dto/family-transfer.dto.js';
import { FamilyTransfersService } from './family-transfers.service.js';

/** 亲情转赠. No @ActFor: moving credits out of someone's account is never done by a proxy. */
@ApiTags('timebank')
@ApiBearerAuth()
@Controller('timebank')
export class FamilyTransfersController {
  constructor(private readonly transfers: FamilyTransfersService) {}

  @ApiAnswer({
    summary: '亲情转赠：把时长转给已绑定的家人（可跨社区，须带 Idempotency-Key）',
    ok: 'PostingResponse',
    refusals: [
      'IDEMPOTENCY_KEY_REQUIRED',
      'RESIDENT_NOT_VERIFIED',
      'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND',
      'TIMEBANK_ACCOUNT_NOT_FOUND',
      'CONFLICT',
      'TRANSFER_TO_SELF',
      'FAMILY_TRANSFER_RECIPIENT_INACTIVE',
      'INSUFFICIENT_CREDITS',
      'IDEMPOTENCY_KEY_REUSED',
    ],
  })
  @Post('family-transfers')
  @Roles('resident')
  @HttpCode(201)
  @RateLimit('timebank')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'one per intended transfer; a retry sends the same key',
  })
  transfer(
    @CurrentUser() user: User,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: FamilyTransferDto,
  ): Promise<PostingResponse> {
    return this.transfers.transfer(user, key, body);
  }
}
