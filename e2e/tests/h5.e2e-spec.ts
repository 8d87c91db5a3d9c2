import { expect, test, type Page } from '@playwright/test';

/** The H5 build of the resident mini-app, served by the API server at `/` (hash router). */

test.use({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
});

const resident = { phone: '13800000001', name: '李秀英', community: 'G', communityName: '光华社区' };

/** Collects uncaught page errors so a test can assert the app ran cleanly. */
function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test.describe('H5 mini-app (resident)', () => {
  test('privacy consent, dev login as a verified resident of 光华社区, home greeting, 我的 profile', async ({
    page,
  }) => {
    const pageErrors = trackPageErrors(page);

    await page.goto('/');

    // Logged out: the app sends the visitor to the login page.
    await expect(page).toHaveURL(/#\/pages\/login\/index/);
    await expect(page.getByText('社区公告 · 活动预约 · 志愿服务 · 时间银行')).toBeVisible();

    // The 隐私保护指引 insists on consent before anything personal is sent.
    const privacyDialog = page.locator('.e2e-privacy-dialog');
    await expect(privacyDialog).toBeVisible();
    await expect(privacyDialog.getByText('隐私保护指引', { exact: true })).toBeVisible();
    // Taro renders buttons as <taro-button-core>: NutUI marks a disabled one by class, not by attribute.
    const devLoginSubmit = page.locator('.e2e-devlogin-submit');
    await expect(devLoginSubmit).toHaveClass(/nut-button-disabled/);
    await page.screenshot({ path: '.artifacts/screens/h5-privacy.png' });
    await privacyDialog.locator('.e2e-privacy-agree').click();
    await expect(privacyDialog).toBeHidden();

    // Dev login (the browser has no WeChat identity; the demo server allows it).
    const devLogin = page.locator('.e2e-devlogin');
    await expect(devLogin.getByText('开发登录', { exact: true })).toBeVisible();
    await devLogin.locator('.e2e-devlogin-phone input').fill(resident.phone);
    const communityOption = devLogin.locator(`.e2e-community-${resident.community}`);
    await expect(communityOption).toHaveText(resident.communityName);
    await communityOption.click();
    await expect(communityOption).toHaveClass(/lk-login__community--selected/);
    await page.screenshot({ path: '.artifacts/screens/h5-login.png' });
    await expect(devLoginSubmit).not.toHaveClass(/nut-button-disabled/);
    const loginResponse = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/dev-login'));
    await devLoginSubmit.click();
    expect((await loginResponse).status()).toBe(200);

    // 首页: greeting with the resident's name and community.
    await expect(page).toHaveURL(/#\/pages\/home\/index/);
    const greeting = page.locator('.e2e-home-greeting');
    await expect(greeting).toContainText(`您好，${resident.name}`);
    await expect(greeting.locator('.e2e-home-community')).toHaveText(resident.communityName);
    await expect(page.locator('.e2e-home-notices')).toContainText('社区公告');
    // A verified resident is not asked to complete the household form.
    await expect(page.getByText('完成住户认证')).toHaveCount(0);
    await page.screenshot({ path: '.artifacts/screens/h5-home.png' });

    // 我的 (tab bar): the profile shows the verified status.
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await expect(page).toHaveURL(/#\/pages\/me\/index/);
    const profile = page.locator('.e2e-profile');
    await expect(profile.locator('.e2e-profile-name')).toHaveText(resident.name);
    await expect(profile.locator('.e2e-profile-status')).toHaveText('已认证');
    await expect(profile.locator('.e2e-profile-volunteer')).toHaveText('志愿者');
    await expect(profile).toContainText(resident.communityName);
    await expect(profile).toContainText('138****0001');
    await expect(profile).toContainText('住户信息已认证');
    await expect(page.locator('.e2e-logout')).toBeVisible();
    await page.screenshot({ path: '.artifacts/screens/h5-me.png' });

    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  test('the dev-login form rejects a malformed phone number without calling the server', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/#\/pages\/login\/index/);
    await page.locator('.e2e-privacy-dialog .e2e-privacy-agree').click();

    let loginCalls = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/auth/dev-login')) loginCalls += 1;
    });
    await page.locator('.e2e-devlogin-phone input').fill('12345');
    await page.locator('.e2e-community-G').click();
    await page.locator('.e2e-devlogin-submit').click();
    await expect(page.locator('.e2e-devlogin-error')).toHaveText('请输入 11 位手机号');
    await expect(page).toHaveURL(/#\/pages\/login\/index/);
    expect(loginCalls).toBe(0);
  });
});
