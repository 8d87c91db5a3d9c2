import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { executeOnServerDatabase, utcDatetime } from './database';

/**
 * Issue 17, 活动中心: a resident proposes a group in H5, staff approve it in the console, a neighbour joins
 * it in H5 and signs up for its event (waitlisted, then promoted when a place frees), and the console's
 * report shows that they met someone new; staff then call the event off and the newcomer is told. Staff hold an
 * event in a room booking from the console; a resident signs up in H5, checks in by the room's door code, gives
 * feedback and thanks a fellow attendee, sees both again after a reload, and the console's event shows them.
 */

const DAY = 86_400_000;
const shanghaiDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(instant);

async function login(request: APIRequestContext, path: string, data: object): Promise<{ token: string; id: number }> {
  const response = await request.post(`/api/v1/auth/${path}`, { data });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { token: body.token, id: body.user.id };
}

async function phoneApp(browser: Browser, phone: string, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const app = await context.newPage();
  await app.goto('/');
  await app.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();
  await app.locator('.e2e-devlogin-phone input').fill(phone);
  await app.locator('.e2e-community-G').click();
  await app.locator('.e2e-devlogin-submit').click();
  await expect(app.locator('.e2e-home-greeting')).toContainText(name);
  return app;
}

interface Slot {
  startAt: string;
  endAt: string;
  state: string;
}

/** A room of community G by name, and the first two free consecutive slots of a date from a local clock on. */
async function twoFreeSlots(
  request: APIRequestContext,
  headers: Record<string, string>,
  roomName: string,
  date: string,
  fromClock: string,
): Promise<{ roomId: number; first: Slot; second: Slot }> {
  const rooms = (await (await request.get('/api/v1/rooms', { headers })).json()).items as Array<{
    id: number;
    name: string;
  }>;
  const roomId = rooms.find((r) => r.name === roomName)!.id;
  const slots = (await (await request.get(`/api/v1/rooms/${roomId}/availability?date=${date}`, { headers })).json())
    .slots as Slot[];
  const from = new Date(`${date}T${fromClock}:00+08:00`).toISOString();
  const index = slots.findIndex(
    (s, i) =>
      s.startAt >= from && s.state === 'free' && slots[i + 1]?.state === 'free' && slots[i + 1].startAt === s.endAt,
  );
  expect(index).toBeGreaterThanOrEqual(0);
  return { roomId, first: slots[index], second: slots[index + 1] };
}

/** Staff of community G in the console, on its 活动中心 page. */
async function consoleLogin(page: Page): Promise<void> {
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');
  await page.getByRole('menuitem', { name: '活动中心' }).click();
}

/** The console's default report range: the last twelve weeks, Monday to this week's Sunday; and this Monday. */
function consoleReportRange(now = new Date()): { from: string; to: string; monday: string } {
  const today = shanghaiDate(now);
  const noon = new Date(`${today}T12:00:00+08:00`).getTime();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const monday = noon - ((weekday + 6) % 7) * DAY;
  return {
    from: shanghaiDate(new Date(monday - 77 * DAY)),
    to: shanghaiDate(new Date(monday + 6 * DAY)),
    monday: shanghaiDate(new Date(monday)),
  };
}

interface ReportWeek {
  week: string;
  metSomeoneNew: number;
}

test('a proposed group is approved in the console, a neighbour joins it and signs up in H5, the report shows they met', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(120_000); // two phones and the console: past the default 60 s on MariaDB on a loaded machine
  const suffix = Date.now().toString(36).slice(-5);
  const groupName = `e2e 太极拳队 ${suffix}`;
  const staff = await login(request, 'login', { username: 'staff.g', password: 'linli-demo' });
  const staffAuth = { authorization: `Bearer ${staff.token}` };
  const range = consoleReportRange();
  const reportUrl = `/api/v1/centre/report?from=${range.from}&to=${range.to}`;
  const thisWeek = async (): Promise<ReportWeek> => {
    const report = await (await request.get(reportUrl, { headers: staffAuth })).json();
    return (report.weeks as ReportWeek[]).find((week) => week.week === range.monday)!;
  };
  const before = await thisWeek();

  // 陈志强 proposes the group from the home page's 活动中心 entry.
  const proposer = await phoneApp(browser, '13800000002', '陈志强');
  await proposer.locator('.e2e-home-centre').click();
  await proposer.locator('.e2e-centre-propose').click();
  await proposer.locator('.e2e-propose-name input').fill(groupName);
  await proposer.locator('.e2e-propose-kind-sport').click();
  await proposer.locator('.e2e-propose-description textarea').fill('每周六早上在小区广场打太极，欢迎邻居一起来');
  const proposed = proposer.waitForResponse(
    (r) => r.url().endsWith('/api/v1/groups') && r.request().method() === 'POST',
  );
  await proposer.locator('.e2e-propose-submit').click();
  const proposal = await proposed;
  expect(proposal.status()).toBe(201);
  const groupId: number = (await proposal.json()).id;
  await expect(proposer.locator('.e2e-group-name')).toHaveText(groupName);
  await expect(proposer.locator('.e2e-group-status')).toHaveText('待审核');
  await proposer.screenshot({ path: '.artifacts/screens/h5-centre-proposed.png' });

  // Staff approve it in the console.
  await consoleLogin(page);
  await expect(page).toHaveURL(/\/console\/centre$/);
  await expect(page.locator('[data-testid=groups-table]')).toContainText(groupName);
  await page.locator(`[data-testid=group-approve-${groupId}]`).click();
  const approved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/groups/${groupId}/approve`));
  await page.locator('[data-testid=group-confirm]').click();
  expect((await approved).status()).toBe(200);
  await expect(page.locator(`[data-testid=group-approve-${groupId}]`)).toHaveCount(0);
  await page.locator('[data-testid=groups-filter-approved]').click();
  await expect(page.locator(`[data-testid=group-status-${groupId}]`)).toHaveText('已成立');

  // The group's first event, one place only; the proposer takes it.
  const start = new Date(`${shanghaiDate(new Date(Date.now() + 3 * DAY))}T08:00:00+08:00`);
  const created = await request.post('/api/v1/events', {
    headers: staffAuth,
    data: {
      title: `太极拳体验课 ${suffix}`,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      place: '小区中心广场',
      capacity: 1,
      groupId,
      membersOnly: false,
    },
  });
  expect(created.status()).toBe(201);
  const eventId: number = (await created.json()).id;
  const proposerToken = await login(request, 'dev-login', { phone: '13800000002', community: 'G' });
  const first = await request.post(`/api/v1/events/${eventId}/signup`, {
    headers: { authorization: `Bearer ${proposerToken.token}` },
  });
  expect((await first.json()).status).toBe('signed_up');

  // A household new to the street (every demo resident has met every other): verified by staff.
  const newcomerPhone = `1370${String(Date.now()).slice(-7)}`;
  const newcomerName = `新邻居${suffix}`;
  const newcomer = await login(request, 'dev-login', { phone: newcomerPhone, community: 'G' });
  const newcomerAuth = { authorization: `Bearer ${newcomer.token}` };
  const buildings = (await (await request.get('/api/v1/buildings', { headers: newcomerAuth })).json()).items as Array<{
    id: number;
  }>;
  expect(
    (
      await request.patch('/api/v1/me', {
        headers: newcomerAuth,
        data: { name: newcomerName, buildingId: buildings[0].id, unit: '1', room: `${suffix.slice(0, 3)}` },
      })
    ).status(),
  ).toBe(200);
  expect((await request.post(`/api/v1/residents/${newcomer.id}/verify`, { headers: staffAuth })).status()).toBeLessThan(
    300,
  );

  // The newcomer joins the group in H5 and signs up for its event: the waitlist, first in line.
  const neighbour = await phoneApp(browser, newcomerPhone, newcomerName);
  await neighbour.locator('.e2e-home-centre').click();
  await neighbour.locator('.e2e-centre-groups').click();
  await neighbour.locator(`.e2e-group-card-${groupId}`).click();
  await expect(neighbour.locator('.e2e-group-name')).toHaveText(groupName);
  const joined = neighbour.waitForResponse((r) => r.url().endsWith(`/api/v1/groups/${groupId}/join`));
  await neighbour.locator('.e2e-group-join').click();
  expect((await joined).status()).toBe(200);
  await expect(neighbour.locator('.e2e-group-count')).toContainText('成员 2 人');
  await expect(neighbour.locator('.e2e-group-members')).toContainText('陈志强（负责人）');
  await neighbour.locator('.e2e-group-calendar-event').first().click();
  await expect(neighbour.locator('.e2e-event-title')).toHaveText(`太极拳体验课 ${suffix}`);
  await expect(neighbour.locator('.e2e-event-signup')).toHaveText(/名额已满，排候补/);
  await neighbour.locator('.e2e-event-signup').click();
  await expect(neighbour.locator('.e2e-event-outcome')).toContainText('候补第 1 位');
  await expect(neighbour.locator('.e2e-event-my-status')).toContainText('候补第 1 位');
  await neighbour.screenshot({ path: '.artifacts/screens/h5-centre-waitlisted.png' });

  // The proposer cancels: the place goes to the first in line.
  const cancelled = await request.post(`/api/v1/events/${eventId}/cancel-signup`, {
    headers: { authorization: `Bearer ${proposerToken.token}` },
  });
  expect(cancelled.status()).toBe(200);
  await neighbour.reload();
  await expect(neighbour.locator('.e2e-event-my-status')).toHaveText('我的报名：已报名');
  await expect(neighbour.locator('.e2e-event-places')).toHaveText('名额：1/1 人');

  // Cancelling asks first; backing out keeps the place.
  await neighbour.locator('.e2e-event-cancel').click();
  await expect(neighbour.locator('.e2e-dialog')).toContainText('取消报名');
  await neighbour.locator('.e2e-dialog-cancel').click();
  await expect(neighbour.locator('.e2e-event-my-status')).toHaveText('我的报名：已报名');

  // The console's report: this week the newcomer and 陈志强 met someone new (each other, in the new group).
  await page.locator('[data-testid=centre-tab-report]').click();
  await expect(page).toHaveURL(/\/console\/centre\/report$/);
  const after = await thisWeek();
  // +2 on a fresh database; +1 when 陈志强 already met someone new this week (another spec of the run).
  expect(after.metSomeoneNew).toBeGreaterThanOrEqual(before.metSomeoneNew + 1);
  const weekLabel = `${Number(range.monday.slice(5, 7))}/${Number(range.monday.slice(8, 10))}周`;
  // The charts' numbers are also a table for screen readers (the console's DataChart): week, then each series.
  await expect(
    page.locator('[data-testid=centre-chart-relations-table] tr', { hasText: weekLabel }).locator('td').first(),
  ).toHaveText(String(after.metSomeoneNew));
  await expect(page.locator('[data-testid=centre-chart-relations] > [role=img]')).toHaveAttribute(
    'aria-label',
    new RegExp(`${weekLabel}：结识新邻居 ${after.metSomeoneNew}人`),
  );
  await expect(page.locator('[data-testid=centre-chart-events] > [role=img]')).toHaveAttribute(
    'aria-label',
    /每周活动场次/,
  );
  await expect(page.locator('[data-testid=centre-chart-events-table] th[scope=col]').first()).toHaveText('周');
  const downloading = page.waitForEvent('download');
  await page.locator('[data-testid=centre-export]').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/活动中心周报.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  await page.screenshot({ path: '.artifacts/screens/console-centre-report.png', fullPage: true });

  // Rain: staff call the event off from the console; the newcomer's page says so and the inbox says why.
  await page.locator('[data-testid=centre-tab-events]').click();
  await page
    .locator('[data-testid=events-table]')
    .getByRole('button', { name: `太极拳体验课 ${suffix}` })
    .click();
  await page.locator('[data-testid=event-cancel-open]').click();
  await page.locator('[data-testid=event-cancel-confirm]').click();
  await expect(page.getByText('请填写原因')).toBeVisible();
  await page.locator('[data-testid=event-cancel-reason]').fill('周六有雨，改期另行通知');
  const calledOff = page.waitForResponse((r) => r.url().endsWith(`/api/v1/events/${eventId}/cancel`));
  await page.locator('[data-testid=event-cancel-confirm]').click();
  expect((await calledOff).status()).toBe(200);
  await expect(page.locator('[data-testid=event-cancel-open]')).toHaveCount(0);
  await neighbour.reload();
  await expect(neighbour.locator('.e2e-event-phase')).toHaveText('已取消');
  await expect(neighbour.locator('.e2e-event-cancelled')).toBeVisible();
  await expect(neighbour.locator('.e2e-event-cancel')).toHaveCount(0);
  const inbox = await (await request.get('/api/v1/notifications', { headers: newcomerAuth })).json();
  expect(
    (inbox.items as Array<{ kind: string; body: string }>).some(
      (n) => n.kind === 'event_cancelled' && n.body.includes('周六有雨'),
    ),
  ).toBe(true);
  await proposer.context().close();
  await neighbour.context().close();
});

test('the choir’s leader books next Tuesday’s practice for two weeks in H5, on the group’s quota', async ({
  browser,
  request,
}) => {
  const leader = await login(request, 'dev-login', { phone: '13800000007', community: 'G' }); // 赵小红, 幸福合唱团
  const auth = { authorization: `Bearer ${leader.token}` };
  const mine = (await (await request.get('/api/v1/groups/mine', { headers: auth })).json()).items as Array<{
    id: number;
    name: string;
  }>;
  const choir = mine.find((g) => g.name === '幸福合唱团')!;
  // Next Tuesday at least two days ahead, and two free slots from 18:00 on it.
  let date = '';
  for (let d = 2; !date; d++) {
    const day = shanghaiDate(new Date(Date.now() + d * DAY));
    if (new Date(`${day}T12:00:00+08:00`).getUTCDay() === 2) date = day;
  }
  const { roomId: hallId, first, second } = await twoFreeSlots(request, auth, '多功能厅', date, '18:00');
  const clock = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })
      .format(new Date(iso))
      .replace(':', '');

  const app = await phoneApp(browser, '13800000007', '赵小红');
  await app.locator('.e2e-home-centre').click();
  await app.locator(`.e2e-group-card-${choir.id}`).click();
  await expect(app.locator('.e2e-group-quota')).toContainText('每周可用 4 小时');
  await app.locator('.e2e-group-book').click();
  await app.locator(`.e2e-group-book-room-${hallId}`).click();
  await app.locator(`.e2e-group-book-day-${date}`).click();
  await app.locator(`.e2e-group-book-slot-${clock(first.startAt)}`).click();
  await app.locator(`.e2e-group-book-slot-${clock(second.startAt)}`).click();
  await app.locator('.e2e-group-book-weeks-plus').click();
  await expect(app.locator('.e2e-group-book-weeks')).toHaveText('连续 2 周');
  await app.locator('.e2e-group-book-purpose input').fill('新年音乐会加练');
  await app.locator('.e2e-group-book-attendees input').fill('20');
  const booked = app.waitForResponse((r) => r.url().endsWith(`/api/v1/groups/${choir.id}/bookings`));
  await app.locator('.e2e-group-book-submit').click();
  const response = await booked;
  expect(response.status()).toBe(201);
  const answer = (await response.json()) as { created: string[]; bookings: Array<{ purpose: string; status: string }> };
  expect(answer.created).toContain(date);
  expect(answer.bookings[0].purpose).toBe('幸福合唱团：新年音乐会加练');
  await expect(app.locator('.e2e-group-book-created')).toContainText(`已预约 ${answer.created.length} 次`);
  await app.screenshot({ path: '.artifacts/screens/h5-centre-group-booked.png' });

  // Back on the group page, the calendar has it.
  await app.locator('.e2e-group-book-back').click();
  await expect(app.locator('.e2e-group-calendar')).toContainText('新年音乐会加练');
  await app.context().close();
});

test('staff hold an event in a room booking; a resident signs up, checks in at the door, gives feedback and thanks; the console shows it', async ({
  browser,
  page,
  request,
}) => {
  // A long walk through two apps (under 40 s on SQLite; on MariaDB on a loaded machine, more than the default 60 s).
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36).slice(-5);
  const title = `e2e 剪纸体验课 ${suffix}`;
  const words = `剪得真开心 ${suffix}`;
  const thanksWords = `谢谢杨明帮我裁纸 ${suffix}`;
  const staff = await login(request, 'login', { username: 'staff.g', password: 'linli-demo' });
  const staffAuth = { authorization: `Bearer ${staff.token}` };
  const fellow = await login(request, 'dev-login', { phone: '13800000006', community: 'G' }); // 杨明
  const fellowAuth = { authorization: `Bearer ${fellow.token}` };

  // Staff book 书画室 for the afternoon, a few days ahead: the first two free slots from 14:00.
  const date = shanghaiDate(new Date(Date.now() + 4 * DAY));
  const { roomId, first, second } = await twoFreeSlots(request, staffAuth, '书画室', date, '14:00');
  const booked = await request.post('/api/v1/bookings', {
    headers: staffAuth,
    data: {
      roomId,
      startAt: first.startAt,
      endAt: second.endAt,
      purpose: `剪纸体验课场地 ${suffix}`,
      attendees: 10,
    },
  });
  expect(booked.status()).toBe(201);

  // In the console, the event is held in that booking: picking it sets the time and the place is the room.
  await consoleLogin(page);
  await page.locator('[data-testid=centre-tab-events]').click();
  await page.locator('[data-testid=event-create-open]').click();
  await page.locator('[data-testid=event-title]').fill(title);
  await page.getByText('活动中心活动室（用一条预约）').click();
  await page.locator('#bookingDate').click();
  await page.locator('#bookingDate').fill(date);
  await page.locator('#bookingDate').press('Enter');
  await page.locator('#bookingId').click();
  await page.locator('.ant-select-item-option', { hasText: `剪纸体验课场地 ${suffix}` }).click();
  const creating = page.waitForResponse((r) => r.url().endsWith('/api/v1/events') && r.request().method() === 'POST');
  await page.locator('[data-testid=event-create-submit]').click();
  const created = await creating;
  expect(created.status()).toBe(201);
  const event = (await created.json()) as { id: number; place: string; roomId: number; startAt: string };
  expect(event).toMatchObject({ place: '书画室', roomId, startAt: first.startAt });

  // 张桂兰 finds it in H5 and signs up; 杨明 signs up too.
  const resident = await phoneApp(browser, '13800000003', '张桂兰');
  await resident.locator('.e2e-home-centre').click();
  await resident.locator('.e2e-centre-events').click();
  await resident.locator(`.e2e-event-card-${event.id}`).click();
  await expect(resident.locator('.e2e-event-title')).toHaveText(title);
  await resident.locator('.e2e-event-signup').click();
  await expect(resident.locator('.e2e-event-outcome')).toContainText('报名成功');
  expect((await request.post(`/api/v1/events/${event.id}/signup`, { headers: fellowAuth })).status()).toBe(200);

  // The afternoon comes (the server runs on the real clock: the event's time moves to now).
  const moveEvent = (startOffsetMinutes: number, endOffsetMinutes: number) =>
    executeOnServerDatabase('UPDATE centre_events SET startAt = ?, endAt = ? WHERE id = ?', [
      utcDatetime(new Date(Date.now() + startOffsetMinutes * 60_000)),
      utcDatetime(new Date(Date.now() + endOffsetMinutes * 60_000)),
      event.id,
    ]);
  await moveEvent(-10, 50);
  const door = (await (await request.get(`/api/v1/rooms/${roomId}/door-code`, { headers: staffAuth })).json())
    .code as string;
  const fellowScan = await request.post('/api/v1/scan', { headers: fellowAuth, data: { code: door } });
  expect((await fellowScan.json()).kind).toBe('event_checkin');

  // She checks in by the room's door code (typed into the scanner's fallback: no camera here).
  await resident.reload();
  await expect(resident.locator('.e2e-event-phase')).toHaveText('进行中');
  await resident.locator('.e2e-event-checkin').click();
  await resident.locator('input.lk-scan-input').fill(door);
  const scanned = resident.waitForResponse((r) => r.url().endsWith('/api/v1/scan'));
  await resident.locator('.lk-scan-submit').click();
  expect((await scanned).status()).toBe(200);
  await expect(resident.locator('.e2e-event-outcome')).toContainText(`签到成功：${title}`);
  await expect(resident.locator('.e2e-event-my-status')).toHaveText('我的报名：已报名 · 已签到');

  // It is over: the two-tap feedback card, then a 感谢 to 杨明.
  await moveEvent(-120, -60);
  await resident.reload();
  await expect(resident.locator('.e2e-event-phase')).toHaveText('已结束');
  await resident.locator('.e2e-feedback-good').click();
  await resident.locator('.e2e-feedback-words textarea').fill(words);
  await resident.locator('.e2e-feedback-submit').click();
  await expect(resident.locator('.e2e-event-my-mood')).toHaveText('我的评价：😊 满意');
  await expect(resident.locator('.e2e-event-feedback')).toHaveCount(0);
  await resident.locator(`.e2e-thanks-to-${fellow.id}`).click();
  await resident.locator('.e2e-thanks-words textarea').fill(thanksWords);
  const thanked = resident.waitForResponse((r) => r.url().endsWith(`/api/v1/events/${event.id}/thanks`));
  await resident.locator('.e2e-thanks-send').click();
  expect((await thanked).status()).toBe(201);
  await expect(resident.locator(`.e2e-thanks-to-${fellow.id}`)).toContainText('已感谢');

  // After a reload both are still there: the feedback she gave and whom she thanked.
  await resident.reload();
  await expect(resident.locator('.e2e-event-my-mood')).toHaveText('我的评价：😊 满意');
  await expect(resident.locator('.e2e-event-my-words')).toContainText(words);
  await expect(resident.locator(`.e2e-thanks-to-${fellow.id}`)).toContainText('已感谢');
  await resident.screenshot({ path: '.artifacts/screens/h5-centre-feedback-thanks.png' });
  const inbox = await (await request.get('/api/v1/notifications', { headers: fellowAuth })).json();
  expect(
    (inbox.items as Array<{ kind: string; body: string }>).some(
      (n) => n.kind === 'centre_thanks' && n.body.includes(thanksWords),
    ),
  ).toBe(true);

  // The console's event: two checked in, the feedback mix and words, one thanks.
  await page.reload();
  await page.locator('[data-testid=events-table]').getByRole('button', { name: title }).click();
  await expect(page.locator('.ant-drawer-body')).toContainText('签到 2');
  await expect(page.locator('[data-testid=event-outcome-feedback]')).toContainText('😊 满意 1');
  await expect(page.locator('[data-testid=event-outcome-thanks]')).toHaveText('1 次');
  await expect(page.locator('[data-testid=event-outcome-words]')).toContainText(words);
  await page.screenshot({ path: '.artifacts/screens/console-centre-event-outcome.png' });
  await resident.context().close();
});
