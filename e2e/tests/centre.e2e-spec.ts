import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * Issue 17, 活动中心: a resident proposes a group in H5, staff approve it in the console, a neighbour joins
 * it in H5 and signs up for its event (waitlisted, then promoted when a place frees), and the console's
 * report shows that they met someone new; staff then call the event off and the newcomer is told.
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
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');
  await page.getByRole('menuitem', { name: '活动中心' }).click();
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
  await page.locator('[data-testid=centre-chart-relations]').getByRole('button', { name: '以表格查看数据' }).click();
  await expect(
    page.locator('[data-testid=centre-chart-relations-table] tr', { hasText: weekLabel }).locator('td').nth(1),
  ).toHaveText(String(after.metSomeoneNew));
  await expect(page.locator('[data-testid=centre-chart-relations] > [role=img]')).toHaveAttribute(
    'aria-label',
    new RegExp(`${weekLabel}：结识新邻居 ${after.metSomeoneNew}人`),
  );
  await expect(page.locator('[data-testid=centre-chart-events] > [role=img]')).toHaveAttribute(
    'aria-label',
    /每周活动场次/,
  );
  await page.locator('[data-testid=centre-chart-events]').getByRole('button', { name: '以表格查看数据' }).click();
  await expect(page.locator('[data-testid=centre-chart-events-table]')).toBeVisible();
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
  const rooms = (await (await request.get('/api/v1/rooms', { headers: auth })).json()).items as Array<{
    id: number;
    name: string;
  }>;
  const hall = rooms.find((r) => r.name === '多功能厅')!;
  // Next Tuesday at least two days ahead, and two free slots from 18:00 on it.
  let date = '';
  for (let d = 2; !date; d++) {
    const day = shanghaiDate(new Date(Date.now() + d * DAY));
    if (new Date(`${day}T12:00:00+08:00`).getUTCDay() === 2) date = day;
  }
  const slots = (
    await (await request.get(`/api/v1/rooms/${hall.id}/availability?date=${date}`, { headers: auth })).json()
  ).slots as Array<{ startAt: string; endAt: string; state: string }>;
  const clock = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })
      .format(new Date(iso))
      .replace(':', '');
  const index = slots.findIndex(
    (s, i) =>
      clock(s.startAt) >= '1800' &&
      s.state === 'free' &&
      slots[i + 1]?.state === 'free' &&
      slots[i + 1].startAt === s.endAt,
  );
  expect(index).toBeGreaterThanOrEqual(0);

  const app = await phoneApp(browser, '13800000007', '赵小红');
  await app.locator('.e2e-home-centre').click();
  await app.locator(`.e2e-group-card-${choir.id}`).click();
  await expect(app.locator('.e2e-group-quota')).toContainText('每周可用 4 小时');
  await app.locator('.e2e-group-book').click();
  await app.locator(`.e2e-group-book-room-${hall.id}`).click();
  await app.locator(`.e2e-group-book-day-${date}`).click();
  await app.locator(`.e2e-group-book-slot-${clock(slots[index].startAt)}`).click();
  await app.locator(`.e2e-group-book-slot-${clock(slots[index + 1].startAt)}`).click();
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
