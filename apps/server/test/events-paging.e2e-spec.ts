import type { EventView } from '@linli/shared-types';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const DAY = 86_400_000;
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

describe(`GET events a page at a time on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staff: string;
  let resident: string;
  /** The events this suite made, in the order the list runs (start, then id). */
  const made: number[] = [];

  const list = (token: string, query: string) => t.request('GET', `${api}/events?${query}`, { token });
  /** Every page of `query` at `limit` a page: the ids in order, and how many pages it took. */
  const walk = async (token: string, query: string, limit: number) => {
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(token, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.body.items.map((e: EventView) => e.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return { ids, pages };
  };

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await t.loginStaff('staff.g')).token;
    resident = (await t.loginResident('13800000001')).token;
    // Seven events over three days, three of them starting at the same minute (the id breaks the tie), made out
    // of order so that creation order is not the list's order.
    const plan = [
      [12, '10:00'],
      [10, '09:00'],
      [11, '14:00'],
      [11, '14:00'],
      [10, '19:00'],
      [11, '14:00'],
      [11, '08:00'],
    ] as const;
    const created: Array<{ id: number; startAt: string }> = [];
    for (const [i, [days, hhmm]] of plan.entries()) {
      const date = localDay(days);
      const answer = await t.request('POST', `${api}/events`, {
        token: staff,
        body: {
          title: `翻页活动 ${i + 1}`,
          startAt: at(date, hhmm),
          endAt: at(date, '22:00'),
          place: '社区广场',
          capacity: 10,
          membersOnly: false,
        },
      });
      expect(answer.status).toBe(201);
      created.push({ id: answer.body.id, startAt: answer.body.startAt });
    }
    created.sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt) || a.id - b.id);
    made.push(...created.map((e) => e.id));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const window = `from=${localDay(10)}&to=${localDay(12)}`;

  it('answers a page of the size asked for, soonest first, with a cursor while there is more', async () => {
    const first = await list(staff, `${window}&limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: EventView) => e.id)).toEqual(made.slice(0, 3));
    expect(typeof first.body.nextCursor).toBe('string');
    const all = await list(staff, window);
    expect(all.body.items.map((e: EventView) => e.id)).toEqual(made);
    expect(all.body.nextCursor).toBeNull();
  });

  it.each([1, 2, 3, 6, 7])('the cursor continues without gaps or repeats, %i a page', async (limit) => {
    const { ids, pages } = await walk(staff, window, limit);
    expect(ids).toEqual(made);
    expect(pages).toBe(Math.ceil(made.length / limit));
  });

  it('the default window pages the same as one page of it, for a resident too', async () => {
    for (const token of [staff, resident]) {
      const whole = await list(token, 'limit=100');
      expect(whole.body.nextCursor).toBeNull();
      const { ids } = await walk(token, '', 2);
      expect(ids).toEqual(whole.body.items.map((e: EventView) => e.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(made));
    }
  });

  it('a cursor from one community’s page shows a resident of another community none of its events', async () => {
    const first = await list(staff, `${window}&limit=3`);
    const neighbour = (await t.loginResident('13900000001')).token; // community B
    const page = await list(neighbour, `${window}&cursor=${first.body.nextCursor}`);
    expect(page.status).toBe(200);
    expect(page.body.items.filter((e: EventView) => made.includes(e.id))).toEqual([]);
  });

  it.each([
    ['a cursor this server did not make', 'cursor=abc', ['cursor']],
    ['a cursor of another list (a bare id)', `cursor=${Buffer.from('42').toString('base64url')}`, ['cursor']],
    ['a cursor with characters a cursor never has', 'cursor=a%2Fb', ['cursor']],
    ['limit 0', 'limit=0', ['limit']],
    ['limit 101', 'limit=101', ['limit']],
    ['limit not a number', 'limit=ten', ['limit']],
    ['limit a fraction', 'limit=2.5', ['limit']],
  ])('%s → 400 VALIDATION_FAILED naming the field', async (_case, query, fields) => {
    const answer = await list(staff, query);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', fields });
  });
});
