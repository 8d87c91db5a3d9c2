import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOOKING_PURPOSE_MAX,
  BOOKING_PURPOSE_MIN,
  bookingStatuses,
  type BookingQuery,
  type BookingStatus,
  myBookingsWhen,
  type MyBookingsQuery,
  type MyBookingsWhen,
  type CancelBookingRequest,
  type CreateBookingRequest,
  type RecurringBookingRequest,
  type RejectBookingRequest,
} from '@linli/shared-types';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CommunityPageQuery, PageQuery } from '../../common/pagination.js';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';

export class CreateBookingDto implements CreateBookingRequest {
  @ApiProperty() @IsId() roomId: number;
  @ApiProperty({ example: '2026-11-29T10:00:00+08:00' }) @IsInstant() startAt: string;
  @ApiProperty({ example: '2026-11-29T11:00:00+08:00' }) @IsInstant() endAt: string;
  @ApiProperty({ example: '书法兴趣小组练习' })
  @NonBlank(BOOKING_PURPOSE_MAX, { min: BOOKING_PURPOSE_MIN })
  purpose: string;
  @ApiProperty({ example: 6 }) @IsInt() @Min(1) @Max(1000) attendees: number;
}

export class RecurringBookingDto extends CreateBookingDto implements RecurringBookingRequest {
  @ApiProperty({ example: 8, description: 'weeks, the first included' }) @IsInt() @Min(1) @Max(26) weeks: number;
}

export class CancelBookingDto implements CancelBookingRequest {
  @ApiPropertyOptional({ description: 'required when staff cancel a resident’s booking' })
  @Omittable()
  @NonBlank(200)
  reason?: string;
}

export class RejectBookingDto implements RejectBookingRequest {
  @ApiProperty() @NonBlank(200) reason: string;
}

export class BookingQueryDto extends CommunityPageQuery implements BookingQuery {
  @ApiPropertyOptional({ example: '2026-11-29' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;
  @ApiPropertyOptional({ enum: bookingStatuses }) @IsOptional() @IsIn(bookingStatuses) status?: BookingStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsId() roomId?: number;
}

export class MyBookingsQueryDto extends PageQuery implements MyBookingsQuery {
  @ApiPropertyOptional({ enum: myBookingsWhen, description: 'upcoming: active and not ended; past: the rest' })
  @IsOptional()
  @IsIn(myBookingsWhen)
  when?: MyBookingsWhen;
}
