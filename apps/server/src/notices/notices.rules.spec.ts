import {
  audienceCounts,
  checkBodySize,
  checkNoticeTimes,
  checkTransition,
  decodeFeedCursor,
  effectivePublishAt,
  encodeFeedCursor,
  excerptOf,
  decodeFollowUpCursor,
  followUpCsv,
  followUpSlice,
  followUpView,
  householdsToFollowUp,
  idListOf,
  isAddressedTo,
  isCurrentCount,
  isVisibleAt,
  likeContaining,
  noticeStatusAt,
  unreadValidUntil,
  unreadWindowStart,
  type AudienceMember,
  type Contact,
  type FollowUpHousehold,
  type FollowUpPosition,
  type StoredUnreadCount,
} from './notices.rules.js';

const now = new Date('2026-11-28T02:00:00Z');
const earlier = new Date('2026-11-28T01:00:00Z');
const later = new Date('2026-11-28T03:00:00Z');

describe('noticeStatusAt', () => {
  it.each([
    ['draft', { status: 'draft', publishAt: null }, 'draft'],
    ['draft with a requested time stays draft', { status: 'draft', publishAt: later }, 'draft'],
    ['published, time has come', { status: 'published', publishAt: earlier }, 'published'],
    ['published exactly now', { status: 'published', publishAt: now }, 'published'],
    ['published, time ahead → scheduled', { status: 'published', publishAt: later }, 'scheduled'],
    ['archived', { status: 'archived', publishAt: earlier }, 'archived'],
  ] as const)('%s', (_n, notice, expected) => {
    expect(noticeStatusAt(notice, now)).toBe(expected);
  });
});

describe('checkTransition', () => {
  it.each([
    ['draft', 'edit', null],
    ['draft', 'publish', null],
    ['draft', 'archive', null],
    ['scheduled', 'edit', null],
    ['scheduled', 'publish', 'NOTICE_ALREADY_PUBLISHED'],
    ['scheduled', 'archive', null],
    ['published', 'edit', 'NOTICE_NOT_EDITABLE'],
    ['published', 'publish', 'NOTICE_ALREADY_PUBLISHED'],
    ['published', 'archive', null],
    ['archived', 'edit', 'NOTICE_ARCHIVED'],
    ['archived', 'publish', 'NOTICE_ARCHIVED'],
    ['archived', 'archive', 'NOTICE_ARCHIVED'],
  ] as const)('%s + %s → %s', (status, action, code) => {
    const refusal = checkTransition(status, action);
    expect(refusal?.code ?? null).toBe(code);
  });
});

describe('isAddressedTo', () => {
  const whole = { communityId: 1, wholeCommunity: true, audienceBuildingIds: [] };
  const buildings = { communityId: 1, wholeCommunity: false, audienceBuildingIds: [11, 12] };
  it.each([
    ['whole community, resident of it', whole, { communityId: 1, buildingId: 11 }, true],
    ['whole community, resident without a building yet', whole, { communityId: 1, buildingId: null }, true],
    ['whole community, another community', whole, { communityId: 2, buildingId: 21 }, false],
    ['whole community, no community yet', whole, { communityId: null, buildingId: null }, false],
    ['chosen buildings, resident of one', buildings, { communityId: 1, buildingId: 12 }, true],
    ['chosen buildings, another building', buildings, { communityId: 1, buildingId: 13 }, false],
    ['chosen buildings, no building', buildings, { communityId: 1, buildingId: null }, false],
    ['chosen buildings, same id in another community', buildings, { communityId: 2, buildingId: 11 }, false],
  ])('%s', (_n, notice, user, expected) => {
    expect(isAddressedTo(notice, user)).toBe(expected);
  });
});

describe('isVisibleAt', () => {
  it.each([
    ['draft', { status: 'draft', publishAt: earlier, expiresAt: null }, false],
    ['published, no expiry', { status: 'published', publishAt: earlier, expiresAt: null }, true],
    ['published at this very moment', { status: 'published', publishAt: now, expiresAt: null }, true],
    ['scheduled', { status: 'published', publishAt: later, expiresAt: null }, false],
    ['expired', { status: 'published', publishAt: earlier, expiresAt: now }, false],
    ['not yet expired', { status: 'published', publishAt: earlier, expiresAt: later }, true],
    ['archived', { status: 'archived', publishAt: earlier, expiresAt: null }, false],
    ['published without time (never stored)', { status: 'published', publishAt: null, expiresAt: null }, false],
  ] as const)('%s', (_n, notice, expected) => {
    expect(isVisibleAt(notice, now)).toBe(expected);
  });
});

describe('effectivePublishAt and checkNoticeTimes', () => {
  it.each([
    ['no time asked → now', null, now],
    ['past time → now', earlier, now],
    ['future time kept', later, later],
  ])('%s', (_n, requested, expected) => {
    expect(effectivePublishAt(requested, now)).toEqual(expected);
  });

  it.each([
    ['no expiry', null, null, null],
    ['expiry after now', null, later, null],
    ['expiry before now', null, earlier, 'NOTICE_TIME_INVALID'],
    ['expiry equal to publishAt', later, later, 'NOTICE_TIME_INVALID'],
    ['expiry after publishAt', earlier, later, null],
    ['expiry before scheduled publishAt', later, new Date('2026-11-28T02:30:00Z'), 'NOTICE_TIME_INVALID'],
    ['scheduled a year ahead', new Date(now.getTime() + 366 * 86400_000), null, null],
    ['scheduled more than a year ahead', new Date(now.getTime() + 367 * 86400_000), null, 'NOTICE_TIME_INVALID'],
    ['expiring a year after publication', later, new Date(later.getTime() + 366 * 86400_000), null],
    [
      'expiring more than a year after publication',
      null,
      new Date(now.getTime() + 367 * 86400_000),
      'NOTICE_TIME_INVALID',
    ],
  ])('%s', (_n, publishAt, expiresAt, code) => {
    expect(checkNoticeTimes(publishAt, expiresAt, now)?.code ?? null).toBe(code);
  });
});

describe('checkBodySize', () => {
  it.each([
    ['20,000 Chinese characters fit', '停'.repeat(20_000), null],
    ['20,000 emoji do not', '😀'.repeat(20_000), 'NOTICE_BODY_TOO_LONG'],
  ])('%s', (_n, body, code) => {
    expect(checkBodySize(body)?.code ?? null).toBe(code);
  });
});

describe('feed cursor', () => {
  it.each([
    [{ pinned: true, publishAt: now, id: 7 }],
    [{ pinned: false, publishAt: new Date('2026-01-01T00:00:00.123Z'), id: 123456 }],
  ])('round-trips %o', (position) => {
    const cursor = encodeFeedCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeFeedCursor(cursor)).toEqual(position);
  });

  it.each([
    ['garbage', '!!'],
    ['a plain id cursor', Buffer.from('12').toString('base64url')],
    ['bad pinned flag', Buffer.from('2.1764300000000.5').toString('base64url')],
    ['zero id', Buffer.from('1.1764300000000.0').toString('base64url')],
    ['negative time', Buffer.from('1.-5.3').toString('base64url')],
  ])('refuses %s', (_n, cursor) => {
    expect(decodeFeedCursor(cursor)).toBeNull();
  });
});

describe('excerptOf and likeContaining', () => {
  it.each([
    ['strips headings and emphasis', '# 停水通知\n\n**明天** 8:00–12:00 停水', '停水通知 明天 8:00–12:00 停水'],
    ['keeps link text, drops images', '详见[公告栏](https://x.y) ![图](a.png)', '详见公告栏'],
    ['cuts long text with an ellipsis', '长'.repeat(130), `${'长'.repeat(119)}…`],
  ])('%s', (_n, markdown, expected) => {
    expect(excerptOf(markdown)).toBe(expected);
  });

  it.each([
    ['停水', '%停水%'],
    ['100%', '%100!%%'],
    ['a_b!', '%a!_b!!%'],
  ])('%s → %s', (keyword, pattern) => {
    expect(likeContaining(keyword)).toBe(pattern);
  });
});

describe('audience, follow-up households and CSV', () => {
  const member = (
    userId: number,
    building: string,
    unit: string,
    room: string,
    read: boolean,
    ack: boolean,
  ): AudienceMember => ({
    userId,
    buildingId: Number.parseInt(building, 10),
    building,
    unit,
    room,
    read,
    acked: ack,
  });
  const members = [
    member(1, '10栋', '1', '101', true, true),
    member(2, '2栋', '1', '302', true, false),
    member(3, '2栋', '1', '302', false, false), // same household as 2
    member(4, '1栋', '2', '1101', false, false),
    member(5, '1栋', '2', '201', true, false),
    member(6, '1栋', '3', '101', false, false),
    member(7, '1栋', '3', '101', true, true), // household reached by 7
  ];
  const contacts = new Map<number, Contact>(
    members.map((m) => [m.userId, { name: `居民${m.userId}`, phone: `138000000${String(m.userId).padStart(2, '0')}` }]),
  );
  const view = (h: FollowUpHousehold) => followUpView(h, contacts);
  const page = (households: FollowUpHousehold[], after: FollowUpPosition | null, limit: number) => {
    const { shown, nextCursor } = followUpSlice(households, after, limit);
    return { items: shown.map(view), nextCursor };
  };

  it('counts the audience, reads and acknowledgements', () => {
    expect(audienceCounts(members)).toEqual({ audience: 7, readCount: 4, ackCount: 2 });
    expect(audienceCounts([])).toEqual({ audience: 0, readCount: 0, ackCount: 0 });
  });

  it('lists households nobody in which has acknowledged, in natural building/unit/room order, phones masked', () => {
    const list = householdsToFollowUp(members, 'ack').map(view);
    expect(list.map((h) => h.household)).toEqual(['1栋-2-201', '1栋-2-1101', '2栋-1-302']);
    expect(list[2].residents).toEqual([
      { userId: 2, name: '居民2', phone: '138****0002', read: true },
      { userId: 3, name: '居民3', phone: '138****0003', read: false },
    ]);
  });

  it("lists a household's residents in id order, however the members arrive", () => {
    const list = householdsToFollowUp([...members].reverse(), 'ack').map(view);
    expect(list.map((h) => h.household)).toEqual(['1栋-2-201', '1栋-2-1101', '2栋-1-302']);
    expect(list[2].residents.map((r) => r.userId)).toEqual([2, 3]);
  });

  it('for notices without acknowledgement, lists households nobody in which has opened it', () => {
    expect(householdsToFollowUp(members, 'read').map((h) => view(h).household)).toEqual(['1栋-2-1101']);
  });

  // Rooms the collator finds equal ("01", "1") still have one place: a cursor never skips or repeats one.
  const many = ['1', '01', '2', '10', '9', '101'].flatMap((room, i) => [
    member(10 + i, '1栋', '1', room, false, false),
    member(20 + i, '1栋', '10', room, false, false),
    member(30 + i, '2栋', '1', room, false, false),
  ]);
  const order = householdsToFollowUp(many, 'ack').map((h) => view(h).household);

  it('orders rooms naturally, collator ties by code units', () => {
    expect(order.slice(0, 6)).toEqual(['1栋-1-01', '1栋-1-1', '1栋-1-2', '1栋-1-9', '1栋-1-10', '1栋-1-101']);
    expect(order.slice(6, 7)).toEqual(['1栋-10-01']);
    expect(order).toHaveLength(18);
  });

  it.each([1, 2, 5, 7, 17, 18, 100])('pages of %i reach every household once, in order', (limit) => {
    const households = householdsToFollowUp(many, 'ack');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const shownPage = page(households, cursor === null ? null : decodeFollowUpCursor(cursor), limit);
      expect(shownPage.items.length).toBeLessThanOrEqual(limit);
      seen.push(...shownPage.items.map((h) => h.household));
      cursor = shownPage.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(seen).toEqual(order);
    expect(pages).toBe(Math.ceil(order.length / limit));
  });

  it('continues after the cursor household even when it has since been reached', () => {
    const households = householdsToFollowUp(many, 'ack');
    const cursor = page(households, null, 4).nextCursor!;
    const reached = many.map((m) => (m.userId === 13 ? { ...m, acked: true } : m)); // 1栋-1-10, the cursor's next
    const after = page(householdsToFollowUp(reached, 'ack'), decodeFollowUpCursor(cursor), 3);
    expect(after.items.map((h) => h.household)).toEqual(['1栋-1-101', '1栋-10-01', '1栋-10-1']);
    const gone = many.map((m) => (m.userId === 14 ? { ...m, acked: true } : m)); // 1栋-1-9, the cursor's own
    expect(page(householdsToFollowUp(gone, 'ack'), decodeFollowUpCursor(cursor), 1).items[0].household).toBe(
      '1栋-1-10',
    );
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['not three texts', Buffer.from('["1栋","1"]').toString('base64url')],
    ['a number', Buffer.from('[1,"1","1"]').toString('base64url')],
    ['a building name too long', Buffer.from(JSON.stringify(['栋'.repeat(33), '1', '1'])).toString('base64url')],
  ])('refuses a cursor that is %s', (_n, cursor) => {
    expect(decodeFollowUpCursor(cursor)).toBeNull();
  });

  it('writes CSV with a BOM, a header and one line per resident', () => {
    const csv = followUpCsv(householdsToFollowUp(members, 'ack'), 'ack', contacts);
    expect(csv).not.toContain('13800000003');
    expect(csv.startsWith('\uFEFF楼栋,单元,房号,姓名,手机号,状态\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5);
    expect(csv).toContain('2栋,1,302,居民3,138****0003,未读');
    expect(csv).toContain('2栋,1,302,居民2,138****0002,已读未确认');
  });
});

describe('unread badge window', () => {
  it('counts the last 90 days', () => {
    expect(unreadWindowStart(now)).toEqual(new Date('2026-08-30T02:00:00Z'));
  });
});

describe('stored unread count', () => {
  const at = (iso: string) => new Date(iso);
  const stored: StoredUnreadCount = {
    communityId: 1,
    buildingId: 2,
    version: 7,
    unread: 3,
    validUntil: at('2026-11-28T03:00:00Z'),
  };
  const viewer = { communityId: 1, buildingId: 2 };
  it.each([
    ['same basis, version, before validUntil', stored, viewer, 7, now, true],
    ['a notice published, edited or archived since', stored, viewer, 8, now, false],
    ['the placeholder of a first read', { ...stored, version: -1 }, viewer, 0, now, false],
    ['the resident moved building', stored, { communityId: 1, buildingId: 3 }, 7, now, false],
    ['the resident moved community', stored, { communityId: 2, buildingId: 2 }, 7, now, false],
    ['at validUntil', stored, viewer, 7, at('2026-11-28T03:00:00Z'), false],
  ])('%s', (_name, row, who, version, clock, current) => {
    expect(isCurrentCount(row, who, version, clock)).toBe(current);
  });
});

describe('unreadValidUntil', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['nothing counted or scheduled: a day', { oldest: null, expires: null }, null, '2026-11-29T02:00:00.000Z'],
    [
      'the oldest counted leaves the 90-day window',
      { oldest: at('2026-08-30T05:00:00Z'), expires: null },
      null,
      '2026-11-28T05:00:00.000Z',
    ],
    [
      'a counted notice expires',
      { oldest: at('2026-11-20T00:00:00Z'), expires: at('2026-11-28T02:30:00Z') },
      null,
      '2026-11-28T02:30:00.000Z',
    ],
    [
      'a scheduled notice appears',
      { oldest: null, expires: null },
      at('2026-11-28T02:10:00Z'),
      '2026-11-28T02:10:00.000Z',
    ],
  ])('%s', (_name, counted, scheduled, expected) => {
    expect(unreadValidUntil(now, counted, scheduled).toISOString()).toBe(expected);
  });
});

describe('idListOf', () => {
  it.each([
    ['"2,3"', '2,3', [2, 3]],
    ['one id', '11', [11]],
    ['empty: the whole community', '', []],
    ['null', null, []],
    ['not text', 5, []],
  ])('%s', (_name, stored, expected) => {
    expect(idListOf(stored)).toEqual(expected);
  });
});
