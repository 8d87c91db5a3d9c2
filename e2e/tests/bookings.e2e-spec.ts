import { expect, test, type APIRequestContext } from '@playwright/test';

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
  const index = slots.findIndex(
    (s, i) => s.state === 'free' && slots[i + 1]?.state === 'free' && slots[i + 1].startAt === s.endAt,
  );
  expect(index).toBeGreaterThanOrEqual(0);
  const [first, second] = [slots[index], slots[index + 1]];

  // Resident, H5.
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
  await app.locator('.e2e-devlogin-phone input').fill('13800000004');
  await app.locator('.e2e-community-G').click();
  await app.locator('.e2e-devlogin-submit').click();
  await expect(app.locator('.e2e-home-greeting')).toContainText('王建国');
  await app.locator('.weui-tabbar__item', { hasText: '预约' }).click();
  await app.locator(`.e2e-room-item-${hall!.id}`).click();
  await app.locator(`.e2e-day-${date}`).click();
  const slotCell = (iso: string) => app.locator(`.e2e-slot-${shanghaiClock(iso).replace(':', '\\:')}`);
  await expect(slotCell(first.startAt)).toHaveClass(/e2e-slot-free/);
  await slotCell(first.startAt).click();
  await slotCell(second.startAt).click();
  await app.locator('.e2e-booking-purpose input').fill('社区书法兴趣小组练习');
  await app.locator('.e2e-booking-attendees input').fill('12');
  await app.locator('.e2e-booking-submit').click();
  const created = app.waitForResponse((r) => r.url().endsWith('/api/v1/bookings') && r.request().method() === 'POST');
  await app.locator('.e2e-booking-confirm').click();
  const response = await created;
  expect(response.status()).toBe(201);
  const bookingId: number = (await response.json()).id;
  await expect(app.locator('.e2e-booking-done-status')).toHaveText('已提交，待审批');

  // The slots are taken now, for everyone.
  const after = await (
    await request.get(`/api/v1/rooms/${hall!.id}/availability?date=${date}`, { headers: auth })
  ).json();
  expect(after.slots[index].state).toBe('taken');

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
  await phone.close();
});
