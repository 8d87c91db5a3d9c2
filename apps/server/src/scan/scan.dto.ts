import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { attendancePurposes, type AttendancePurpose, type ScanRequest } from '@linli/shared-types';
import { IsIn, IsLatitude, IsLongitude, IsString, Length } from 'class-validator';
import { IsId, Omittable } from '../common/input-hygiene.js';

export class ScanDto implements ScanRequest {
  @ApiProperty({ description: 'the text read from the QR code' }) @IsString() @Length(1, 500) code: string;
  @ApiPropertyOptional() @Omittable() @IsLatitude() lat?: number;
  @ApiPropertyOptional() @Omittable() @IsLongitude() lng?: number;
  @ApiPropertyOptional({ description: 'scanning from an activity page: the activity expected' })
  @Omittable()
  @IsId()
  activityId?: number;
  @ApiPropertyOptional({ enum: attendancePurposes, description: 'scanning to check in or to check out' })
  @Omittable()
  @IsIn(attendancePurposes)
  purpose?: AttendancePurpose;
}
