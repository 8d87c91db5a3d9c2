import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  familyRelations,
  type DeskFamilyBindRequest,
  type FamilyBindRequest,
  type FamilyCreditAskRequest,
  type FamilyRelation,
} from '@linli/shared-types';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { NonBlank, Omittable } from '../../common/input-hygiene.js';
import { MAX_MINUTES } from '../../timebank/timebank.rules.js';

export class FamilyBindDto implements FamilyBindRequest {
  @ApiProperty({ example: '042917', description: 'the 6-digit code the elder made' })
  @IsString()
  @Matches(/^[0-9]{6}$/)
  code: string;

  @ApiPropertyOptional({ enum: familyRelations, description: 'what the caller is to the elder' })
  @Omittable()
  @IsIn(familyRelations)
  relation?: FamilyRelation;
}

export class DeskFamilyBindDto implements DeskFamilyBindRequest {
  @ApiProperty({ example: '13800000002', description: "the family member's phone (their own account)" })
  @IsString()
  @Matches(/^1[0-9]{10}$/)
  phone: string;

  @ApiPropertyOptional({ enum: familyRelations })
  @Omittable()
  @IsIn(familyRelations)
  relation?: FamilyRelation;
}

/** 代办转出: what the member asks of the elder, for themselves. */
export class FamilyCreditAskDto implements FamilyCreditAskRequest {
  @ApiProperty({ minimum: 1, maximum: MAX_MINUTES, description: 'whole minutes' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  minutes: number;

  @ApiProperty({ example: '帮妈妈买菜垫付', maxLength: 60 })
  @NonBlank(60)
  reason: string;
}
