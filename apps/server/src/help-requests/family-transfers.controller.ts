import { Body, Controller, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PostingResponse } from '@linli/shared-types';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser } from '../common/auth.decorators.js';
import { IdempotentPosting } from '../timebank/idempotent-posting.decorator.js';
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
  @IdempotentPosting('family-transfers', 'one per intended transfer; a retry sends the same key')
  transfer(
    @CurrentUser() user: User,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: FamilyTransferDto,
  ): Promise<PostingResponse> {
    return this.transfers.transfer(user, key, body);
  }
}
