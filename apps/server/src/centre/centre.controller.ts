import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CentreReport } from '@linli/shared-types';
import type { FastifyReply } from 'fastify';
import { ApiAnswer } from '../common/api-answer.decorator.js';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { CentreReportQueryDto } from '../events/dto/events.dto.js';
import { User } from '../users/user.entity.js';
import { CentreService } from './centre.service.js';

@ApiTags('centre')
@ApiBearerAuth()
@Controller('centre')
export class CentreController {
  constructor(private readonly centre: CentreService) {}

  @ApiAnswer({
    summary: '活动中心周报（工作人员）',
    ok: 'CentreReport',
    refusals: ['CENTRE_REPORT_RANGE_INVALID'],
  })
  /** Staff: what the centre produced, per week. */
  @Get('report')
  @StaffOnly()
  report(@CurrentUser() user: User, @Query() query: CentreReportQueryDto): Promise<CentreReport> {
    return this.centre.report(user, query);
  }

  @ApiAnswer({
    summary: '活动中心周报 CSV',
    ok: { mediaType: 'text/csv' },
    refusals: ['CENTRE_REPORT_RANGE_INVALID'],
  })
  /** The same as CSV (UTF-8 with BOM, for Excel). */
  @Get('report.csv')
  @StaffOnly()
  @ApiProduces('text/csv')
  async reportCsv(
    @CurrentUser() user: User,
    @Query() query: CentreReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, csv } = await this.centre.reportCsv(user, query);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    reply.header('cache-control', 'no-store');
    return csv;
  }
}
