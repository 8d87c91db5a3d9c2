import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EVENT_CANCEL_REASON_MAX,
  EVENT_CAPACITY_MAX,
  EVENT_PLACE_MAX,
  EVENT_TITLE_MAX,
  FEEDBACK_WORDS_MAX,
  THANKS_WORDS_MAX,
  groupKinds,
  moods,
  type CancelEventRequest,
  type CentreReportQuery,
  type CreateEventRequest,
  type EventFeedbackRequest,
  type EventQuery,
  type EventThanksRequest,
  type GroupKind,
  type Mood,
} from '@linli/shared-types';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';
import { PageQuery } from '../../common/pagination.js';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateEventDto implements CreateEventRequest {
  @ApiProperty({ example: '冬至包饺子联欢' }) @NonBlank(EVENT_TITLE_MAX) title: string;
  @ApiProperty({ example: '2026-12-21T14:00:00+08:00' }) @IsInstant() startAt: string;
  @ApiProperty({ example: '2026-12-21T16:00:00+08:00' }) @IsInstant() endAt: string;
  @ApiPropertyOptional({ example: '社区广场' })
  @Omittable()
  @NonBlank(EVENT_PLACE_MAX)
  place?: string;
  @ApiPropertyOptional({ description: 'a booking of the centre the event is held in' })
  @Omittable()
  @IsId()
  bookingId?: number;
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(EVENT_CAPACITY_MAX) capacity: number;
  @ApiPropertyOptional() @Omittable() @IsId() groupId?: number;
  @ApiProperty({ description: 'open to the group’s members only' }) @IsBoolean() membersOnly: boolean;
  @ApiPropertyOptional({ enum: groupKinds }) @Omittable() @IsIn(groupKinds) kind?: GroupKind;
}

export class CancelEventDto implements CancelEventRequest {
  @ApiProperty({ example: '天气原因，改期另行通知' })
  @NonBlank(EVENT_CANCEL_REASON_MAX)
  reason: string;
}

export class EventFeedbackDto implements EventFeedbackRequest {
  @ApiProperty({ enum: moods }) @IsIn(moods) mood: Mood;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(FEEDBACK_WORDS_MAX) words?: string;
}

export class EventThanksDto implements EventThanksRequest {
  @ApiProperty() @IsId() toUserId: number;
  @ApiProperty({ example: '谢谢王阿姨教我们包饺子！' })
  @NonBlank(THANKS_WORDS_MAX)
  words: string;
}

export class EventQueryDto extends PageQuery implements EventQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsId() groupId?: number;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsString() @Matches(LOCAL_DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsString() @Matches(LOCAL_DATE) to?: string;
  @ApiPropertyOptional({ description: 'admins only: one community' })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  communityId?: number;
}

export class CentreReportQueryDto implements CentreReportQuery {
  @ApiPropertyOptional({ example: '2026-10-01' }) @IsOptional() @IsString() @Matches(LOCAL_DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsString() @Matches(LOCAL_DATE) to?: string;
  @ApiPropertyOptional({ description: 'admins only: one community' })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  communityId?: number;
}
