import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { groupKindLabels, shanghaiDate, shanghaiMidnight, toCsv, type CentreReport } from '@linli/shared-types';
import { DataSource, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { Booking } from '../bookings/booking.entity.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { communityScope } from '../common/tenancy-scope.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from '../events/event.entity.js';
import { GroupMember } from '../groups/group.entity.js';
import type { CentreReportQueryDto } from '../events/dto/events.dto.js';
import { buildReport, firstMeetings, groupEncounters, reportWeeks, type Encounter } from './centre.rules.js';

const DAY = 86_400_000;
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

@Injectable()
export class CentreService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Staff: what the centre produced per week in [from, to] (local dates; default the last 8 weeks). */
  async report(
    viewer: { role: 'resident' | 'staff' | 'admin'; communityId: number | null },
    query: CentreReportQueryDto,
  ): Promise<CentreReport> {
    const now = this.clock.now();
    const toDay = query.to ? shanghaiMidnight(query.to) : shanghaiMidnight(shanghaiDate(now));
    const to = toDay ? new Date(toDay.getTime() + DAY) : null;
    const from = query.from ? shanghaiMidnight(query.from) : to ? new Date(to.getTime() - 8 * 7 * DAY) : null;
    const weeks = from && to ? reportWeeks(from, to) : null;
    if (!weeks || !from || !to) throw refuse('CENTRE_REPORT_RANGE_INVALID');
    const start = weeks[0];
    const end = new Date(weeks[weeks.length - 1].getTime() + 7 * DAY);
    const scope = communityScope(viewer, query.communityId);
    const inScope = scope === null ? {} : { communityId: scope };
    const m = this.dataSource.manager;

    // Every event up to the end, for first meetings; the range's own are reported.
    const events = await m.find(CentreEvent, { where: { ...inScope, status: 'open', startAt: LessThan(end) } });
    const signups = events.length
      ? await m.find(EventSignup, {
          select: { eventId: true, userId: true, checkedInAt: true },
          where: { eventId: In(events.map((e) => e.id)), status: 'signed_up' },
        })
      : [];
    const members = await m.find(GroupMember, { where: inScope });
    const encounters: Encounter[] = events.map((e) => ({
      at: e.startAt,
      people: signups.filter((s) => s.eventId === e.id && s.checkedInAt).map((s) => s.userId),
    }));
    const byGroup = new Map<number, GroupMember[]>();
    for (const member of members) byGroup.set(member.groupId, [...(byGroup.get(member.groupId) ?? []), member]);
    for (const list of byGroup.values())
      encounters.push(...groupEncounters(list.map((x) => ({ userId: x.userId, joinedAt: x.createdAt }))));

    const reported = events.filter((e) => e.startAt >= start && e.endAt <= now);
    const [feedback, thanks, bookings] = await Promise.all([
      reported.length
        ? m.find(EventFeedback, {
            select: { eventId: true, mood: true },
            where: { eventId: In(reported.map((e) => e.id)) },
          })
        : Promise.resolve([]),
      m.find(EventThanks, { select: { createdAt: true }, where: { ...inScope, createdAt: MoreThanOrEqual(start) } }),
      m.find(Booking, {
        select: { startAt: true, minutes: true, groupId: true, staffBooking: true, userId: true },
        where: {
          ...inScope,
          status: In(['approved', 'checked_in', 'completed']),
          startAt: MoreThanOrEqual(start),
        },
      }),
    ]);
    const groupMembers = new Map([...byGroup].map(([g, list]) => [g, new Set(list.map((x) => x.userId))]));
    const result = buildReport(weeks, {
      events: reported.map((e) => ({
        id: e.id,
        kind: e.kind,
        startAt: e.startAt,
        groupId: e.groupId,
        signedUp: e.signedUp,
        attendees: signups.filter((s) => s.eventId === e.id && s.checkedInAt).map((s) => s.userId),
      })),
      feedback,
      thanks: thanks.filter((t) => t.createdAt < end),
      bookings: bookings.filter((b) => b.startAt < end && b.startAt < now),
      meetings: firstMeetings(encounters),
      groupMembers,
    });
    return { from: shanghaiDate(start), to: shanghaiDate(new Date(end.getTime() - DAY)), ...result };
  }

  async reportCsv(
    viewer: Parameters<CentreService['report']>[0],
    query: CentreReportQueryDto,
  ): Promise<{ filename: string; csv: string }> {
    const report = await this.report(viewer, query);
    const kinds = Object.keys(groupKindLabels) as Array<keyof typeof groupKindLabels>;
    const header = [
      '周（周一）',
      '活动场次',
      ...kinds.map((k) => `${groupKindLabels[k]}活动`),
      '报名人次',
      '签到人次',
      '结识新邻居人数',
      '活跃小组成员',
      '满意',
      '一般',
      '不满意',
      '感谢次数',
      '小组用房（小时）',
      '个人用房（小时）',
      '社区用房（小时）',
    ];
    const row = (label: string, w: CentreReport['totals']) => [
      label,
      w.events,
      ...kinds.map((k) => w.eventsByKind[k]),
      w.signedUp,
      w.attended,
      w.metSomeoneNew,
      w.activeGroupMembers,
      w.feedback.good,
      w.feedback.ok,
      w.feedback.bad,
      w.thanks,
      hours(w.groupRoomMinutes),
      hours(w.individualRoomMinutes),
      hours(w.staffRoomMinutes),
    ];
    const csv = toCsv([header, ...report.weeks.map((w) => row(w.week, w)), row('合计', report.totals)]);
    return { filename: `centre-report-${report.from}-${report.to}.csv`, csv };
  }
}
