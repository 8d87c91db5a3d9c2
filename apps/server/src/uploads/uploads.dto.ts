import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class UploadQueryDto {
  @ApiPropertyOptional({ enum: ['thumb'], description: 'a 320 px square for lists' })
  @IsOptional()
  @IsIn(['thumb'])
  size?: 'thumb';
}
