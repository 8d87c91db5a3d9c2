import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  MANUAL_REASON_MAX,
  activityStatuses,
  attendancePurposes,
  type ActivityQuery,
  type ActivityStatus,
  type CancelActivityRequest,
  type AttendancePurpose,
  type CreateActivityRequest,
  type Geofence,
  type ManualMinutesRequest,
  type RecordAttendanceRequest,
  type UpdateActivityRequest,
} from '@linli/shared-types';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommunityPageQuery } from '../../common/pagination.js';
import { IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';

export class GeofenceDto implements Geofence {
  @ApiProperty({ example: 30.6586 }) @IsLatitude() lat: number;
  @ApiProperty({ example: 104.0647 }) @IsLongitude() lng: number;
  @ApiProperty({ example: 150 }) @IsInt() @Min(10) @Max(5000) radiusM: number;
}

export class CreateActivityDto implements CreateActivityRequest {
  @ApiProperty({ example: '敬老院陪伴' }) @NonBlank(ACTIVITY_TITLE_MAX) title: string;
  @ApiProperty() @IsString() @Length(0, ACTIVITY_DESCRIPTION_MAX) description: string;
  @ApiProperty({ example: '幸福里敬老院' }) @NonBlank(ACTIVITY_PLACE_MAX) place: string;
  @ApiPropertyOptional({ type: GeofenceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GeofenceDto)
  geofence?: GeofenceDto | null;
  @ApiProperty({ example: '2026-11-29T09:00:00+08:00' }) @IsInstant() startAt: string;
  @ApiProperty({ example: '2026-11-29T11:00:00+08:00' }) @IsInstant() endAt: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(10000) capacity: number;
  @ApiProperty({ example: '2026-11-28T20:00:00+08:00' }) @IsInstant() signupDeadline: string;
}

export class UpdateActivityDto implements UpdateActivityRequest {
  @ApiPropertyOptional() @Omittable() @NonBlank(ACTIVITY_TITLE_MAX) title?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @Length(0, ACTIVITY_DESCRIPTION_MAX) description?: string;
  @ApiPropertyOptional() @Omittable() @NonBlank(ACTIVITY_PLACE_MAX) place?: string;
  @ApiPropertyOptional({ type: GeofenceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GeofenceDto)
  geofence?: GeofenceDto | null;
  @ApiPropertyOptional() @Omittable() @IsInstant() startAt?: string;
  @ApiPropertyOptional() @Omittable() @IsInstant() endAt?: string;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(10000) capacity?: number;
  @ApiPropertyOptional() @Omittable() @IsInstant() signupDeadline?: string;
}

export class ActivityQueryDto extends CommunityPageQuery implements ActivityQuery {
  @ApiPropertyOptional({ enum: activityStatuses }) @IsOptional() @IsIn(activityStatuses) status?: ActivityStatus;
}

export class LiveCodeQueryDto {
  @ApiProperty({ enum: attendancePurposes }) @IsIn(attendancePurposes) purpose: AttendancePurpose;
}

export class RecordAttendanceDto implements RecordAttendanceRequest {
  @ApiProperty({ description: 'the volunteer’s personal code: QR text or 6 digits' })
  @IsString()
  @Length(6, 100)
  userCode: string;
  @ApiProperty({ enum: attendancePurposes }) @IsIn(attendancePurposes) action: AttendancePurpose;
}

export class ManualMinutesDto implements ManualMinutesRequest {
  @ApiProperty({ example: 90 }) @IsInt() @Min(0) @Max(1440) minutes: number;
  @ApiProperty({ example: '手机没电，未能签退，现场负责人确认' })
  @NonBlank(MANUAL_REASON_MAX)
  reason: string;
}

export class CancelActivityDto implements CancelActivityRequest {
  @ApiProperty({ example: '天气原因，改期另行通知' })
  @NonBlank(MANUAL_REASON_MAX)
  reason: string;
}
