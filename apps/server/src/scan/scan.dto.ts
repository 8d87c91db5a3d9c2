import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { attendancePurposes, type AttendancePurpose, type ScanRequest } from '@linli/shared-types';
import { IsIn, IsInt, IsLatitude, IsLongitude, IsOptional, IsString, Length, Min } from 'class-validator';

export class ScanDto implements ScanRequest {
  @ApiProperty({ description: 'the text read from the QR code' }) @IsString() @Length(1, 500) code: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitude() lat?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude() lng?: number;
  @ApiPropertyOptional({ description: 'scanning from an activity page: the activity expected' }) @IsOptional() @IsInt() @Min(1) activityId?: number;
  @ApiPropertyOptional({ enum: attendancePurposes, description: 'scanning to check in or to check out' }) @IsOptional() @IsIn(attendancePurposes) purpose?: AttendancePurpose;
}
