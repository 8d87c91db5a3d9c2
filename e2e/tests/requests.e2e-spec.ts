import { expect, test, type Browser, type Page } from '@playwright/test';
import type { RequestStats } from '@linli/shared-types';

/**
 * The 接诉即办 loop through both real UIs: a resident raises a request with a photo in the H5 app, staff accept
 * (picking the assignee) and resolve it in the console, the resident rates it, and the console's 三率 dashboard
 * counts the rating.
 */

const resident = { phone: '13800000008', name: '黄国华', community: 'G' };
const title = `E2E 楼道扶手松动 ${Date.now() % 100_000}`;
/** A real 2×2 PNG (the server checks the bytes and re-encodes it). */
const photo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
);
const rateText = (rate: number | null) => (rate === null ? '—' : `${Number((rate * 100).toFixed(1))}%`);

async function residentPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/#\/pages\/login\/index/);
  await page.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();
  await page.locator('.e2e-devlogin .e2e-devlogin-phone input').fill(resident.phone);
  await page.locator(`.e2e-devlogin .e2e-community-${resident.community}`).click();
  await page.locator('.e2e-devlogin-submit').click();
  await expect(page.locator('.e2e-home-greeting')).toContainText(resident.name);
  return page;
}

async function staffPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  return page;
}

/** Opens the 三率 dashboard and answers the stats it shows (the page's own request). */
async function dashboard(page: Page): Promise<RequestStats> {
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/requests/stats') && r.status() === 200);
  await page.getByRole('menuitem', { name: '三率统计' }).click();
  const stats = (await (await answer).json()) as RequestStats;
  await expect(page.locator('[data-testid=request-stats]')).toBeVisible();
  return stats;
}

test('接诉即办: H5 submit with a photo → console accept and resolve → H5 rating → 三率 dashboard', async ({
  browser,
}) => {
  test.setTimeout(150_000); // two browsers, two UIs and a photo upload on 2 shared cores
  const staff = await staffPage(browser);
  const before = await dashboard(staff);

  // 1. The resident raises it from 首页, with a photo.
  const h5 = await residentPage(browser);
  await h5.locator('.e2e-home-request-submit').click();
  await expect(h5).toHaveURL(/#\/packages\/requests\/pages\/submit\/index/);
  await h5.locator('.e2e-request-category-repair').click();
  await h5.locator('.e2e-request-title input').fill(title);
  await h5.locator('.e2e-request-description textarea').fill('2栋 2 单元三楼的楼梯扶手松了，老人扶着很危险。');
  const chooser = h5.waitForEvent('filechooser');
  await h5.locator('.e2e-photo-add').click();
  // On a phone Taro asks first: camera or album.
  const album = h5.getByText('从相册选择', { exact: true });
  if (await album.isVisible({ timeout: 2_000 }).catch(() => false)) await album.click();
  await (await chooser).setFiles({ name: 'handrail.png', mimeType: 'image/png', buffer: photo });
  await expect(h5.locator('.e2e-photo-draft-done')).toHaveCount(1);
  const created = h5.waitForResponse((r) => r.url().endsWith('/api/v1/requests') && r.request().method() === 'POST');
  await h5.locator('.e2e-request-submit').click();
  expect((await created).status()).toBe(201);
  await expect(h5).toHaveURL(/#\/packages\/requests\/pages\/detail\/index\?id=\d+/);
  const id = Number(/id=(\d+)/.exec(h5.url())![1]);
  await expect(h5.locator('.e2e-request-title-text')).toHaveText(title);
  await expect(h5.locator('.e2e-request-status-submitted')).toBeVisible();
  await expect(h5.locator('.e2e-request-photo')).toHaveCount(1);
  await h5.screenshot({ path: '.artifacts/screens/requests-h5-submitted.png' });

  // 2. Staff find it in the queue, accept it (assignee picker), then resolve it.
  await staff.getByRole('menuitem', { name: '居民诉求' }).click();
  await staff.locator(`[data-testid=request-row-${id}]`).click();
  await expect(staff.locator('[data-testid=request-description]')).toContainText('楼梯扶手');
  // Issue #19 item 5: staff who must call back reveal the submitter's number with one audited click.
  await expect(staff.locator('[data-testid^=phone-full-]')).toHaveCount(0);
  await staff.locator('[data-testid^=phone-reveal-]').click();
  await expect(staff.locator('[data-testid^=phone-full-]')).toContainText(resident.phone);
  await staff.locator('[data-testid=request-action-accept]').click();
  const picker = staff.locator('[data-testid=request-assignee-select]');
  await expect(staff.locator('.ant-modal')).toContainText('王芳（我）');
  await picker.click();
  await staff.locator('.ant-select-item-option', { hasText: '王芳（我）' }).click();
  await staff.locator('[data-testid=request-action-confirm]').click();
  await expect(staff.locator('[data-testid=request-assignee]')).toHaveText('王芳');
  await staff.locator('[data-testid=request-action-resolve]').click();
  await staff.locator('[data-testid=request-resolution-input]').fill('已请物业紧固扶手并加装两处固定件。');
  await staff.locator('[data-testid=request-action-confirm]').click();
  await expect(staff.locator('[data-testid=request-resolution]')).toHaveText('已请物业紧固扶手并加装两处固定件。');
  await staff.screenshot({ path: '.artifacts/screens/requests-console-resolved.png' });

  // 3. The resident sees the resolution and rates it with the big faces.
  await h5.reload();
  await expect(h5.locator('.e2e-request-resolution')).toContainText('紧固扶手');
  await h5.locator('.e2e-rate-resolved-yes').click();
  await h5.locator('.e2e-rate-satisfied').click();
  const rated = h5.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${id}/rate`));
  await h5.locator('.e2e-rate-submit').click();
  expect((await rated).status()).toBe(200);
  await expect(h5.locator('.e2e-request-rating')).toBeVisible();
  await expect(h5.locator('.e2e-request-status-closed')).toBeVisible();
  await h5.screenshot({ path: '.artifacts/screens/requests-h5-rated.png' });

  // 4. The dashboard counts the rating and shows the rates it answers.
  await staff.getByRole('menuitem', { name: '居民诉求' }).click();
  const after = await dashboard(staff);
  expect(after.counts.rated).toBe(before.counts.rated + 1);
  expect(after.counts.ratedResolved).toBe(before.counts.ratedResolved + 1);
  expect(after.counts.satisfied).toBe(before.counts.satisfied + 1);
  for (const [testId, rate] of [
    ['rate-response', after.responseRate],
    ['rate-resolution', after.resolutionRate],
    ['rate-satisfaction', after.satisfactionRate],
    ['rate-composite', after.composite],
  ] as const)
    await expect(staff.locator(`[data-testid=${testId}] .ant-statistic-content`)).toHaveText(rateText(rate));
  await expect(staff.locator('[data-testid=rate-satisfaction]')).toContainText(`满意 ${after.counts.satisfied}`);
  await staff.screenshot({ path: '.artifacts/screens/requests-console-rates.png' });
});
