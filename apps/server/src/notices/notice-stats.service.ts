import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NoticeFollowUpHousehold, NoticeFollowUpQuery, NoticeStats, Page } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import type { User } from '../users/user.entity.js';
import { Notice } from './notice.entity.js';
import { NoticeAudience } from './notice-audience.service.js';
import {
  audienceCounts,
  decodeFollowUpCursor,
  followUpCsv,
  followUpSlice,
  followUpView,
  householdsToFollowUp,
  noticeStatusAt,
  residentIdsOf,
  type FollowUpHousehold,
  type FollowUpPosition,
} from './notices.rules.js';

/** Households per page of the follow-up list (the console's table page). */
const FOLLOW_UP_PAGE = 20;

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
    const { notice, members, followUpKind, households } = await this.reach(viewer, id);
    return {
      noticeId: notice.id,
      status: noticeStatusAt(notice, this.clock.now()),
      requiresAck: notice.requiresAck,
      ...audienceCounts(members),
      followUpKind,
      followUpCount: households.length,
      followUp: await this.page(households, null, FOLLOW_UP_PAGE),
    };
  }

  /** The follow-up list after the cursor: 10,000 households in one answer cost the server ~80 ms of JSON (issue 18). */
  async followUp(viewer: User, id: number, query: NoticeFollowUpQuery): Promise<Page<NoticeFollowUpHousehold>> {
    const after = query.cursor ? decodeFollowUpCursor(query.cursor) : null;
    if (query.cursor && !after) throw refuse('VALIDATION_FAILED', '分页游标无效', ['cursor']);
    const { households } = await this.reach(viewer, id);
    return this.page(households, after, query.limit ?? FOLLOW_UP_PAGE);
  }

  private async page(
    households: FollowUpHousehold[],
    after: FollowUpPosition | null,
    limit: number,
  ): Promise<Page<NoticeFollowUpHousehold>> {
    const { shown, nextCursor } = followUpSlice(households, after, limit);
    const contacts = await this.audience.contacts(this.dataSource.manager, residentIdsOf(shown));
    return { items: shown.map((h) => followUpView(h, contacts)), nextCursor };
  }

  private async reach(viewer: User, id: number) {
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    assertInCommunity(viewer, notice);
    const members = await this.audience.members(this.dataSource.manager, notice);
    const followUpKind = notice.requiresAck ? ('ack' as const) : ('read' as const);
    return { notice, members, followUpKind, households: householdsToFollowUp(members, followUpKind) };
  }

  /** The follow-up list for grid workers; exporting personal data is itself audited. */
  async statsCsv(viewer: User, id: number): Promise<{ filename: string; csv: string }> {
    const { notice, followUpKind, households } = await this.reach(viewer, id);
    await this.audit.record(this.dataSource.manager, {
      actor: viewer,
      communityId: notice.communityId,
      action: 'notice.stats.export',
      targetType: 'notice',
      targetId: id,
      summary: `导出公告《${notice.title}》的${followUpKind === 'ack' ? '未确认' : '未读'}住户名单（${households.length} 户）`,
    });
    const contacts = await this.audience.contacts(this.dataSource.manager, residentIdsOf(households));
    return { filename: `notice-${id}-follow-up.csv`, csv: followUpCsv(households, followUpKind, contacts) };
  }
}
