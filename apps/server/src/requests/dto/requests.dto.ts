import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HELP_LIMITS,
  helpRequestKinds,
  REQUEST_COMMENT_MAX,
  REQUEST_DESCRIPTION_MAX,
  REQUEST_EXTENSION_DAYS_MAX,
  REQUEST_NOTE_MAX,
  REQUEST_PHOTOS_MAX,
  REQUEST_PLACE_MAX,
  REQUEST_REASON_MAX,
  REQUEST_REFER_TO_MAX,
  REQUEST_TITLE_MAX,
  requestCategories,
  requestLights,
  requestSatisfactions,
  requestStatuses,
  requestUnreasonableStates,
  type AcceptRequestRequest,
  type CreateRequestRequest,
  type ExtendRequestRequest,
  type HelpRequestKind,
  type MarkUnreasonableRequest,
  type RequestAssigneesQuery,
  type RateRequestRequest,
  type ReferRequestRequest,
  type ReopenRequestRequest,
  type RequestCategory,
  type RequestFeedQuery,
  type RequestHelpTaskRequest,
  type RequestLight,
  type RequestProgressRequest,
  type RequestQueueQuery,
  type RequestSatisfaction,
  type RequestStatsQuery,
  type RequestStatus,
  type RequestUnreasonableState,
  type ResolveRequestRequest,
} from '@linli/shared-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CommunityPageQuery, PageQuery } from '../../common/pagination.js';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';

/** Upload ids are 32 url-safe characters (uploads.service). */
const UPLOAD_ID = /^[A-Za-z0-9_-]{32}$/;

export class CreateRequestDto implements CreateRequestRequest {
  @ApiProperty({ enum: requestCategories }) @IsIn(requestCategories) category: RequestCategory;
  @ApiProperty({ example: '3 号楼楼道灯坏了', maxLength: REQUEST_TITLE_MAX })
  @NonBlank(REQUEST_TITLE_MAX)
  title: string;
  @ApiProperty({ maxLength: REQUEST_DESCRIPTION_MAX })
  @NonBlank(REQUEST_DESCRIPTION_MAX)
  description: string;
  @ApiPropertyOptional() @Omittable() @IsId() buildingId?: number;
  @ApiPropertyOptional({ maxLength: REQUEST_PLACE_MAX })
  @Omittable()
  @NonBlank(REQUEST_PLACE_MAX)
  place?: string;
  @ApiPropertyOptional()
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number;
  @ApiPropertyOptional()
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng?: number;
  @ApiProperty() @IsBoolean() urgent: boolean;
  @ApiProperty({ description: 'neighbours may see it and add 我也遇到' }) @IsBoolean() public: boolean;
  @ApiPropertyOptional({ type: [String], maxItems: REQUEST_PHOTOS_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(REQUEST_PHOTOS_MAX)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(UPLOAD_ID, { each: true })
  photoIds?: string[];
}

export class RequestFeedQueryDto extends PageQuery implements RequestFeedQuery {
  @ApiPropertyOptional({ enum: requestStatuses }) @IsOptional() @IsIn(requestStatuses) status?: RequestStatus;
  @ApiPropertyOptional({ enum: requestCategories }) @IsOptional() @IsIn(requestCategories) category?: RequestCategory;
}

export class RequestQueueQueryDto extends CommunityPageQuery implements RequestQueueQuery {
  @ApiPropertyOptional({ enum: requestStatuses }) @IsOptional() @IsIn(requestStatuses) status?: RequestStatus;
  @ApiPropertyOptional({ enum: requestCategories }) @IsOptional() @IsIn(requestCategories) category?: RequestCategory;
  @ApiPropertyOptional({ enum: requestLights, description: 'requests whose clock runs (open ones) with this light' })
  @IsOptional()
  @IsIn(requestLights)
  light?: RequestLight;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsId() assigneeId?: number;
  @ApiPropertyOptional({ enum: requestUnreasonableStates })
  @IsOptional()
  @IsIn(requestUnreasonableStates)
  unreasonable?: RequestUnreasonableState;
}

export class RequestAssigneesQueryDto implements RequestAssigneesQuery {
  @ApiPropertyOptional({ description: 'admins only: one community' })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  communityId?: number;
}

export class RequestStatsQueryDto implements RequestStatsQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ description: 'admins only: one community' })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  communityId?: number;
}

export class AcceptRequestDto implements AcceptRequestRequest {
  @ApiPropertyOptional({ description: 'a staff member of the community; default the caller' })
  @Omittable()
  @IsId()
  assigneeId?: number;
}

export class RequestProgressDto implements RequestProgressRequest {
  @ApiProperty({ maxLength: REQUEST_NOTE_MAX }) @NonBlank(REQUEST_NOTE_MAX) note: string;
  @ApiPropertyOptional({ type: [String], maxItems: REQUEST_PHOTOS_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(REQUEST_PHOTOS_MAX)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(UPLOAD_ID, { each: true })
  photoIds?: string[];
}

export class ResolveRequestDto implements ResolveRequestRequest {
  @ApiProperty({ maxLength: REQUEST_NOTE_MAX })
  @NonBlank(REQUEST_NOTE_MAX)
  resolution: string;
}

export class ReferRequestDto implements ReferRequestRequest {
  @ApiProperty({ example: '区住建委', maxLength: REQUEST_REFER_TO_MAX })
  @NonBlank(REQUEST_REFER_TO_MAX)
  to: string;
  @ApiProperty({ maxLength: REQUEST_REASON_MAX })
  @NonBlank(REQUEST_REASON_MAX)
  reason: string;
}

export class ExtendRequestDto implements ExtendRequestRequest {
  @ApiProperty({ minimum: 1, maximum: REQUEST_EXTENSION_DAYS_MAX })
  @IsInt()
  @Min(1)
  @Max(REQUEST_EXTENSION_DAYS_MAX)
  days: number;
  @ApiProperty({ maxLength: REQUEST_REASON_MAX })
  @NonBlank(REQUEST_REASON_MAX)
  reason: string;
}

export class ReasonDto implements MarkUnreasonableRequest, ReopenRequestRequest {
  @ApiProperty({ maxLength: REQUEST_REASON_MAX })
  @NonBlank(REQUEST_REASON_MAX)
  reason: string;
}

export class RateRequestDto implements RateRequestRequest {
  @ApiProperty({ description: '是否解决' }) @IsBoolean() resolved: boolean;
  @ApiProperty({ enum: requestSatisfactions }) @IsIn(requestSatisfactions) satisfaction: RequestSatisfaction;
  @ApiPropertyOptional({ maxLength: REQUEST_COMMENT_MAX })
  @Omittable()
  @IsString()
  @Length(0, REQUEST_COMMENT_MAX)
  comment?: string;
}

export class RequestHelpTaskDto implements RequestHelpTaskRequest {
  @ApiProperty({
    minimum: HELP_LIMITS.rewardMin,
    maximum: HELP_LIMITS.rewardMax,
    description: 'credits for the helper, held from the community pool',
  })
  @IsInt()
  @Min(HELP_LIMITS.rewardMin)
  @Max(HELP_LIMITS.rewardMax)
  rewardMinutes: number;
  @ApiPropertyOptional({ description: 'ISO 8601 with offset; default tomorrow on the hour' })
  @Omittable()
  @IsInstant()
  startAt?: string;
  @ApiPropertyOptional({ minimum: HELP_LIMITS.minutesMin, maximum: HELP_LIMITS.minutesMax })
  @Omittable()
  @IsInt()
  @Min(HELP_LIMITS.minutesMin)
  @Max(HELP_LIMITS.minutesMax)
  minutes?: number;
  @ApiPropertyOptional({ enum: helpRequestKinds, description: 'default from the category' })
  @Omittable()
  @IsIn(helpRequestKinds)
  kind?: HelpRequestKind;
}
