import { expect, test, type Page } from '@playwright/test';

/**
 * The server sends a Content-Security-Policy. The other suites prove the apps still work under it; this one
 * fails on any violation the browser reports while the H5 app, the console and the API docs load.
 */
async function violationsWhileLoading(page: Page, path: string, ready: () => Promise<void>): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const response = await page.goto(path);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await ready();
  return violations;
}

test.describe('content security policy', () => {
  test('the H5 app loads and lays out (its inline splash script runs) with no violation', async ({ page }) => {
    const violations = await violationsWhileLoading(page, '/', async () => {
      await expect(page.getByText('社区公告 · 活动预约 · 志愿服务 · 时间银行')).toBeVisible();
      // The splash drawn by index.html is gone once the first page is on screen.
      await expect(page.locator('#lk-splash')).toHaveCount(0);
      // No script pins the root font size: rem type follows the browser's font setting (issue 16).
      const rootFontSize = await page.evaluate(() => document.documentElement.style.fontSize);
      expect(rootFontSize).toBe('');
    });
    expect(violations).toEqual([]);
  });

  test('the console draws its antd login page with no violation (the console suite logs in under the same policy)', async ({
    page,
  }) => {
    const violations = await violationsWhileLoading(page, '/console/', async () => {
      await expect(page.locator('input').first()).toBeVisible();
    });
    expect(violations).toEqual([]);
  });

  test('Swagger UI renders the API docs with no violation', async ({ page }) => {
    const violations = await violationsWhileLoading(page, '/api/docs', async () => {
      await expect(page.getByText('Linli 邻里 API').first()).toBeVisible();
    });
    expect(violations).toEqual([]);
  });
});
