import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * 邻里互助 in the H5 app: a resident posts a help request (the hours are held), a neighbour offers to help, the
 * poster chooses them; the helper's arrival scan and "done" go through the API (the H5 scanner needs a camera or
 * a typed code, covered by the server's e2e); the poster confirms with a thank-you in H5 and both balances move;
 * staff see it finished in the console.
 */

const POSTER = '13800000003'; // 张桂兰, G
const HELPER = '13800000004'; // 王建国, G

async function apiLogin(request: APIRequestContext, phone: string): Promise<{ token: string; id: number }> {
  const response = await request.post('/api/v1/auth/dev-login', { data: { phone, community: 'G' } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { token: body.token, id: body.user.id };
}

async function account(request: APIRequestContext, token: string) {
  const response = await request.get('/api/v1/timebank/account', { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { balance: number; held: number; available: number };
}

async function phoneApp(browser: Browser, phone: string): Promise<Page> {
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
  await expect(app.locator('.e2e-home-greeting')).toBeVisible();
  await app.locator('.e2e-home-help').click();
  await expect(app.locator('.e2e-help-balance')).toBeVisible();
  return app;
}

test('a resident posts a help request in H5, a neighbour takes it, the poster confirms: 30 minutes move', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const poster = await apiLogin(request, POSTER);
  const helper = await apiLogin(request, HELPER);
  // Enough credit for the request, whatever other suites did with the demo balances.
  const admin = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: 'linli-demo' } });
  const adminToken = (await admin.json()).token as string;
  const grant = await request.post('/api/v1/timebank/adjustments', {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { userId: poster.id, minutes: 60, reason: '浏览器测试准备' },
  });
  expect(grant.status()).toBe(201);
  const [posterBefore, helperBefore] = [await account(request, poster.token), await account(request, helper.token)];
  const title = `帮忙取个快递 ${Date.now().toString(36)}`;

  // The poster posts in H5: kind, title, 尽快, 30 minutes, place, 0.50 hours offered; the dialog names the hold.
  const app = await phoneApp(browser, POSTER);
  await app.locator('.e2e-help-post-open').click();
  await app.locator('.e2e-help-kind-errands').click();
  await app.locator('.e2e-help-title-input input').fill(title);
  await app.locator('.e2e-help-soon').click();
  await app.locator('.e2e-help-length-30').click();
  await app.locator('.e2e-help-place input').fill('1栋1单元201');
  await app.locator('.e2e-help-reward-30').click();
  await app.locator('.e2e-help-submit').click();
  await expect(app.locator('.e2e-dialog')).toContainText('30 分钟');
  const posted = app.waitForResponse(
    (r) => r.url().endsWith('/api/v1/help-requests') && r.request().method() === 'POST',
  );
  await app.locator('.e2e-help-submit-confirm').click();
  const created = await posted;
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as number;
  await expect(app.locator('.e2e-help-posted')).toBeVisible();
  expect(await account(request, poster.token)).toMatchObject({
    balance: posterBefore.balance,
    held: posterBefore.held + 30,
    available: posterBefore.available - 30,
  });

  // The neighbour sees it on the board and offers.
  const neighbour = await phoneApp(browser, HELPER);
  await neighbour.locator(`.e2e-help-card-${id}`).click();
  await expect(neighbour.locator('.e2e-help-detail')).toContainText(title);
  const offered = neighbour.waitForResponse((r) => r.url().endsWith(`/help-requests/${id}/offer`));
  await neighbour.locator('.e2e-help-offer-button').click();
  expect((await offered).status()).toBe(200);
  await expect(neighbour.locator('.e2e-help-detail-line')).toContainText('您已报名');

  // The poster chooses them; the dialog names the helper.
  await app.locator('.e2e-help-posted-open').click();
  await app.locator(`.e2e-help-offer-${helper.id} .e2e-help-choose`).click();
  await expect(app.locator('.e2e-help-choose-name')).toContainText('王建国');
  const chosen = app.waitForResponse((r) => r.url().endsWith(`/help-requests/${id}/choose`));
  await app.locator('.e2e-help-choose-confirm').click();
  expect((await chosen).status()).toBe(200);
  await expect(app.locator('.e2e-help-detail-matched')).toBeVisible();

  // At the meeting the helper scans the poster's personal code, then marks it done (through the API).
  const code = await request.get('/api/v1/me/code', { headers: { authorization: `Bearer ${poster.token}` } });
  const scanned = await request.post('/api/v1/scan', {
    headers: { authorization: `Bearer ${helper.token}` },
    data: { code: (await code.json()).code },
  });
  expect(scanned.status()).toBe(200);
  const done = await request.post(`/api/v1/help-requests/${id}/done`, {
    headers: { authorization: `Bearer ${helper.token}` },
  });
  expect(done.status()).toBe(200);

  // The poster confirms in H5 with a thank-you; the dialog names whom it pays and how much.
  await app.reload();
  await expect(app.locator('.e2e-help-detail-done')).toBeVisible();
  await app.locator('.e2e-help-confirm').click();
  await expect(app.locator('.e2e-help-confirm-name')).toContainText('王建国');
  await app.locator('.e2e-help-thanks textarea').fill('谢谢王师傅！');
  const confirmed = app.waitForResponse((r) => r.url().endsWith(`/help-requests/${id}/confirm`));
  await app.locator('.e2e-help-confirm-confirm').click();
  expect((await confirmed).status()).toBe(200);
  await expect(app.locator('.e2e-help-detail-confirmed')).toBeVisible();
  await app.screenshot({ path: '.artifacts/screens/h5-help-confirmed.png' });

  // Both balances moved by the 30 minutes held, and nothing stays held.
  expect(await account(request, poster.token)).toMatchObject({
    balance: posterBefore.balance - 30,
    held: posterBefore.held,
  });
  expect((await account(request, helper.token)).balance).toBe(helperBefore.balance + 30);
  await app.context().close();
  await neighbour.context().close();

  // Staff see it finished in the console's 邻里互助 page.
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');
  await page.goto('/console/help');
  const row = page.locator('[data-testid=help-table] tr', { hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row.locator(`[data-testid=help-status-${id}]`)).toHaveText('已完成');
  await expect(page.locator('[data-testid=help-status-chart]')).toBeVisible();
  await page.screenshot({ path: '.artifacts/screens/console-help.png' });
});
