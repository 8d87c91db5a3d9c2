import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ScanRequest } from '@linli/shared-types';
import { IsLatitude, IsLongitude, IsOptional, IsString, Length } from 'class-validator';

export class ScanDto implements ScanRequest {
  @ApiProperty({ description: 'the text read from the QR code' }) @IsString() @Length(1, 500) code: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitude() lat?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude() lng?: number;
}
