import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/** Issue 4: a resident books a room that needs approval in the H5 app; staff approve it in the console. */

const shanghaiDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(instant);
const shanghaiClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

async function login(request: APIRequestContext, path: string, data: object): Promise<{ token: string; id: number }> {
  const response = await request.post(`/api/v1/auth/${path}`, { data });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { token: body.token, id: body.user.id };
}

const clockClass = (iso: string) => shanghaiClock(iso).replace(':', '\\:');
/** A slot tile by its local start time. */
const slotCell = (app: Page, iso: string) => app.locator(`.e2e-slot-${clockClass(iso)}`);
/** The tile whose time is `iso` as an end time: the slot starting then, or the closing time after the last slot. */
const endTile = (app: Page, iso: string) =>
  app.locator(`.e2e-slot-${clockClass(iso)}, .e2e-slot-end-${clockClass(iso)}`);

async function residentApp(browser: Browser, phoneNumber: string, name: string) {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const app = await phone.newPage();
  await app.goto('/');
  await app.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();
  await app.locator('.e2e-devlogin-phone input').fill(phoneNumber);
  await app.locator('.e2e-community-G').click();
  await app.locator('.e2e-devlogin-submit').click();
  await expect(app.locator('.e2e-home-greeting')).toContainText(name);
  return { phone, app };
}

test('a resident books 多功能厅 in H5, staff approve it in the console, the resident sees 已批准', async ({
  browser,
  page,
  request,
}) => {
  const resident = await login(request, 'dev-login', { phone: '13800000004', community: 'G' }); // 王建国
  const auth = { authorization: `Bearer ${resident.token}` };
  const rooms = (await (await request.get('/api/v1/rooms', { headers: auth })).json()).items as Array<{
    id: number;
    name: string;
    requiresApproval: boolean;
  }>;
  const hall = rooms.find((r) => r.name === '多功能厅');
  expect(hall?.requiresApproval).toBe(true);

  // Two free consecutive slots the day after tomorrow (clear of the seeded bookings of the next two days).
  const date = shanghaiDate(new Date(Date.now() + 2 * 86_400_000));
  const availability = await (
    await request.get(`/api/v1/rooms/${hall!.id}/availability?date=${date}`, { headers: auth })
  ).json();
  const slots = availability.slots as Array<{ startAt: string; endAt: string; state: string }>;
  // …and clear of the resident's own bookings in other rooms (one booking at a time, PRODUCT.md).
  const own = (await (await request.get('/api/v1/bookings/mine?when=upcoming', { headers: auth })).json())
    .items as Array<{ startAt: string; endAt: string }>;
  const clear = (from: string, to: string) => own.every((b) => b.endAt <= from || b.startAt >= to);
  const index = slots.findIndex(
    (s, i) =>
      s.state === 'free' &&
      slots[i + 1]?.state === 'free' &&
      slots[i + 1].startAt === s.endAt &&
      clear(s.startAt, slots[i + 1].endAt),
  );
  expect(index).toBeGreaterThanOrEqual(0);
  const [first, second] = [slots[index], slots[index + 1]];

  // Resident, H5.
  const { phone, app } = await residentApp(browser, '13800000004', '王建国');
  await app.locator('.weui-tabbar__item', { hasText: '预约' }).click();
  await app.locator(`.e2e-room-item-${hall!.id}`).click();
  await app.locator(`.e2e-day-${date}`).click();
  await expect(slotCell(app, first.startAt)).toHaveClass(/e2e-slot-free/);
  // The second tap is the END time: start of the first slot, then the time the second slot ends.
  await slotCell(app, first.startAt).click();
  await endTile(app, second.endAt).click();
  const range = `${shanghaiClock(first.startAt)}–${shanghaiClock(second.endAt)}`;
  await expect(app.locator('.e2e-booking-range')).toContainText(`${range}，共 1 小时`);
  await app.locator('.e2e-booking-purpose input').fill('社区书法兴趣小组练习');
  await app.locator('.e2e-booking-attendees input').fill('12');
  await app.locator('.e2e-booking-submit').click();
  await expect(app.locator('.e2e-booking-confirm-time')).toContainText(range);
  await expect(app.locator('.e2e-booking-confirm-length')).toHaveText('时长：1 小时');
  // Issue #19 item 9: a double tap on 确认 sends one POST, even while the first is slow to answer.
  const isCreate = (r: { url(): string; method(): string }) =>
    r.url().endsWith('/api/v1/bookings') && r.method() === 'POST';
  const posts: string[] = [];
  app.on('request', (r) => {
    if (isCreate(r)) posts.push(r.url());
  });
  await app.route('**/api/v1/bookings', async (route) => {
    if (isCreate(route.request())) await new Promise((resolve) => setTimeout(resolve, 800));
    return route.continue();
  });
  const created = app.waitForResponse((r) => isCreate(r.request()));
  await app.locator('.e2e-booking-confirm').dblclick();
  const response = await created;
  expect(response.status()).toBe(201);
  const bookingId: number = (await response.json()).id;
  await expect(app.locator('.e2e-booking-done-status')).toHaveText('已提交，待审批');
  expect(posts).toHaveLength(1);

  // The slots are taken now, for everyone.
  const after = await (
    await request.get(`/api/v1/rooms/${hall!.id}/availability?date=${date}`, { headers: auth })
  ).json();
  expect([after.slots[index].state, after.slots[index + 1].state]).toEqual(['taken', 'taken']);
  expect(after.slots[index + 2]?.state ?? 'none').toBe(slots[index + 2]?.state ?? 'none');

  // Staff approve it from the pending list.
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');
  await page.goto('/console/bookings');
  await page.locator(`[data-testid=pending-approve-${bookingId}]`).click();
  const approved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/bookings/${bookingId}/approve`));
  await page.locator('[data-testid=booking-confirm]').click();
  expect((await approved).status()).toBe(200);
  await expect(page.locator(`[data-testid=pending-approve-${bookingId}]`)).toHaveCount(0);

  // The resident sees the decision.
  await app.goto('/#/packages/booking/pages/mine/index');
  await expect(app.locator('.e2e-my-booking-item', { hasText: '社区书法兴趣小组练习' })).toContainText('已批准');
  await app.screenshot({ path: '.artifacts/screens/h5-my-bookings.png' });
  // Upcoming, not past.
  await app.locator('.e2e-my-bookings-past').click();
  await expect(app.locator(`.e2e-my-booking-item-${bookingId}`)).toHaveCount(0);
  await app.locator('.e2e-my-bookings-upcoming').click();
  await expect(app.locator(`.e2e-my-booking-item-${bookingId}`)).toContainText(range);
  await phone.close();
});

test('a priced room: the price is on the room, and the confirmation shows the tapped range, its length and the hold', async ({
  browser,
  request,
}) => {
  const staff = await login(request, 'login', { username: 'staff.g', password: 'linli-demo' });
  const name = `计价室${Date.now() % 100_000}`;
  const created = await request.post('/api/v1/rooms', {
    headers: { authorization: `Bearer ${staff.token}` },
    data: { name, capacity: 8, openTime: '08:00', closeTime: '12:00', slotMinutes: 30, priceMinutesPerHour: 30 },
  });
  expect(created.status()).toBe(201);
  const room = (await created.json()) as { id: number };
  const date = shanghaiDate(new Date(Date.now() + 2 * 86_400_000));
  const at = (hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

  const { phone, app } = await residentApp(browser, '13800000007', '赵小红');
  await app.locator('.weui-tabbar__item', { hasText: '预约' }).click();
  await expect(app.locator(`.e2e-room-item-${room.id} .e2e-room-price`)).toHaveText(
    '使用费：每小时 30 分钟时长（时间银行），预约时冻结，使用后扣除',
  );
  await app.locator(`.e2e-room-item-${room.id}`).click();
  await app.locator(`.e2e-day-${date}`).click();
  // 09:00 then 10:00 is 09:00–10:00; the tiles after the start offer themselves as the end.
  await slotCell(app, at('09:00')).click();
  await expect(app.locator('.e2e-booking-choose-end')).toContainText('开始时间 09:00，请点结束时间');
  await expect(slotCell(app, at('10:00'))).toContainText('到此结束');
  await slotCell(app, at('10:00')).click();
  await expect(app.locator('.e2e-slot-picked')).toHaveCount(2);
  await expect(app.locator('.e2e-booking-range')).toContainText('09:00–10:00，共 1 小时；将冻结时长 30 分钟');
  // Ending at closing time: the tile after the last slot.
  await slotCell(app, at('11:00')).click();
  await endTile(app, at('12:00')).click();
  await expect(app.locator('.e2e-booking-range')).toContainText('11:00–12:00，共 1 小时');
  await slotCell(app, at('09:00')).click();
  await slotCell(app, at('10:00')).click();
  await app.locator('.e2e-booking-purpose input').fill('邻里读书会');
  await app.locator('.e2e-booking-attendees input').fill('5');
  await app.locator('.e2e-booking-submit').click();
  await expect(app.locator('.e2e-booking-confirm-time')).toContainText('09:00–10:00');
  await expect(app.locator('.e2e-booking-confirm-length')).toHaveText('时长：1 小时');
  await expect(app.locator('.e2e-booking-confirm-hold')).toHaveText(
    '将冻结时长 30 分钟（使用后扣除，取消或未通过会退回）',
  );
  await app.screenshot({ path: '.artifacts/screens/h5-booking-confirm-range.png' });
  await phone.close();
});
