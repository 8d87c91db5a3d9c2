import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HelpRequestStatus, HelpRequestView, Page } from '@linli/shared-types';
import { DataSource, In } from 'typeorm';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { RawReads } from '../database/raw-reads.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import type { User } from '../users/user.entity.js';
import { assertVerifiedResident, helpRequestView, helpRequestViews, loadHelpRequest } from './help-request-access.js';
import { HelpOffer, HelpRequest } from './help-request.entity.js';
import { toHelpRequestView } from './help-requests.mapper.js';
import { boardQuery } from './help-requests.queries.js';
import { helpRoleOf, mayViewOffers } from './help-requests.rules.js';

/** A row of boardQuery: the request's columns, then its names and one offer (all null when it has none). */
type BoardRow = Record<string, unknown> & {
  id: unknown;
  posterName: string | null;
  helperName: string | null;
  offerUserId: unknown;
  offerCreatedAt: unknown;
  offerName: string | null;
};

/** Reading the help board: a community's requests, my own, one request. */
@Injectable()
export class HelpRequestReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly raw: RawReads,
  ) {}

  /** GET help-requests: residents see their community's board (open by default); staff any state of theirs. */
  async list(
    user: User,
    query: { status?: HelpRequestStatus; cursor?: string; limit?: number; communityId?: number },
  ): Promise<Page<HelpRequestView>> {
    const staff = user.role !== 'resident';
    if (!staff) assertVerifiedResident(user);
    const limit = query.limit ?? 20;
    const scope = staff ? communityScope(user, query.communityId) : user.communityId;
    const status = query.status ?? (staff ? undefined : 'open');
    const before = decodeIdCursor(query.cursor);
    const board = boardQuery({ scope, status, before }, limit);
    // One statement for the page, its names and offers (the hot read of the board: no ORM query building).
    const requests: HelpRequest[] = [];
    const offers = new Map<number, HelpOffer[]>();
    const names = new Map<number, { name: string | null }>();
    for (const row of await this.raw.rows<BoardRow>(board.sql, board.params)) {
      let request = requests.at(-1);
      if (request?.id !== Number(row.id)) {
        request = this.raw.hydrate(HelpRequest, row);
        requests.push(request);
        offers.set(request.id, []);
        names.set(request.posterId, { name: row.posterName });
        if (request.helperId !== null) names.set(request.helperId, { name: row.helperName });
      }
      if (row.offerUserId === null) continue;
      const offer = this.raw.hydrate(HelpOffer, { userId: row.offerUserId, createdAt: row.offerCreatedAt });
      offers.get(request.id)!.push(offer);
      names.set(offer.userId, { name: row.offerName });
    }
    const page = pageByDescendingId(requests, limit, (r) =>
      toHelpRequestView(r, names, offers.get(r.id)!, user.id, mayViewOffers(helpRoleOf(r, user))),
    );
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
