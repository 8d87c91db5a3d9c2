import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOOKING_PURPOSE_MAX,
  BOOKING_PURPOSE_MIN,
  GROUP_DESCRIPTION_MAX,
  GROUP_MEMBER_CAP_MAX,
  GROUP_NAME_MAX,
  GROUP_NOTICE_BODY_MAX,
  GROUP_NOTICE_TITLE_MAX,
  GROUP_WEEKLY_QUOTA_MAX,
  groupKinds,
  groupStatuses,
  type AddGroupLeaderRequest,
  type CreateGroupRequest,
  type DeclineGroupRequest,
  type GroupBookingRequest,
  type GroupKind,
  type GroupNoticeRequest,
  type GroupStatus,
  type UpdateGroupRequest,
} from '@linli/shared-types';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { CommunityPageQuery } from '../../common/pagination.js';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';

export class CreateGroupDto implements CreateGroupRequest {
  @ApiProperty({ example: '幸福里合唱团' }) @NonBlank(GROUP_NAME_MAX) name: string;
  @ApiProperty({ enum: groupKinds }) @IsIn(groupKinds) kind: GroupKind;
  @ApiProperty({ example: '每周二晚上练歌，欢迎喜欢唱歌的邻居' })
  @NonBlank(GROUP_DESCRIPTION_MAX)
  description: string;
  @ApiPropertyOptional({ nullable: true, example: 30 })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(2)
  @Max(GROUP_MEMBER_CAP_MAX)
  memberCap?: number | null;
}

export class DeclineGroupDto implements DeclineGroupRequest {
  @ApiProperty() @NonBlank(200) reason: string;
}

export class UpdateGroupDto implements UpdateGroupRequest {
  @ApiProperty({ example: 240, description: 'room minutes per ISO week' })
  @IsInt()
  @Min(0)
  @Max(GROUP_WEEKLY_QUOTA_MAX)
  weeklyQuotaMinutes: number;
}

export class AddGroupLeaderDto implements AddGroupLeaderRequest {
  @ApiProperty() @IsId() userId: number;
}

export class GroupNoticeDto implements GroupNoticeRequest {
  @ApiProperty({ example: '本周二练习改到 19:30' })
  @NonBlank(GROUP_NOTICE_TITLE_MAX)
  title: string;
  @ApiProperty() @NonBlank(GROUP_NOTICE_BODY_MAX) body: string;
}

export class GroupBookingDto implements GroupBookingRequest {
  @ApiProperty() @IsId() roomId: number;
  @ApiProperty({ example: '2026-12-08T19:00:00+08:00' }) @IsInstant() startAt: string;
  @ApiProperty({ example: '2026-12-08T21:00:00+08:00' }) @IsInstant() endAt: string;
  @ApiProperty({ example: '合唱团练习' })
  @NonBlank(BOOKING_PURPOSE_MAX, { min: BOOKING_PURPOSE_MIN })
  purpose: string;
  @ApiProperty({ example: 20 }) @IsInt() @Min(1) @Max(1000) attendees: number;
  @ApiPropertyOptional({ example: 12, description: 'weekly for this many weeks, the first included' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(26)
  weeks?: number;
}

export class GroupQueryDto extends CommunityPageQuery {
  @ApiPropertyOptional({ enum: groupStatuses }) @IsOptional() @IsIn(groupStatuses) status?: GroupStatus;
}
