import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateMeRequest } from '@linli/shared-types';
import { IsString, Matches } from 'class-validator';
import { IsId, NonBlank, Omittable } from '../../common/input-hygiene.js';

export class UpdateMeDto implements UpdateMeRequest {
  @ApiPropertyOptional({ example: '张三' }) @Omittable() @NonBlank(32) name?: string;
  @ApiPropertyOptional() @Omittable() @IsId() buildingId?: number;
  @ApiPropertyOptional({ example: '2' }) @Omittable() @IsString() @Matches(/^[0-9A-Za-z-]{1,16}$/) unit?: string;
  @ApiPropertyOptional({ example: '301' }) @Omittable() @IsString() @Matches(/^[0-9A-Za-z-]{1,16}$/) room?: string;
}
