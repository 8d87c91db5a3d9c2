import { hoursText, type HelpPerson, type HelpRequestView } from '@linli/shared-types';
import type { HelpOffer, HelpRequest } from './help-request.entity.js';

/** Names by user id; a missing user (or name) shows as 邻居. */
type Names = ReadonlyMap<number, { name: string | null }>;

const person = (id: number, users: Names): HelpPerson => ({ id, name: users.get(id)?.name ?? '邻居' });

/** A request as `viewerId` sees it; the offers only when `showOffers` (poster, staff). */
export function toHelpRequestView(
  r: HelpRequest,
  users: Names,
  offers: HelpOffer[],
  viewerId: number,
  showOffers: boolean,
): HelpRequestView {
  return {
    id: r.id,
    communityId: r.communityId,
    poster: person(r.posterId, users),
    title: r.title,
    description: r.description,
    kind: r.kind,
    startAt: r.startAt.toISOString(),
    minutes: r.minutes,
    place: r.place,
    rewardMinutes: r.rewardMinutes,
    rewardHours: hoursText(r.rewardMinutes),
    fundedBy: r.fundedBy,
    status: r.status,
    helper: r.helperId === null ? null : person(r.helperId, users),
    offerCount: offers.length,
    offeredByMe: offers.some((o) => o.userId === viewerId),
    offers: showOffers
      ? offers.map((o) => ({ helper: person(o.userId, users), createdAt: o.createdAt.toISOString() }))
      : [],
    arrivedAt: r.arrivedAt?.toISOString() ?? null,
    doneAt: r.doneAt?.toISOString() ?? null,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    autoConfirmed: Boolean(r.autoConfirmed),
    thanks: r.thanks,
    stars: r.stars,
    disputeReason: r.disputeReason,
    settledMinutes: r.settledMinutes,
    settleReason: r.settleReason,
    sourceReference: r.sourceReference,
    createdAt: r.createdAt.toISOString(),
  };
}
