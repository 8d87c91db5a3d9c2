import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RequestStats } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { communityScope } from '../common/tenancy-scope.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import type { RequestStatsQueryDto } from './dto/requests.dto.js';
import { DAY } from './request-records.js';
import { RequestStreetSettings, ResidentRequest } from './request.entity.js';
import {
  checkStatsRange,
  computeSlice,
  countSubmitted,
  type CompositeWeights,
  defaultWeights,
  type RequestStatsRecord,
  weeksOf,
} from './requests.rules.js';

/** 三率: response, resolution and satisfaction rates and their weighted composite, by week, category and community. */
@Injectable()
export class RequestStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async weights(): Promise<CompositeWeights> {
    const row = await this.dataSource.getRepository(RequestStreetSettings).findOneBy({ id: 1 });
    if (!row) return defaultWeights;
    return {
      response: row.weightResponse / 1000,
      resolution: row.weightResolution / 1000,
      satisfaction: row.weightSatisfaction / 1000,
    };
  }

  async stats(viewer: User, query: RequestStatsQueryDto): Promise<RequestStats> {
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY);
    const refusal = checkStatsRange(from, to);
    if (refusal) throw refuse(refusal, undefined, ['from', 'to']);
    const scope = communityScope(viewer, query.communityId);
    const qb = this.dataSource
      .getRepository(ResidentRequest)
      .createQueryBuilder('r')
      .where(
        '((r.createdAt >= :from AND r.createdAt < :to) OR (r.acceptDueAt >= :from AND r.acceptDueAt < :to)' +
          ' OR (r.acceptedAt >= :from AND r.acceptedAt < :to) OR (r.resolvedAt >= :from AND r.resolvedAt < :to)' +
          ' OR (r.ratedAt >= :from AND r.ratedAt < :to))',
        { from, to },
      );
    if (scope !== null) qb.andWhere('r.communityId = :scope', { scope });
    const rows = await qb.getMany();
    const records: RequestStatsRecord[] = rows;
    const weights = await this.weights();
    const redQb = this.dataSource
      .getRepository(ResidentRequest)
      .createQueryBuilder('r')
      .where('r.deadlineAt IS NOT NULL AND r.deadlineAt < :now', { now });
    if (scope !== null) redQb.andWhere('r.communityId = :scope', { scope });
    const communities =
      viewer.role === 'admin' && scope === null
        ? await this.dataSource.getRepository(Community).find({ order: { id: 'ASC' } })
        : [];
    const categories = [...new Set(records.map((r) => r.category))];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      weights,
      ...computeSlice(records, from, to, weights),
      ...countSubmitted(records, from, to),
      redNow: await redQb.getCount(),
      weeks: weeksOf(from, to).map((w) => ({
        weekStart: w.weekStart.toISOString(),
        ...computeSlice(records, w.from, w.to, weights),
      })),
      categories: categories.sort().map((category) => ({
        category,
        ...computeSlice(
          records.filter((r) => r.category === category),
          from,
          to,
          weights,
        ),
      })),
      communities: communities.map((c) => ({
        communityId: c.id,
        communityName: c.name,
        ...computeSlice(
          records.filter((r) => r.communityId === c.id),
          from,
          to,
          weights,
        ),
      })),
    };
  }
}
