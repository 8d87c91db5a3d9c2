import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Activity } from '../src/activities/activity.entity.js';
import { Booking } from '../src/bookings/booking.entity.js';
import { HelpRequest } from '../src/help-requests/help-request.entity.js';
import { CentreEvent, EventSignup } from '../src/events/event.entity.js';
import { FamilyBinding, FamilyCreditAsk } from '../src/family/family.entity.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { fillRoute, routeKey, routeTable, type ApiRoute } from './support/routes.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

/**
 * Who may call what: every route of the running server × every kind of caller, one real request per cell.
 *
 * Actors (demo street): anon = no token; pend = 周磊, pending resident of G; resG = 张桂兰, verified resident of G;
 * volG = 李秀英, volunteer of G; resB = 孙丽, verified resident (and volunteer) of B; stfG = staff.g; stfB = staff.b;
 * admin = the street admin.
 *
 * Objects: every `:id` names a record of community G. Records owned by one person (bookings, inbox entries) belong to
 * resG, so volG shows "another resident's record" and resB / stfB show "another community's record". A cell that
 * changes its record gets a fresh one, so cells never depend on each other. Write requests carry a valid body: the
 * status is the answer of authorization (401 not logged in, 403 wrong role or not verified, 404 not yours) or, where
 * the caller is let in, of the feature itself (2xx, or the 4xx of a rule, e.g. 422 for a non-volunteer signing up).
 *
 * The table must list exactly the routes the server registers (read from its route table, LINLI_ROUTES_FILE):
 * a new route without a row fails, and so does a row without a route. Left out: HEAD twins of GET routes and the
 * built clients' static files (H5 at `/`, console at `/console/`); see test/support/routes.ts.
 */
const MATRIX = `
route                                                      anon pend resG volG resB stfG stfB admin
# Public: health, the street's communities and buildings (a newcomer picks from them), the API documentation.
GET   /api/v1/health                                        200  200  200  200  200  200  200  200
GET   /api/v1/communities                                   200  200  200  200  200  200  200  200
GET   /api/v1/buildings                                     200  200  200  200  200  200  200  200
GET   /api/docs                                             200  200  200  200  200  200  200  200
GET   /api/docs/                                            200  200  200  200  200  200  200  200
GET   /api/docs/index.html                                  200  200  200  200  200  200  200  200
# Swagger UI's own files; it registers a LICENSE route but ships no such file.
GET   /api/docs/LICENSE                                     404  404  404  404  404  404  404  404
GET   /api/docs/swagger-ui-init.js                          200  200  200  200  200  200  200  200
GET   /api/docs/docs/swagger-ui-init.js                     200  200  200  200  200  200  200  200
GET   /api/docs/*                                           200  200  200  200  200  200  200  200
GET   /api/docs/docs/*                                      200  200  200  200  200  200  200  200
GET   /api/docs-json                                        200  200  200  200  200  200  200  200
GET   /api/docs-yaml                                        200  200  200  200  200  200  200  200

# Logins are public (a caller with a token may log in again); logout ends a session of the cell's own.
POST  /api/v1/auth/login                                    200  200  200  200  200  200  200  200
POST  /api/v1/auth/dev-login                                200  200  200  200  200  200  200  200
POST  /api/v1/auth/wechat                                   200  200  200  200  200  200  200  200
POST  /api/v1/auth/logout                                   401  204  204  204  204  204  204  204
GET   /api/v1/me                                            401  200  200  200  200  200  200  200
PATCH /api/v1/me                                            401  200  200  200  200  200  200  200
GET   /api/v1/me/code                                       401  403  200  200  200  403  403  403

GET   /api/v1/residents                                     401  403  403  403  403  200  200  200
POST  /api/v1/residents/:id/verify                          401  403  403  403  403  200  404  200
POST  /api/v1/residents/:id/volunteer                       401  403  403  403  403  200  404  200
# One full phone number, audited: staff of the resident's community and the admin.
POST  /api/v1/residents/:id/phone                           401  403  403  403  403  200  404  200
GET   /api/v1/audit                                         401  403  403  403  403  200  200  200

GET   /api/v1/notifications                                 401  200  200  200  200  200  200  200
GET   /api/v1/notifications/unread-count                    401  200  200  200  200  200  200  200
POST  /api/v1/notifications/read-all                        401  200  200  200  200  200  200  200
# The inbox is personal: nobody else marks resG's entry read, not even staff or the admin.
POST  /api/v1/notifications/:id/read                        401  404  200  404  404  404  404  404

GET   /api/v1/notices                                       401  200  200  200  200  200  200  200
GET   /api/v1/notices/unread-count                          401  200  200  200  200  200  200  200
GET   /api/v1/notices/manage                                401  403  403  403  403  200  200  200
# Creating names the community (communityId of G): staff of B naming G is refused (403), not silently moved to B.
POST  /api/v1/notices                                       401  403  403  403  403  201  403  201
GET   /api/v1/notices/:id                                   401  200  200  200  404  200  404  200
# Pending residents read notices (and nothing else); they may not acknowledge one (403 RESIDENT_NOT_VERIFIED).
POST  /api/v1/notices/:id/ack                               401  403  200  200  404  404  404  404
PATCH /api/v1/notices/:id                                   401  403  403  403  403  200  404  200
POST  /api/v1/notices/:id/publish                           401  403  403  403  403  200  404  200
POST  /api/v1/notices/:id/archive                           401  403  403  403  403  200  404  200
GET   /api/v1/notices/:id/stats                             401  403  403  403  403  200  404  200
GET   /api/v1/notices/:id/stats.csv                         401  403  403  403  403  200  404  200
GET   /api/v1/notices/:id/stats/follow-up                   401  403  403  403  403  200  404  200

GET   /api/v1/rooms                                         401  403  200  200  200  200  200  200
POST  /api/v1/rooms                                         401  403  403  403  403  201  403  201
# A pending resident may open a room's card (the mini-app then shows 请先完成住户认证) but not list rooms or see slots.
GET   /api/v1/rooms/:id                                     401  200  200  200  404  200  404  200
PATCH /api/v1/rooms/:id                                     401  403  403  403  403  200  404  200
GET   /api/v1/rooms/:id/availability                        401  403  200  200  404  200  404  200
GET   /api/v1/rooms/:id/door-code                           401  403  403  403  403  200  404  200
POST  /api/v1/rooms/:id/closures                            401  403  403  403  403  201  404  201

POST  /api/v1/bookings                                      401  403  201  201  404  201  404  201
GET   /api/v1/bookings/mine                                 401  200  200  200  200  200  200  200
GET   /api/v1/bookings                                      401  403  403  403  403  200  200  200
POST  /api/v1/bookings/recurring                            401  403  403  403  403  201  404  201
# resG's bookings: the booker and staff of G cancel; any other resident gets 404, as staff of B do.
POST  /api/v1/bookings/:id/cancel                           401  404  200  404  404  200  404  200
POST  /api/v1/bookings/:id/approve                          401  403  403  403  403  200  404  200
POST  /api/v1/bookings/:id/reject                           401  403  403  403  403  200  404  200
POST  /api/v1/bookings/:id/check-in                         401  403  403  403  403  200  404  200
POST  /api/v1/bookings/suspensions/:userId/lift             401  403  403  403  403  200  404  200

GET   /api/v1/activities                                    401  403  200  200  200  200  200  200
GET   /api/v1/activities/mine                               401  200  200  200  200  200  200  200
# Activities belong to a community; the street admin has none, so creating one is refused (403).
POST  /api/v1/activities                                    401  403  403  403  403  201  201  403
GET   /api/v1/activities/:id                                401  403  200  200  404  200  404  200
PATCH /api/v1/activities/:id                                401  403  403  403  403  200  404  200
POST  /api/v1/activities/:id/publish                        401  403  403  403  403  200  404  200
POST  /api/v1/activities/:id/cancel                         401  403  403  403  403  200  404  200
# Sign-up, cancel and scan are for volunteers: resG is verified but no volunteer / not signed up (422).
POST  /api/v1/activities/:id/signup                         401  403  422  200  404  403  403  403
POST  /api/v1/activities/:id/cancel-signup                  401  403  422  200  404  403  403  403
GET   /api/v1/activities/:id/live-code                      401  403  403  403  403  200  404  200
GET   /api/v1/activities/:id/attendance                     401  403  403  403  403  200  404  200
POST  /api/v1/activities/:id/attendance                     401  403  403  403  403  200  404  200
POST  /api/v1/activities/:id/attendance/:userId/manual      401  403  403  403  403  200  404  200
POST  /api/v1/activities/:id/settle                         401  403  403  403  403  200  404  200
POST  /api/v1/scan                                          401  403  422  200  404  403  403  403

GET   /api/v1/timebank/account                              401  403  200  200  200  403  403  403
GET   /api/v1/timebank/transactions                         401  403  200  200  200  403  403  403
GET   /api/v1/timebank/recipients                           401  403  200  200  200  403  403  403
# By account number: a neighbour of G; for resB, who lives elsewhere, nobody by that number (404).
GET   /api/v1/timebank/recipients/:userId                   401  403  200  200  404  403  403  403
POST  /api/v1/timebank/transfers                            401  403  201  201  404  403  403  403
GET   /api/v1/timebank/accounts                             401  403  403  403  403  200  200  200
GET   /api/v1/timebank/accounts.csv                         401  403  403  403  403  200  200  200
GET   /api/v1/timebank/accounts/:userId/transactions        401  403  403  403  403  200  404  200
GET   /api/v1/timebank/pool/transactions                    401  403  403  403  403  200  200  200
POST  /api/v1/timebank/transactions/:id/reverse             401  403  403  403  403  201  404  201
POST  /api/v1/timebank/adjustments                          401  403  403  403  403  403  403  201
GET   /api/v1/timebank/stats/monthly                        401  403  403  403  403  200  200  200
GET   /api/v1/timebank/audit                                401  403  403  403  403  200  200  200
GET   /api/v1/rewards                                       401  403  200  200  200  200  200  200
POST  /api/v1/rewards                                       401  403  403  403  403  201  403  201
PATCH /api/v1/rewards/:id                                   401  403  403  403  403  200  404  200
POST  /api/v1/rewards/:id/redeem                            401  403  201  201  404  403  403  403
GET   /api/v1/rewards/redemptions/mine                      401  403  200  200  200  403  403  403
GET   /api/v1/rewards/redemptions                           401  403  403  403  403  200  200  200
POST  /api/v1/rewards/redemptions/:id/hand-over             401  403  403  403  403  200  404  200
POST  /api/v1/rewards/redemptions/:id/cancel                401  403  403  403  403  200  404  200
# The commons: every verified resident donates and sees their own community's; staff see theirs (admins name one).
POST  /api/v1/timebank/donations                            401  403  201  201  201  403  403  403
GET   /api/v1/timebank/commons                              401  403  200  200  200  200  200  200
# 亲情转赠 to 王建国, bound to resG as her son (fresh binding per cell): anyone else is not bound to him (404).
POST  /api/v1/timebank/family-transfers                     401  403  201  404  404  403  403  403

# Mutual help: resG's requests of G. volG offers and is chosen; resB and stfB get 404; staff only settle.
POST  /api/v1/help-requests                                 401  403  201  201  201  403  403  403
GET   /api/v1/help-requests                                 401  403  200  200  200  200  200  200
GET   /api/v1/help-requests/mine                            401  403  200  200  200  403  403  403
GET   /api/v1/help-requests/care-recipients                 401  403  403  403  403  200  200  200
GET   /api/v1/help-requests/:id                             401  403  200  200  404  200  404  200
# resG may not offer on their own request (422 HELP_OWN_REQUEST).
POST  /api/v1/help-requests/:id/offer                       401  403  422  200  404  403  403  403
POST  /api/v1/help-requests/:id/choose                      401  403  200  403  404  403  403  403
POST  /api/v1/help-requests/:id/done                        401  403  403  200  404  403  403  403
POST  /api/v1/help-requests/:id/confirm                     401  403  200  403  404  403  403  403
POST  /api/v1/help-requests/:id/dispute                     401  403  200  403  404  403  403  403
POST  /api/v1/help-requests/:id/cancel                      401  403  200  403  404  403  403  403
POST  /api/v1/help-requests/:id/settle                      401  403  403  403  403  200  404  200
POST  /api/v1/residents/:id/care-recipient                  401  403  403  403  403  200  404  200
# Interest groups: resG leads the fixture group (proposed by resG, approved by stfG); volG is no member of it.
GET   /api/v1/groups                                        401  403  200  200  200  200  200  200
GET   /api/v1/groups/mine                                   401  200  200  200  200  200  200  200
POST  /api/v1/groups                                        401  403  201  201  201  403  403  403
GET   /api/v1/groups/:id                                    401  403  200  200  404  200  404  200
PATCH /api/v1/groups/:id                                    401  403  403  403  403  200  404  200
POST  /api/v1/groups/:id/approve                            401  403  403  403  403  200  404  200
POST  /api/v1/groups/:id/decline                            401  403  403  403  403  200  404  200
# Joining and leaving are for residents (staff join nothing: 403; leave what they are not in: 422).
POST  /api/v1/groups/:id/join                               401  403  200  200  404  403  404  403
POST  /api/v1/groups/:id/leave                              401  403  200  422  404  422  404  422
# Leaders only (a member or staff: 403 GROUP_NOT_LEADER); staff may book for a group.
POST  /api/v1/groups/:id/notices                            401  403  201  403  404  403  404  403
POST  /api/v1/groups/:id/leaders                            401  403  200  403  404  403  404  403
POST  /api/v1/groups/:id/bookings                           401  403  201  403  404  201  404  201
# Events: staff, or the fixture group's leader (resG); sign-up is for residents; feedback and thanks for attendees.
GET   /api/v1/events                                        401  403  200  200  200  200  200  200
POST  /api/v1/events                                        401  403  201  403  404  201  404  201
GET   /api/v1/events/:id                                    401  403  200  200  404  200  404  200
POST  /api/v1/events/:id/signup                             401  403  200  200  404  403  403  403
POST  /api/v1/events/:id/cancel-signup                      401  403  200  422  404  403  403  403
POST  /api/v1/events/:id/cancel                             401  403  200  403  404  200  404  200
POST  /api/v1/events/:id/feedback                           401  403  201  422  404  422  404  422
POST  /api/v1/events/:id/thanks                             401  403  201  422  404  422  404  422
GET   /api/v1/centre/report                                 401  403  403  403  403  200  200  200
GET   /api/v1/centre/report.csv                             401  403  403  403  403  200  200  200
# Resident requests: every :id is resG's request in G (private unless the row says public), in the state the action needs.
# Pending residents raise nothing (403 RESIDENT_NOT_VERIFIED); neighbours and other communities get 404.
POST  /api/v1/requests                                      401  403  201  201  201  403  403  403
GET   /api/v1/requests/mine                                 401  200  200  200  200  403  403  403
GET   /api/v1/requests/public                               401  403  200  200  200  200  200  200
GET   /api/v1/requests                                      401  403  403  403  403  200  200  200
GET   /api/v1/requests/stats                                401  403  403  403  403  200  200  200
GET   /api/v1/requests/assignees                            401  403  403  403  403  200  200  200
GET   /api/v1/requests/:id                                  401  404  200  404  404  200  404  200
# A public request: its submitter may not second it (422); staff do not second.
POST  /api/v1/requests/:id/second                           401  404  422  200  404  403  403  403
POST  /api/v1/requests/:id/rate                             401  404  200  404  404  403  403  403
POST  /api/v1/requests/:id/reopen                           401  404  200  404  404  403  403  403
POST  /api/v1/requests/:id/accept                           401  403  403  403  403  200  404  200
POST  /api/v1/requests/:id/progress                         401  403  403  403  403  200  404  200
POST  /api/v1/requests/:id/resolve                          401  403  403  403  403  200  404  200
POST  /api/v1/requests/:id/refer                            401  403  403  403  403  200  404  200
POST  /api/v1/requests/:id/extend                           401  403  403  403  403  200  404  200
POST  /api/v1/requests/:id/unreasonable                     401  403  403  403  403  200  404  200
POST  /api/v1/requests/:id/unreasonable/confirm             401  403  403  403  403  403  403  200
# 派给志愿者: a help task for resG paid from G's pool (an accepted request).
POST  /api/v1/requests/:id/help-task                        401  403  403  403  403  200  404  200
# The matrix sends JSON, so a caller let in gets 400 UPLOAD_FILE_MISSING (uploads.e2e-spec sends real images).
POST  /api/v1/uploads                                       401  403  400  400  400  400  400  400
# resG's photo on resG's private request: those who may see the request.
GET   /api/v1/uploads/:id                                   401  404  200  404  404  200  404  200

# 亲情代办: a pending resident may look but not bind (403); the code cell uses a fresh code of 刘淑珍 each time; the
# binding revoked is resG's (to 王建国), so other residents get 404; desk binding binds a fresh household.
POST  /api/v1/me/family-codes                               401  403  201  201  201  403  403  403
POST  /api/v1/family/bind                                   401  403  201  201  201  403  403  403
GET   /api/v1/me/family                                     401  200  200  200  200  403  403  403
# 窗口代办: staff register a resident without WeChat in a building of G (staff of B: 404), and print their card.
POST  /api/v1/residents                                     401  403  403  403  403  201  404  201
GET   /api/v1/residents/:id/card                            401  403  403  403  403  200  404  200
DELETE /api/v1/me/family/:id                                401  404  204  404  404  403  403  403
POST  /api/v1/residents/:id/family                          401  403  403  403  403  201  404  201
# 代办转出: resG asks 刘淑珍 (bound to her as member) for credits; the asks decided are fresh ones: to resG (from
# 王建国, her member) for confirm and decline, by resG for cancel. Only the one who decides gets past 404; staff 403.
POST  /api/v1/me/family/:id/credit-asks                     401  403  201  404  404  403  403  403
GET   /api/v1/me/family/credit-asks                         401  200  200  200  200  403  403  403
POST  /api/v1/me/family/credit-asks/:id/confirm             401  404  200  404  404  403  403  403
POST  /api/v1/me/family/credit-asks/:id/decline             401  404  200  404  404  403  403  403
POST  /api/v1/me/family/credit-asks/:id/cancel              401  404  200  404  404  403  403  403
`;

const ACTORS = ['anon', 'pend', 'resG', 'volG', 'resB', 'stfG', 'stfB', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

interface Row {
  method: string;
  url: string;
  expected: Record<Actor, number>;
}

function parseMatrix(text: string): Row[] {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (header.split(/\s+/).slice(1).join(' ') !== ACTORS.join(' '))
    throw new Error(`matrix header must name ${ACTORS.join(' ')}`);
  return lines.map((line) => {
    const [method, url, ...cells] = line.split(/\s+/);
    if (cells.length !== ACTORS.length || cells.some((c) => !/^\d{3}$/.test(c)))
      throw new Error(`matrix row needs ${ACTORS.length} statuses: ${line}`);
    return {
      method,
      url,
      expected: Object.fromEntries(ACTORS.map((a, i) => [a, Number(cells[i])])) as Record<Actor, number>,
    };
  });
}

const rows = parseMatrix(MATRIX);
const MIN = 60_000;

/** One cell's request; `token` overrides the actor's own (logout needs a session of its own). */
interface Cell {
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  token?: string;
}

describe(`authorization matrix on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let wechat: FakeWechat;
  const table = routeTable();
  const responses: TestResponse[] = [];
  const tokens = {} as Record<Exclude<Actor, 'anon'>, string>;
  const phones = { pend: '13800000009', resG: '13800000003', volG: '13800000001', resB: '13900000001' } as const;
  const ids = {} as Record<
    'pend' | 'resG' | 'volG' | 'resB' | 'liu' | 'wang' | 'yang' | 'G' | 'B' | 'stfGUser',
    number
  >;
  const fx = {} as Record<
    | 'room'
    | 'spareRoom'
    | 'notice'
    | 'draftNotice'
    | 'reward'
    | 'draftActivity'
    | 'openActivity'
    | 'nowActivity'
    | 'inbox'
    | 'group'
    | 'event'
    | 'staffG',
    number
  >;
  let serial = 0;

  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await t.request(method, path, options);
    responses.push(res);
    return res;
  };
  /** A request the arrangement needs: anything but 2xx stops the suite with the answer. */
  const arrange = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await call(method, path, options);
    if (res.status >= 300) throw new Error(`arranging ${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };

  // ---- fresh records, one per cell where the request changes its record ----

  const shanghai = (daysAhead: number, minutesFromSix: number) => {
    const date = new Date(Date.now() + 8 * 3_600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);
    const minutes = 6 * 60 + minutesFromSix;
    return `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
  };
  /** A free 30-minute slot of the matrix room tomorrow (06:00–22:00 on a 30-minute grid). */
  let nextSlot = 0;
  const freeSlot = () => {
    const at = nextSlot++ * 30;
    return { startAt: shanghai(1, at), endAt: shanghai(1, at + 30) };
  };
  const bookingBody = () => ({ roomId: fx.room, ...freeSlot(), purpose: '权限矩阵测试', attendees: 2 });

  /** resG's booking of the spare room, arranged in the database (past the quotas, which are not under test here). */
  const bookingOfResG = async (status: 'pending' | 'approved', when: 'tomorrow' | 'now') => {
    const startAt =
      when === 'now' ? new Date(Date.now() - 5 * MIN) : new Date(Date.now() + (24 * 60 + serial++ * 30) * MIN);
    const endAt = new Date(startAt.getTime() + 60 * MIN);
    const inserted = await t.dataSource.getRepository(Booking).insert({
      communityId: ids.G,
      roomId: fx.spareRoom,
      userId: ids.resG,
      startAt,
      endAt,
      minutes: 60,
      purpose: '权限矩阵测试',
      attendees: 2,
      status,
      staffBooking: false,
      reason: null,
      decidedById: null,
      decidedAt: null,
      checkedInAt: null,
      noShowAt: null,
    });
    return inserted.identifiers[0].id as number;
  };

  const draftNotice = async () =>
    (
      await arrange('POST', '/api/v1/notices', {
        token: tokens.stfG,
        body: { title: `权限矩阵草稿 ${++serial}`, body: '内容', category: 'announcement' },
      })
    ).id as number;

  const activityBody = (startInMinutes: number) => {
    const start = Date.now() + startInMinutes * MIN;
    return {
      title: `权限矩阵活动 ${++serial}`,
      description: '测试',
      place: '社区广场',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 60 * MIN).toISOString(),
      capacity: 50,
      signupDeadline: new Date(start - 5 * MIN).toISOString(),
    };
  };
  const activity = async (state: 'draft' | 'published' | 'ended', startInMinutes = 24 * 60) => {
    const id = (await arrange('POST', '/api/v1/activities', { token: tokens.stfG, body: activityBody(startInMinutes) }))
      .id as number;
    if (state !== 'draft') await arrange('POST', `/api/v1/activities/${id}/publish`, { token: tokens.stfG });
    if (state === 'ended') {
      const start = new Date(Date.now() - 90 * MIN);
      await t.dataSource.getRepository(Activity).update(
        { id },
        {
          startAt: start,
          endAt: new Date(start.getTime() + 60 * MIN),
          signupDeadline: new Date(start.getTime() - 10 * MIN),
        },
      );
    }
    return id;
  };

  // ---- the activity centre ----
  const groupName = () => `矩阵小组${++serial}`;
  /** A group proposed by `token`'s resident and approved by staff of G. */
  const approvedGroup = async (token: string) => {
    const id = (
      await arrange('POST', '/api/v1/groups', {
        token,
        body: { name: groupName(), kind: 'other', description: '权限矩阵测试' },
      })
    ).id as number;
    await arrange('POST', `/api/v1/groups/${id}/approve`, { token: tokens.stfG });
    return id;
  };
  const proposedGroup = async () =>
    (
      await arrange('POST', '/api/v1/groups', {
        token: tokens.resG,
        body: { name: groupName(), kind: 'other', description: '权限矩阵测试' },
      })
    ).id as number;
  const eventBody = (extra: Record<string, unknown> = {}) => {
    const start = Date.now() + 2 * 24 * 60 * MIN;
    return {
      title: `权限矩阵社区活动 ${++serial}`,
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 60 * MIN).toISOString(),
      place: '社区广场',
      capacity: 50,
      membersOnly: false,
      ...extra,
    };
  };
  const centreEvent = async () =>
    (await arrange('POST', '/api/v1/events', { token: tokens.stfG, body: eventBody() })).id as number;
  /** An event of staff G that resG attended and that ended an hour ago (the feedback window is open). */
  const attendedEvent = async () => {
    const id = await centreEvent();
    await arrange('POST', `/api/v1/events/${id}/signup`, { token: tokens.resG });
    await t.dataSource
      .getRepository(EventSignup)
      .update({ eventId: id, userId: ids.resG }, { checkedInAt: new Date(Date.now() - 100 * MIN) });
    await t.dataSource
      .getRepository(CentreEvent)
      .update({ id }, { startAt: new Date(Date.now() - 120 * MIN), endAt: new Date(Date.now() - 60 * MIN) });
    return id;
  };

  const pendingHousehold = async () => {
    const login = await arrange('POST', '/api/v1/auth/dev-login', {
      body: { phone: `137${String(10_000_000 + ++serial).slice(-8)}`, community: 'G' },
    });
    const buildings = await arrange('GET', '/api/v1/buildings', { token: login.token });
    await arrange('PATCH', '/api/v1/me', {
      token: login.token,
      body: { name: '新住户', buildingId: buildings.items[0].id, unit: '1', room: String(serial) },
    });
    return login.user.id as number;
  };

  const adjustment = async () =>
    (
      await arrange('POST', '/api/v1/timebank/adjustments', {
        token: tokens.admin,
        body: { userId: ids.liu, minutes: 1, reason: '权限矩阵测试' },
      })
    ).id as number;

  /** resG's help request, volG the helper, brought to `state` (the meeting is arranged in the database). */
  const helpRequest = async (state: 'open' | 'offered' | 'started' | 'done' | 'disputed') => {
    const id = (
      await arrange('POST', '/api/v1/help-requests', {
        token: tokens.resG,
        body: {
          title: `权限矩阵互助 ${++serial}`,
          description: '',
          kind: 'errands',
          startAt: new Date(Date.now() + 10 * MIN).toISOString(),
          minutes: 30,
          place: '1栋',
          rewardMinutes: 1,
        },
      })
    ).id as number;
    if (state === 'open') return id;
    await arrange('POST', `/api/v1/help-requests/${id}/offer`, { token: tokens.volG });
    if (state === 'offered') return id;
    await arrange('POST', `/api/v1/help-requests/${id}/choose`, { token: tokens.resG, body: { helperId: ids.volG } });
    await t.dataSource.getRepository(HelpRequest).update({ id }, { status: 'started', arrivedAt: new Date() });
    if (state === 'started') return id;
    await arrange('POST', `/api/v1/help-requests/${id}/done`, { token: tokens.volG });
    if (state === 'done') return id;
    await arrange('POST', `/api/v1/help-requests/${id}/dispute`, {
      token: tokens.resG,
      body: { reason: '权限矩阵测试' },
    });
    return id;
  };

  const redemption = async () =>
    (
      await arrange('POST', `/api/v1/rewards/${fx.reward}/redeem`, {
        token: liuToken,
        headers: { 'idempotency-key': randomUUID() },
      })
    ).redemption.id as number;
  let liuToken: string;
  let photoOfResG: string;

  /** resG's request in the state an action needs, arranged through the API. */
  const requestOfResG = async (
    state: 'submitted' | 'accepted' | 'resolved' | 'marked',
    extra: Record<string, unknown> = {},
  ) => {
    const id = (
      await arrange('POST', '/api/v1/requests', {
        token: tokens.resG,
        body: {
          category: 'repair',
          title: `权限矩阵诉求 ${++serial}`,
          description: '测试',
          urgent: false,
          public: false,
          ...extra,
        },
      })
    ).id as number;
    if (state === 'submitted') return id;
    if (state === 'marked') {
      await arrange('POST', `/api/v1/requests/${id}/unreasonable`, { token: tokens.stfG, body: { reason: '测试' } });
      return id;
    }
    await arrange('POST', `/api/v1/requests/${id}/accept`, { token: tokens.stfG, body: {} });
    if (state === 'resolved')
      await arrange('POST', `/api/v1/requests/${id}/resolve`, { token: tokens.stfG, body: { resolution: '已处理' } });
    return id;
  };
  const requestPath = async (state: Parameters<typeof requestOfResG>[0], action: string, extra = {}) =>
    `/api/v1/requests/${await requestOfResG(state, extra)}/${action}`;

  /** A binding of resG (elder) with 王建国 (member), arranged in the database, fresh for each cell. */
  const bindingOfResG = async () => {
    const repo = t.dataSource.getRepository(FamilyBinding);
    await repo.delete({ elderId: ids.resG, memberId: ids.wang });
    const inserted = await repo.insert({
      elderId: ids.resG,
      memberId: ids.wang,
      relation: '儿子',
      via: 'code',
      status: 'active',
      createdById: ids.wang,
      boundAt: new Date(),
      revokedAt: null,
      revokedById: null,
    });
    return inserted.identifiers[0].id as number;
  };

  /** An active binding of `elderId` and `memberId` with no open ask, and (for a decision) a fresh pending ask. */
  const creditAsk = async (elderId: number, memberId: number, pending: boolean) => {
    const bindings = t.dataSource.getRepository(FamilyBinding);
    let binding = await bindings.findOneBy({ elderId, memberId });
    if (!binding) {
      await bindings.insert({
        elderId,
        memberId,
        relation: '女儿',
        via: 'code',
        status: 'active',
        createdById: memberId,
        boundAt: new Date(),
        revokedAt: null,
        revokedById: null,
      });
      binding = await bindings.findOneByOrFail({ elderId, memberId });
    } else await bindings.update({ id: binding.id }, { status: 'active' });
    const asks = t.dataSource.getRepository(FamilyCreditAsk);
    await asks.update({ openBindingId: binding.id }, { openBindingId: null, status: 'cancelled' });
    if (!pending) return { bindingId: binding.id, askId: 0 };
    const inserted = await asks.insert({
      bindingId: binding.id,
      openBindingId: binding.id,
      elderId,
      memberId,
      minutes: 1,
      reason: '权限矩阵测试',
      status: 'pending',
      expiresAt: new Date(Date.now() + 3_600_000),
      decidedAt: null,
      transactionId: null,
    });
    return { bindingId: binding.id, askId: Number(inserted.identifiers[0].id) };
  };

  const freshLogin = async (actor: Exclude<Actor, 'anon'>) => {
    if (actor === 'stfG' || actor === 'stfB' || actor === 'admin')
      return (await t.loginStaff({ stfG: 'staff.g', stfB: 'staff.b', admin: 'admin' }[actor])).token;
    return (await t.loginResident(phones[actor])).token;
  };

  /** How to make each route's request; routes without params or body need no entry. */
  const cells: Record<string, (actor: Actor) => Promise<Cell> | Cell> = {
    'GET /api/docs/*': () => ({ path: '/api/docs/swagger-ui.css' }),
    'GET /api/docs/docs/*': () => ({ path: '/api/docs/docs/swagger-ui.css' }),
    'POST /api/v1/auth/login': () => ({ body: { username: 'staff.b', password: 'linli-demo' } }),
    'POST /api/v1/auth/dev-login': () => ({ body: { phone: '13800000007', community: 'G' } }),
    'POST /api/v1/auth/wechat': () => ({ body: { code: `ok-matrix-${++serial}` } }),
    'POST /api/v1/auth/logout': async (actor) => (actor === 'anon' ? {} : { token: await freshLogin(actor) }),
    'PATCH /api/v1/me': () => ({ body: { name: '矩阵测试' } }),

    'POST /api/v1/residents/:id/verify': async () => ({ path: `/api/v1/residents/${await pendingHousehold()}/verify` }),
    'POST /api/v1/residents/:id/phone': () => ({
      path: `/api/v1/residents/${ids.resG}/phone`,
      body: { purpose: '权限矩阵测试' },
    }),
    'POST /api/v1/residents/:id/volunteer': () => ({
      path: `/api/v1/residents/${ids.yang}/volunteer`,
      body: { volunteer: true },
    }),

    'POST /api/v1/notifications/:id/read': () => ({ path: `/api/v1/notifications/${fx.inbox}/read` }),

    'POST /api/v1/notices': () => ({
      body: { title: '权限矩阵公告', body: '内容', category: 'service', communityId: ids.G },
    }),
    'GET /api/v1/notices/:id': () => ({ path: `/api/v1/notices/${fx.notice}` }),
    'POST /api/v1/notices/:id/ack': () => ({ path: `/api/v1/notices/${fx.notice}/ack` }),
    'PATCH /api/v1/notices/:id': () => ({
      path: `/api/v1/notices/${fx.draftNotice}`,
      body: { title: `改过的标题 ${++serial}` },
    }),
    'POST /api/v1/notices/:id/publish': async () => ({ path: `/api/v1/notices/${await draftNotice()}/publish` }),
    'POST /api/v1/notices/:id/archive': async () => ({ path: `/api/v1/notices/${await draftNotice()}/archive` }),
    'GET /api/v1/notices/:id/stats': () => ({ path: `/api/v1/notices/${fx.notice}/stats` }),
    'GET /api/v1/notices/:id/stats.csv': () => ({ path: `/api/v1/notices/${fx.notice}/stats.csv` }),
    'GET /api/v1/notices/:id/stats/follow-up': () => ({ path: `/api/v1/notices/${fx.notice}/stats/follow-up` }),

    'POST /api/v1/rooms': () => ({
      body: { name: `矩阵室 ${++serial}`, capacity: 8, openTime: '08:00', closeTime: '20:00', communityId: ids.G },
    }),
    'GET /api/v1/rooms/:id': () => ({ path: `/api/v1/rooms/${fx.room}` }),
    'PATCH /api/v1/rooms/:id': () => ({
      path: `/api/v1/rooms/${fx.spareRoom}`,
      body: { description: `改过的说明 ${++serial}` },
    }),
    'GET /api/v1/rooms/:id/availability': () => ({
      path: `/api/v1/rooms/${fx.room}/availability?date=${shanghai(1, 0).slice(0, 10)}`,
    }),
    'GET /api/v1/rooms/:id/door-code': () => ({ path: `/api/v1/rooms/${fx.room}/door-code` }),
    'POST /api/v1/rooms/:id/closures': () => ({
      path: `/api/v1/rooms/${fx.spareRoom}/closures`,
      body: { startAt: shanghai(60, 0), endAt: shanghai(60, 120), reason: '权限矩阵测试' },
    }),

    'POST /api/v1/bookings': () => ({ body: bookingBody() }),
    'POST /api/v1/bookings/recurring': () => ({ body: { ...bookingBody(), weeks: 1 } }),
    'POST /api/v1/bookings/:id/cancel': async () => ({
      path: `/api/v1/bookings/${await bookingOfResG('approved', 'tomorrow')}/cancel`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/bookings/:id/approve': async () => ({
      path: `/api/v1/bookings/${await bookingOfResG('pending', 'tomorrow')}/approve`,
    }),
    'POST /api/v1/bookings/:id/reject': async () => ({
      path: `/api/v1/bookings/${await bookingOfResG('pending', 'tomorrow')}/reject`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/bookings/:id/check-in': async () => ({
      path: `/api/v1/bookings/${await bookingOfResG('approved', 'now')}/check-in`,
    }),
    'POST /api/v1/bookings/suspensions/:userId/lift': () => ({ path: `/api/v1/bookings/suspensions/${ids.resG}/lift` }),

    'POST /api/v1/activities': () => ({ body: activityBody(24 * 60) }),
    'GET /api/v1/activities/:id': () => ({ path: `/api/v1/activities/${fx.openActivity}` }),
    'PATCH /api/v1/activities/:id': () => ({
      path: `/api/v1/activities/${fx.draftActivity}`,
      body: { place: `社区广场 ${++serial}` },
    }),
    'POST /api/v1/activities/:id/publish': async () => ({
      path: `/api/v1/activities/${await activity('draft')}/publish`,
    }),
    'POST /api/v1/activities/:id/cancel': async () => ({
      path: `/api/v1/activities/${await activity('published')}/cancel`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/activities/:id/signup': () => ({ path: `/api/v1/activities/${fx.openActivity}/signup` }),
    'POST /api/v1/activities/:id/cancel-signup': async () => {
      const id = await activity('published');
      await arrange('POST', `/api/v1/activities/${id}/signup`, { token: tokens.volG });
      return { path: `/api/v1/activities/${id}/cancel-signup` };
    },
    'GET /api/v1/activities/:id/live-code': () => ({
      path: `/api/v1/activities/${fx.openActivity}/live-code?purpose=checkin`,
    }),
    'GET /api/v1/activities/:id/attendance': () => ({ path: `/api/v1/activities/${fx.nowActivity}/attendance` }),
    'POST /api/v1/activities/:id/attendance': async () => ({
      path: `/api/v1/activities/${fx.nowActivity}/attendance`,
      body: { userCode: (await arrange('GET', '/api/v1/me/code', { token: tokens.volG })).digits, action: 'checkin' },
    }),
    'POST /api/v1/activities/:id/attendance/:userId/manual': () => ({
      path: `/api/v1/activities/${fx.nowActivity}/attendance/${ids.volG}/manual`,
      body: { minutes: 15, reason: '权限矩阵测试' },
    }),
    'POST /api/v1/activities/:id/settle': async () => ({
      path: `/api/v1/activities/${await activity('ended', 24 * 60)}/settle`,
    }),
    'POST /api/v1/scan': async () => ({
      body: {
        code: (
          await arrange('GET', `/api/v1/activities/${fx.nowActivity}/live-code?purpose=checkin`, {
            token: tokens.admin,
          })
        ).code,
      },
    }),

    'POST /api/v1/groups': () => ({ body: { name: groupName(), kind: 'culture', description: '权限矩阵测试' } }),
    'GET /api/v1/groups/:id': () => ({ path: `/api/v1/groups/${fx.group}` }),
    'PATCH /api/v1/groups/:id': () => ({ path: `/api/v1/groups/${fx.group}`, body: { weeklyQuotaMinutes: 600 } }),
    'POST /api/v1/groups/:id/approve': async () => ({ path: `/api/v1/groups/${await proposedGroup()}/approve` }),
    'POST /api/v1/groups/:id/decline': async () => ({
      path: `/api/v1/groups/${await proposedGroup()}/decline`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/groups/:id/join': async () => ({ path: `/api/v1/groups/${await approvedGroup(liuToken)}/join` }),
    'POST /api/v1/groups/:id/leave': async () => {
      const id = await approvedGroup(liuToken);
      await arrange('POST', `/api/v1/groups/${id}/join`, { token: tokens.resG });
      return { path: `/api/v1/groups/${id}/leave` };
    },
    'POST /api/v1/groups/:id/notices': () => ({
      path: `/api/v1/groups/${fx.group}/notices`,
      body: { title: '权限矩阵通知', body: '内容' },
    }),
    'POST /api/v1/groups/:id/leaders': async () => {
      const id = await approvedGroup(tokens.resG);
      await arrange('POST', `/api/v1/groups/${id}/join`, { token: liuToken });
      return { path: `/api/v1/groups/${id}/leaders`, body: { userId: ids.liu } };
    },
    'POST /api/v1/groups/:id/bookings': () => ({ path: `/api/v1/groups/${fx.group}/bookings`, body: bookingBody() }),
    'POST /api/v1/events': () => ({ body: eventBody({ groupId: fx.group }) }),
    'GET /api/v1/events/:id': () => ({ path: `/api/v1/events/${fx.event}` }),
    'POST /api/v1/events/:id/signup': () => ({ path: `/api/v1/events/${fx.event}/signup` }),
    'POST /api/v1/events/:id/cancel-signup': async () => {
      const id = await centreEvent();
      await arrange('POST', `/api/v1/events/${id}/signup`, { token: tokens.resG });
      return { path: `/api/v1/events/${id}/cancel-signup` };
    },
    // A fresh event of the fixture group: resG leads it (may call it off); volG is no member of it.
    'POST /api/v1/events/:id/cancel': async () => ({
      path: `/api/v1/events/${(await arrange('POST', '/api/v1/events', { token: tokens.stfG, body: eventBody({ groupId: fx.group }) })).id}/cancel`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/events/:id/feedback': async () => ({
      path: `/api/v1/events/${await attendedEvent()}/feedback`,
      body: { mood: 'good', words: '权限矩阵测试' },
    }),
    'POST /api/v1/events/:id/thanks': async () => ({
      path: `/api/v1/events/${await attendedEvent()}/thanks`,
      body: { toUserId: fx.staffG, words: '权限矩阵测试' },
    }),

    'GET /api/v1/timebank/recipients': () => ({ path: '/api/v1/timebank/recipients?q=王' }),
    'GET /api/v1/timebank/recipients/:userId': () => ({ path: `/api/v1/timebank/recipients/${ids.wang}` }),
    'POST /api/v1/timebank/transfers': () => ({
      body: { toUserId: ids.wang, minutes: 1, memo: '权限矩阵测试' },
      headers: { 'idempotency-key': randomUUID() },
    }),
    'GET /api/v1/timebank/accounts/:userId/transactions': () => ({
      path: `/api/v1/timebank/accounts/${ids.resG}/transactions`,
    }),
    'GET /api/v1/timebank/pool/transactions': () => ({
      path: `/api/v1/timebank/pool/transactions?communityId=${ids.G}`,
    }),
    'POST /api/v1/timebank/transactions/:id/reverse': async () => ({
      path: `/api/v1/timebank/transactions/${await adjustment()}/reverse`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/timebank/adjustments': () => ({ body: { userId: ids.resG, minutes: 1, reason: '权限矩阵测试' } }),
    'POST /api/v1/rewards': () => ({
      body: { name: `矩阵奖品 ${++serial}`, description: '', priceMinutes: 1, stock: 5, communityId: ids.G },
    }),
    'PATCH /api/v1/rewards/:id': () => ({
      path: `/api/v1/rewards/${fx.reward}`,
      body: { description: `改过的说明 ${++serial}` },
    }),
    'POST /api/v1/rewards/:id/redeem': () => ({
      path: `/api/v1/rewards/${fx.reward}/redeem`,
      headers: { 'idempotency-key': randomUUID() },
    }),
    'POST /api/v1/rewards/redemptions/:id/hand-over': async () => ({
      path: `/api/v1/rewards/redemptions/${await redemption()}/hand-over`,
    }),
    'POST /api/v1/family/bind': async () => ({
      body: { code: (await arrange('POST', '/api/v1/me/family-codes', { token: liuToken })).code, relation: '女儿' },
    }),
    'POST /api/v1/residents': async () => ({
      body: {
        name: `窗口登记 ${++serial}`,
        buildingId: (await t.dataSource.getRepository(Building).findOneByOrFail({ communityId: ids.G })).id,
        unit: '1',
        room: String(900 + serial),
      },
    }),
    'GET /api/v1/residents/:id/card': () => ({ path: `/api/v1/residents/${ids.resG}/card` }),
    'DELETE /api/v1/me/family/:id': async () => ({ path: `/api/v1/me/family/${await bindingOfResG()}` }),
    'POST /api/v1/residents/:id/family': async () => ({
      path: `/api/v1/residents/${await pendingHousehold()}/family`,
      body: { phone: '13800000004', relation: '儿子' },
    }),
    'POST /api/v1/rewards/redemptions/:id/cancel': async () => ({
      path: `/api/v1/rewards/redemptions/${await redemption()}/cancel`,
      body: { reason: '权限矩阵测试' },
    }),

    'POST /api/v1/me/family/:id/credit-asks': async () => ({
      path: `/api/v1/me/family/${(await creditAsk(ids.liu, ids.resG, false)).bindingId}/credit-asks`,
      body: { minutes: 1, reason: '权限矩阵测试' },
    }),
    'POST /api/v1/me/family/credit-asks/:id/confirm': async () => ({
      path: `/api/v1/me/family/credit-asks/${(await creditAsk(ids.resG, ids.wang, true)).askId}/confirm`,
    }),
    'POST /api/v1/me/family/credit-asks/:id/decline': async () => ({
      path: `/api/v1/me/family/credit-asks/${(await creditAsk(ids.resG, ids.wang, true)).askId}/decline`,
    }),
    'POST /api/v1/me/family/credit-asks/:id/cancel': async () => ({
      path: `/api/v1/me/family/credit-asks/${(await creditAsk(ids.liu, ids.resG, true)).askId}/cancel`,
    }),

    'POST /api/v1/timebank/donations': () => ({ body: { minutes: 1 } }),
    'POST /api/v1/timebank/family-transfers': async () => {
      await bindingOfResG();
      return {
        body: { toUserId: ids.wang, minutes: 1, memo: '权限矩阵测试' },
        headers: { 'idempotency-key': randomUUID() },
      };
    },
    'GET /api/v1/timebank/commons': () => ({ path: `/api/v1/timebank/commons?communityId=${ids.G}` }),
    'POST /api/v1/help-requests': () => ({
      body: {
        title: `权限矩阵互助 ${++serial}`,
        description: '',
        kind: 'company',
        startAt: new Date(Date.now() + 60 * MIN).toISOString(),
        minutes: 30,
        place: '社区',
        rewardMinutes: 1,
      },
    }),
    'GET /api/v1/help-requests/:id': async () => ({ path: `/api/v1/help-requests/${await helpRequest('open')}` }),
    'POST /api/v1/help-requests/:id/offer': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('open')}/offer`,
    }),
    'POST /api/v1/help-requests/:id/choose': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('offered')}/choose`,
      body: { helperId: ids.volG },
    }),
    'POST /api/v1/help-requests/:id/done': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('started')}/done`,
    }),
    'POST /api/v1/help-requests/:id/confirm': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('done')}/confirm`,
      body: { thanks: '谢谢', stars: 5 },
    }),
    'POST /api/v1/help-requests/:id/dispute': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('done')}/dispute`,
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/help-requests/:id/cancel': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('open')}/cancel`,
    }),
    'POST /api/v1/help-requests/:id/settle': async () => ({
      path: `/api/v1/help-requests/${await helpRequest('disputed')}/settle`,
      body: { minutes: 0, reason: '权限矩阵测试' },
    }),
    'POST /api/v1/residents/:id/care-recipient': () => ({
      path: `/api/v1/residents/${ids.resG}/care-recipient`,
      body: { careRecipient: false },
    }),
    'POST /api/v1/requests': () => ({
      body: { category: 'sanitation', title: '权限矩阵', description: '测试', urgent: false, public: false },
    }),
    'GET /api/v1/requests/:id': async () => ({ path: `/api/v1/requests/${await requestOfResG('submitted')}` }),
    'POST /api/v1/requests/:id/second': async () => ({
      path: await requestPath('submitted', 'second', { public: true }),
    }),
    'POST /api/v1/requests/:id/rate': async () => ({
      path: await requestPath('resolved', 'rate'),
      body: { resolved: true, satisfaction: 'satisfied' },
    }),
    'POST /api/v1/requests/:id/reopen': async () => ({
      path: await requestPath('resolved', 'reopen'),
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/requests/:id/accept': async () => ({
      path: await requestPath('submitted', 'accept'),
      body: { assigneeId: ids.stfGUser },
    }),
    'POST /api/v1/requests/:id/progress': async () => ({
      path: await requestPath('accepted', 'progress'),
      body: { note: '权限矩阵测试' },
    }),
    'POST /api/v1/requests/:id/resolve': async () => ({
      path: await requestPath('accepted', 'resolve'),
      body: { resolution: '权限矩阵测试' },
    }),
    'POST /api/v1/requests/:id/refer': async () => ({
      path: await requestPath('submitted', 'refer'),
      body: { to: '区住建委', reason: '权限矩阵测试' },
    }),
    'POST /api/v1/requests/:id/extend': async () => ({
      path: await requestPath('accepted', 'extend'),
      body: { days: 3, reason: '权限矩阵测试' },
    }),
    'POST /api/v1/requests/:id/unreasonable': async () => ({
      path: await requestPath('submitted', 'unreasonable'),
      body: { reason: '权限矩阵测试' },
    }),
    'POST /api/v1/requests/:id/help-task': async () => ({
      path: await requestPath('accepted', 'help-task'),
      body: { rewardMinutes: 60 },
    }),
    'GET /api/v1/uploads/:id': () => ({ path: `/api/v1/uploads/${photoOfResG}` }),
    'POST /api/v1/requests/:id/unreasonable/confirm': async () => ({
      path: await requestPath('marked', 'unreasonable/confirm'),
    }),
  };

  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp({
      env: { ...table.env, WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: wechat.url },
    });
    const users = t.dataSource.getRepository(User);
    const communities = t.dataSource.getRepository(Community);
    ids.G = (await communities.findOneByOrFail({ code: 'G' })).id;
    ids.B = (await communities.findOneByOrFail({ code: 'B' })).id;
    for (const [key, phone] of Object.entries({
      ...phones,
      liu: '13800000005',
      wang: '13800000004',
      yang: '13800000006',
    })) {
      ids[key as keyof typeof ids] = (await users.findOneByOrFail({ phone })).id;
    }
    for (const actor of ['pend', 'resG', 'volG', 'resB', 'stfG', 'stfB', 'admin'] as const)
      tokens[actor] = await freshLogin(actor);
    liuToken = (await t.loginResident('13800000005')).token;
    ids.stfGUser = (await users.findOneByOrFail({ username: 'staff.g' })).id;
    const form = new FormData();
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'matrix.jpg');
    const uploaded = await fetch(`${t.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.resG}` },
      body: form,
    });
    if (uploaded.status !== 201) throw new Error(`arranging the upload: ${uploaded.status} ${await uploaded.text()}`);
    photoOfResG = ((await uploaded.json()) as { id: string }).id;
    await arrange('POST', '/api/v1/requests', {
      token: tokens.resG,
      body: {
        category: 'repair',
        title: '权限矩阵照片',
        description: '测试',
        urgent: false,
        public: false,
        photoIds: [photoOfResG],
      },
    });

    // Credits to spend: transfers and redemptions must be refused or allowed for who the caller is, not for an empty account.
    for (const userId of [ids.resG, ids.volG, ids.liu, ids.resB]) {
      await arrange('POST', '/api/v1/timebank/adjustments', {
        token: tokens.admin,
        body: { userId, minutes: 600, reason: '权限矩阵测试' },
      });
    }
    const roomBody = {
      capacity: 10,
      openTime: '06:00',
      closeTime: '22:00',
      slotMinutes: 30,
      bookAheadDays: 14,
      minNoticeMinutes: 0,
    };
    fx.room = (
      await arrange('POST', '/api/v1/rooms', { token: tokens.stfG, body: { name: '权限矩阵室', ...roomBody } })
    ).id;
    fx.spareRoom = (
      await arrange('POST', '/api/v1/rooms', { token: tokens.stfG, body: { name: '权限矩阵备用室', ...roomBody } })
    ).id;
    fx.notice = (
      await arrange('POST', '/api/v1/notices', {
        token: tokens.stfG,
        body: { title: '权限矩阵：需确认', body: '内容', category: 'safety', requiresAck: true },
      })
    ).id;
    await arrange('POST', `/api/v1/notices/${fx.notice}/publish`, { token: tokens.stfG });
    fx.draftNotice = await draftNotice();
    fx.reward = (
      await arrange('POST', '/api/v1/rewards', {
        token: tokens.stfG,
        body: { name: '权限矩阵奖品', description: '', priceMinutes: 1, stock: 1000 },
      })
    ).id;
    fx.draftActivity = await activity('draft');
    fx.openActivity = await activity('published');
    fx.nowActivity = await activity('published', 10); // check-in is open (from 30 min before start)
    await arrange('POST', `/api/v1/activities/${fx.nowActivity}/signup`, { token: tokens.volG });
    fx.staffG = (await arrange('GET', '/api/v1/me', { token: tokens.stfG })).id;
    fx.group = await approvedGroup(tokens.resG);
    fx.event = await centreEvent();
    fx.inbox = (
      await t.dataSource.getRepository(Notification).insert({
        userId: ids.resG,
        communityId: ids.G,
        kind: 'booking_decision',
        title: '权限矩阵',
        body: '只有收件人能标记已读',
        link: null,
        readAt: null,
      })
    ).identifiers[0].id;
  }, 120_000); // two servers start, and records are arranged, on 2 shared cores

  afterAll(async () => {
    await t?.close();
    await wechat?.close();
    table.remove();
  });

  it('has exactly one row per route the server registers', () => {
    const served = table.read().map(routeKey).sort();
    const listed = rows.map(routeKey).sort();
    expect(served.length).toBeGreaterThan(80);
    expect({
      withoutRow: served.filter((r) => !listed.includes(r)),
      withoutRoute: listed.filter((r) => !served.includes(r)),
    }).toEqual({ withoutRow: [], withoutRoute: [] });
    expect(new Set(listed).size).toBe(listed.length);
    for (const key of Object.keys(cells)) expect(listed).toContain(key);
  });

  it.each(rows.map((row) => [routeKey(row), row] as const))('%s', async (_key, row: Row & ApiRoute) => {
    const seen: Partial<Record<Actor, string>> = {};
    for (const actor of ACTORS) {
      const build = cells[routeKey(row)];
      const cell: Cell = build ? await build(actor) : {};
      const path = cell.path ?? fillRoute(row.url);
      const token = cell.token ?? (actor === 'anon' ? undefined : tokens[actor]);
      const res = await call(row.method, path, { token, body: cell.body, headers: cell.headers });
      seen[actor] =
        res.status === row.expected[actor]
          ? String(res.status)
          : `${res.status} (expected ${row.expected[actor]}: ${res.body?.code ?? res.text.slice(0, 80)})`;
      // A refusal names its reason; a 404 here is the record's, never an unknown path.
      if (row.url.startsWith('/api/v1/') && res.status >= 400) expect(typeof res.body?.code).toBe('string');
      if (row.url.startsWith('/api/v1/') && res.status === 404) expect(res.body.code).toMatch(/NOT_FOUND$/);
    }
    expect(seen).toEqual(Object.fromEntries(ACTORS.map((a) => [a, String(row.expected[a])])));
  });

  /**
   * The family proxy: resB (孙丽, community B), bound to resG (张桂兰, G), sends X-Act-For resG on every route. On the
   * routes of this list she is resG and gets resG's answer; on every other route 403 PROXY_NOT_ALLOWED (public routes
   * ignore the header). A route opened to proxies, or closed, must change this list.
   */
  const PROXY_ALLOWED = new Set([
    'GET /api/v1/me',
    'GET /api/v1/notices',
    'GET /api/v1/notices/unread-count',
    'GET /api/v1/notices/:id',
    'POST /api/v1/notices/:id/ack',
    'GET /api/v1/rooms',
    'GET /api/v1/rooms/:id',
    'GET /api/v1/rooms/:id/availability',
    'POST /api/v1/bookings',
    'GET /api/v1/bookings/mine',
    'POST /api/v1/bookings/:id/cancel',
    'GET /api/v1/activities',
    'GET /api/v1/activities/mine',
    'GET /api/v1/activities/:id',
    'POST /api/v1/activities/:id/signup',
    'POST /api/v1/activities/:id/cancel-signup',
    'GET /api/v1/timebank/account',
    'GET /api/v1/timebank/transactions',
    'GET /api/v1/rewards',
    'GET /api/v1/rewards/redemptions/mine',
    'POST /api/v1/requests',
    'GET /api/v1/requests/mine',
    'GET /api/v1/requests/public',
    'GET /api/v1/requests/:id',
    'POST /api/v1/requests/:id/second',
    'POST /api/v1/requests/:id/rate',
    'POST /api/v1/requests/:id/reopen',
    'POST /api/v1/help-requests',
    'GET /api/v1/help-requests/mine',
    'GET /api/v1/help-requests/:id',
    'POST /api/v1/help-requests/:id/choose',
    'POST /api/v1/help-requests/:id/cancel',
    'POST /api/v1/uploads',
    'GET /api/v1/uploads/:id',
  ]);
  const isPublicRow = (row: Row) => row.expected.anon !== 401;

  it("a family proxy (resB for resG) gets resG's answer on the allowed acts and 403 on every other route", async () => {
    const code = (await arrange('POST', '/api/v1/me/family-codes', { token: tokens.resG })).code;
    const proxyToken = (await t.loginResident('13900000002', 'B')).token; // 马强 of B, resB's neighbour
    await arrange('POST', '/api/v1/family/bind', { token: proxyToken, body: { code, relation: '儿子' } });
    const seen: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const row of rows) {
      const key = routeKey(row);
      const build = cells[key];
      const cell: Cell = build ? await build('resG') : {};
      // The logout cell opens a session of its own: the proxy's is the one that matters.
      const token = key === 'POST /api/v1/auth/logout' ? proxyToken : (cell.token ?? proxyToken);
      const res = await call(row.method, cell.path ?? fillRoute(row.url), {
        token,
        body: cell.body,
        headers: { ...cell.headers, 'x-act-for': String(ids.resG) },
      });
      // resG has more open bookings than the quota by now (the cells above): the proxy meets resG's own rule.
      const expected =
        key === 'POST /api/v1/bookings'
          ? '422 BOOKING_QUOTA_ACTIVE'
          : PROXY_ALLOWED.has(key)
            ? String(row.expected.resG)
            : isPublicRow(row)
              ? 'public'
              : '403 PROXY_NOT_ALLOWED';
      wanted[key] = expected;
      seen[key] =
        expected === 'public'
          ? 'public'
          : res.status === 403 && res.body?.code === 'PROXY_NOT_ALLOWED'
            ? '403 PROXY_NOT_ALLOWED'
            : key === 'POST /api/v1/bookings'
              ? `${res.status} ${res.body?.code}`
              : String(res.status);
    }
    expect(seen).toEqual(wanted);
    for (const key of PROXY_ALLOWED) expect(rows.map(routeKey)).toContain(key);
  }, 120_000); // every route, each with a fresh record, on 2 shared cores

  it('no one but the admin widens their scope with ?communityId= on any list', async () => {
    const lists = rows.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':'));
    const checked = new Set<string>();
    for (const [actor, own, other] of [
      ['stfG', ids.G, ids.B],
      ['stfB', ids.B, ids.G],
      ['resG', ids.G, ids.B],
      ['resB', ids.B, ids.G],
    ] as const) {
      for (const row of lists) {
        const res = await call('GET', `${row.url}?communityId=${other}`, { token: tokens[actor] });
        // Lists without a community filter refuse the parameter (400), or the caller may not list at all (403).
        if (res.status === 400 || res.status === 403) continue;
        expect([row.url, res.status]).toEqual([row.url, 200]);
        const items: Array<{ communityId?: number | null }> = Array.isArray(res.body?.items) ? res.body.items : [];
        const scoped = items.filter((item) => item.communityId !== undefined && item.communityId !== null);
        if (scoped.length) checked.add(row.url);
        expect([row.url, actor, scoped.filter((item) => item.communityId !== own)]).toEqual([row.url, actor, []]);
      }
    }
    // The admin does narrow to one community.
    const narrowed = await call('GET', `/api/v1/residents?communityId=${ids.B}`, { token: tokens.admin });
    expect(narrowed.body.items.length).toBeGreaterThan(0);
    expect(narrowed.body.items.every((r: { communityId: number }) => r.communityId === ids.B)).toBe(true);
    expect([...checked].sort()).toEqual(
      expect.arrayContaining([
        '/api/v1/activities',
        '/api/v1/audit',
        '/api/v1/bookings',
        '/api/v1/residents',
        '/api/v1/rewards',
        '/api/v1/rooms',
      ]),
    );
  });

  it('answered no password hash and no WeChat session_key, and logged none', () => {
    expect(responses.length).toBeGreaterThan(rows.length * ACTORS.length);
    expect(wechat.sessionKeys.length).toBeGreaterThanOrEqual(ACTORS.length);
    const everything = [...responses.map((r) => r.text), ...t.logs].join('\n');
    for (const secret of ['$argon2', ...wechat.sessionKeys])
      expect(everything.includes(secret) ? secret : 'absent').toBe('absent');
  });
});
