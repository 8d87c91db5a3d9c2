import { errorMessages } from '@linli/shared-types';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

/**
 * Issue 8, item 2. Every write endpoint the running app documents (its OpenAPI document) gets a generated set
 * of bad bodies, parameters and headers, built from the endpoint's schema: each must answer a 4xx with a
 * stable code and change no row of any table. Oversized pages are tried on every list. Payloads that are
 * VALID text by the rules (markup, SQL-looking text, emoji in a title) are not refusals: a few of them are
 * sent on purpose at the end and must come back verbatim.
 */

const api = '/api/v1';
const stableCodes = new Set(Object.keys(errorMessages));
const CONCURRENCY = 6;

type Json = Record<string, unknown>;
interface SchemaProperty {
  type?: string;
  enum?: unknown[];
  items?: { type?: string };
  allOf?: Array<{ $ref: string }>;
  /** OpenAPI 3.1 says "may be null" as anyOf [the type, { type: 'null' }]. */
  anyOf?: Array<{ $ref?: string; type?: string }>;
  $ref?: string;
  nullable?: boolean;
}
interface Schema {
  properties?: Record<string, SchemaProperty>;
  required?: string[];
}
interface Operation {
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  parameters?: Array<{ in: string; name: string }>;
}

/** What a caller needs to reach the endpoint's validation and rules: who calls, a real target, a body of the right shape. */
interface EndpointSetup {
  token: () => string | undefined;
  params?: () => Record<string, number>;
  body?: () => Json;
  /** Sends an Idempotency-Key (a fresh one per case). */
  idempotent?: boolean;
  /** Free-text fields: markup, SQL-looking text and emoji in them are valid text, not hostile. */
  text?: string[];
  /** Values that are valid by the rules for a field (e.g. stock 0): not counted as hostile. */
  valid?: Record<string, unknown[]>;
}

interface Case {
  name: string;
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** A specific answer, when one is required (413 for a huge body). */
  status?: number;
  code?: string;
}

const SQL = "' OR 1=1 --";
const SCRIPT = '<script>alert(1)</script>';
const EMOJI = '👨‍👩‍👧🀄';
const unsafeStrings: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['RTL override', 'abc\u202egpj.exe'],
  ['ANSI escape', '\u001b[31mred'],
];
const badDates: Array<[string, unknown]> = [
  ['not a date', 'not-a-date'],
  ['Feb 30', '2026-02-30T10:00:00+08:00'],
  ['month 13', '2026-13-01T10:00:00+08:00'],
  ['hour 25', '2026-12-01T25:00:00+08:00'],
  ['no offset', '2026-12-01T10:00:00'],
  ['date only', '2026-12-01'],
  ['year 10000 in UTC', '9999-12-31T23:59:59-10:00'],
  ['year 0', '0000-01-01T00:00:00Z'],
  ['expanded year', '+275760-09-13T00:00:00Z'],
  ['far future', '2099-06-01T10:00:00+08:00'],
  ['epoch number', 1764300000000],
  ['SQL', SQL],
];
const badNumbers: unknown[] = [-1, 0, 0.5, 1e20, 2 ** 53 + 2, -1e20, '1', true, [], {}, null];
const badIds = [
  'abc',
  '-1',
  '0',
  '1.5',
  '1e3',
  '99999999999999999999',
  encodeURIComponent("1' OR '1'='1"),
  '%00',
  encodeURIComponent(SCRIPT),
];
const massAssignment: Json = {
  role: 'admin',
  balance: 999_999,
  communityId: 2,
  status: 'verified',
  id: 1,
  userId: 1,
  volunteer: true,
  createdAt: '2020-01-01T00:00:00Z',
  isAdmin: true,
  passwordHash: 'x',
  actorId: 1,
};

async function pool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]);
      }
    }),
  );
  return results;
}

/** Local (Asia/Shanghai) date `days` from now, as YYYY-MM-DD. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

describe(`hostile input on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let wechat: FakeWechat;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let staff: string;
  let admin: string;
  let li: { token: string; id: number }; // verified volunteer of G
  let liu: { token: string; id: number }; // verified resident of G
  let pending: { token: string; id: number }; // pending resident of G
  const ids: Record<string, number> = {};
  let tables: string[];

  const tomorrow = shanghaiDate(1);
  const setups: Record<string, EndpointSetup> = {
    'POST /auth/login': { token: () => undefined, body: () => ({ username: 'staff.g', password: 'wrong-password' }) },
    'POST /auth/dev-login': { token: () => undefined, body: () => ({ phone: '13800000001', community: 'G' }) },
    'POST /auth/wechat': { token: () => undefined, body: () => ({ code: 'bad', community: 'G' }) },
    'POST /auth/logout': { token: () => li.token },
    'PATCH /me': {
      token: () => pending.token,
      body: () => ({ name: '周磊', buildingId: ids.building, unit: '1', room: '101' }),
      text: ['name'],
    },
    'POST /residents/{id}/verify': { token: () => staff, params: () => ({ id: pending.id }) },
    'POST /residents/{id}/volunteer': {
      token: () => staff,
      params: () => ({ id: liu.id }),
      body: () => ({ volunteer: true }),
    },
    'POST /me/family-codes': { token: () => li.token },
    'POST /family/bind': { token: () => liu.token, body: () => ({ code: '123456', relation: '女儿' }) },
    'DELETE /me/family/{id}': { token: () => li.token, params: () => ({ id: 1 }) },
    'POST /me/family/{id}/credit-asks': {
      token: () => liu.token,
      params: () => ({ id: ids.binding }),
      body: () => ({ minutes: 30, reason: '买菜垫付' }),
      text: ['reason'],
    },
    'POST /me/family/credit-asks/{id}/confirm': { token: () => li.token, params: () => ({ id: 1 }) },
    'POST /me/family/credit-asks/{id}/decline': { token: () => li.token, params: () => ({ id: 1 }) },
    'POST /me/family/credit-asks/{id}/cancel': { token: () => liu.token, params: () => ({ id: 1 }) },
    'POST /residents': {
      token: () => staff,
      body: () => ({ name: '王秀珍', buildingId: ids.building, unit: '1', room: '909' }),
      text: ['name'],
    },
    'POST /residents/{id}/family': {
      token: () => staff,
      params: () => ({ id: liu.id }),
      body: () => ({ phone: '13800000001', relation: '女儿' }),
    },
    'POST /notifications/read-all': { token: () => li.token },
    'POST /notifications/{id}/read': { token: () => li.token, params: () => ({ id: 1 }) },
    'POST /notices': {
      token: () => staff,
      body: () => ({ title: '停水通知', body: '12月3日停水', category: 'announcement' }),
      text: ['title', 'body'],
    },
    'PATCH /notices/{id}': {
      token: () => staff,
      params: () => ({ id: ids.draftNotice }),
      body: () => ({ title: '停水通知（更新）' }),
      text: ['title', 'body'],
    },
    'POST /notices/{id}/ack': { token: () => li.token, params: () => ({ id: ids.notice }) },
    'POST /notices/{id}/publish': { token: () => staff, params: () => ({ id: ids.draftNotice }) },
    'POST /notices/{id}/archive': { token: () => staff, params: () => ({ id: ids.draftNotice }) },
    'POST /timebank/transfers': {
      token: () => li.token,
      idempotent: true,
      body: () => ({ toUserId: liu.id, minutes: 5, memo: '谢谢帮忙' }),
      text: ['memo'],
    },
    'POST /timebank/transactions/{id}/reverse': {
      token: () => staff,
      params: () => ({ id: ids.transaction }),
      body: () => ({ reason: '重复记录' }),
      text: ['reason'],
    },
    'POST /timebank/adjustments': {
      token: () => admin,
      body: () => ({ userId: liu.id, minutes: 10, reason: '补录' }),
      text: ['reason'],
      valid: { minutes: [-1] },
    },
    'POST /rewards': {
      token: () => staff,
      body: () => ({ name: '理发券', description: '凭券理发一次', priceMinutes: 60, stock: 10 }),
      text: ['name', 'description'],
      valid: { stock: [0], description: ['', '   '] },
    },
    'PATCH /rewards/{id}': {
      token: () => staff,
      params: () => ({ id: ids.reward }),
      body: () => ({ name: '理发券' }),
      text: ['name', 'description'],
      valid: { stock: [0], description: ['', '   '] },
    },
    'POST /rewards/redemptions/{id}/hand-over': { token: () => staff, params: () => ({ id: ids.redemption }) },
    'POST /rewards/redemptions/{id}/cancel': {
      token: () => staff,
      params: () => ({ id: ids.redemption }),
      body: () => ({ reason: '居民不需要了' }),
      text: ['reason'],
    },
    'POST /rewards/{id}/redeem': { token: () => li.token, params: () => ({ id: ids.reward }), idempotent: true },
    'POST /rooms': {
      token: () => staff,
      body: () => ({ name: '书画室', capacity: 12, openTime: '08:30', closeTime: '21:00' }),
      text: ['name', 'description', 'facilities'],
      valid: { minNoticeMinutes: [0], priceMinutesPerHour: [0], description: ['', '   '] },
    },
    'PATCH /rooms/{id}': {
      token: () => staff,
      params: () => ({ id: ids.room }),
      body: () => ({ capacity: 20 }),
      text: ['name', 'description', 'facilities'],
      valid: { minNoticeMinutes: [0], priceMinutesPerHour: [0], description: ['', '   '] },
    },
    'POST /rooms/{id}/closures': {
      token: () => staff,
      params: () => ({ id: ids.room }),
      body: () => ({ startAt: `${tomorrow}T08:00:00+08:00`, endAt: `${tomorrow}T12:00:00+08:00`, reason: '设备检修' }),
      text: ['reason'],
    },
    'POST /bookings': {
      token: () => li.token,
      body: () => ({
        roomId: ids.room,
        startAt: `${tomorrow}T19:00:00+08:00`,
        endAt: `${tomorrow}T20:00:00+08:00`,
        purpose: '书法兴趣小组练习',
        attendees: 4,
      }),
      text: ['purpose'],
    },
    'POST /bookings/recurring': {
      token: () => staff,
      body: () => ({
        roomId: ids.room,
        startAt: `${tomorrow}T19:00:00+08:00`,
        endAt: `${tomorrow}T20:00:00+08:00`,
        purpose: '合唱团排练',
        attendees: 4,
        weeks: 2,
      }),
      text: ['purpose'],
    },
    'POST /bookings/{id}/cancel': {
      token: () => staff,
      params: () => ({ id: ids.booking }),
      body: () => ({ reason: '场地另有安排' }),
      text: ['reason'],
    },
    'POST /bookings/{id}/approve': { token: () => staff, params: () => ({ id: ids.booking }) },
    'POST /bookings/{id}/reject': {
      token: () => staff,
      params: () => ({ id: ids.booking }),
      body: () => ({ reason: '场地另有安排' }),
      text: ['reason'],
    },
    'POST /bookings/{id}/check-in': { token: () => staff, params: () => ({ id: ids.booking }) },
    'POST /bookings/suspensions/{userId}/lift': { token: () => staff, params: () => ({ userId: li.id }) },
    'POST /activities': {
      token: () => staff,
      body: () => ({
        title: '敬老院陪伴',
        description: '陪老人聊天',
        place: '幸福里敬老院',
        geofence: { lat: 30.66, lng: 104.06, radiusM: 150 },
        startAt: `${shanghaiDate(2)}T09:00:00+08:00`,
        endAt: `${shanghaiDate(2)}T11:00:00+08:00`,
        capacity: 10,
        signupDeadline: `${tomorrow}T20:00:00+08:00`,
      }),
      text: ['title', 'description', 'place'],
      // null geofence = none (OpenAPI 3.1 writes nullable as a null type, which the generator does not read).
      valid: { description: ['', '   '], geofence: [null] },
    },
    'PATCH /activities/{id}': {
      token: () => staff,
      params: () => ({ id: ids.draftActivity }),
      body: () => ({ capacity: 12 }),
      text: ['title', 'description', 'place'],
      // null geofence = none (OpenAPI 3.1 writes nullable as a null type, which the generator does not read).
      valid: { description: ['', '   '], geofence: [null] },
    },
    'POST /activities/{id}/publish': { token: () => staff, params: () => ({ id: ids.draftActivity }) },
    'POST /activities/{id}/cancel': {
      token: () => staff,
      params: () => ({ id: ids.draftActivity }),
      body: () => ({ reason: '天气原因' }),
      text: ['reason'],
    },
    'POST /activities/{id}/signup': { token: () => li.token, params: () => ({ id: ids.activity }) },
    'POST /activities/{id}/cancel-signup': { token: () => li.token, params: () => ({ id: ids.activity }) },
    'POST /activities/{id}/attendance': {
      token: () => staff,
      params: () => ({ id: ids.activity }),
      body: () => ({ userCode: '123456', action: 'checkin' }),
    },
    'POST /activities/{id}/attendance/{userId}/manual': {
      token: () => staff,
      params: () => ({ id: ids.activity, userId: li.id }),
      body: () => ({ minutes: 60, reason: '手机没电' }),
      text: ['reason'],
      valid: { minutes: [0] },
    },
    'POST /activities/{id}/settle': { token: () => staff, params: () => ({ id: ids.activity }) },
    'POST /groups': {
      token: () => li.token,
      body: () => ({ name: '太极拳队', kind: 'sport', description: '每天早上在广场打太极', memberCap: 20 }),
      text: ['name', 'description'],
      valid: { memberCap: [null] },
    },
    'PATCH /groups/{id}': {
      token: () => staff,
      params: () => ({ id: ids.group }),
      body: () => ({ weeklyQuotaMinutes: 300 }),
      valid: { weeklyQuotaMinutes: [0] },
    },
    'POST /groups/{id}/approve': { token: () => staff, params: () => ({ id: ids.group }) },
    'POST /groups/{id}/decline': {
      token: () => staff,
      params: () => ({ id: ids.group }),
      body: () => ({ reason: '名称需修改' }),
      text: ['reason'],
    },
    'POST /groups/{id}/join': { token: () => li.token, params: () => ({ id: ids.group }) },
    'POST /groups/{id}/leave': { token: () => li.token, params: () => ({ id: ids.group }) },
    'POST /groups/{id}/notices': {
      token: () => li.token,
      params: () => ({ id: ids.group }),
      body: () => ({ title: '本周练习', body: '周六上午九点' }),
      text: ['title', 'body'],
    },
    'POST /groups/{id}/leaders': {
      token: () => li.token,
      params: () => ({ id: ids.group }),
      body: () => ({ userId: liu.id }),
    },
    'POST /groups/{id}/bookings': {
      token: () => li.token,
      params: () => ({ id: ids.group }),
      body: () => ({
        roomId: ids.room,
        startAt: `${tomorrow}T19:00:00+08:00`,
        endAt: `${tomorrow}T20:00:00+08:00`,
        purpose: '小组练习',
        attendees: 4,
        weeks: 2,
      }),
      text: ['purpose'],
    },
    'POST /events': {
      token: () => staff,
      body: () => ({
        title: '冬至包饺子',
        startAt: `${shanghaiDate(3)}T14:00:00+08:00`,
        endAt: `${shanghaiDate(3)}T16:00:00+08:00`,
        place: '社区广场',
        capacity: 30,
        membersOnly: false,
        kind: 'mutual_aid',
      }),
      text: ['title', 'place'],
    },
    'POST /events/{id}/signup': { token: () => li.token, params: () => ({ id: ids.event }) },
    'POST /events/{id}/cancel-signup': { token: () => li.token, params: () => ({ id: ids.event }) },
    'POST /events/{id}/cancel': {
      token: () => staff,
      params: () => ({ id: ids.event }),
      body: () => ({ reason: '天气原因，改期另行通知' }),
      text: ['reason'],
    },
    'POST /events/{id}/feedback': {
      token: () => li.token,
      params: () => ({ id: ids.event }),
      body: () => ({ mood: 'good', words: '很开心' }),
      text: ['words'],
      valid: { words: ['', '   '] },
    },
    'POST /events/{id}/thanks': {
      token: () => li.token,
      params: () => ({ id: ids.event }),
      body: () => ({ toUserId: liu.id, words: '谢谢您' }),
      text: ['words'],
    },
    'POST /scan': { token: () => li.token, body: () => ({ code: 'not-a-linli-code', lat: 30.66, lng: 104.06 }) },
    'POST /timebank/donations': { token: () => li.token, body: () => ({ minutes: 5 }) },
    'POST /timebank/family-transfers': {
      token: () => li.token,
      idempotent: true,
      body: () => ({ toUserId: liu.id, minutes: 5, memo: '生日快乐' }),
      text: ['memo'],
    },
    'POST /help-requests': {
      token: () => li.token,
      body: () => ({
        title: '陪我去医院',
        description: '复诊',
        kind: 'escort',
        startAt: `${tomorrow}T09:00:00+08:00`,
        minutes: 60,
        place: '社区卫生服务中心',
        rewardMinutes: 30,
      }),
      text: ['title', 'description', 'place'],
      valid: { description: ['', '   '] },
    },
    'POST /help-requests/{id}/offer': { token: () => liu.token, params: () => ({ id: ids.help }) },
    'POST /help-requests/{id}/choose': {
      token: () => li.token,
      params: () => ({ id: ids.help }),
      body: () => ({ helperId: liu.id }),
    },
    'POST /help-requests/{id}/done': { token: () => liu.token, params: () => ({ id: ids.help }) },
    'POST /help-requests/{id}/confirm': {
      token: () => li.token,
      params: () => ({ id: ids.help }),
      body: () => ({ thanks: '谢谢', stars: 5 }),
      text: ['thanks'],
      valid: { thanks: ['', '   '] },
    },
    'POST /help-requests/{id}/dispute': {
      token: () => li.token,
      params: () => ({ id: ids.help }),
      body: () => ({ reason: '没有来' }),
      text: ['reason'],
    },
    'POST /help-requests/{id}/cancel': { token: () => li.token, params: () => ({ id: ids.help }) },
    'POST /help-requests/{id}/settle': {
      token: () => staff,
      params: () => ({ id: ids.help }),
      body: () => ({ minutes: 10, reason: '协调结果' }),
      text: ['reason'],
      valid: { minutes: [0] },
    },
    'POST /residents/{id}/care-recipient': {
      token: () => staff,
      params: () => ({ id: liu.id }),
      body: () => ({ careRecipient: true }),
    },
    'POST /residents/{id}/phone': {
      token: () => staff,
      params: () => ({ id: liu.id }),
      body: () => ({ purpose: '跟进停水通知' }),
      text: ['purpose'],
    },
    'POST /requests': {
      token: () => li.token,
      body: () => ({
        category: 'repair',
        title: '楼道灯坏了',
        description: '三楼到五楼不亮',
        buildingId: ids.building,
        place: '3 号楼 2 单元',
        lat: 30.66,
        lng: 104.06,
        urgent: false,
        public: true,
        photoIds: [],
      }),
      text: ['title', 'description', 'place'],
      valid: { lat: [-1, 0, 0.5], lng: [-1, 0, 0.5] },
    },
    'POST /requests/{id}/second': { token: () => liu.token, params: () => ({ id: ids.request }) },
    'POST /requests/{id}/rate': {
      token: () => li.token,
      params: () => ({ id: ids.request }),
      body: () => ({ resolved: true, satisfaction: 'satisfied', comment: '谢谢' }),
      text: ['comment'],
      valid: { comment: ['', '   '] },
    },
    'POST /requests/{id}/reopen': {
      token: () => li.token,
      params: () => ({ id: ids.request }),
      body: () => ({ reason: '又坏了' }),
      text: ['reason'],
    },
    'POST /requests/{id}/accept': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({ assigneeId: ids.staffUser }),
    },
    'POST /requests/{id}/progress': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({ note: '已联系物业', photoIds: [] }),
      text: ['note'],
    },
    'POST /requests/{id}/resolve': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({ resolution: '已更换灯管' }),
      text: ['resolution'],
    },
    'POST /requests/{id}/refer': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({ to: '区住建委', reason: '不属于社区职责' }),
      text: ['to', 'reason'],
    },
    'POST /requests/{id}/extend': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({ days: 3, reason: '等待配件' }),
      text: ['reason'],
    },
    'POST /requests/{id}/unreasonable': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({ reason: '无理要求' }),
      text: ['reason'],
    },
    'POST /requests/{id}/unreasonable/confirm': { token: () => admin, params: () => ({ id: ids.request }) },
    'POST /requests/{id}/help-task': {
      token: () => staff,
      params: () => ({ id: ids.request }),
      body: () => ({
        rewardMinutes: 60,
        startAt: new Date(Date.now() + 86_400_000).toISOString(),
        minutes: 60,
        kind: 'repair',
      }),
    },
    // multipart only: every JSON case is refused before a file is read (uploads.e2e-spec sends real and bad images).
    'POST /uploads': { token: () => li.token },
  };

  const rowCounts = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of tables)
      counts[table] = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return counts;
  };

  /**
   * One hostile request. A server may answer a body over the limit (413) before it has read it and close the
   * socket, and on 2 loaded cores the client is sometimes still writing: fetch then fails with EPIPE although the
   * answer was sent. Such a transport failure is tried once more; an answer, whatever it is, is never retried.
   */
  const send = async (c: Case): Promise<TestResponse> => {
    try {
      return await sendOnce(c);
    } catch (error) {
      if (!(error instanceof TypeError && error.message === 'fetch failed')) throw error;
      return sendOnce(c);
    }
  };
  const sendOnce = (c: Case): Promise<TestResponse> =>
    c.raw !== undefined
      ? t.request(c.method, c.path, {
          token: c.token,
          body: c.raw,
          headers: { 'content-type': 'application/json', ...c.headers },
        })
      : t.request(c.method, c.path, { token: c.token, body: c.body, headers: c.headers });

  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp({
      env: { WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: wechat.url },
    });
    doc = (await t.request('GET', '/api/docs-json')).body;
    [staff, admin] = (await Promise.all(['staff.g', 'admin'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    const resident = async (phone: string) => {
      const l = await t.loginResident(phone);
      return { token: l.token, id: l.user.id };
    };
    [li, liu, pending] = await Promise.all(['13800000001', '13800000005', '13800000009'].map(resident));

    const first = async (path: string, token: string) => {
      const res = await t.request('GET', `${api}${path}`, { token });
      expect(res.status).toBe(200);
      return (res.body.items ?? res.body)[0].id as number;
    };
    ids.building = await first('/buildings', staff);
    ids.room = await first('/rooms', staff);
    ids.booking = await first('/bookings', staff);
    ids.reward = await first('/rewards', staff);
    ids.redemption = await first('/rewards/redemptions', staff);
    ids.transaction = await first('/timebank/pool/transactions', staff);
    ids.activity = await first('/activities', li.token);
    ids.notice = await first('/notices', li.token);
    ids.group = await first('/groups', li.token);
    ids.event = await first('/events', li.token);
    const draft = await t.request('POST', `${api}/notices`, {
      token: staff,
      body: { title: '草稿', body: '正文', category: 'policy' },
    });
    ids.draftNotice = draft.body.id;
    const activity = await t.request('POST', `${api}/activities`, {
      token: staff,
      body: setups['POST /activities'].body!(),
    });
    expect(activity.status).toBe(201);
    ids.draftActivity = activity.body.id;
    const help = await t.request('POST', `${api}/help-requests`, {
      token: li.token,
      body: setups['POST /help-requests'].body!(),
    });
    expect(help.status).toBe(201);
    ids.help = help.body.id;
    const request = await t.request('POST', `${api}/requests`, {
      token: li.token,
      body: { category: 'repair', title: '楼道灯坏了', description: '三楼', urgent: false, public: true },
    });
    expect(request.status).toBe(201);
    ids.request = request.body.id;
    ids.staffUser = (await t.request('GET', `${api}/me`, { token: staff })).body.id;
    // 刘淑珍 acts for 李秀英 (亲情代办): the proxy of the proxy cases below.
    const code = (await t.request('POST', `${api}/me/family-codes`, { token: li.token })).body.code;
    const bound = await t.request('POST', `${api}/family/bind`, { token: liu.token, body: { code, relation: '女儿' } });
    expect(bound.status).toBe(201);
    ids.binding = bound.body.id;
    // Rate-limit counters count requests, refused ones too, by design; every other table must stay as it is.
    tables = t.dataSource.entityMetadatas
      .map((m) => m.tableName)
      .filter((name) => name !== 'rate_limits')
      .sort();
  }, 120_000); // the server starts and records are arranged on 2 shared cores
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  /** The cases of one endpoint, generated from its schema. */
  function casesOf(method: string, template: string, operation: Operation): Case[] {
    const key = `${method} ${template.slice(api.length)}`;
    const setup = setups[key];
    const params = setup.params?.() ?? {};
    const pathWith = (values: Record<string, string | number>) =>
      template.replace(/\{(\w+)\}/g, (_m, name) => String(values[name]));
    const path = pathWith(params);
    let n = 0;
    const headers = () =>
      setup.idempotent
        ? { 'idempotency-key': `hostile-${Date.now()}-${++n}-${Math.random().toString(36).slice(2)}` }
        : undefined;
    const base = setup.body?.();
    const cases: Case[] = [];
    const add = (name: string, c: Partial<Case>) =>
      cases.push({ name: `${key}: ${name}`, method, path, token: setup.token(), headers: headers(), ...c });

    for (const param of Object.keys(params)) {
      for (const bad of badIds)
        add(`path ${param}=${bad}`, { path: pathWith({ ...params, [param]: bad }), body: base });
    }
    if (setup.idempotent) {
      add('no Idempotency-Key', { body: base, headers: {} });
      add('empty Idempotency-Key', { body: base, headers: { 'idempotency-key': '' } });
      add('Idempotency-Key of 101 characters', { body: base, headers: { 'idempotency-key': 'k'.repeat(101) } });
      add('Idempotency-Key with spaces (SQL)', { body: base, headers: { 'idempotency-key': SQL } });
    }
    add('malformed JSON', { raw: '{"a":' });
    add('__proto__ pollution', {
      raw: JSON.stringify(base ?? {})
        .replace(/^\{/, '{"__proto__":{"role":"admin"},')
        .replace(',}', '}'),
    });
    add('constructor.prototype pollution', {
      raw: JSON.stringify(base ?? {})
        .replace(/^\{/, '{"constructor":{"prototype":{"role":"admin"}},')
        .replace(',}', '}'),
    });
    add('body over 1 MB', {
      body: { ...base, padding: 'x'.repeat(1024 * 1024 + 10) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    if (!operation.requestBody || !base) return cases;

    const schema =
      doc.components.schemas[operation.requestBody.content['application/json'].schema.$ref.split('/').pop()!];
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const text = new Set(setup.text ?? []);
    const valid = setup.valid ?? {};
    const isValid = (field: string, value: unknown) => (valid[field] ?? []).some((v) => Object.is(v, value));
    const withField = (field: string, value: unknown) => ({ ...base, [field]: value });

    add('JSON array body', { raw: JSON.stringify([base]) });
    add('JSON string body', { raw: '"x"' });
    add('JSON number body', { raw: '42' });
    if (required.size) add('JSON null body', { raw: 'null' });
    add('text/plain body', { raw: JSON.stringify(base), headers: { ...headers(), 'content-type': 'text/plain' } });
    for (const [field, value] of Object.entries(massAssignment)) {
      if (!(field in properties)) add(`extra field ${field}`, { body: withField(field, value) });
    }
    // communityId is in the schema for admins; staff naming another community is mass assignment too.
    if ('communityId' in properties && setup.token() === staff)
      add('communityId of another community (staff)', { body: withField('communityId', 2) });

    for (const [field, prop] of Object.entries(properties)) {
      const type = prop.allOf || prop.$ref || prop.anyOf?.some((s) => s.$ref) ? 'object' : prop.type;
      const nullable =
        prop.nullable || prop.anyOf?.some((s) => s.type === 'null') || field === 'publishAt' || field === 'expiresAt'; // null means "when published", "never"
      const isDate = /At$|Deadline$/.test(field);
      const bad = (name: string, value: unknown) => {
        if (!isValid(field, value)) add(`${field} ${name}`, { body: withField(field, value) });
      };
      if (required.has(field)) {
        const { [field]: _dropped, ...rest } = base;
        add(`${field} missing`, { body: rest });
      }
      if (!nullable) bad('null', null);
      if (type === 'string' && isDate) {
        for (const [name, value] of badDates) bad(name, value);
        bad('wrong type (boolean)', true);
      } else if (type === 'string') {
        for (const value of [12345, true, {}, ['x']]) bad(`wrong type ${JSON.stringify(value)}`, value);
        bad('empty', '');
        bad('blank', '   ');
        bad('100 000 characters', 'x'.repeat(100_000));
        for (const [name, value] of unsafeStrings) bad(name, value);
        if (prop.enum) bad('outside the enum', 'ANNOUNCEMENT');
        if (!text.has(field)) for (const value of [SQL, SCRIPT, EMOJI]) bad(`payload ${value}`, value);
      } else if (type === 'number') {
        for (const value of badNumbers) if (value !== null) bad(`${JSON.stringify(value)}`, value);
        if (prop.enum) bad('outside the enum', 45);
      } else if (type === 'boolean') {
        for (const value of ['true', 1, 0, 'yes', [], {}]) bad(`${JSON.stringify(value)}`, value);
      } else if (type === 'array') {
        const itemType = prop.items?.type;
        for (const value of ['x', 1, {}, [null], [[]], [{}]]) bad(`${JSON.stringify(value)}`, value);
        bad(
          '10 000 items',
          Array.from({ length: 10_000 }, (_, i) => (itemType === 'number' ? i + 1 : `item${i}`)),
        );
        if (itemType === 'number') {
          for (const value of [['1'], [-1], [0], [1.5], [1e20], [1, 1]]) bad(`${JSON.stringify(value)}`, value);
        } else {
          for (const value of [[1], [''], ['x'.repeat(300)], ['a\u0000b'], ['\u202eabc']])
            bad(`[${JSON.stringify(value[0]).slice(0, 20)}]`, value);
          if (!text.has(field)) bad('javascript: URL', ['javascript:alert(1)']);
        }
      } else if (type === 'object') {
        const good = (base[field] ?? { lat: 30.66, lng: 104.06, radiusM: 150 }) as Json;
        for (const value of ['x', 1, [], true]) bad(`${JSON.stringify(value)}`, value);
        bad('empty object', {});
        bad('extra nested field', { ...good, evil: 1 });
        for (const name of Object.keys(good)) {
          const wrongs = name === 'radiusM' ? ['x', null, 0, -1, 0.5, 1e9] : ['x', null, 1e9, -1e9];
          for (const wrong of wrongs) bad(`.${name}=${JSON.stringify(wrong)}`, { ...good, [name]: wrong });
        }
      }
    }
    return cases;
  }

  it('refuses every hostile request to every write endpoint with a 4xx and a stable code, and changes no row', async () => {
    const writes = Object.entries(doc.paths).flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(([method]) => method !== 'get')
        .map(([method, operation]) => ({ method: method.toUpperCase(), template, operation })),
    );
    // A new write endpoint must be added to `setups` before this suite passes.
    expect(writes.map((w) => `${w.method} ${w.template.slice(api.length)}`).sort()).toEqual(Object.keys(setups).sort());

    const cases = writes.flatMap((w) => casesOf(w.method, w.template, w.operation));
    const before = await rowCounts();
    const started = Date.now();
    const answers = await pool(cases, CONCURRENCY, async (c) => ({ c, res: await send(c) }));
    const after = await rowCounts();

    const wrong = answers
      .filter(({ c, res }) => {
        if (c.status !== undefined) return res.status !== c.status || res.body?.code !== c.code;
        return (
          res.status < 400 ||
          res.status >= 500 ||
          !stableCodes.has(res.body?.code) ||
          res.body?.statusCode !== res.status
        );
      })
      .map(({ c, res }) => `${c.name} → ${res.status} ${res.text.slice(0, 160)}`);
    console.log(
      `hostile input on ${testDatabaseKind}: ${cases.length} bad requests to ${writes.length} write endpoints in ${Date.now() - started} ms, ${wrong.length} not refused properly`,
    );
    expect(wrong).toEqual([]);
    expect(after).toEqual(before);
    expect(t.logs.join('')).not.toMatch(/"level":50/); // no error was logged: nothing fell through to a 500
  }, 180_000);

  /** The write routes a family member may use for someone (X-Act-For): the authorization matrix's allow-list. */
  const PROXY_WRITES = [
    'POST /notices/{id}/ack',
    'POST /bookings',
    'POST /bookings/{id}/cancel',
    'POST /activities/{id}/signup',
    'POST /activities/{id}/cancel-signup',
    'POST /requests',
    'POST /requests/{id}/second',
    'POST /requests/{id}/rate',
    'POST /requests/{id}/reopen',
    'POST /help-requests',
    'POST /help-requests/{id}/choose',
    'POST /help-requests/{id}/cancel',
    'POST /uploads',
  ];

  it('refuses the same hostile requests sent by a proxy (X-Act-For) and hostile X-Act-For values, recording nothing', async () => {
    const writes = PROXY_WRITES.map((key) => {
      const [method, path] = key.split(' ');
      const operation = doc.paths[`${api}${path}`]?.[method.toLowerCase()];
      expect({ key, documented: !!operation }).toEqual({ key, documented: true });
      return { method, template: `${api}${path}`, operation };
    });
    const asProxy = (c: Case): Case => ({
      ...c,
      name: `as proxy ${c.name}`,
      token: liu.token,
      headers: { ...c.headers, 'x-act-for': String(li.id) },
    });
    const cases = writes.flatMap((w) => casesOf(w.method, w.template, w.operation).map(asProxy));
    // The header itself: anything but one positive id is 400 on every proxy route, before any rule runs.
    for (const w of writes) {
      const path = w.template.replace(/\{(\w+)\}/g, (_m, name) =>
        String(setups[`${w.method} ${w.template.slice(api.length)}`].params?.()[name]),
      );
      for (const bad of [SQL, SCRIPT, '-1', '0', '1e3', '1.5', '1,2', '99999999999', '0x10', '1 2'])
        cases.push({
          name: `${w.method} ${w.template}: X-Act-For ${JSON.stringify(bad)}`,
          method: w.method,
          path,
          token: liu.token,
          body: setups[`${w.method} ${w.template.slice(api.length)}`].body?.(),
          headers: { 'x-act-for': bad },
          status: 400,
          code: 'PROXY_HEADER_INVALID',
        });
    }
    const before = await rowCounts();
    const answers = await pool(cases, CONCURRENCY, async (c) => ({ c, res: await send(c) }));
    const after = await rowCounts();
    const wrong = answers
      .filter(({ c, res }) =>
        c.status !== undefined
          ? res.status !== c.status || res.body?.code !== c.code
          : res.status < 400 || res.status >= 500 || !stableCodes.has(res.body?.code),
      )
      .map(({ c, res }) => `${c.name} → ${res.status} ${res.text.slice(0, 160)}`);
    console.log(
      `hostile input as a proxy on ${testDatabaseKind}: ${cases.length} bad requests to ${writes.length} proxy routes`,
    );
    expect(wrong).toEqual([]);
    expect(after).toEqual(before);
  }, 180_000);

  it('caps pages: every list refuses oversized, negative and malformed limits and cursors', async () => {
    const lists = Object.entries(doc.paths)
      .filter(([, operations]) => operations.get?.parameters?.some((p) => p.in === 'query' && p.name === 'limit'))
      .map(([template]) => template);
    expect(lists.length).toBeGreaterThanOrEqual(8);
    const tokens = [staff, li.token, admin];
    const cases: Case[] = [];
    for (const template of lists) {
      const path = template.replace(/\{(\w+)\}/g, () => String(li.id));
      let token: string | undefined;
      for (const candidate of tokens) {
        if ((await t.request('GET', `${path}?limit=1`, { token: candidate })).status === 200) {
          token = candidate;
          break;
        }
      }
      expect({ template, token: token ? 'found' : 'none' }).toEqual({ template, token: 'found' });
      for (const query of [
        'limit=101',
        'limit=1000000',
        'limit=-1',
        'limit=0',
        'limit=1.5',
        'limit=abc',
        'limit=1e3',
        'limit=',
        'cursor=!!!',
        `cursor=${'a'.repeat(300)}`,
        'cursor=%00',
        `limit=${encodeURIComponent(SQL)}`,
      ]) {
        cases.push({ name: `GET ${template}?${query}`, method: 'GET', path: `${path}?${query}`, token });
      }
    }
    const answers = await pool(cases, CONCURRENCY, async (c) => ({ c, res: await send(c) }));
    const wrong = answers
      .filter(({ res }) => res.status !== 400 || res.body?.code !== 'VALIDATION_FAILED')
      .map(({ c, res }) => `${c.name} → ${res.status} ${res.text.slice(0, 120)}`);
    console.log(`pagination on ${testDatabaseKind}: ${cases.length} bad page requests to ${lists.length} lists`);
    expect(wrong).toEqual([]);
    // The largest page allowed is still served.
    expect((await t.request('GET', `${api}/notices?limit=100`, { token: li.token })).status).toBe(200);
  });

  it('accepts what is valid by the rules, however it looks, and gives it back verbatim (clients escape on output)', async () => {
    const title = `${SCRIPT} ${EMOJI}`;
    const body = `${SQL}; DROP TABLE notices; -- <img src=x onerror=alert(1)> 𠮷`;
    const notice = await t.request('POST', `${api}/notices`, {
      token: staff,
      body: { title, body, category: 'policy' },
    });
    expect(notice.status).toBe(201);
    const shown = await t.request('GET', `${api}/notices/${notice.body.id}`, { token: staff });
    expect(shown.body).toMatchObject({ title, body });

    const room = await t.request('POST', `${api}/rooms`, {
      token: staff,
      body: {
        name: `书画室 ${EMOJI}`,
        description: '',
        facilities: ['<i>投影仪</i>'],
        capacity: 8,
        openTime: '08:30',
        closeTime: '21:00',
        minNoticeMinutes: 0,
      },
    });
    expect(room.status).toBe(201);
    expect(room.body).toMatchObject({
      name: `书画室 ${EMOJI}`,
      description: '',
      facilities: ['<i>投影仪</i>'],
      minNoticeMinutes: 0,
    });

    const reward = await t.request('POST', `${api}/rewards`, {
      token: staff,
      body: { name: `"; DROP TABLE timebank_rewards; --`, description: '', priceMinutes: 30, stock: 0 },
    });
    expect(reward.status).toBe(201);
    expect(reward.body).toMatchObject({ name: `"; DROP TABLE timebank_rewards; --`, stock: 0 });

    const me = await t.request('PATCH', `${api}/me`, { token: pending.token, body: { name: `王${EMOJI}` } });
    expect(me.status).toBe(200);
    expect((await t.request('GET', `${api}/me`, { token: pending.token })).body.name).toBe(`王${EMOJI}`);

    const memo = `<b>谢谢</b> ${SQL} 🙏`;
    const transfer = await t.request('POST', `${api}/timebank/transfers`, {
      token: li.token,
      body: { toUserId: liu.id, minutes: 1, memo },
      headers: { 'idempotency-key': `hostile-valid-${Date.now()}` },
    });
    expect(transfer.status).toBe(201);
    const statement = await t.request('GET', `${api}/timebank/transactions`, { token: liu.token });
    expect(statement.body.items[0].memo).toBe(memo);

    const takeBack = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: liu.id, minutes: -1, reason: SCRIPT },
    });
    expect(takeBack.status).toBe(201);
    expect((await t.request('GET', `${api}/timebank/audit`, { token: admin })).body.ok).toBe(true);
  });
});
