import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  LedgerAuditResult,
  LedgerTransactionView,
  Page,
  PostingResponse,
  StatementItem,
  TimebankAccountListItem,
  TimebankAccountView,
  TimebankMonthlyStatsResponse,
  TransferRecipient,
} from '@linli/shared-types';
import type { FastifyReply } from 'fastify';
import { ActFor } from '../family/act-for.decorator.js';
import { CurrentUser, Roles, StaffOnly } from '../common/auth.decorators.js';
import { User } from '../users/user.entity.js';
import { IdempotentPosting } from './idempotent-posting.decorator.js';
import {
  AdjustmentDto,
  MonthlyStatsQueryDto,
  PoolStatementQueryDto,
  ReverseTransactionDto,
  StatementQueryDto,
  TimebankAccountQueryDto,
  TimebankCommunityQueryDto,
  TransferDto,
  TransferRecipientQueryDto,
} from './dto/timebank.dto.js';
import { TimebankCorrectionsService } from './timebank-corrections.service.js';
import { TimebankReportsService } from './timebank-reports.service.js';
import { TimebankService } from './timebank.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('timebank')
@ApiBearerAuth()
@Controller('timebank')
export class TimebankController {
  constructor(
    private readonly timebank: TimebankService,
    private readonly corrections: TimebankCorrectionsService,
    private readonly reports: TimebankReportsService,
  ) {}

  @ApiAnswer({
    summary: '我的时间银行账户（余额）',
    ok: 'TimebankAccountView',
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @ActFor('查看时间余额')
  @Get('account')
  @Roles('resident')
  account(@CurrentUser() user: User): Promise<TimebankAccountView> {
    return this.timebank.account(user);
  }

  @ApiAnswer({
    summary: '我的时间银行流水',
    ok: { page: 'StatementItem' },
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @ActFor('查看时间币明细')
  @Get('transactions')
  @Roles('resident')
  transactions(@CurrentUser() user: User, @Query() query: StatementQueryDto): Promise<Page<StatementItem>> {
    return this.timebank.statement(user, query);
  }

  /** Whom a resident may give credits to: by name, within their community. */
  @ApiAnswer({
    summary: '搜索转赠对象（本社区已认证居民）',
    ok: { page: 'TransferRecipient' },
    refusals: ['RESIDENT_NOT_VERIFIED'],
  })
  @Get('recipients')
  @Roles('resident')
  recipients(@CurrentUser() user: User, @Query() query: TransferRecipientQueryDto): Promise<Page<TransferRecipient>> {
    return this.timebank.recipients(user, query.q);
  }

  /** One neighbour by the account number a resident typed, so the confirmation can name them. */
  @ApiAnswer({
    summary: '按账户编号查找转赠对象（本社区已认证居民）',
    ok: 'TransferRecipient',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'TIMEBANK_RECIPIENT_NOT_FOUND',
      'TRANSFER_TO_SELF',
      'TIMEBANK_RECIPIENT_NOT_VERIFIED',
    ],
  })
  @Get('recipients/:userId')
  @Roles('resident')
  recipient(@CurrentUser() user: User, @Param('userId', ParseIntPipe) userId: number): Promise<TransferRecipient> {
    return this.timebank.recipient(user, userId);
  }

  @ApiAnswer({
    summary: '转赠时长（须带 Idempotency-Key）',
    ok: 'PostingResponse',
    refusals: [
      'IDEMPOTENCY_KEY_REQUIRED',
      'RESIDENT_NOT_VERIFIED',
      'TIMEBANK_RECIPIENT_NOT_FOUND',
      'TIMEBANK_ACCOUNT_NOT_FOUND',
      'CONFLICT',
      'TRANSFER_TO_SELF',
      'TIMEBANK_RECIPIENT_NOT_VERIFIED',
      'INSUFFICIENT_CREDITS',
      'IDEMPOTENCY_KEY_REUSED',
    ],
  })
  @IdempotentPosting('transfers', 'one per intended transfer; a retry sends the same key')
  transfer(
    @CurrentUser() user: User,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: TransferDto,
  ): Promise<PostingResponse> {
    return this.timebank.transfer(user, key, body);
  }

  @ApiAnswer({ summary: '时间银行账户列表（管理端）', ok: { page: 'TimebankAccountListItem' } })
  @Get('accounts')
  @StaffOnly()
  accounts(@CurrentUser() user: User, @Query() query: TimebankAccountQueryDto): Promise<Page<TimebankAccountListItem>> {
    return this.reports.accounts(user, query);
  }

  @ApiAnswer({ summary: '导出时间银行账户（CSV）', ok: { mediaType: 'text/csv' } })
  @Get('accounts.csv')
  @StaffOnly()
  async accountsCsv(
    @CurrentUser() user: User,
    @Query() query: TimebankCommunityQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.reports.accountsCsv(user, query.communityId);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header(
      'content-disposition',
      `attachment; filename="timebank-accounts.csv"; filename*=UTF-8''${encodeURIComponent('时间银行账户.csv')}`,
    );
    return csv;
  }

  @ApiAnswer({
    summary: '某居民的时间银行流水',
    ok: { page: 'StatementItem' },
    refusals: ['NOT_FOUND', 'TIMEBANK_ACCOUNT_NOT_FOUND'],
  })
  @Get('accounts/:userId/transactions')
  @StaffOnly()
  accountTransactions(
    @CurrentUser() user: User,
    @Param('userId', ParseIntPipe) userId: number,
    @Query() query: StatementQueryDto,
  ): Promise<Page<StatementItem>> {
    return this.reports.statementOfUser(user, userId, query);
  }

  @ApiAnswer({ summary: '社区账户流水（时间池，或冻结账户、公益池）', ok: { page: 'StatementItem' } })
  @Get('pool/transactions')
  @StaffOnly()
  poolTransactions(@CurrentUser() user: User, @Query() query: PoolStatementQueryDto): Promise<Page<StatementItem>> {
    return this.reports.statementOfPool(user, query.communityId, query);
  }

  @ApiAnswer({
    summary: '冲正一笔流水',
    ok: 'LedgerTransactionView',
    refusals: [
      'NOT_FOUND',
      'TRANSACTION_NOT_FOUND',
      'TRANSACTION_ALREADY_REVERSED',
      'REVERSAL_NOT_ALLOWED',
      'REVERSAL_OF_HOLD',
      'REDEMPTION_REVERSE_BY_CANCEL',
      'INSUFFICIENT_CREDITS',
    ],
  })
  @Post('transactions/:id/reverse')
  @StaffOnly()
  @HttpCode(201)
  reverse(
    @CurrentUser() user: User,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReverseTransactionDto,
  ): Promise<LedgerTransactionView> {
    return this.corrections.reverse(user, id, body.reason);
  }

  @ApiAnswer({
    summary: '调整居民时长（街道管理员）',
    ok: 'LedgerTransactionView',
    refusals: [
      'NOT_FOUND',
      'TIMEBANK_ACCOUNT_NOT_FOUND',
      'NOT_A_RESIDENT',
      'TARGET_NOT_VERIFIED',
      'INSUFFICIENT_CREDITS',
    ],
  })
  @Post('adjustments')
  @Roles('admin')
  @HttpCode(201)
  adjust(@CurrentUser() user: User, @Body() body: AdjustmentDto): Promise<LedgerTransactionView> {
    return this.corrections.adjust(user, body);
  }

  @ApiAnswer({ summary: '时间银行月度统计', ok: 'TimebankMonthlyStatsResponse' })
  @Get('stats/monthly')
  @StaffOnly()
  monthly(@CurrentUser() user: User, @Query() query: MonthlyStatsQueryDto): Promise<TimebankMonthlyStatsResponse> {
    return this.reports.monthlyStats(user, query.communityId, query.months ?? 12);
  }

  @ApiAnswer({ summary: '时间银行对账（账户余额与流水核对）', ok: 'LedgerAuditResult' })
  @Get('audit')
  @StaffOnly()
  audit(@CurrentUser() user: User, @Query() query: TimebankCommunityQueryDto): Promise<LedgerAuditResult> {
    return this.reports.audit(user, query.communityId);
  }
}
