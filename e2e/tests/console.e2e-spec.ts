import { expect, test, type Page } from '@playwright/test';
import type { LoginResponse, Page as ApiPage, ResidentListItem } from '@linli/shared-types';

/** The staff console, served by the API server at /console/ (desktop viewport). */

const password = 'linli-demo';
const pendingResidentOfG = { name: '周磊', phone: '138****0009', household: '3栋-2-402' };
const pendingResidentOfB = { name: '郭婷' };

async function logIn(page: Page, username: string, expectedName: string): Promise<void> {
  await page.goto('/console/');
  // Not logged in: the console asks for credentials.
  await expect(page).toHaveURL(/\/console\/login$/);
  await expect(page.getByText('邻里 · 社区工作台')).toBeVisible();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('[data-testid=login-submit]').click();
  // The landing page is the 工作台 (what needs doing today).
  await expect(page).toHaveURL(/\/console\/?$/);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.locator('[data-testid=current-user-name]')).toHaveText(expectedName);
  await expect(page.locator('[data-testid=current-user-role]')).toHaveText('社区工作者');
}

/** Rows of the residents table (antd also renders a hidden measure row, which has no text). */
function residentRow(page: Page, name: string) {
  return page.locator('[data-testid=residents-table] tbody tr', { hasText: name });
}

async function showStatus(page: Page, label: '待认证' | '已认证' | '已停用'): Promise<void> {
  await page.locator('[data-testid=resident-status-filter]').getByText(label, { exact: true }).click();
}

test.describe('staff console', () => {
  test('a wrong password is refused with a message', async ({ page }) => {
    await page.goto('/console/login');
    await page.locator('#username').fill('staff.g');
    await page.locator('#password').fill('not-the-password');
    await page.locator('[data-testid=login-submit]').click();
    await expect(page.locator('[data-testid=login-error]')).toBeVisible();
    await expect(page).toHaveURL(/\/console\/login$/);
  });

  test('staff.g verifies the pending resident 周磊, sees them under 已认证 and in the audit log', async ({ page }) => {
    await logIn(page, 'staff.g', '王芳');
    await expect(page.locator('[data-testid=current-community]')).toHaveText('光华社区');

    // 居民, from the menu, as staff would.
    await page.getByRole('menuitem', { name: /居民$/ }).click();
    await expect(page.getByRole('heading', { name: '居民' })).toBeVisible();
    const filter = page.locator('[data-testid=resident-status-filter]');
    await expect(filter.locator('.ant-segmented-item-selected')).toHaveText('待认证');

    const row = residentRow(page, pendingResidentOfG.name);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(pendingResidentOfG.phone);
    await expect(row).toContainText(pendingResidentOfG.household);
    await expect(row).toContainText('待认证');
    // Lists never show a full phone number.
    await expect(page.locator('[data-testid=residents-table]')).not.toContainText('13800000009');
    await page.screenshot({ path: '.artifacts/screens/console-residents-pending.png' });

    const verifyButton = row.locator('[data-testid^=verify-resident-]');
    await expect(verifyButton).toHaveText('认证');
    await expect(verifyButton).toBeEnabled();
    await verifyButton.click();

    const confirm = page.locator('[data-testid=verify-confirm]');
    await expect(confirm).toBeVisible();
    await expect(page.locator('.ant-popconfirm')).toContainText('确认已核实该住户信息？');
    await expect(page.locator('.ant-popconfirm')).toContainText(
      `${pendingResidentOfG.name}：${pendingResidentOfG.household}`,
    );
    const verifyResponse = page.waitForResponse(
      (response) => /\/api\/v1\/residents\/\d+\/verify$/.test(response.url()) && response.request().method() === 'POST',
    );
    await confirm.click();
    expect((await verifyResponse).status()).toBe(200);

    await expect(page.locator('.ant-message')).toContainText(`已认证：${pendingResidentOfG.name}`);
    await expect(residentRow(page, pendingResidentOfG.name)).toHaveCount(0);
    await expect(page.locator('[data-testid=residents-table]')).toContainText('暂无待认证的居民');

    // 已认证 filter: 周磊 is there now, with the button to make them a volunteer.
    await showStatus(page, '已认证');
    await expect(page).toHaveURL(/\/console\/residents\?status=verified/);
    const verifiedRow = residentRow(page, pendingResidentOfG.name);
    await expect(verifiedRow).toHaveCount(1);
    await expect(verifiedRow).toContainText('已认证');
    await expect(verifiedRow.locator('[data-testid^=volunteer-toggle-]')).toHaveText('设为志愿者');
    await expect(residentRow(page, '李秀英')).toHaveCount(1);
    await page.screenshot({ path: '.artifacts/screens/console-residents-verified.png' });

    // The same list reached by its address.
    await page.goto('/console/residents?status=verified');
    await expect(residentRow(page, pendingResidentOfG.name)).toContainText('已认证');

    // 审计: the verification is recorded with the staff member as actor.
    await page.getByRole('menuitem', { name: '审计' }).click();
    await expect(page).toHaveURL(/\/console\/audit$/);
    await expect(page.getByRole('heading', { name: '审计' })).toBeVisible();
    // Other suites share the database and verify residents of their own: pick this one's row by name.
    const auditRow = page
      .locator('[data-testid=audit-table] tbody tr', { hasText: '认证居民' })
      .filter({ hasText: `认证住户 ${pendingResidentOfG.name}` });
    await expect(auditRow).toHaveCount(1);
    await expect(auditRow).toContainText('王芳');
    await expect(auditRow).toContainText('3栋2单元402');
    await page.screenshot({ path: '.artifacts/screens/console-audit.png' });
  });

  test('staff.b of 滨海社区 does not see 周磊 of 光华社区 (tenant isolation)', async ({ page }) => {
    await logIn(page, 'staff.b', '刘洋');
    await expect(page.locator('[data-testid=current-community]')).toHaveText('滨海社区');
    await page.getByRole('menuitem', { name: /居民$/ }).click();

    // Their own pending resident is listed, so the list did load ...
    await expect(residentRow(page, pendingResidentOfB.name)).toHaveCount(1);
    // ... and 周磊 is in neither list, whether or not the other test verified them already.
    await expect(residentRow(page, pendingResidentOfG.name)).toHaveCount(0);
    await page.screenshot({ path: '.artifacts/screens/console-staff-b.png' });
    await showStatus(page, '已认证');
    await expect(residentRow(page, '孙丽')).toHaveCount(1);
    await expect(residentRow(page, pendingResidentOfG.name)).toHaveCount(0);
    await expect(residentRow(page, '李秀英')).toHaveCount(0);

    // Searching by name finds nothing either.
    await page.locator('[data-testid=resident-search] input').fill(pendingResidentOfG.name);
    await page.locator('[data-testid=resident-search] input').press('Enter');
    await expect(page).toHaveURL(/q=/);
    await expect(page.locator('[data-testid=residents-table]')).toContainText(
      `没有找到与「${pendingResidentOfG.name}」相关的居民`,
    );

    // Behind the UI: staff.b acting on 周磊's id by hand gets 404, as if the record did not exist.
    const staffG = await page.request.post('/api/v1/auth/login', { data: { username: 'staff.g', password } });
    expect(staffG.status()).toBe(200);
    const gToken = ((await staffG.json()) as LoginResponse).token;
    const gResidents = await page.request.get(
      `/api/v1/residents?q=${encodeURIComponent(pendingResidentOfG.name)}&status=verified`,
      {
        headers: { Authorization: `Bearer ${gToken}` },
      },
    );
    const gPending = await page.request.get(
      `/api/v1/residents?q=${encodeURIComponent(pendingResidentOfG.name)}&status=pending`,
      {
        headers: { Authorization: `Bearer ${gToken}` },
      },
    );
    const found = [
      ...((await gResidents.json()) as ApiPage<ResidentListItem>).items,
      ...((await gPending.json()) as ApiPage<ResidentListItem>).items,
    ].find((item) => item.name === pendingResidentOfG.name);
    expect(found, '周磊 is a resident of 光华社区').toBeDefined();

    const bToken = await page.evaluate(() => localStorage.getItem('linli.console.token'));
    expect(bToken).toBeTruthy();
    const attempt = await page.request.post(`/api/v1/residents/${found!.id}/verify`, {
      headers: { Authorization: `Bearer ${bToken}` },
    });
    expect(attempt.status()).toBe(404);
  });
});
