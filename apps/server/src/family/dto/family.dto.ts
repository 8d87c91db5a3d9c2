import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  familyRelations,
  type DeskFamilyBindRequest,
  type FamilyBindRequest,
  type FamilyRelation,
} from '@linli/shared-types';
import { IsIn, IsString, Matches } from 'class-validator';
import { Omittable } from '../../common/input-hygiene.js';

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
