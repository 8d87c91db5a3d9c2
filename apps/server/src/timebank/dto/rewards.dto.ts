import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  redemptionStatuses,
  type CancelRedemptionRequest,
  type CreateRewardRequest,
  type RedemptionQuery,
  type RedemptionStatus,
  type UpdateRewardRequest,
} from '@linli/shared-types';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CommunityPageQuery } from '../../common/pagination.js';
import { MAX_MINUTES } from '../timebank.rules.js';
import { IsId, NonBlank, Omittable } from '../../common/input-hygiene.js';

export class CreateRewardDto implements CreateRewardRequest {
  @ApiProperty({ example: '理发券' }) @NonBlank(50) name: string;
  @ApiProperty({ example: '社区理发室，凭券理发一次' }) @IsString() @Length(0, 500) description: string;
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(MAX_MINUTES) priceMinutes: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(0) @Max(100_000) stock: number;
  @ApiPropertyOptional({ description: 'admins only: the community of the reward' })
  @Omittable()
  @IsId()
  communityId?: number;
}

export class UpdateRewardDto implements UpdateRewardRequest {
  @ApiPropertyOptional() @Omittable() @NonBlank(50) name?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @Length(0, 500) description?: string;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(MAX_MINUTES) priceMinutes?: number;
  @ApiPropertyOptional({ description: 'items left (set, not added)' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(100_000)
  stock?: number;
  @ApiPropertyOptional() @Omittable() @IsBoolean() active?: boolean;
}

export class RewardQueryDto extends CommunityPageQuery {}

export class RedemptionQueryDto extends CommunityPageQuery implements RedemptionQuery {
  @ApiPropertyOptional({ enum: redemptionStatuses }) @IsOptional() @IsIn(redemptionStatuses) status?: RedemptionStatus;
}

export class CancelRedemptionDto implements CancelRedemptionRequest {
  @ApiPropertyOptional() @Omittable() @NonBlank(100) reason?: string;
}
