import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/** Issue 5: a resident transfers credits in the H5 app; staff see the transfer in both statements in the console. */

async function apiLogin(request: APIRequestContext, phone: string): Promise<{ token: string; id: number }> {
  const response = await request.post('/api/v1/auth/dev-login', { data: { phone, community: 'G' } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return { token: body.token, id: body.user.id };
}

async function balance(request: APIRequestContext, token: string): Promise<number> {
  const response = await request.get('/api/v1/timebank/account', { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return (await response.json()).balance;
}

async function residentLogin(page: Page, phone: string): Promise<void> {
  await page.goto('/');
  await page.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();
  await page.locator('.e2e-devlogin-phone input').fill(phone);
  await page.locator('.e2e-community-G').click();
  await page.locator('.e2e-devlogin-submit').click();
  await expect(page.locator('.e2e-home-greeting')).toBeVisible();
}

test('a resident gives 45 minutes to a neighbour in H5; staff see it in both statements', async ({
  browser,
  page,
  request,
}) => {
  const sender = await apiLogin(request, '13800000001'); // 李秀英
  const recipient = await apiLogin(request, '13800000002'); // 陈志强
  const [senderBefore, recipientBefore] = [
    await balance(request, sender.token),
    await balance(request, recipient.token),
  ];
  expect(senderBefore).toBeGreaterThanOrEqual(45);
  const memo = `谢谢帮忙修水管 ${Date.now().toString(36)}`;

  // Resident, in the H5 app on a phone-sized screen.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const app = await phone.newPage();
  await residentLogin(app, '13800000001');
  await app.locator('.weui-tabbar__item', { hasText: '我的' }).click();
  await app.locator('.e2e-timebank-entry').click();
  await expect(app.locator('.e2e-timebank-account-id')).toContainText(`#${sender.id}`);
  await app.locator('.e2e-transfer-open').click();
  await app.locator('.e2e-transfer-recipient input').fill(String(recipient.id));
  await app.locator('.e2e-transfer-minutes input').fill('45');
  await app.locator('.e2e-transfer-memo input').fill(memo);
  await app.locator('.e2e-transfer-submit').click();
  const transferred = app.waitForResponse(
    (r) => r.url().endsWith('/api/v1/timebank/transfers') && r.request().method() === 'POST',
  );
  await app.locator('.e2e-transfer-confirm').click();
  expect((await transferred).status()).toBe(201);
  await expect(app.locator('.e2e-transfer-done')).toContainText('陈志强');
  await app.screenshot({ path: '.artifacts/screens/h5-transfer-done.png' });
  await phone.close();

  // The ledger moved exactly 45 minutes.
  expect(await balance(request, sender.token)).toBe(senderBefore - 45);
  expect(await balance(request, recipient.token)).toBe(recipientBefore + 45);

  // Staff, in the console: the transfer in the sender's and in the recipient's statement.
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');

  await page.goto(`/console/timebank?account=${sender.id}`);
  const senderRow = page.locator('[data-testid=statement-table] tr', { hasText: memo });
  await expect(senderRow).toHaveCount(1);
  await expect(senderRow).toContainText('-45 分钟');

  await page.goto(`/console/timebank?account=${recipient.id}`);
  const recipientRow = page.locator('[data-testid=statement-table] tr', { hasText: memo });
  await expect(recipientRow).toHaveCount(1);
  await expect(recipientRow).toContainText('+45 分钟');
  await page.screenshot({ path: '.artifacts/screens/console-recipient-statement.png' });
});
