import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateMeRequest } from '@linli/shared-types';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

export class UpdateMeDto implements UpdateMeRequest {
  @ApiPropertyOptional({ example: '张三' }) @IsOptional() @IsString() @Length(1, 32) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) buildingId?: number;
  @ApiPropertyOptional({ example: '2' }) @IsOptional() @IsString() @Matches(/^[0-9A-Za-z\-]{1,16}$/) unit?: string;
  @ApiPropertyOptional({ example: '301' }) @IsOptional() @IsString() @Matches(/^[0-9A-Za-z\-]{1,16}$/) room?: string;
}
