import { maskPhone, toCsv, type NoticeFollowUpHousehold, type NoticeStatus, type Refusal } from '@linli/shared-types';

/** The parts of a notice the rules look at. */
export interface NoticeFacts {
  communityId: number;
  status: 'draft' | 'published' | 'archived';
  publishAt: Date | null;
  expiresAt: Date | null;
  wholeCommunity: boolean;
  audienceBuildingIds: number[];
}

export type NoticeAction = 'edit' | 'publish' | 'archive';

/** What staff see: a published notice waiting for its publishAt is "scheduled". */
export function noticeStatusAt(notice: Pick<NoticeFacts, 'status' | 'publishAt'>, now: Date): NoticeStatus {
  if (notice.status === 'published' && notice.publishAt && notice.publishAt.getTime() > now.getTime())
    return 'scheduled';
  return notice.status;
}

/** Lifecycle: draft → published (scheduled while publishAt is ahead) → archived. Only drafts and scheduled notices are edited. */
export function checkTransition(status: NoticeStatus, action: NoticeAction): Refusal | null {
  if (status === 'archived') return { code: 'NOTICE_ARCHIVED' };
  if (action === 'edit' && status === 'published') return { code: 'NOTICE_NOT_EDITABLE' };
  if (action === 'publish' && status !== 'draft') return { code: 'NOTICE_ALREADY_PUBLISHED' };
  return null;
}

/** A resident is addressed when the notice is for their whole community or for their building. */
export function isAddressedTo(
  notice: Pick<NoticeFacts, 'communityId' | 'wholeCommunity' | 'audienceBuildingIds'>,
  user: { communityId: number | null; buildingId: number | null },
): boolean {
  if (user.communityId === null || user.communityId !== notice.communityId) return false;
  if (notice.wholeCommunity) return true;
  return user.buildingId !== null && notice.audienceBuildingIds.includes(user.buildingId);
}

/** Published, its time has come, and not yet expired. */
export function isVisibleAt(notice: Pick<NoticeFacts, 'status' | 'publishAt' | 'expiresAt'>, now: Date): boolean {
  if (notice.status !== 'published' || !notice.publishAt) return false;
  if (notice.publishAt.getTime() > now.getTime()) return false;
  return !notice.expiresAt || notice.expiresAt.getTime() > now.getTime();
}

/** The moment a notice becomes visible when published now: its requested time if still ahead, else now. */
export function effectivePublishAt(requested: Date | null, now: Date): Date {
  return requested && requested.getTime() > now.getTime() ? requested : now;
}

/** How far ahead a notice may be scheduled, and how long after publication it may expire (no expiry: leave it empty). */
export const NOTICE_HORIZON_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * publishAt at most a year ahead; expiresAt after the moment of publication and after now (an already
 * expired notice is pointless), and at most a year after publication.
 */
export function checkNoticeTimes(publishAt: Date | null, expiresAt: Date | null, now: Date): Refusal | null {
  const visibleFrom = effectivePublishAt(publishAt, now);
  if (visibleFrom.getTime() - now.getTime() > NOTICE_HORIZON_MS) return { code: 'NOTICE_TIME_INVALID' };
  if (!expiresAt) return null;
  if (expiresAt.getTime() <= visibleFrom.getTime()) return { code: 'NOTICE_TIME_INVALID' };
  if (expiresAt.getTime() - visibleFrom.getTime() > NOTICE_HORIZON_MS) return { code: 'NOTICE_TIME_INVALID' };
  return null;
}

/**
 * The tab badge counts unread notices of the last 90 days, and stops counting at 100 (clients show "99+"):
 * with 100,000 notices in a community, an unbounded count would read them all on every badge refresh.
 */
export const UNREAD_WINDOW_DAYS = 90;
export const UNREAD_COUNT_CAP = 100;

export function unreadWindowStart(now: Date): Date {
  return new Date(now.getTime() - UNREAD_WINDOW_DAYS * 86_400_000);
}

/** A resident's stored badge count (notice_unread_counts) and the community's current notice version. */
export interface StoredUnreadCount {
  communityId: number | null;
  buildingId: number | null;
  version: number;
  unread: number;
  validUntil: Date;
}

/**
 * The stored count is the answer while it was counted for the resident's community and building, no notice of the
 * community was published, edited or archived since (same version), and the clock has not reached the next expiry,
 * window exit or scheduled publication it was counted up to.
 */
export function isCurrentCount(
  stored: StoredUnreadCount,
  viewer: { communityId: number | null; buildingId: number | null },
  currentVersion: number,
  now: Date,
): boolean {
  return (
    stored.communityId === viewer.communityId &&
    stored.buildingId === viewer.buildingId &&
    stored.version === currentVersion &&
    now.getTime() < stored.validUntil.getTime()
  );
}

/** A count is checked again at least this often even when nothing is due to change it. */
export const UNREAD_RECOUNT_MS = 24 * 60 * 60 * 1000;

/**
 * Until when a count made now stays exact by the clock: the first of the next expiry of a counted notice, the
 * moment the oldest counted one leaves the window, the next scheduled publication, and a day from now.
 */
export function unreadValidUntil(
  now: Date,
  counted: { oldest: Date | null; expires: Date | null },
  nextScheduled: Date | null,
): Date {
  const limits = [now.getTime() + UNREAD_RECOUNT_MS];
  if (counted.oldest) limits.push(counted.oldest.getTime() + UNREAD_WINDOW_DAYS * 86_400_000);
  if (counted.expires) limits.push(counted.expires.getTime());
  if (nextScheduled) limits.push(nextScheduled.getTime());
  return new Date(Math.min(...limits));
}

/** TEXT holds 65,535 bytes on MySQL: 20,000 characters fit unless most are 4-byte (emoji). */
export const NOTICE_BODY_MAX_BYTES = 65_535;

export function checkBodySize(body: string): Refusal | null {
  return Buffer.byteLength(body, 'utf8') > NOTICE_BODY_MAX_BYTES ? { code: 'NOTICE_BODY_TOO_LONG' } : null;
}

/** The start of a Markdown body as plain text, for lists and push messages. */
export function excerptOf(markdown: string, max = 120): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** Feed position: the order is pinned desc, publishAt desc, id desc. */
export interface FeedCursor {
  pinned: boolean;
  publishAt: Date;
  id: number;
}

export function encodeFeedCursor(position: FeedCursor): string {
  return Buffer.from(`${position.pinned ? 1 : 0}.${position.publishAt.getTime()}.${position.id}`).toString('base64url');
}

/** Null when the text is not a cursor this server made. */
export function decodeFeedCursor(cursor: string): FeedCursor | null {
  const match = /^([01])\.(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) return null;
  const id = Number(match[3]);
  const ms = Number(match[2]);
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(ms)) return null;
  return { pinned: match[1] === '1', publishAt: new Date(ms), id };
}

/** Audience building ids as stored ("2,3"; "" for the whole community). */
export function idListOf(stored: unknown): number[] {
  return typeof stored === 'string' && stored ? stored.split(',').map(Number) : [];
}

/** Escapes a keyword for LIKE … ESCAPE '!' (the same on SQLite and MySQL, unlike a backslash). */
export function likeContaining(keyword: string): string {
  return `%${keyword.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** A verified resident addressed by a notice, with whether they have read and acknowledged it. */
export interface AudienceMember {
  userId: number;
  buildingId: number;
  building: string;
  unit: string | null;
  room: string | null;
  read: boolean;
  acked: boolean;
}

/** A resident's name and phone, read only for the households shown or exported. */
export interface Contact {
  name: string | null;
  phone: string | null;
}

export function audienceCounts(members: AudienceMember[]): { audience: number; readCount: number; ackCount: number } {
  let readCount = 0;
  let ackCount = 0;
  for (const m of members) {
    if (m.read) readCount++;
    if (m.acked) ackCount++;
  }
  return { audience: members.length, readCount, ackCount };
}

const natural = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** Natural order (numbers by value), then code units: texts the collator finds equal ("01", "1") never tie. */
function byText(a: string, b: string): number {
  return natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Where a household stands in the follow-up list; building names are unique in a community. */
export type FollowUpPosition = Pick<NoticeFollowUpHousehold, 'building' | 'unit' | 'room'>;

function comparePositions(a: FollowUpPosition, b: FollowUpPosition): number {
  return byText(a.building, b.building) || byText(a.unit, b.unit) || byText(a.room, b.room);
}

/** A household still to visit, its residents in id order; the view (names, masked phones) is made for the page shown only. */
export interface FollowUpHousehold extends FollowUpPosition {
  buildingId: number;
  residents: AudienceMember[];
}

/** Each distinct text's place in natural order. */
function ranks(values: Set<string>): Map<string, number> {
  return new Map([...values].sort(byText).map((v, i) => [v, i]));
}

/**
 * Households that still need a visit: nobody living there has acknowledged (or, for notices
 * without acknowledgement, opened) the notice. One confirmation reaches the household.
 * Sorted by building, unit, room.
 */
export function householdsToFollowUp(members: AudienceMember[], kind: 'ack' | 'read'): FollowUpHousehold[] {
  // Every member's household as one number that sorts like (building, unit, room): the distinct texts are ranked once
  // (a few hundred at street scale), so 10,000 residents are grouped and sorted without a text key or comparison each.
  const buildingSet = new Set<string>();
  const unitSet = new Set<string>();
  const roomSet = new Set<string>();
  for (const m of members) {
    buildingSet.add(m.building);
    unitSet.add(m.unit ?? '');
    roomSet.add(m.room ?? '');
  }
  const building = ranks(buildingSet);
  const unit = ranks(unitSet);
  const room = ranks(roomSet);
  const keys = new Float64Array(members.length);
  const reached = new Set<number>();
  members.forEach((m, i) => {
    keys[i] = (building.get(m.building)! * unit.size + unit.get(m.unit ?? '')!) * room.size + room.get(m.room ?? '')!;
    if (kind === 'ack' ? m.acked : m.read) reached.add(keys[i]);
  });
  const left = new Map<number, FollowUpHousehold>();
  members.forEach((m, i) => {
    if (reached.has(keys[i])) return;
    const household = left.get(keys[i]);
    if (household) household.residents.push(m);
    else
      left.set(keys[i], {
        buildingId: m.buildingId,
        building: m.building,
        unit: m.unit ?? '',
        room: m.room ?? '',
        residents: [m],
      });
  });
  for (const h of left.values()) if (h.residents.length > 1) h.residents.sort((a, b) => a.userId - b.userId);
  return [...left.keys()].sort((a, b) => a - b).map((key) => left.get(key)!);
}

/** The residents whose names and phones a list of households shows. */
export function residentIdsOf(households: FollowUpHousehold[]): number[] {
  return households.flatMap((h) => h.residents.map((m) => m.userId));
}

/** What staff see of a household: e.g. "1栋-2-302", phones masked. */
export function followUpView(h: FollowUpHousehold, contacts: ReadonlyMap<number, Contact>): NoticeFollowUpHousehold {
  return {
    household: `${h.building}-${h.unit}-${h.room}`,
    buildingId: h.buildingId,
    building: h.building,
    unit: h.unit,
    room: h.room,
    residents: h.residents.map((m) => {
      const contact = contacts.get(m.userId);
      return { userId: m.userId, name: contact?.name ?? null, phone: maskPhone(contact?.phone), read: m.read };
    }),
  };
}

/** Cursor of the follow-up list: the last household shown, so a page never repeats one even when others are reached. */
export function encodeFollowUpCursor(position: FollowUpPosition): string {
  return Buffer.from(JSON.stringify([position.building, position.unit, position.room])).toString('base64url');
}

/** Null when the text is not a cursor this server made. */
export function decodeFollowUpCursor(cursor: string): FollowUpPosition | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string')) return null;
  const [building, unit, room] = value;
  if (!building || building.length > 32 || unit.length > 16 || room.length > 16) return null;
  return { building, unit, room };
}

/** The households after `after` (all from the start when null) in the list's own order, `limit` of them. */
export function followUpSlice(
  households: FollowUpHousehold[],
  after: FollowUpPosition | null,
  limit: number,
): { shown: FollowUpHousehold[]; nextCursor: string | null } {
  // The list is sorted (householdsToFollowUp): the first household past the cursor by binary search.
  let start = 0;
  if (after) {
    let end = households.length;
    while (start < end) {
      const mid = (start + end) >>> 1;
      if (comparePositions(households[mid], after) <= 0) start = mid + 1;
      else end = mid;
    }
  }
  const shown = households.slice(start, start + limit);
  const more = start + limit < households.length;
  return { shown, nextCursor: more ? encodeFollowUpCursor(shown[shown.length - 1]) : null };
}

/** The follow-up list as CSV with a UTF-8 BOM, so that Excel shows the Chinese text. One line per resident. */
export function followUpCsv(
  households: FollowUpHousehold[],
  kind: 'ack' | 'read',
  contacts: ReadonlyMap<number, Contact>,
): string {
  const rows = [['楼栋', '单元', '房号', '姓名', '手机号', '状态']];
  for (const h of households) {
    for (const r of h.residents) {
      const state = kind === 'ack' ? (r.read ? '已读未确认' : '未读') : '未读';
      const contact = contacts.get(r.userId);
      rows.push([h.building, h.unit, h.room, contact?.name ?? '', maskPhone(contact?.phone) ?? '', state]);
    }
  }
  return toCsv(rows);
}
