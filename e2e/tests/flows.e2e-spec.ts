import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/** Issue #19: the flows as residents and staff meet them (double submits, named recipients, audited reveals). */

async function login(request: APIRequestContext, path: string, data: object): Promise<string> {
  const response = await request.post(`/api/v1/auth/${path}`, { data });
  expect(response.status()).toBe(200);
  return (await response.json()).token;
}

async function consoleLogin(page: Page, username = 'staff.g'): Promise<void> {
  await page.goto('/console/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('linli-demo');
  await page.locator('[data-testid=login-submit]').click();
  await expect(page.locator('[data-testid=logout]')).toBeVisible();
}

/** A published activity of G starting in 10 minutes, with the given volunteer signed up. */
async function activityWithVolunteer(request: APIRequestContext, staff: string, volunteer: string): Promise<number> {
  const start = new Date(Date.now() + 10 * 60_000);
  const headers = { authorization: `Bearer ${staff}` };
  const created = await request.post('/api/v1/activities', {
    headers,
    data: {
      title: `e2e 双击签到 ${Date.now().toString(36)}`,
      description: '双击只签到一次',
      place: '1栋楼下',
      capacity: 5,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
      signupDeadline: start.toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const id: number = (await created.json()).id;
  expect((await request.post(`/api/v1/activities/${id}/publish`, { headers })).status()).toBe(200);
  const signup = await request.post(`/api/v1/activities/${id}/signup`, {
    headers: { authorization: `Bearer ${volunteer}` },
  });
  expect(signup.status()).toBeLessThan(300);
  return id;
}

test('a double click on the console 签到 sends one POST and shows one toast', async ({ page, request }) => {
  const staff = await login(request, 'login', { username: 'staff.g', password: 'linli-demo' });
  const volunteer = await login(request, 'dev-login', { phone: '13800000001', community: 'G' }); // 李秀英
  const activityId = await activityWithVolunteer(request, staff, volunteer);
  const code = await request.get('/api/v1/me/code', { headers: { authorization: `Bearer ${volunteer}` } });
  const digits: string = (await code.json()).digits;

  await consoleLogin(page);
  await page.goto(`/console/activities/${activityId}/attendance`);
  await page.locator('[data-testid=attendance-action]').getByText('签到', { exact: true }).click();
  await page.locator('[data-testid=attendance-user-code]').fill(digits);

  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes(`/api/v1/activities/${activityId}/attendance`)) posts.push(r.url());
  });
  // Slow the answer down so the second click surely lands while the first is in flight.
  await page.route(`**/api/v1/activities/${activityId}/attendance`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await new Promise((resolve) => setTimeout(resolve, 800));
    return route.continue();
  });
  await page.locator('[data-testid=attendance-submit]').dblclick();
  await expect(page.getByText('已代为签到')).toHaveCount(1);
  await page.waitForTimeout(1_000);
  expect(posts).toHaveLength(1);
  await expect(page.getByText('已代为签到')).toHaveCount(1);
});

test('a transfer by typed account number names the recipient; an unknown number is refused before the dialog', async ({
  browser,
  request,
}) => {
  const recipient = await request.post('/api/v1/auth/dev-login', { data: { phone: '13800000002', community: 'G' } });
  const recipientId: number = (await recipient.json()).user.id; // 陈志强, 1栋 2单元
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const app = await phone.newPage();
  await app.goto('/');
  await app.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();
  await app.locator('.e2e-devlogin-phone input').fill('13800000001'); // 李秀英
  await app.locator('.e2e-community-G').click();
  await app.locator('.e2e-devlogin-submit').click();
  await expect(app.locator('.e2e-home-greeting')).toBeVisible();
  await app.locator('.weui-tabbar__item', { hasText: '我的' }).click();
  await app.locator('.e2e-timebank-entry').click();
  await app.locator('.e2e-transfer-open').click();

  // A number nobody in the community has: refused on the field, no dialog.
  await app.locator('.e2e-transfer-recipient input').fill('987654');
  await app.locator('.e2e-transfer-minutes input').fill('10');
  await app.locator('.e2e-transfer-memo input').fill('谢谢');
  await app.locator('.e2e-transfer-submit').click();
  await expect(app.locator('.e2e-transfer-recipient-error')).toContainText('找不到该居民');
  await expect(app.locator('.e2e-transfer-confirm')).toHaveCount(0);

  // The neighbour's number: the dialog names them and their building before anything moves.
  await app.locator('.e2e-transfer-recipient input').fill(String(recipientId));
  await app.locator('.e2e-transfer-submit').click();
  await expect(app.locator('.e2e-transfer-confirm-name')).toContainText('陈志强');
  await expect(app.locator('.e2e-transfer-confirm-name')).toContainText('1栋');
  await expect(app.locator('.e2e-transfer-confirm-name')).toContainText(`#${recipientId}`);
  await phone.close();
});

test('staff reveal one number of a notice follow-up list with a click; the audit log says so in words', async ({
  page,
  request,
}) => {
  const staff = await login(request, 'login', { username: 'staff.g', password: 'linli-demo' });
  const headers = { authorization: `Bearer ${staff}` };
  const buildings = await (await request.get('/api/v1/buildings?community=G')).json();
  const building2 = (buildings.items ?? buildings).find((b: { name: string }) => b.name === '2栋');
  const title = `e2e 停水跟进 ${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/notices', {
    headers,
    data: { title, category: 'announcement', body: '明天停水', requiresAck: true, audienceBuildingIds: [building2.id] },
  });
  expect(created.status()).toBe(201);
  const noticeId: number = (await created.json()).id;
  expect((await request.post(`/api/v1/notices/${noticeId}/publish`, { headers })).status()).toBe(200);

  await consoleLogin(page);
  await page.goto(`/console/notices/${noticeId}/stats`);
  const row = page.locator('tbody tr', { hasText: '张桂兰' });
  await expect(row).toContainText('138****0003');
  await expect(row).not.toContainText('13800000003');
  const revealed = page.waitForResponse((r) => /\/api\/v1\/residents\/\d+\/phone$/.test(r.url()));
  await row.getByRole('button', { name: /显示号码：张桂兰/ }).click();
  expect((await revealed).status()).toBe(200);
  await expect(row.getByRole('link', { name: /13800000003/ })).toHaveAttribute('href', 'tel:13800000003');

  // The audit log: the action in words, with this notice named.
  await page.goto('/console/audit');
  const auditRow = page
    .locator('[data-testid=audit-table] tbody tr', { hasText: '查看完整手机号' })
    .filter({ hasText: `公告「${title}」` });
  await expect(auditRow).toHaveCount(1);
  await expect(auditRow).toContainText('张桂兰');
  await expect(page.locator('[data-testid=audit-table]')).not.toContainText('resident.phone.reveal');
});

test('the live check-out screen: every text at least 4.5:1, and an 8-digit code to type', async ({ page, request }) => {
  const staff = await login(request, 'login', { username: 'staff.g', password: 'linli-demo' });
  const volunteer = await login(request, 'dev-login', { phone: '13800000002', community: 'G' });
  const activityId = await activityWithVolunteer(request, staff, volunteer);
  await consoleLogin(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/console/activities/${activityId}/live?purpose=checkout`);
  await expect(page.locator('[data-testid=live-code-qr]')).toBeVisible();
  await expect(page.locator('[data-testid=live-short-code]')).toHaveText(/^\d{4} \d{4}$/);
  await expect(page.locator('[data-testid=live-code-page]')).not.toContainText('LA1.');

  const failures = await page.evaluate(() => {
    const channel = (c: number) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const parse = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    /** The first opaque background behind an element, blending translucent layers on the way. */
    const backgroundOf = (element: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = element; e; e = e.parentElement) {
        const [r, g, b, a = 1] = parse(getComputedStyle(e).backgroundColor);
        if (a > 0) layers.push([r, g, b, a]);
        if (a >= 1) break;
      }
      let base = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse())
        base = [r * a + base[0] * (1 - a), g * a + base[1] * (1 - a), b * a + base[2] * (1 - a)];
      return base;
    };
    const out: string[] = [];
    const root = document.querySelector('[data-testid=live-code-page]')!;
    for (const element of root.querySelectorAll('*')) {
      const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || (element as HTMLElement).offsetParent === null) continue;
      const background = backgroundOf(element);
      const [r, g, b, a = 1] = parse(getComputedStyle(element).color);
      const color = [r * a + background[0] * (1 - a), g * a + background[1] * (1 - a), b * a + background[2] * (1 - a)];
      const [hi, lo] = [luminance(color), luminance(background)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) out.push(`${element.textContent.trim().slice(0, 20)}: ${ratio.toFixed(2)}`);
    }
    return out;
  });
  expect(failures).toEqual([]);
});
