import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * 全街道 (issue 19): the street admin sees every community's rows at once, each with its 社区; the room calendar,
 * which works in one community, asks for one first; choosing a community narrows the lists again.
 */

const [guanghua, binhai] = ['光华社区', '滨海社区'];

async function logInAsAdmin(page: Page): Promise<void> {
  await page.goto('/console/login');
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
}

async function choose(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid=community-switcher]').click();
  await page.locator('.ant-select-item-option', { hasText: label }).first().click();
  await expect(page.locator('[data-testid=community-switcher]')).toContainText(label);
}

/** The text of a column's cells, by its header's title (antd also renders a hidden measure row, which has none). */
async function columnTexts(table: Locator, title: string): Promise<string[]> {
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.indexOf(title);
  expect(index, `column ${title} among ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const cells = await table.locator(`tbody tr:not([aria-hidden]) > td:nth-child(${index + 1})`).allTextContents();
  return cells.filter((text) => text.trim() !== '');
}

test('the admin switches to 全街道: lists carry a 社区 column with both communities, the room calendar asks first', async ({
  page,
}) => {
  await logInAsAdmin(page);
  await choose(page, '全街道');

  await page.goto('/console/requests');
  const requests = page.locator('[data-testid=requests-table]');
  await expect(requests.locator('tbody tr').nth(1)).toBeVisible();
  const requestCommunities = new Set(await columnTexts(requests, '社区'));
  expect([...requestCommunities].sort()).toEqual([binhai, guanghua].sort());

  await page.goto('/console/residents');
  const residents = page.locator('[data-testid=residents-table]');
  // 已认证: the console suite verifies the pending demo residents before this one runs, never these two.
  await page.locator('[data-testid=resident-status-filter]').getByText('已认证', { exact: true }).click();
  await expect(residents.locator('tbody tr', { hasText: '李秀英' })).toContainText(guanghua);
  await expect(residents.locator('tbody tr', { hasText: '孙丽' })).toContainText(binhai);

  // The room calendar is one community's: in 全街道 it asks which first.
  await page.goto('/console/bookings');
  await expect(page.locator('[data-testid=community-required]')).toContainText('需要选择一个社区');

  // The choice is remembered across a reload; choosing 光华社区 narrows the lists and drops the column.
  await page.reload();
  await expect(page.locator('[data-testid=community-switcher]')).toContainText('全街道');
  await choose(page, guanghua);
  await expect(page.locator('[data-testid=community-required]')).toHaveCount(0);
  await page.goto('/console/requests');
  await expect(requests.locator('tbody tr').nth(1)).toBeVisible();
  expect(await requests.locator('thead th').allTextContents()).not.toContain('社区');
});
