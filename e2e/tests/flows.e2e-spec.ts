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
