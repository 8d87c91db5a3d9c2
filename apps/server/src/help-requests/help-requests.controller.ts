import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CareRecipientView, HelpRequestView, Page } from '@linli/shared-types';
import { ActFor } from '../family/act-for.decorator.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { TimebankCommunityQueryDto } from '../timebank/dto/timebank.dto.js';
import { User } from '../users/user.entity.js';
import {
  ChooseHelperDto,
  ConfirmHelpDto,
  CreateHelpRequestDto,
  DisputeHelpDto,
  HelpRequestQueryDto,
  SetCareRecipientDto,
  SettleHelpDto,
} from './dto/help-requests.dto.js';
import { CareRecipientsService } from './care-recipients.service.js';
import { HelpMatchingService } from './help-matching.service.js';
import { HelpRequestReadsService } from './help-request-reads.service.js';
import { HelpRequestsService } from './help-requests.service.js';
import { HelpSettlementService } from './help-settlement.service.js';

@ApiTags('help-requests')
@ApiBearerAuth()
@Controller('help-requests')
export class HelpRequestsController {
  constructor(
    private readonly help: HelpRequestsService,
    private readonly reads: HelpRequestReadsService,
    private readonly matching: HelpMatchingService,
    private readonly settlement: HelpSettlementService,
    private readonly care: CareRecipientsService,
  ) {}

  @ApiAnswer({
    summary: '发布互助需求（冻结所出时长，帮扶对象由社区支付）',
    ok: 'HelpRequestView',
    refusals: ['RESIDENT_NOT_VERIFIED', 'INSUFFICIENT_CREDITS', 'HELP_START_IN_PAST', 'HELP_START_TOO_FAR'],
  })
  @ActFor('发布互助需求')
  @Post()
  @Roles('resident')
  @HttpCode(201)
  create(@CurrentUser() user: User, @Body() body: CreateHelpRequestDto): Promise<HelpRequestView> {
    return this.help.create(user, body);
  }

  @ApiAnswer({
    summary: '本社区的互助需求（居民默认看待响应的）',
    ok: { page: 'HelpRequestView' },
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @Get()
  @Roles('resident', 'staff', 'admin')
  list(@CurrentUser() user: User, @Query() query: HelpRequestQueryDto): Promise<Page<HelpRequestView>> {
    return this.reads.list(user, query);
  }

  @ApiAnswer({
    summary: '我发布、响应或承接的互助',
    ok: { page: 'HelpRequestView' },
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @ActFor('查看互助需求')
  @Get('mine')
  @Roles('resident')
  mine(@CurrentUser() user: User): Promise<Page<HelpRequestView>> {
    return this.reads.mine(user);
  }

  /** Staff: who is flagged as a care recipient 帮扶对象. */
  @ApiAnswer({ summary: '帮扶对象名单', ok: ['CareRecipientView'] })
  @Get('care-recipients')
  @StaffOnly()
  careRecipients(@CurrentUser() user: User, @Query() query: TimebankCommunityQueryDto): Promise<CareRecipientView[]> {
    return this.care.careRecipients(user, query.communityId);
  }

  @ApiAnswer({
    summary: '互助需求详情',
    ok: 'HelpRequestView',
    refusals: ['RESIDENT_NOT_VERIFIED', 'HELP_REQUEST_NOT_FOUND'],
  })
  @ActFor('查看互助需求')
  @Get(':id')
  @Roles('resident', 'staff', 'admin')
  get(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.reads.get(user, id);
  }

  @ApiAnswer({
    summary: '响应互助需求（我来帮忙）',
    ok: 'HelpRequestView',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'HELP_REQUEST_NOT_FOUND',
      'HELP_REQUEST_STATE',
      'HELP_ALREADY_OFFERED',
      'HELP_OWN_REQUEST',
    ],
  })
  @Post(':id/offer')
  @Roles('resident')
  @HttpCode(200)
  offer(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.matching.offer(user, id);
  }

  @ApiAnswer({
    summary: '选定帮手（其他响应者会收到通知）',
    ok: 'HelpRequestView',
    refusals: ['HELP_NOT_POSTER', 'HELP_REQUEST_NOT_FOUND', 'HELP_REQUEST_STATE', 'HELP_HELPER_NOT_OFFERED'],
  })
  @ActFor('选定帮手')
  @Post(':id/choose')
  @Roles('resident')
  @HttpCode(200)
  choose(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ChooseHelperDto,
  ): Promise<HelpRequestView> {
    return this.matching.choose(user, id, body.helperId);
  }

  @ApiAnswer({
    summary: '帮手标记服务完成',
    ok: 'HelpRequestView',
    refusals: ['HELP_NOT_HELPER', 'HELP_REQUEST_NOT_FOUND', 'HELP_REQUEST_STATE'],
  })
  @Post(':id/done')
  @Roles('resident')
  @HttpCode(200)
  done(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.settlement.done(user, id);
  }

  @ApiAnswer({
    summary: '确认并致谢（从冻结中支付帮手）',
    ok: 'HelpRequestView',
    refusals: ['HELP_NOT_POSTER', 'HELP_REQUEST_NOT_FOUND', 'HELP_REQUEST_STATE', 'HOLD_ALREADY_CLOSED'],
  })
  @Post(':id/confirm')
  @Roles('resident')
  @HttpCode(200)
  confirm(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ConfirmHelpDto,
  ): Promise<HelpRequestView> {
    return this.settlement.confirm(user, id, body.thanks, body.stars);
  }

  @ApiAnswer({
    summary: '对服务提出异议（由社区裁定）',
    ok: 'HelpRequestView',
    refusals: ['HELP_NOT_POSTER', 'HELP_REQUEST_NOT_FOUND', 'HELP_REQUEST_STATE'],
  })
  @Post(':id/dispute')
  @Roles('resident')
  @HttpCode(200)
  dispute(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DisputeHelpDto,
  ): Promise<HelpRequestView> {
    return this.settlement.dispute(user, id, body.reason);
  }

  @ApiAnswer({
    summary: '见面前取消（解冻）',
    ok: 'HelpRequestView',
    refusals: ['HELP_NOT_POSTER', 'HELP_REQUEST_NOT_FOUND', 'HELP_REQUEST_STATE', 'HOLD_ALREADY_CLOSED'],
  })
  @ActFor('取消互助需求')
  @Post(':id/cancel')
  @Roles('resident')
  @HttpCode(200)
  cancel(@CurrentUser() user: User, @Param('id', ParseIntPipe) id: number): Promise<HelpRequestView> {
    return this.matching.cancel(user, id);
  }

  @ApiAnswer({
    summary: '裁定异议（支付不超过冻结的时长，其余解冻）',
    ok: 'HelpRequestView',
    refusals: ['HELP_REQUEST_NOT_FOUND', 'HELP_REQUEST_STATE', 'HOLD_ALREADY_CLOSED', 'HELP_SETTLE_TOO_MUCH'],
  })
  @Post(':id/settle')
  @StaffOnly()
  @HttpCode(200)
  settle(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SettleHelpDto,
  ): Promise<HelpRequestView> {
    return this.settlement.settle(user, id, body.minutes, body.reason);
  }
}

/** POST residents/:id/care-recipient: beside the residents routes, owned by mutual help. */
@ApiTags('residents')
@ApiBearerAuth()
@StaffOnly()
@Controller('residents')
export class CareRecipientsController {
  constructor(private readonly care: CareRecipientsService) {}

  @ApiAnswer({
    summary: '设为或取消帮扶对象',
    ok: 'CareRecipientView',
    refusals: ['NOT_FOUND', 'NOT_A_RESIDENT'],
  })
  @Post(':id/care-recipient')
  @HttpCode(200)
  set(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetCareRecipientDto,
  ): Promise<CareRecipientView> {
    return this.care.setCareRecipient(user, id, body.careRecipient);
  }
}
