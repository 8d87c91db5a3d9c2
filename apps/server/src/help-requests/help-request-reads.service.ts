import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HelpRequestStatus, HelpRequestView, Page } from '@linli/shared-types';
import { DataSource, In } from 'typeorm';
import { newestFirst, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import type { User } from '../users/user.entity.js';
import { assertVerifiedResident, helpRequestView, helpRequestViews, loadHelpRequest } from './help-request-access.js';
import { HelpOffer, HelpRequest } from './help-request.entity.js';

/** Reading the help board: a community's requests, my own, one request. */
@Injectable()
export class HelpRequestReadsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** GET help-requests: residents see their community's board (open by default); staff any state of theirs. */
  async list(
    user: User,
    query: { status?: HelpRequestStatus; cursor?: string; limit?: number; communityId?: number },
  ): Promise<Page<HelpRequestView>> {
    const staff = user.role !== 'resident';
    if (!staff) assertVerifiedResident(user);
    const limit = query.limit ?? 20;
    const scope = staff ? communityScope(user, query.communityId) : user.communityId;
    const qb = newestFirst(this.dataSource.getRepository(HelpRequest), 'r', { limit, cursor: query.cursor, scope });
    const status = query.status ?? (staff ? undefined : 'open');
    if (status) qb.andWhere('r.status = :status', { status });
    const rows = await qb.getMany();
    const views = await helpRequestViews(this.dataSource.manager, rows.slice(0, limit), user);
    const byId = new Map(views.map((v) => [v.id, v]));
    const page = pageByDescendingId(rows, limit, (r) => byId.get(r.id)!);
    return staff ? withCommunityNames(this.dataSource.manager, page) : page;
  }

  /** GET help-requests/mine: what I posted, offered on or was chosen for, newest first (at most 50). */
  async mine(user: User): Promise<Page<HelpRequestView>> {
    assertVerifiedResident(user);
    const manager = this.dataSource.manager;
    const offered = await manager.find(HelpOffer, { select: { helpRequestId: true }, where: { userId: user.id } });
    const rows = await manager.find(HelpRequest, {
      where: [
        { posterId: user.id },
        { helperId: user.id },
        ...(offered.length ? [{ id: In(offered.map((o) => o.helpRequestId)) }] : []),
      ],
      order: { id: 'DESC' },
      take: 50,
    });
    return { items: await helpRequestViews(manager, rows, user), nextCursor: null };
  }

  async get(user: User, id: number): Promise<HelpRequestView> {
    if (user.role === 'resident') assertVerifiedResident(user);
    const request = await loadHelpRequest(this.dataSource.manager, user, id);
    return helpRequestView(this.dataSource.manager, request, user);
  }
}
