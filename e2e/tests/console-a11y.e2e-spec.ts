import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * The staff console's accessibility (issue 16, item 6): axe-core (WCAG 2.1 A/AA) on every console page with 0 serious
 * or critical findings. The counts per page are written to .artifacts/console-a11y.json.
 */

const password = 'linli-demo';

async function logIn(page: Page): Promise<string> {
  await page.goto('/console/login');
  await page.locator('#username').fill('staff.g');
  await page.locator('#password').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=current-user-name]')).toBeVisible();
  const response = await page.request.post('/api/v1/auth/login', { data: { username: 'staff.g', password } });
  return (await response.json()).token as string;
}

/** The first id of a list the staff member sees. */
async function firstId(page: Page, token: string, path: string): Promise<number> {
  const response = await page.request.get(`/api/v1/${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return ((body.items ?? body) as Array<{ id: number }>)[0].id;
}

async function consolePages(page: Page, token: string): Promise<Array<[string, string]>> {
  const request = await firstId(page, token, 'requests?limit=1');
  const notice = await firstId(page, token, 'notices?limit=1');
  const activity = await firstId(page, token, 'activities?limit=1');
  return [
    ['工作台', '/console/'],
    ['诉求', '/console/requests'],
    ['诉求统计', '/console/requests/stats'],
    ['诉求详情', `/console/requests/${request}`],
    ['公告', '/console/notices'],
    ['新建公告', '/console/notices/new'],
    ['编辑公告', `/console/notices/${notice}/edit`],
    ['公告统计', `/console/notices/${notice}/stats`],
    ['预约', '/console/bookings'],
    ['预约日历', '/console/bookings/calendar'],
    ['活动室', '/console/bookings/rooms'],
    ['使用率', '/console/bookings/utilisation'],
    ['活动', '/console/activities'],
    ['活动报表', '/console/activities/report'],
    ['新建活动', '/console/activities/new'],
    ['编辑活动', `/console/activities/${activity}/edit`],
    ['活动现场', `/console/activities/${activity}/live`],
    ['活动签到', `/console/activities/${activity}/attendance`],
    ['兴趣小组', '/console/centre/groups'],
    ['社区活动', '/console/centre/events'],
    ['中心报表', '/console/centre/report'],
    ['互助需求', '/console/help/requests'],
    ['公益池', '/console/help/commons'],
    ['时间银行', '/console/timebank'],
    ['账户', '/console/timebank/accounts'],
    ['兑换', '/console/timebank/rewards'],
    ['时间银行统计', '/console/timebank/stats'],
    ['时间银行核对', '/console/timebank/audit'],
    ['居民', '/console/residents'],
    ['审计日志', '/console/audit'],
    ['页面不存在', '/console/no-such-page'],
  ];
}

async function settle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('main, [role=main]').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Spinners of the first answers gone.
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 15_000 });
}

/** One axe-core run: the serious and critical findings as "rule: target" lines, and the count of the others. */
async function axeOn(page: Page): Promise<{ serious: string[]; critical: string[]; others: number }> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const lines = (impact: string) =>
    results.violations
      .filter((v) => v.impact === impact)
      .flatMap((v) =>
        v.nodes.map((node) => {
          // color-contrast says which colours it measured.
          const data = node.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
          const colours = data?.fgColor ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})` : '';
          return `${v.id} (${v.impact}): ${node.target.join(' ')}${colours}`;
        }),
      );
  const others = results.violations
    .filter((v) => v.impact !== 'serious' && v.impact !== 'critical')
    .reduce((n, v) => n + v.nodes.length, 0);
  return { serious: lines('serious'), critical: lines('critical'), others };
}

test('axe-core: no serious or critical violations on any console page', async ({ page }) => {
  // 32 pages, each loaded and analysed, on a machine other suites share.
  test.setTimeout(900_000);
  const found: Record<string, string[]> = {};
  const counts: Record<string, { path: string; serious: number; critical: number; moderateOrMinor: number }> = {};
  const record = async (name: string, path: string) => {
    const result = await axeOn(page);
    counts[name] = {
      path,
      serious: result.serious.length,
      critical: result.critical.length,
      moderateOrMinor: result.others,
    };
    found[name] = [...result.critical, ...result.serious];
  };
  await page.goto('/console/login');
  await expect(page.locator('#username')).toBeVisible();
  await record('登录', '/console/login');
  const token = await logIn(page);
  for (const [name, path] of await consolePages(page, token)) {
    await settle(page, path);
    await record(name, path);
  }
  mkdirSync('.artifacts', { recursive: true });
  writeFileSync('.artifacts/console-a11y.json', JSON.stringify({ counts, found }, null, 2));
  console.log(`console axe-core (nodes per page): ${JSON.stringify(counts)}`);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
});
