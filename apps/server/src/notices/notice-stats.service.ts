import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NoticeStats } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import type { User } from '../users/user.entity.js';
import { Notice } from './notice.entity.js';
import { NoticeAudience } from './notice-audience.service.js';
import { audienceCounts, followUpCsv, householdsToFollowUp, noticeStatusAt } from './notices.rules.js';

/** Staff: a notice's reach (audience, read, acknowledged) and the households to follow up, on screen and as CSV. */
@Injectable()
export class NoticeStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly audience: NoticeAudience,
    private readonly clock: Clock,
  ) {}

  async stats(viewer: User, id: number): Promise<NoticeStats> {
    const now = this.clock.now();
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    assertInCommunity(viewer, notice);
    const members = await this.audience.members(this.dataSource.manager, notice);
    const followUpKind = notice.requiresAck ? 'ack' : 'read';
    return {
      noticeId: notice.id,
      status: noticeStatusAt(notice, now),
      requiresAck: notice.requiresAck,
      ...audienceCounts(members),
      followUpKind,
      followUp: householdsToFollowUp(members, followUpKind),
    };
  }

  /** The follow-up list for grid workers; exporting personal data is itself audited. */
  async statsCsv(viewer: User, id: number): Promise<{ filename: string; csv: string }> {
    const stats = await this.stats(viewer, id);
    const notice = await this.dataSource.getRepository(Notice).findOneByOrFail({ id });
    await this.audit.record(this.dataSource.manager, {
      actor: viewer,
      communityId: notice.communityId,
      action: 'notice.stats.export',
      targetType: 'notice',
      targetId: id,
      summary: `导出公告《${notice.title}》的${stats.followUpKind === 'ack' ? '未确认' : '未读'}住户名单（${stats.followUp.length} 户）`,
    });
    return { filename: `notice-${id}-follow-up.csv`, csv: followUpCsv(stats.followUp, stats.followUpKind) };
  }
}
