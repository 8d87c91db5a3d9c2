import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ROOM_PRICE_MAX_MINUTES_PER_HOUR,
  slotLengths,
  type CreateClosureRequest,
  type CreateRoomRequest,
  type SlotMinutes,
  type UpdateRoomRequest,
} from '@linli/shared-types';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CommunityPageQuery } from '../../common/pagination.js';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';

/** A photo is an https URL or a path on this server: no javascript:, data: or markup. */
const PHOTO_URL = /^(https:\/\/|\/)[^\s"'<>\\]*$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class CreateRoomDto implements CreateRoomRequest {
  @ApiProperty({ example: '书画室' }) @NonBlank(50) name: string;
  @ApiPropertyOptional() @Omittable() @IsString() @Length(0, 500) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(PHOTO_URL, { each: true })
  photos?: string[];
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(1000) capacity: number;
  @ApiPropertyOptional({ type: [String], example: ['书桌', '投影仪'] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  facilities?: string[];
  @ApiProperty({ example: '08:30' }) @IsString() @Matches(CLOCK) openTime: string;
  @ApiProperty({ example: '21:00' }) @IsString() @Matches(CLOCK) closeTime: string;
  @ApiPropertyOptional({ enum: slotLengths, default: 30 }) @Omittable() @IsIn(slotLengths) slotMinutes?: SlotMinutes;
  @ApiPropertyOptional({ default: 180 }) @Omittable() @IsInt() @Min(15) @Max(1440) maxMinutes?: number;
  @ApiPropertyOptional({ default: 7 }) @Omittable() @IsInt() @Min(1) @Max(90) bookAheadDays?: number;
  @ApiPropertyOptional({ default: 60 }) @Omittable() @IsInt() @Min(0) @Max(10_080) minNoticeMinutes?: number;
  @ApiPropertyOptional() @Omittable() @IsBoolean() requiresApproval?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: 0, description: 'time credit per hour booked (minutes), 0 = free' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(ROOM_PRICE_MAX_MINUTES_PER_HOUR)
  priceMinutesPerHour?: number;
  @ApiPropertyOptional({ description: 'admins only' }) @Omittable() @IsId() communityId?: number;
}

export class UpdateRoomDto implements UpdateRoomRequest {
  @ApiPropertyOptional() @Omittable() @NonBlank(50) name?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @Length(0, 500) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(PHOTO_URL, { each: true })
  photos?: string[];
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(1000) capacity?: number;
  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  facilities?: string[];
  @ApiPropertyOptional() @Omittable() @IsString() @Matches(CLOCK) openTime?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @Matches(CLOCK) closeTime?: string;
  @ApiPropertyOptional({ enum: slotLengths }) @Omittable() @IsIn(slotLengths) slotMinutes?: SlotMinutes;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(15) @Max(1440) maxMinutes?: number;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(90) bookAheadDays?: number;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(0) @Max(10_080) minNoticeMinutes?: number;
  @ApiPropertyOptional() @Omittable() @IsBoolean() requiresApproval?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: 0, description: 'time credit per hour booked (minutes), 0 = free' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(ROOM_PRICE_MAX_MINUTES_PER_HOUR)
  priceMinutesPerHour?: number;
}

export class CreateClosureDto implements CreateClosureRequest {
  @ApiProperty({ description: 'ISO 8601 with offset' }) @IsInstant() startAt: string;
  @ApiProperty({ description: 'ISO 8601 with offset' }) @IsInstant() endAt: string;
  @ApiProperty({ example: '设备检修' }) @NonBlank(100) reason: string;
  @ApiPropertyOptional({ description: 'close every room of the community' })
  @Omittable()
  @IsBoolean()
  wholeCentre?: boolean;
}

export class RoomQueryDto extends CommunityPageQuery {}

export class AvailabilityQueryDto {
  @ApiProperty({ example: '2026-11-29', description: 'local date, Asia/Shanghai' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date: string;
}
