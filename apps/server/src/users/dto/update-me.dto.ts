import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateMeRequest } from '@linli/shared-types';
import { IsString, Length, Matches } from 'class-validator';
import { IsId, Omittable } from '../../common/input-hygiene.js';

export class UpdateMeDto implements UpdateMeRequest {
  @ApiPropertyOptional({ example: '张三' }) @Omittable() @IsString() @Length(1, 32) @Matches(/\S/) name?: string;
  @ApiPropertyOptional() @Omittable() @IsId() buildingId?: number;
  @ApiPropertyOptional({ example: '2' }) @Omittable() @IsString() @Matches(/^[0-9A-Za-z-]{1,16}$/) unit?: string;
  @ApiPropertyOptional({ example: '301' }) @Omittable() @IsString() @Matches(/^[0-9A-Za-z-]{1,16}$/) room?: string;
}
