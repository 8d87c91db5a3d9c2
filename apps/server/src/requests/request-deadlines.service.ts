import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiShortTime } from '@linli/shared-types';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { Clock } from '../common/clock.js';
import { runTransaction } from '../database/transaction.js';
import { requestLink, RequestRecords } from './request-records.js';
import { ResidentRequest } from './request.entity.js';
import { autoCloseCutoff } from './requests.rules.js';

/** Scheduled work (requests.scheduler.ts): yellow and red deadline alerts, and auto-close of unrated requests. */
@Injectable()
export class RequestDeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RequestRecords,
    private readonly clock: Clock,
  ) {}

  /** Resolved requests without a rating close 7 days after resolution, once each whichever process runs the job. */
  async autoClose(limit = 100): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(ResidentRequest).find({
      select: { id: true },
      where: { status: 'resolved', resolvedAt: LessThanOrEqual(autoCloseCutoff(now)) },
      order: { resolvedAt: 'ASC' },
      take: limit,
    });
    let closed = 0;
    for (const { id } of due) {
      const done = await runTransaction(this.dataSource, async (manager) => {
        const claimed = await manager.update(
          ResidentRequest,
          { id, status: 'resolved', resolvedAt: LessThanOrEqual(autoCloseCutoff(now)) },
          { status: 'closed', closedAt: now },
        );
        if (!claimed.affected) return false;
        const r = await manager.findOneByOrFail(ResidentRequest, { id });
        await this.records.event(manager, id, 'closed', null, '办结 7 天未评价，自动关闭', now);
        await this.records.notifyResident(manager, r, '诉求已关闭', `「${r.title}」办结 7 天未评价，已自动关闭。`);
        return true;
      });
      if (done) closed++;
    }
    return closed;
  }

  /**
   * Yellow and red alerts to the assignee and the community's staff: each clock (phase) alerts once per colour,
   * claimed by a conditional update on the alerted phase, so two processes never both send it. A clock found
   * already red sends only the red alert.
   */
  async sendDeadlineAlerts(limit = 200): Promise<number> {
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(ResidentRequest);
    const candidates = await repo
      .createQueryBuilder('r')
      .select(['r.id', 'r.phase'])
      .where('r.deadlineAt IS NOT NULL')
      .andWhere(
        '((r.yellowAt <= :now AND r.yellowAlertedPhase < r.phase) OR (r.deadlineAt < :now AND r.redAlertedPhase < r.phase))',
        { now },
      )
      .orderBy('r.deadlineAt', 'ASC')
      .take(limit)
      .getMany();
    let sent = 0;
    for (const { id } of candidates) {
      sent += await runTransaction(this.dataSource, async (manager) => {
        const r = await manager.findOneBy(ResidentRequest, { id });
        if (!r || !r.deadlineAt || !r.yellowAt) return 0;
        const red = r.deadlineAt.getTime() < now.getTime();
        const colour = red ? 'red' : 'yellow';
        if (red ? r.redAlertedPhase >= r.phase : r.yellowAlertedPhase >= r.phase || r.yellowAt > now) return 0;
        const claim = manager
          .createQueryBuilder()
          .update(ResidentRequest)
          .set(red ? { redAlertedPhase: r.phase, yellowAlertedPhase: r.phase } : { yellowAlertedPhase: r.phase })
          .where('id = :id AND phase = :phase', { id, phase: r.phase })
          .andWhere(red ? 'redAlertedPhase < :phase' : 'yellowAlertedPhase < :phase', { phase: r.phase });
        if (!(await claim.execute()).affected) return 0;
        const what = r.status === 'submitted' ? '受理' : '办结';
        await this.records.notifyStaff(manager, r.communityId, r.assigneeId, {
          title: colour === 'red' ? `诉求已超期未${what}` : `诉求即将超期`,
          body:
            colour === 'red'
              ? `「${r.title}」已超过${what}时限，请尽快处理。`
              : `「${r.title}」${what}时限已用去 80%，请在 ${shanghaiShortTime(r.deadlineAt)} 前${what}。`,
          link: requestLink(r.id),
          kind: 'request_deadline',
        });
        return 1;
      });
    }
    return sent;
  }
}
