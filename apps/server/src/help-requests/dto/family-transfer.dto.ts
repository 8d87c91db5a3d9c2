import { ApiProperty } from '@nestjs/swagger';
import type { FamilyTransferRequest } from '@linli/shared-types';
import { IsInt, Max, Min } from 'class-validator';
import { IsId, NonBlank } from '../../common/input-hygiene.js';
import { MAX_MINUTES } from '../../timebank/timebank.rules.js';

export class FamilyTransferDto implements FamilyTransferRequest {
  @ApiProperty({ description: 'a family member bound to the sender (either side of the binding)' })
  @IsId()
  toUserId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_MINUTES, description: 'whole minutes' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  minutes: number;
  @ApiProperty({ example: '给妈妈的生日礼物' }) @NonBlank(100) memo: string;
}
