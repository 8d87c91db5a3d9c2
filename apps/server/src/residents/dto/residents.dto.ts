import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  userStatuses,
  type OfflineResidentRequest,
  type ResidentQuery,
  type RevealPhoneRequest,
  type SetVolunteerRequest,
  type UserStatus,
} from '@linli/shared-types';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsId, NonBlank, Omittable } from '../../common/input-hygiene.js';
import { CommunityPageQuery } from '../../common/pagination.js';

export class ResidentQueryDto extends CommunityPageQuery implements ResidentQuery {
  @ApiPropertyOptional({ enum: userStatuses }) @IsOptional() @IsIn(userStatuses) status?: UserStatus;
  @ApiPropertyOptional({ description: 'name, phone or room' }) @IsOptional() @IsString() @Length(1, 32) q?: string;
}

export class RevealPhoneDto implements RevealPhoneRequest {
  @ApiProperty({ example: '公告「停水通知」跟进' }) @NonBlank(100) purpose: string;
}

export class SetVolunteerDto implements SetVolunteerRequest {
  @ApiProperty() @IsBoolean() volunteer: boolean;
}

export class OfflineResidentDto implements OfflineResidentRequest {
  @ApiProperty({ example: '王秀珍' }) @NonBlank(32) name: string;
  @ApiProperty() @IsId() buildingId: number;
  @ApiProperty({ example: '1' }) @IsString() @Matches(/^[0-9A-Za-z-]{1,16}$/) unit: string;
  @ApiProperty({ example: '101' }) @IsString() @Matches(/^[0-9A-Za-z-]{1,16}$/) room: string;
  @ApiPropertyOptional({ example: '13800000000', description: 'a landline or mobile number to call, if any' })
  @Omittable()
  @IsString()
  @Matches(/^[0-9-]{5,20}$/)
  phone?: string;
}
