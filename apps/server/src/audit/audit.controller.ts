import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, Page } from '@linli/shared-types';
import { CurrentUser, StaffOnly } from '../common/auth.decorators.js';
import { CommunityPageQuery } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@StaffOnly()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@CurrentUser() user: User, @Query() query: CommunityPageQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(user, query);
  }
}
