import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * Human touch (issues 16 and 19) in the H5 build: axe-core on the main pages in normal and 长辈模式,
 * 长辈模式's type and tap-target sizes, the personal code at 320 px with a large font, unknown routes and
 * missing records that lead home, network trouble that is told, and 登录已过期.
 */

const resident = { phone: '13800000001', community: 'G', name: '李秀英' };

interface Session {
  token: string;
  user: unknown;
}

/** Logs in through the API (the login page itself is covered by h5.e2e-spec) and hands the session over. */
async function devLogin(page: Page): Promise<Session> {
  const response = await page.request.post('/api/v1/auth/dev-login', {
    data: { phone: resident.phone, community: resident.community },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as Session;
}

/** Taro's H5 storage keeps each value as JSON `{ data }` in localStorage (stores/storage.ts keys). */
async function residentContext(
  browser: Browser,
  options: { elder?: boolean; width?: number; session?: Session | 'expired' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const session = options.session === 'expired' ? { token: 'expired-token', user: null } : options.session;
  const { token, user } = session ?? (await devLogin(page));
  await context.addInitScript(
    ({ token, user, elder }) => {
      const put = (key: string, data: unknown) => localStorage.setItem(key, JSON.stringify({ data }));
      if (localStorage.getItem('linli.e2e.seeded')) return;
      localStorage.setItem('linli.e2e.seeded', '1');
      put('linli.token', token);
      if (user) put('linli.user', user);
      put('linli.privacyAccepted.v1', true);
      put('linli.elderMode', elder);
    },
    { token, user, elder: options.elder === true },
  );
  return { context, page };
}

/** Serious and critical axe-core findings (WCAG 2.1 A/AA), as "rule: target" lines for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}`),
    );
}

/** The main H5 pages and what shows each has loaded. */
const mainPages: Array<{ name: string; path: string; ready: string }> = [
  { name: '首页', path: '/pages/home/index', ready: '.e2e-notice-item' },
  { name: '预约', path: '/pages/bookings/index', ready: '.e2e-my-bookings-entry' },
  { name: '志愿', path: '/pages/volunteer/index', ready: '.e2e-scan-open' },
  { name: '我的', path: '/pages/me/index', ready: '.e2e-profile' },
  { name: '消息', path: '/packages/inbox/pages/index/index', ready: '.e2e-inbox-unread' },
  { name: '我的签到码', path: '/packages/volunteer/pages/code/index', ready: '.e2e-my-code-qr' },
  { name: '亲情代办', path: '/packages/family/pages/index/index', ready: '.e2e-make-code' },
  { name: '页面不存在', path: '/pages/not-found/index', ready: '.e2e-not-found' },
  { name: '时间银行', path: '/packages/timebank/pages/index/index', ready: '.e2e-timebank-balance' },
  { name: '转赠', path: '/packages/timebank/pages/transfer/index', ready: '.e2e-transfer-form' },
  { name: '兑换礼品', path: '/packages/timebank/pages/rewards/index', ready: '.e2e-rewards-balance' },
  { name: '我的预约', path: '/packages/booking/pages/mine/index', ready: '.e2e-booking-scan' },
  { name: '我的活动', path: '/packages/volunteer/pages/mine/index', ready: '.e2e-my-activities-total' },
  { name: '活动详情', path: '/packages/volunteer/pages/detail/index?id=1', ready: '.e2e-activity-title' },
];

async function open(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(`/#${path}`);
  await expect(page.locator(ready).first()).toBeVisible();
  // Skeletons and the first answers settle.
  await page.waitForLoadState('networkidle');
}

for (const elder of [false, true]) {
  test(`axe-core: no serious or critical violations on the main H5 pages (${elder ? '长辈模式' : '普通模式'})`, async ({
    browser,
  }) => {
    // 15 pages, each loaded and analysed: more than the default minute on a busy machine.
    test.setTimeout(240_000);
    const { context, page } = await residentContext(browser, { elder });
    const found: Record<string, string[]> = {};
    for (const { name, path, ready } of mainPages) {
      await open(page, path, ready);
      if (elder) await expect(page.locator('.lk-page.lk-elder').first()).toBeAttached();
      found[name] = await seriousViolations(page);
    }
    // The notice page, with its 朗读 button.
    await open(page, '/pages/home/index', '.e2e-notice-item');
    await page.locator('.e2e-notice-item').first().click();
    await expect(page.locator('.e2e-notice-title')).toBeVisible();
    await expect(page.locator('.e2e-notice-read-aloud')).toHaveText('朗读');
    found['公告'] = await seriousViolations(page);
    await page.screenshot({ path: `.artifacts/screens/touch-notice-${elder ? 'elder' : 'normal'}.png` });
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
    await context.close();
  });
}

/** The smallest font size of visible text and the smallest tap target, as the page draws them. */
async function measure(page: Page): Promise<{
  smallestText: number;
  smallestTarget: number;
  smallestTargetClass: string;
  overflow: number;
  clipped: string[];
}> {
  return page.evaluate(() => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const page = document.querySelector('.taro_page.taro_page_show:not(.taro_page_shade) .lk-page') ?? document.body;
    let smallestText = Infinity;
    const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || !visible(parent)) continue;
      smallestText = Math.min(smallestText, parseFloat(getComputedStyle(parent).fontSize));
    }
    let smallestTarget = Infinity;
    let smallestTargetClass = '';
    page
      .querySelectorAll(
        [
          '.nut-button',
          '.nut-cell--clickable',
          '.lk-notices__tab',
          '.lk-elder-switch',
          '.lk-room',
          '.lk-bookings__mine',
          '.lk-volunteer__entry',
        ].join(', '),
      )
      .forEach((target) => {
        if (!visible(target)) return;
        const box = target.getBoundingClientRect();
        if (Math.min(box.height, box.width) >= smallestTarget) return;
        smallestTarget = Math.min(box.height, box.width);
        smallestTargetClass = target.className;
      });
    // Text cut off: a box that hides what overflows it, holding more than it shows. A line-clamped preview
    // (a notice's excerpt under its title, the whole text one tap away) is a summary, not a cut.
    const clipped: string[] = [];
    page.querySelectorAll('*').forEach((element) => {
      if (!(element instanceof HTMLElement) || !visible(element) || !element.textContent?.trim()) return;
      const style = getComputedStyle(element);
      if (style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '') return;
      const hides = (value: string) => value === 'hidden' || value === 'clip';
      const cutX = hides(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      const cutY = hides(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      if (cutX || cutY)
        clipped.push(`${element.className || element.tagName}: ${element.textContent.trim().slice(0, 20)}`);
    });
    return {
      smallestText,
      smallestTarget,
      smallestTargetClass,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      clipped,
    };
  });
}

test('normal mode: tap targets ≥ 44 px and nothing scrolls sideways', async ({ browser }) => {
  const { context, page } = await residentContext(browser);
  for (const { path, ready } of [mainPages[0], mainPages[3]]) {
    await open(page, path, ready);
    const sizes = await measure(page);
    expect(sizes.overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    expect(sizes.smallestTarget, `${path} smallest tap target ${sizes.smallestTargetClass}`).toBeGreaterThanOrEqual(44);
  }
  await context.close();
});

// 长辈模式 at the browser's standard font (16 px) and at 1.4× (23 px, about WeChat 关怀模式), 320 / 375 / 414 wide.
for (const rootFont of [16, 23]) {
  test(`长辈模式 at a ${rootFont} px font: text ≥ 18 px, targets ≥ 60 px, no clipping or sideways scroll at 320/375/414`, async ({
    browser,
  }) => {
    const measured: string[] = [];
    for (const width of [320, 375, 414]) {
      const { context, page } = await residentContext(browser, { elder: true, width });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: rootFont, fixed: rootFont } });
      for (const { name, path, ready } of [mainPages[0], mainPages[1], mainPages[2], mainPages[3], mainPages[5]]) {
        await open(page, path, ready);
        const sizes = await measure(page);
        const where = `${name} at ${width} px`;
        expect(sizes.overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
        expect(sizes.smallestText, `${where} smallest text`).toBeGreaterThanOrEqual(18);
        expect(
          sizes.smallestTarget,
          `${where} smallest tap target ${sizes.smallestTargetClass}`,
        ).toBeGreaterThanOrEqual(60);
        expect(sizes.clipped, `${where} clipped text`).toEqual([]);
        const targets = Number.isFinite(sizes.smallestTarget) ? `${Math.round(sizes.smallestTarget)} px` : 'none';
        measured.push(`${where}: text ≥ ${sizes.smallestText} px, targets ≥ ${targets}`);
      }
      await page.screenshot({ path: `.artifacts/screens/touch-elder-${rootFont}px-${width}.png` });
      await context.close();
    }
    test.info().annotations.push({ type: 'measured', description: measured.join('; ') });
  });
}

test('the personal code fits at 320 px with a large font: digits on one line, the QR and its margin inside', async ({
  browser,
}) => {
  const { context, page } = await residentContext(browser, { elder: true, width: 320 });
  // The browser's own font setting at 150 % (24 px), as a user with low vision sets it.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 24 } });
  await open(page, '/packages/volunteer/pages/code/index', '.e2e-my-code-qr');
  await expect(page.locator('.e2e-my-code-digits')).toHaveText(/^\d{3} \d{3}$/);
  const fit = await page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const card = box('.lk-my-code__card');
    const qr = box('.e2e-my-code-qr');
    const digits = document.querySelector<HTMLElement>('.e2e-my-code-digits')!;
    const rootFont = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const qrPadding = parseFloat(getComputedStyle(document.querySelector('.e2e-my-code-qr')!).paddingLeft);
    return {
      rootFont,
      viewport: document.documentElement.clientWidth,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      card: { left: card.left, right: card.right },
      qr: { left: qr.left, right: qr.right, width: qr.width },
      qrPadding,
      digits: {
        ...(({ left, right, height }) => ({ left, right, height }))(digits.getBoundingClientRect()),
        lineHeight: parseFloat(getComputedStyle(digits).lineHeight),
        clipped: digits.scrollWidth > digits.clientWidth + 1,
      },
    };
  });
  expect(fit.rootFont).toBe(24);
  expect(fit.viewport).toBe(320);
  expect(fit.overflow).toBeLessThanOrEqual(0);
  // The QR with its white quiet zone lies wholly inside the card.
  expect(fit.qr.left).toBeGreaterThanOrEqual(fit.card.left);
  expect(fit.qr.right).toBeLessThanOrEqual(fit.card.right);
  expect(fit.qrPadding).toBeGreaterThan(0);
  // Six digits on one line, inside the card, not cut off.
  expect(fit.digits.left).toBeGreaterThanOrEqual(fit.card.left);
  expect(fit.digits.right).toBeLessThanOrEqual(fit.card.right);
  expect(fit.digits.height).toBeLessThan(fit.digits.lineHeight * 1.5);
  expect(fit.digits.clipped).toBe(false);
  await page.screenshot({ path: '.artifacts/screens/touch-code-320.png' });
  await context.close();
});

test('an unknown H5 route and a missing notice lead home; subpages have a title and a back button', async ({
  browser,
}) => {
  const { context, page } = await residentContext(browser);
  await page.goto('/#/pages/no-such-page/index');
  await expect(page.locator('.e2e-not-found')).toContainText('没有找到这个页面');
  await expect(page.locator('#taro-navigation-bar .taro-navigation-bar-title')).toHaveText('页面不存在');
  await page.locator('.e2e-not-found-home').click();
  await expect(page).toHaveURL(/#\/pages\/home\/index/);
  await expect(page.locator('.e2e-home-greeting')).toContainText(resident.name);

  // A stale link from a message: the notice is gone; the error leads home, not only to 重试.
  await page.goto('/#/pages/notice-detail/index?id=999999');
  await expect(page.locator('.e2e-notice-detail-error')).toBeVisible();
  await expect(page.locator('#taro-navigation-bar')).toHaveClass(/taro-navigation-bar-show/);
  await page.locator('.e2e-notice-detail-error .e2e-list-home').click();
  await expect(page).toHaveURL(/#\/pages\/home\/index/);

  // Opened from 首页, a subpage offers 返回 (a named button) back to it.
  await page.locator('.e2e-notice-item').first().click();
  await expect(page.locator('.e2e-notice-title')).toBeVisible();
  const back = page.getByRole('button', { name: '返回' });
  await expect(back).toBeVisible();
  await back.click();
  await expect(page).toHaveURL(/#\/pages\/home\/index/);
  await context.close();
});

test('offline: a tab switch says the page could not open and 重试 opens it once back online', async ({ browser }) => {
  const { context, page } = await residentContext(browser);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await open(page, '/pages/home/index', '.e2e-notice-item');
  await context.setOffline(true);
  // 预约's code has not been downloaded yet.
  await page.locator('.weui-tabbar__item', { hasText: '预约' }).click();
  await expect(page.locator('.e2e-chunk-error')).toContainText('网络已断开');
  await expect(page.locator('.e2e-offline-banner').first()).toContainText('网络已断开');
  await page.screenshot({ path: '.artifacts/screens/touch-offline.png' });
  await context.setOffline(false);
  await page.locator('.e2e-chunk-error-retry').click();
  await expect(page).toHaveURL(/#\/pages\/bookings\/index/);
  await expect(page.locator('.e2e-chunk-error')).toHaveCount(0);
  // Tab items carry no javascript: link, so tapping them raises no CSP violation.
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
  await expect(page.locator('.e2e-profile')).toBeVisible();
  expect(await page.locator('.weui-tabbar a[href^="javascript:"]').count()).toBe(0);
  expect(cspViolations).toEqual([]);
  await context.close();
});

test('a session the server no longer accepts ends on the login page with 登录已过期', async ({ browser }) => {
  const { context, page } = await residentContext(browser, { session: 'expired' });
  await page.goto('/#/pages/home/index');
  await expect(page).toHaveURL(/#\/pages\/login\/index/);
  await expect(page.locator('.e2e-session-expired')).toContainText('登录已过期');
  await context.close();
});

test('首页 and 我的 read one verification state: a household sent is 等待核实 on both, never 去填写', async ({
  browser,
  request,
}) => {
  // A new resident (dev login creates them pending, without a household).
  const phone = `1370000${String(Date.now()).slice(-4)}`;
  const login = await request.post('/api/v1/auth/dev-login', { data: { phone, community: resident.community } });
  expect(login.status()).toBe(200);
  const session = (await login.json()) as Session;
  const { context, page } = await residentContext(browser, { session });
  await open(page, '/pages/home/index', '.e2e-home-verify');
  await expect(page.locator('.e2e-home-verify')).toContainText('去填写');

  // The household is sent (as the form in 我的 does).
  const buildings = await request.get(`/api/v1/buildings?community=${resident.community}`);
  const buildingId = ((await buildings.json()) as { items: Array<{ id: number }> }).items[0].id;
  const sent = await request.patch('/api/v1/me', {
    headers: { Authorization: `Bearer ${session.token}` },
    data: { name: '测试居民', buildingId, unit: '1', room: '101' },
  });
  expect(sent.status()).toBe(200);

  await page.reload();
  await expect(page.locator('.e2e-home-verify-submitted')).toContainText('已提交，等待核实');
  await expect(page.locator('.e2e-home-verify')).toHaveCount(0);
  await page.locator('.e2e-home-verify-submitted').click();
  await expect(page).toHaveURL(/#\/pages\/me\/index/);
  await expect(page.locator('.e2e-profile-status')).toHaveText('已提交，等待核实');
  await expect(page.locator('.e2e-household-form')).toContainText('等待社区工作人员核实');
  await context.close();
});

test('在地图中查看 on an activity with a place opens a web map at its coordinates (H5), not raw numbers', async ({
  browser,
}) => {
  const { context, page } = await residentContext(browser);
  // The web map is outside this machine's network: answer its address here and record where the app went.
  const opened: string[] = [];
  await context.route('https://uri.amap.com/**', (route) => {
    opened.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<title>map</title>' });
  });
  await open(page, '/pages/volunteer/index', '.e2e-scan-open');
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('linli.token') ?? '{}').data as string);
  const list = await page.request.get('/api/v1/activities', { headers: { Authorization: `Bearer ${token}` } });
  const items = ((await list.json()) as { items: Array<{ id: number; geofence: { lat: number; lng: number } | null }> })
    .items;
  const placed = items.find((a) => a.geofence !== null);
  expect(placed, 'a demo activity with a geofence').toBeDefined();
  await open(page, `/packages/volunteer/pages/detail/index?id=${placed!.id}`, '.e2e-activity-title');
  await expect(page.locator('.e2e-activity-map')).toHaveText(/在地图中查看/);
  await page.locator('.e2e-activity-map').click();
  await expect.poll(() => opened.length).toBe(1);
  const url = new URL(opened[0]);
  expect(url.searchParams.get('position')).toBe(`${placed!.geofence!.lng},${placed!.geofence!.lat}`);
  expect(url.searchParams.get('coordinate')).toBe('wgs84');
  await context.close();
});
