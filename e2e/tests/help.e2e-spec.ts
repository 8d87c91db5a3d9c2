import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * 邻里互助 in the H5 app: a resident posts a help request (the hours are held), a neighbour offers to help, the
 * poster chooses them; at the meeting the poster shows the personal code and the helper presses 我已到达 and enters
 * it in the H5 scanner (the typed fallback of the camera overlay), which starts the task; the helper marks it done,
 * the poster confirms with a thank-you and both balances move; staff see it finished in the console. A second test
 * walks the staff side: a care recipient flagged in 居民, the escrow and commons in the accounts, a dispute settled.
 */

const POSTER = '13800000003'; // 张桂兰, G
const HELPER = '13800000004'; // 王建国, G

async function apiLogin(
  request: APIRequestContext,
  phone: string,
  community: 'G' | 'B' = 'G',
): Promise<{ token: string; id: number }> {
  const response = await request.post('/api/v1/auth/dev-login', { data: { phone, community } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { token: body.token, id: body.user.id };
}

async function account(request: APIRequestContext, token: string) {
  const response = await request.get('/api/v1/timebank/account', { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { balance: number; held: number; available: number };
}

async function phoneApp(browser: Browser, phone: string, community: 'G' | 'B' = 'G'): Promise<Page> {
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
  await app.locator(`.e2e-community-${community}`).click();
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

  // At the meeting the poster shows the personal code; the helper presses 我已到达 and types its 6 digits into the
  // H5 scanner's fallback (platform/scan.h5: the same overlay as a camera scan), which starts the task.
  await app.locator('.e2e-help-show-code').click();
  // "······" until the code has loaded.
  await expect(app.locator('.e2e-my-code-digits')).toHaveText(/^\s*\d(\s*\d){5}\s*$/);
  const digits = (await app.locator('.e2e-my-code-digits').innerText()).replace(/\s+/g, '');
  expect(digits).toMatch(/^\d{6}$/);
  await neighbour.reload();
  await neighbour.locator('.e2e-help-arrive').click();
  await neighbour.locator('.lk-scan-input').fill(digits);
  const scanned = neighbour.waitForResponse((r) => r.url().endsWith('/api/v1/scan') && r.request().method() === 'POST');
  await neighbour.locator('.lk-scan-submit').click();
  const scan = await scanned;
  expect(scan.status()).toBe(200);
  expect(await scan.json()).toMatchObject({ kind: 'help_arrival', helpRequest: { id, status: 'started' } });
  await expect(neighbour.locator('.e2e-help-detail-started')).toBeVisible();

  // After helping, the helper marks it done in H5.
  const done = neighbour.waitForResponse((r) => r.url().endsWith(`/help-requests/${id}/done`));
  await neighbour.locator('.e2e-help-done').click();
  expect((await done).status()).toBe(200);
  await expect(neighbour.locator('.e2e-help-detail-done')).toBeVisible();
  await neighbour.screenshot({ path: '.artifacts/screens/h5-help-done.png' });

  // The poster confirms in H5 with a thank-you; the dialog names whom it pays and how much.
  await app.goto(`/#/packages/help/pages/detail/index?id=${id}`);
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

test('staff flag a care recipient, read the escrow and commons accounts, and settle a dispute in the console', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const poster = await apiLogin(request, '13800000006'); // 杨明, G
  const helper = await apiLogin(request, '13800000007'); // 赵小红, G
  const admin = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: 'linli-demo' } });
  const adminToken = (await admin.json()).token as string;
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  expect(
    (
      await request.post('/api/v1/timebank/adjustments', {
        ...as(adminToken),
        data: { userId: poster.id, minutes: 60, reason: '浏览器测试准备' },
      })
    ).status(),
  ).toBe(201);

  // A request that went wrong: posted (40 minutes held), taken, started by the scan, done, then disputed.
  const title = `帮忙搬书柜 ${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/help-requests', {
    ...as(poster.token),
    data: {
      title,
      description: '书柜从客厅搬到卧室',
      kind: 'other',
      startAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      minutes: 30,
      place: '4栋2单元601',
      rewardMinutes: 40,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as number;
  const step = async (token: string, action: string, data?: unknown) =>
    expect((await request.post(`/api/v1/help-requests/${id}/${action}`, { ...as(token), data })).status()).toBe(200);
  await step(helper.token, 'offer');
  await step(poster.token, 'choose', { helperId: helper.id });
  const code = await (await request.get('/api/v1/me/code', as(poster.token))).json();
  expect((await request.post('/api/v1/scan', { ...as(helper.token), data: { code: code.code } })).status()).toBe(200);
  await step(helper.token, 'done');
  await step(poster.token, 'dispute', { reason: '只搬了一半' });
  const [posterBefore, helperBefore] = [await account(request, poster.token), await account(request, helper.token)];
  expect(posterBefore.held).toBeGreaterThanOrEqual(40);

  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');

  // 居民: flag 杨明 as a care recipient 帮扶对象, then take it back; both are confirmed.
  await page.goto('/console/residents?status=verified&q=杨明');
  await page.locator(`[data-testid=care-recipient-toggle-${poster.id}]`).click();
  await page.locator('[data-testid=care-recipient-confirm]').click();
  await expect(page.locator(`[data-testid=care-recipient-tag-${poster.id}]`)).toBeVisible();
  const staff = await request.post('/api/v1/auth/login', { data: { username: 'staff.g', password: 'linli-demo' } });
  const flagged = await request.get('/api/v1/help-requests/care-recipients', as((await staff.json()).token));
  expect(await flagged.json()).toContainEqual({ userId: poster.id, careRecipient: true });
  await page.screenshot({ path: '.artifacts/screens/console-care-recipient.png' });
  await page.locator(`[data-testid=care-recipient-toggle-${poster.id}]`).click();
  await page.locator('[data-testid=care-recipient-confirm]').click();
  await expect(page.locator(`[data-testid=care-recipient-tag-${poster.id}]`)).toHaveCount(0);

  // 时间银行 · 账户: the escrow and the commons are listed after the pool; the escrow's statement shows this hold.
  await page.goto('/console/timebank');
  await expect(page.locator('[data-testid=account-row-pool]')).toBeVisible();
  await expect(page.locator('[data-testid=account-row-escrow]')).toContainText('冻结中');
  await expect(page.locator('[data-testid=account-row-commons]')).toContainText('公益池');
  await page.locator('[data-testid=account-row-escrow]').click();
  const drawer = page.locator('[data-testid=statement-drawer]');
  await expect(drawer).toContainText('余额等于所有未结清的冻结');
  await expect(drawer.locator('[data-testid=statement-table] tr', { hasText: title })).toContainText('+40 分钟');
  await page.screenshot({ path: '.artifacts/screens/console-escrow.png' });
  await page.keyboard.press('Escape');

  // 邻里互助 · 待裁定: settle 25 of the 40 minutes with a reason; the rest goes back to the poster.
  await page.goto('/console/help');
  await page.locator('[data-testid=help-filter]').getByText('待裁定').click();
  await page.locator(`[data-testid=help-settle-${id}]`).click();
  await page.getByRole('dialog').getByRole('spinbutton').fill('25');
  await page.locator('[data-testid=help-settle-reason]').fill('双方同意按一半多结算');
  const settled = page.waitForResponse((r) => r.url().endsWith(`/help-requests/${id}/settle`));
  await page.getByRole('button', { name: '确认裁定' }).click();
  expect((await settled).status()).toBe(200);
  await page.locator('[data-testid=help-filter]').getByText('全部').click();
  await expect(page.locator(`[data-testid=help-status-${id}]`)).toHaveText('已裁定');
  await page.screenshot({ path: '.artifacts/screens/console-help-settled.png' });

  expect(await account(request, poster.token)).toMatchObject({
    balance: posterBefore.balance - 25,
    held: posterBefore.held - 40,
  });
  expect((await account(request, helper.token)).balance).toBe(helperBefore.balance + 25);
  await page.goto('/console/audit');
  await expect(page.locator('body')).toContainText(`裁定互助 #${id}`);
});

test('亲情转赠 in H5: 胡军 gives his mother 朱玉兰 half an hour (the demo binding in B); both balances move', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const son = await apiLogin(request, '13900000004', 'B'); // 胡军
  const mother = await apiLogin(request, '13900000003', 'B'); // 朱玉兰
  const [sonBefore, motherBefore] = [await account(request, son.token), await account(request, mother.token)];
  const app = await phoneApp(browser, '13900000004', 'B');
  await app.locator('.e2e-help-family-open').click();
  await app.locator(`.e2e-family-recipient-${mother.id}`).click();
  await app.locator('.e2e-family-preset-30').click();
  await app.locator('.e2e-family-memo input').fill('给妈妈买菜');
  await app.locator('.e2e-family-transfer-submit').click();
  await expect(app.locator('.e2e-family-transfer-confirm-name')).toContainText('朱玉兰');
  const sent = app.waitForResponse((r) => r.url().endsWith('/api/v1/timebank/family-transfers'));
  await app.locator('.e2e-family-transfer-confirm').click();
  expect((await sent).status()).toBe(201);
  await expect(app.locator('.e2e-family-transfer-done')).toContainText('30 分钟');
  expect((await account(request, son.token)).balance).toBe(sonBefore.balance - 30);
  expect((await account(request, mother.token)).balance).toBe(motherBefore.balance + 30);
  await app.context().close();
});
