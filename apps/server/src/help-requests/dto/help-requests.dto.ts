import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HELP_LIMITS,
  helpRequestKinds,
  helpRequestStatuses,
  type ChooseHelperRequest,
  type ConfirmHelpRequest,
  type CreateHelpRequest,
  type DisputeHelpRequest,
  type HelpRequestKind,
  type HelpRequestQuery,
  type HelpRequestStatus,
  type SetCareRecipientRequest,
  type SettleHelpRequest,
} from '@linli/shared-types';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsId, IsInstant, NonBlank, Omittable } from '../../common/input-hygiene.js';
import { PageQuery } from '../../common/pagination.js';

export class CreateHelpRequestDto implements CreateHelpRequest {
  @ApiProperty({ maxLength: HELP_LIMITS.titleMax, example: '陪我去社区医院复诊' })
  @NonBlank(HELP_LIMITS.titleMax)
  title: string;
  @ApiProperty({ maxLength: HELP_LIMITS.descriptionMax })
  @IsString()
  @Length(0, HELP_LIMITS.descriptionMax)
  description: string;
  @ApiProperty({ enum: helpRequestKinds }) @IsIn(helpRequestKinds) kind: HelpRequestKind;
  @ApiProperty({ description: 'ISO 8601 with offset' }) @IsInstant() startAt: string;
  @ApiProperty({ minimum: HELP_LIMITS.minutesMin, maximum: HELP_LIMITS.minutesMax })
  @IsInt()
  @Min(HELP_LIMITS.minutesMin)
  @Max(HELP_LIMITS.minutesMax)
  minutes: number;
  @ApiProperty({ maxLength: HELP_LIMITS.placeMax })
  @NonBlank(HELP_LIMITS.placeMax)
  place: string;
  @ApiProperty({ minimum: HELP_LIMITS.rewardMin, maximum: HELP_LIMITS.rewardMax, description: 'credits offered' })
  @IsInt()
  @Min(HELP_LIMITS.rewardMin)
  @Max(HELP_LIMITS.rewardMax)
  rewardMinutes: number;
}

export class HelpRequestQueryDto extends PageQuery implements HelpRequestQuery {
  @ApiPropertyOptional({ enum: helpRequestStatuses, description: 'residents: open by default' })
  @IsOptional()
  @IsIn(helpRequestStatuses)
  status?: HelpRequestStatus;
}

export class ChooseHelperDto implements ChooseHelperRequest {
  @ApiProperty() @IsId() helperId: number;
}

export class ConfirmHelpDto implements ConfirmHelpRequest {
  @ApiPropertyOptional({ maxLength: HELP_LIMITS.thanksMax })
  @Omittable()
  @IsString()
  @Length(0, HELP_LIMITS.thanksMax)
  thanks?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @Omittable() @IsInt() @Min(1) @Max(5) stars?: number;
}

export class DisputeHelpDto implements DisputeHelpRequest {
  @ApiProperty({ maxLength: HELP_LIMITS.reasonMax })
  @NonBlank(HELP_LIMITS.reasonMax)
  reason: string;
}

export class SettleHelpDto implements SettleHelpRequest {
  @ApiProperty({ minimum: 0, description: 'minutes paid to the helper, at most the hold' })
  @IsInt()
  @Min(0)
  @Max(HELP_LIMITS.rewardMax)
  minutes: number;
  @ApiProperty({ maxLength: HELP_LIMITS.reasonMax })
  @NonBlank(HELP_LIMITS.reasonMax)
  reason: string;
}

export class SetCareRecipientDto implements SetCareRecipientRequest {
  @ApiProperty() @IsBoolean() careRecipient: boolean;
}
