import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, Page } from '@linli/shared-types';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { CommunityPageQuery } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { AuditService } from './audit.service.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

@ApiTags('audit')
@ApiBearerAuth()
@StaffOnly()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiAnswer({ summary: '操作日志（本社区，管理员可看全街道）', ok: { page: 'AuditEntryView' } })
  @Get()
  list(@CurrentUser() user: User, @Query() query: CommunityPageQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(user, query);
  }
}
