import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AdjustmentRequest,
  DonationRequest,
  ReverseTransactionRequest,
  TransferRecipientQuery,
  TransferRequest,
} from '@linli/shared-types';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import { CommunityPageQuery, PageQuery } from '../../common/pagination.js';
import { MAX_MINUTES } from '../timebank.rules.js';
import { IsId, NonBlank } from '../../common/input-hygiene.js';

export class TransferDto implements TransferRequest {
  @ApiProperty() @IsId() toUserId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_MINUTES, description: 'whole minutes' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  minutes: number;
  @ApiProperty({ example: '谢谢帮我买菜' }) @NonBlank(100) memo: string;
}

export class DonationDto implements DonationRequest {
  @ApiProperty({ minimum: 1, maximum: MAX_MINUTES, description: 'whole minutes' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  minutes: number;
}

export class ReverseTransactionDto implements ReverseTransactionRequest {
  @ApiProperty({ example: '重复记录' }) @NonBlank(100) reason: string;
}

export class AdjustmentDto implements AdjustmentRequest {
  @ApiProperty() @IsId() userId: number;
  @ApiProperty({ description: 'whole minutes, negative takes credits back' })
  @IsInt()
  @Min(-MAX_MINUTES)
  @Max(MAX_MINUTES)
  @NotEquals(0)
  minutes: number;
  @ApiProperty() @NonBlank(100) reason: string;
}

export class StatementQueryDto extends PageQuery {}

/** The community's own accounts: the pool (default), the escrow of held credits, the commons 公益池. */
export const communityAccountKinds = ['pool', 'escrow', 'commons'] as const;

export class PoolStatementQueryDto extends CommunityPageQuery {
  @ApiPropertyOptional({ enum: communityAccountKinds, description: 'which community account; pool by default' })
  @IsOptional()
  @IsIn(communityAccountKinds)
  kind?: (typeof communityAccountKinds)[number];
}

export class TimebankAccountQueryDto extends CommunityPageQuery {
  @ApiPropertyOptional({ description: 'name, phone or room' }) @IsOptional() @IsString() @Length(1, 32) q?: string;
}

export class TimebankCommunityQueryDto {
  @ApiPropertyOptional({ description: 'admins only: one community' })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  communityId?: number;
}

export class MonthlyStatsQueryDto extends TimebankCommunityQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;
}

export class TransferRecipientQueryDto implements TransferRecipientQuery {
  @ApiProperty({ description: "part of the neighbour's name (1–20 characters)" })
  @NonBlank(20)
  q: string;
}
