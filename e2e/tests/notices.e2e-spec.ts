import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * The notice loop of issue 3: staff publish a notice that needs acknowledgement in the console,
 * a resident of the community acknowledges it in the H5 app, and the console's stats count it.
 */

const title = `e2e 消防演练通知 ${Date.now().toString(36)}`;

async function consoleLogin(page: Page): Promise<void> {
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText('王芳');
}

async function residentPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();
  await page.locator('.e2e-devlogin-phone input').fill('13800000001');
  await page.locator('.e2e-community-G').click();
  await page.locator('.e2e-devlogin-submit').click();
  await expect(page.locator('.e2e-home-greeting')).toContainText('李秀英');
  return page;
}

test('staff publish a notice needing acknowledgement, a resident acknowledges it, the stats show it', async ({
  page,
  browser,
}) => {
  // Staff: write and publish.
  await consoleLogin(page);
  await page.goto('/console/notices');
  await page.locator('[data-testid=notice-create]').click();
  await page.locator('[data-testid=notice-title]').fill(title);
  await page.locator('[data-testid=notice-body]').fill('本周六上午 9:00 在 1 栋楼下进行消防演练，请各户**准时参加**。');
  await page.locator('[data-testid=notice-requires-ack]').click();
  await expect(page.locator('[data-testid=notice-preview]')).toContainText('准时参加');
  await page.locator('[data-testid=notice-save-publish]').click();
  await expect(page.locator('[data-testid=notice-publish-ack]')).toContainText('是');
  const published = page.waitForResponse(
    (r) => /\/api\/v1\/notices\/\d+\/publish$/.test(r.url()) && r.request().method() === 'POST',
  );
  await page.locator('[data-testid=notice-publish-confirm]').click();
  const response = await published;
  expect(response.status()).toBe(200);
  const noticeId: number = (await response.json()).id;
  await page.goto('/console/notices');
  await expect(page.locator(`[data-testid=notice-row-${noticeId}]`)).toContainText('已发布');

  // Resident: sees it unread, opens it, acknowledges.
  const resident = await residentPage(browser);
  const item = resident.locator(`.e2e-notice-item-${noticeId}`);
  await expect(item).toContainText(title);
  await expect(item.locator('.e2e-notice-unread')).toHaveCount(1);
  await item.click();
  await expect(resident.locator('.e2e-notice-title')).toHaveText(title);
  const acked = resident.waitForResponse((r) => r.url().endsWith(`/api/v1/notices/${noticeId}/ack`));
  await resident.locator('.e2e-notice-ack').click();
  expect((await acked).status()).toBe(200);
  await expect(resident.locator('.e2e-notice-acked')).toBeVisible();
  await resident.screenshot({ path: '.artifacts/screens/h5-notice-acked.png' });
  await resident.context().close();

  // Staff: the stats count the read and the acknowledgement.
  await page.goto(`/console/notices/${noticeId}/stats`);
  await expect(page.locator('[data-testid=stat-read]')).toHaveText('1');
  await expect(page.locator('[data-testid=stat-ack]')).toHaveText('1');
  const audience = Number(await page.locator('[data-testid=stat-audience]').textContent());
  expect(audience).toBeGreaterThan(1);
  await expect(page.locator('[data-testid=notice-followup-table]')).not.toContainText('李秀英');
  await page.screenshot({ path: '.artifacts/screens/console-notice-stats.png' });
});
