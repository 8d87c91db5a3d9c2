import type { Notice } from './notice.entity.js';
import { toNoticeSummary, toNoticeSummaryFromRow } from './notices.mapper.js';
import type { NoticeListRow } from './notices.queries.js';

const now = new Date('2026-11-28T02:00:00.000Z');
const created = new Date('2026-11-20T01:02:03.456Z');
const published = new Date('2026-11-27T10:00:00.000Z');
const ahead = new Date('2026-11-29T10:00:00.000Z');

/** The entity TypeORM would hydrate, and the same row as mysql2 (Dates, 0/1) and better-sqlite3 (UTC text, 0/1) return it. */
function variants(fields: {
  pinned: boolean;
  requiresAck: boolean;
  ids: number[];
  publishAt: Date;
  expiresAt: Date | null;
}) {
  const entity = {
    id: 4,
    communityId: 1,
    title: '停水通知',
    excerpt: '明天 9:00—12:00 停水',
    category: 'service',
    pinned: fields.pinned,
    requiresAck: fields.requiresAck,
    wholeCommunity: !fields.ids.length,
    audienceBuildingIds: fields.ids,
    status: 'published',
    publishAt: fields.publishAt,
    expiresAt: fields.expiresAt,
    createdAt: created,
    updatedAt: published,
  } as unknown as Notice;
  const mysql: NoticeListRow = {
    id: 4,
    communityId: 1,
    title: entity.title,
    excerpt: entity.excerpt,
    category: 'service',
    pinned: +fields.pinned,
    requiresAck: +fields.requiresAck,
    wholeCommunity: +!fields.ids.length,
    audienceBuildingIds: fields.ids.join(','),
    status: 'published',
    publishAt: fields.publishAt,
    expiresAt: fields.expiresAt,
    createdAt: created,
    updatedAt: published,
  };
  const text = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  const sqlite: NoticeListRow = {
    ...mysql,
    publishAt: text(fields.publishAt),
    expiresAt: fields.expiresAt && text(fields.expiresAt),
    createdAt: text(created),
    updatedAt: text(published),
  };
  return { entity, mysql, sqlite };
}

describe('toNoticeSummaryFromRow gives what toNoticeSummary gives for the entity', () => {
  it.each([
    ['whole community, visible', { pinned: false, requiresAck: false, ids: [], publishAt: published, expiresAt: null }],
    [
      'pinned, acknowledgement, two buildings',
      { pinned: true, requiresAck: true, ids: [2, 3], publishAt: published, expiresAt: ahead },
    ],
    ['scheduled (publishAt ahead)', { pinned: false, requiresAck: false, ids: [5], publishAt: ahead, expiresAt: null }],
  ])('%s', (_name, fields) => {
    const { entity, mysql, sqlite } = variants(fields);
    for (const read of [undefined, { readAt: published, ackAt: null }, { readAt: published, ackAt: now }]) {
      const expected = toNoticeSummary(entity, now, read);
      const rawRead = read && { noticeId: 4, ackAt: read.ackAt };
      expect(toNoticeSummaryFromRow(mysql, now, rawRead)).toEqual(expected);
      expect(
        toNoticeSummaryFromRow(
          sqlite,
          now,
          rawRead && { ...rawRead, ackAt: rawRead.ackAt && '2026-11-28 02:00:00.000' },
        ),
      ).toEqual(expected);
    }
  });
});
