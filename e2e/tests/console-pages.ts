import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { LoginResponse } from '@linli/shared-types';

/**
 * Every page of the staff console, for the suites that go through them all (axe-core in console-a11y, the Tab walk in
 * console-keyboard), and the steps those suites share: log in, open a page once it has settled, report per page.
 */

const password = 'linli-demo';

/**
 * Logs in on the console's form (Enter submits it: nothing clicks, so the keyboard suite can use it too) and returns
 * an API token of the same account, for looking up ids.
 */
export async function logInToConsole(page: Page, username: string): Promise<string> {
  await page.goto('/console/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.keyboard.press('Enter');
  // Every role has the role tag (a shared account such as admin shows no separate name).
  await expect(page.locator('[data-testid=current-user-role]')).toBeVisible();
  const response = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  return ((await response.json()) as LoginResponse).token;
}

/** The first id of a list the account sees. */
async function firstId(page: Page, token: string, path: string): Promise<number> {
  const response = await page.request.get(`/api/v1/${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  return ((body.items ?? body) as Array<{ id: number }>)[0].id;
}

/** The console's pages as [name, path] behind the login; a page about one item opens the first the account sees. */
export async function consolePages(page: Page, token: string): Promise<Array<[string, string]>> {
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

/**
 * Opens a console page and waits until it has settled: its main region shown, the network quiet, the spinners of the
 * first answers gone.
 */
export async function openConsolePage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settleConsolePage(page);
}

/** Waits until the page shown has settled: its main region shown, the network quiet, no spinner left. */
export async function settleConsolePage(page: Page): Promise<void> {
  await expect(page.locator('main, [role=main]').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 15_000 });
}

/**
 * The end of a run over every page: the counts and findings per page go to .artifacts/<artifact>.json and the counts
 * to the log (`<label>: {...}`), then every page must have no finding.
 */
export function expectNoFindingOnAnyPage(
  artifact: string,
  label: string,
  counts: Record<string, unknown>,
  found: Record<string, string[]>,
): void {
  mkdirSync('.artifacts', { recursive: true });
  writeFileSync(`.artifacts/${artifact}.json`, JSON.stringify({ counts, found }, null, 2));
  console.log(`${label}: ${JSON.stringify(counts)}`);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
}
