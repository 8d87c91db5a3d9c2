import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  noticeCategories,
  noticeStatuses,
  type CreateNoticeRequest,
  type NoticeCategory,
  type NoticeFeedQuery,
  type NoticeFollowUpQuery,
  type NoticeManageQuery,
  type NoticeStatus,
  type UpdateNoticeRequest,
} from '@linli/shared-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CommunityPageQuery, PageQuery } from '../../common/pagination.js';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';

export class CreateNoticeDto implements CreateNoticeRequest {
  @ApiProperty({ example: '12月3日停水通知', maxLength: NOTICE_TITLE_MAX })
  @NonBlank(NOTICE_TITLE_MAX)
  title: string;

  @ApiProperty({ description: 'Markdown subset', maxLength: NOTICE_BODY_MAX })
  @NonBlank(NOTICE_BODY_MAX)
  body: string;

  @ApiProperty({ enum: noticeCategories }) @IsIn(noticeCategories) category: NoticeCategory;
  @ApiPropertyOptional() @Omittable() @IsBoolean() pinned?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() requiresAck?: boolean;

  @ApiPropertyOptional({ type: [Number], description: 'empty = whole community' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsId({ each: true })
  audienceBuildingIds?: number[];

  @ApiPropertyOptional({ description: 'ISO 8601 with offset; absent or null = when published' })
  @IsOptional()
  @IsInstant()
  publishAt?: string | null;

  @ApiPropertyOptional({ description: 'ISO 8601 with offset' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string | null;

  @ApiPropertyOptional({ description: 'admins only' }) @Omittable() @IsId() communityId?: number;
}

export class UpdateNoticeDto implements UpdateNoticeRequest {
  @ApiPropertyOptional() @Omittable() @NonBlank(NOTICE_TITLE_MAX) title?: string;
  @ApiPropertyOptional() @Omittable() @NonBlank(NOTICE_BODY_MAX) body?: string;
  @ApiPropertyOptional({ enum: noticeCategories }) @Omittable() @IsIn(noticeCategories) category?: NoticeCategory;
  @ApiPropertyOptional() @Omittable() @IsBoolean() pinned?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() requiresAck?: boolean;
  @ApiPropertyOptional({ type: [Number] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsId({ each: true })
  audienceBuildingIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsInstant() publishAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInstant() expiresAt?: string | null;
}

export class NoticeFeedQueryDto extends PageQuery implements NoticeFeedQuery {
  @ApiPropertyOptional({ enum: noticeCategories }) @IsOptional() @IsIn(noticeCategories) category?: NoticeCategory;
  @ApiPropertyOptional({ description: 'keyword in title or body' }) @IsOptional() @IsString() @Length(1, 50) q?: string;
}

export class NoticeManageQueryDto extends CommunityPageQuery implements NoticeManageQuery {
  @ApiPropertyOptional({ enum: noticeStatuses }) @IsOptional() @IsIn(noticeStatuses) status?: NoticeStatus;
}

/** Not a PageQuery: this cursor names a household (building, unit, room), longer than an id. */
export class NoticeFollowUpQueryDto implements NoticeFollowUpQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the stats or of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
