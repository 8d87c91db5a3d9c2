import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * 为妈妈代办 (issue 16) in the H5 build: the mother makes a binding code; her daughter, in another community, enters
 * it in her own app, switches to "为 张桂兰 代办" and books a room for her; the booking is the mother's and her inbox
 * says who made it. Then 代办转出: the daughter asks for credits to herself and only the mother's own confirmation
 * moves them.
 */

const mother = { phone: '13800000003', community: 'G', name: '张桂兰' };
const daughter = { phone: '13900000001', community: 'B', name: '孙丽' };

const shanghaiDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(instant);
const shanghaiClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

interface Session {
  token: string;
  user: { id: number };
}

async function login(request: APIRequestContext, who: { phone: string; community: string }): Promise<Session> {
  const response = await request.post('/api/v1/auth/dev-login', {
    data: { phone: who.phone, community: who.community },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as Session;
}

/** A phone of its own, logged in through the API; Taro's H5 storage keeps each value as JSON `{ data }`. */
async function phoneOf(browser: Browser, session: Session): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript(
    ({ token, user }) => {
      if (localStorage.getItem('linli.e2e.seeded')) return;
      localStorage.setItem('linli.e2e.seeded', '1');
      const put = (key: string, data: unknown) => localStorage.setItem(key, JSON.stringify({ data }));
      put('linli.token', token);
      put('linli.user', user);
      put('linli.privacyAccepted.v1', true);
    },
    { token: session.token, user: session.user },
  );
  return context.newPage();
}

const balanceOf = async (request: APIRequestContext, token: string) =>
  (await (await request.get('/api/v1/timebank/account', { headers: { authorization: `Bearer ${token}` } })).json())
    .balance as number;

test('a daughter binds to her mother in H5 and books a room for her; the mother sees who did it', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const [motherSession, daughterSession] = [await login(request, mother), await login(request, daughter)];
  const motherAuth = { authorization: `Bearer ${motherSession.token}` };
  const rooms = (await (await request.get('/api/v1/rooms', { headers: motherAuth })).json()).items as Array<{
    id: number;
    name: string;
    requiresApproval: boolean;
    priceMinutesPerHour: number;
  }>;
  const room = rooms.find((r) => !r.requiresApproval && !r.priceMinutesPerHour)!;
  expect(room).toBeDefined();
  // Other suites book for the same demo mother; her upcoming bookings are cancelled first so that her quota
  // (BOOKING_QUOTA_ACTIVE, 2 upcoming) depends on nothing this test does not do itself.
  const upcoming = (await (await request.get('/api/v1/bookings/mine?when=upcoming', { headers: motherAuth })).json())
    .items as Array<{ id: number }>;
  for (const booking of upcoming)
    expect(
      (await request.post(`/api/v1/bookings/${booking.id}/cancel`, { headers: motherAuth, data: {} })).status(),
    ).toBe(200);
  // A free slot three days ahead (clear of the seeded bookings and of the other suites' days).
  const date = shanghaiDate(new Date(Date.now() + 3 * 86_400_000));
  const availability = await (
    await request.get(`/api/v1/rooms/${room.id}/availability?date=${date}`, { headers: motherAuth })
  ).json();
  const slot = (availability.slots as Array<{ startAt: string; state: string }>).find((s) => s.state === 'free');
  expect(slot).toBeDefined();

  // The mother makes a code in 亲情代办.
  const mom = await phoneOf(browser, motherSession);
  await mom.goto('/#/packages/family/pages/index/index');
  await mom.locator('.e2e-make-code').click();
  const code = (await mom.locator('.e2e-family-code .lk-family__code-digits').textContent())!.trim();
  expect(code).toMatch(/^[0-9]{6}$/);

  // The daughter, on her own phone, enters it as 女儿 and switches to acting for her mother.
  const app = await phoneOf(browser, daughterSession);
  await app.goto('/#/packages/family/pages/index/index');
  await app.locator('.e2e-bind-code input').fill(code);
  await app.locator('.e2e-relation-女儿').click();
  await app.locator('.e2e-bind').click();
  const elderRow = app.locator(`.e2e-family-elder-${motherSession.user.id}`);
  await expect(elderRow).toContainText(mother.name);
  await elderRow.locator('.e2e-act-for').click();
  await expect(app.locator('.e2e-acting-for')).toContainText(`正在为 ${mother.name} 代办`);

  // She books the room; the request names her mother (X-Act-For) and the booking is the mother's.
  // A fresh load of the bookings page (a hash change alone leaves Taro's H5 router showing the family page too,
  // at times for more than 10 s); the choice to act for her is kept on the phone, so it survives the reload.
  await app.goto('/#/pages/bookings/index');
  await app.reload();
  await expect(app.locator('.e2e-acting-banner:visible')).toContainText(`正在为 ${mother.name} 代办`);
  await app.locator(`.e2e-room-item-${room.id}`).click();
  await app.locator(`.e2e-day-${date}`).click();
  await app.locator(`.e2e-slot-${shanghaiClock(slot!.startAt).replace(':', '\\:')}`).click();
  await app.locator('.e2e-booking-purpose input').fill('为妈妈代办：社区合唱排练');
  await app.locator('.e2e-booking-attendees input').fill('2');
  await app.locator('.e2e-booking-submit').click();
  const created = app.waitForResponse((r) => r.url().endsWith('/api/v1/bookings') && r.request().method() === 'POST');
  await app.locator('.e2e-booking-confirm').click();
  const response = await created;
  expect(response.status()).toBe(201);
  expect(response.request().headers()['x-act-for']).toBe(String(motherSession.user.id));
  const bookingId = (await response.json()).id as number;
  await expect(app.locator('.e2e-booking-done')).toBeVisible();
  const hers = await (await request.get('/api/v1/bookings/mine', { headers: motherAuth })).json();
  expect(hers.items.map((b: { id: number }) => b.id)).toContain(bookingId);

  // The mother's inbox says who did it.
  await mom.goto('/#/packages/inbox/pages/index/index');
  await expect(mom.locator('.e2e-inbox-item', { hasText: '由 女儿 孙丽 代办：预约活动室' }).first()).toBeVisible();
  await mom.screenshot({ path: '.artifacts/screens/family-mother-inbox.png' });

  // 代办转出: the daughter asks for half an hour for herself; only the mother's confirmation moves it.
  const [motherBefore, daughterBefore] = [
    await balanceOf(request, motherSession.token),
    await balanceOf(request, daughterSession.token),
  ];
  expect(motherBefore).toBeGreaterThanOrEqual(30);
  await app.goto('/#/packages/family/pages/index/index');
  await app.locator('.e2e-credit-open').click();
  await app.locator('.e2e-credit-hours input').fill('0.5');
  // A reason of this run's own: the asks of earlier runs on the same server stay listed.
  const reason = `帮妈妈买菜垫付 ${Date.now() % 100_000}`;
  await app.locator('.e2e-credit-reason input').fill(reason);
  await app.locator('.e2e-credit-send').click();
  await expect(app.locator('.e2e-my-credit-ask').first()).toContainText('等待确认');
  expect(await balanceOf(request, motherSession.token)).toBe(motherBefore);

  await mom.goto('/#/packages/family/pages/index/index');
  const ask = mom.locator('.e2e-credit-ask', { hasText: reason });
  await expect(ask).toContainText('女儿 孙丽：0.50 小时');
  await ask.locator('.e2e-credit-confirm').click();
  const confirmed = mom.waitForResponse((r) => /\/credit-asks\/\d+\/confirm$/.test(r.url()));
  await mom.locator('.e2e-credit-confirm-yes').click();
  expect((await confirmed).status()).toBe(200);
  await expect(ask).toContainText('已确认，已转出');
  expect(await balanceOf(request, motherSession.token)).toBe(motherBefore - 30);
  expect(await balanceOf(request, daughterSession.token)).toBe(daughterBefore + 30);
  await mom.screenshot({ path: '.artifacts/screens/family-credit-confirmed.png' });
  await mom.context().close();
  await app.context().close();
});
