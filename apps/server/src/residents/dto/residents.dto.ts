import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { userStatuses, type ResidentQuery, type SetVolunteerRequest, type UserStatus } from '@linli/shared-types';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommunityPageQuery } from '../../common/pagination.js';

export class ResidentQueryDto extends CommunityPageQuery implements ResidentQuery {
  @ApiPropertyOptional({ enum: userStatuses }) @IsOptional() @IsIn(userStatuses) status?: UserStatus;
  @ApiPropertyOptional({ description: 'name, phone or room' }) @IsOptional() @IsString() @Length(1, 32) q?: string;
}

export class SetVolunteerDto implements SetVolunteerRequest {
  @ApiProperty() @IsBoolean() volunteer: boolean;
}
