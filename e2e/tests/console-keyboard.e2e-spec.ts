import { expect, test, type Page } from '@playwright/test';
import {
  consolePages,
  expectNoFindingOnAnyPage,
  logInToConsole,
  openConsolePage,
  settleConsolePage,
} from './console-pages';

/**
 * The staff console by keyboard alone (issue 16, item 6): on every console page, Tab reaches each control with a
 * visible focus indicator and leaves the page again (no trap), Shift+Tab walks back the same way, and the page's main
 * action works with Tab, Enter, Space, Escape and the arrows only. Nothing here clicks: page.mouse is never used, and
 * page.goto only opens the page under test (a keyboard user would follow a link or type the address).
 */

/** More stops than any console page has: reaching it means Tab never got back out of the page. */
const MAX_STOPS = 400;

/** What one Tab stop was: a readable name and whether it showed a focus indicator. */
interface Stop {
  name: string;
  indicator: string | null;
}

/**
 * Installed in the page: describes the focused element and, once focus has moved on, whether it looked different while
 * focused. The indicator is an outline or a box-shadow that is visible (≥ 1 px, colour at least half opaque) on the
 * focused element or inside its control (the nearest ancestors that hold no other tab stop: antd draws a checkbox's or
 * a select's ring on a wrapper) and that is not there once focus has left (a shadow every button has is no indicator).
 */
function installProbe(): void {
  type Snapshot = Array<{ element: Element; outline: string; shadow: string }>;
  interface Probe {
    previous: {
      element: Element;
      name: string;
      snapshot: Snapshot;
      bar: string | null;
      pickerRing: string | null;
    } | null;
    step(): { name: string | null; handle: number; previous: { name: string; indicator: string | null } | null };
    reset(): void;
    after(handle: number): string[];
  }
  const tabbable =
    'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';

  const alpha = (colour: string): number => {
    const match = /rgba?\(([^)]+)\)/.exec(colour);
    if (!match) return colour === 'transparent' ? 0 : 1;
    const parts = match[1].split(/[\s,/]+/).filter(Boolean);
    return parts.length > 3 ? Number(parts[3]) : 1;
  };
  const visibleBox = (element: Element): boolean => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return rect.width >= 1 && rect.height >= 1 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  };
  const outlineOf = (element: Element): string => {
    const style = getComputedStyle(element);
    if (style.outlineStyle === 'none' || style.outlineStyle === 'hidden') return '';
    if (parseFloat(style.outlineWidth) < 1 || alpha(style.outlineColor) < 0.5) return '';
    return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
  };
  const shadowOf = (element: Element): string => {
    const shadow = getComputedStyle(element).boxShadow;
    if (!shadow || shadow === 'none') return '';
    const colours = shadow.match(/rgba?\([^)]+\)/g) ?? [];
    return colours.some((colour) => alpha(colour) >= 0.5) ? `box-shadow ${shadow}` : '';
  };
  /** The focused element's control: it, and the ancestors (up to 4) that hold no other tab stop. */
  const controlOf = (element: Element): Element[] => {
    const elements: Element[] = [];
    let root: Element = element;
    for (let level = 0, parent = element.parentElement; level < 4 && parent; level++, parent = parent.parentElement) {
      const stops = [...parent.querySelectorAll(tabbable)].filter((stop) => stop !== element && visibleBox(stop));
      if (stops.length > 0 || parent === document.body) break;
      root = parent;
    }
    // The element and what it holds first, then the wrappers around it and what they hold.
    for (const part of [element, ...element.querySelectorAll('*')].slice(0, 40)) elements.push(part);
    for (let parent = element.parentElement; parent && root.contains(parent); parent = parent.parentElement) {
      elements.push(parent);
      if (parent === root) break;
    }
    for (const part of [...root.querySelectorAll('*')].slice(0, 60)) if (!elements.includes(part)) elements.push(part);
    return elements;
  };
  /**
   * A date range's two fields share one wrapper ring; which one has focus, antd shows by a bar under it
   * (.ant-picker-active-bar, drawn only while the range has focus).
   */
  const activeBarUnder = (element: Element): string | null => {
    const bar = element.closest('.ant-picker-range')?.querySelector('.ant-picker-active-bar');
    if (!bar || !visibleBox(bar) || alpha(getComputedStyle(bar).backgroundColor) < 0.5) return null;
    const field = element.getBoundingClientRect();
    const under = bar.getBoundingClientRect();
    const middle = under.left + under.width / 2;
    return middle >= field.left && middle <= field.right ? `active bar under the field (${under.width}px)` : null;
  };
  /**
   * A date picker's ring, drawn on its wrapper while it has focus (.ant-picker-focused). antd keeps it after Tab when
   * the picker's panel opened on focus and holds it, so the ring seen while focused is its indicator.
   */
  const pickerRingOf = (element: Element): string | null => {
    const picker = element.closest('.ant-picker.ant-picker-focused');
    if (!picker || !visibleBox(picker)) return null;
    const ring = shadowOf(picker) || outlineOf(picker);
    return ring ? `picker ${ring}` : null;
  };
  const snapshotOf = (element: Element): Snapshot =>
    controlOf(element).map((part) => ({
      element: part,
      outline: visibleBox(part) ? outlineOf(part) : '',
      shadow: visibleBox(part) ? shadowOf(part) : '',
    }));
  const nameOf = (element: Element): string => {
    const testId = element.closest('[data-testid]')?.getAttribute('data-testid');
    const role = element.getAttribute('role');
    const label =
      element.getAttribute('aria-label') ??
      element.getAttribute('placeholder') ??
      element.getAttribute('title') ??
      (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    const id = element.id ? `#${element.id}` : '';
    return `${element.tagName.toLowerCase()}${id}${role ? `[role=${role}]` : ''} "${label}"${testId ? ` in ${testId}` : ''}`;
  };
  const handles = new Map<Element, number>();
  const probe: Probe = {
    previous: null,
    step() {
      let previous: { name: string; indicator: string | null } | null = null;
      if (this.previous) {
        const now = snapshotOf(this.previous.element);
        const before = new Map(now.map((part) => [part.element, part]));
        let indicator: string | null = null;
        for (const part of this.previous.snapshot) {
          const after = before.get(part.element);
          if (part.outline && part.outline !== after?.outline) indicator = part.outline;
          else if (part.shadow && part.shadow !== after?.shadow) indicator = part.shadow;
          if (indicator) break;
        }
        indicator ??= this.previous.bar ?? this.previous.pickerRing;
        previous = { name: this.previous.name, indicator };
      }
      const active = document.activeElement;
      if (!active || active === document.body || active === document.documentElement) {
        this.previous = null;
        return { name: null, handle: 0, previous };
      }
      const name = nameOf(active);
      this.previous = {
        element: active,
        name,
        snapshot: snapshotOf(active),
        bar: activeBarUnder(active),
        pickerRing: pickerRingOf(active),
      };
      if (!handles.has(active)) handles.set(active, handles.size + 1);
      return { name, handle: handles.get(active) ?? 0, previous };
    },
    reset() {
      this.previous = null;
    },
    /** The visible tab stops after a stop in document order (none when Tab rightly went round to the first one). */
    after(handle: number) {
      const element = [...handles].find(([, number]) => number === handle)?.[0];
      if (!element) return [];
      return [...document.querySelectorAll(tabbable)]
        .filter((stop) => element.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING)
        .filter((stop) => !element.contains(stop) && visibleBox(stop) && !stop.closest('[inert], [aria-hidden=true]'))
        .map(nameOf);
    },
  };
  (window as unknown as { __keyboardProbe: Probe }).__keyboardProbe = probe;

  /**
   * What a mouse can click and the keyboard cannot reach: where the pointer cursor starts (an element whose parent has
   * another cursor) on something that is no tab stop, sits in none and holds none (a row clicked open whose title is a
   * link is fine). Reached otherwise, so not counted: the items of a tab list, menu, listbox or radio group (the arrows
   * move between them; a tab's wrapper holds the tab), a number field's arrows (ArrowUp and ArrowDown in the field) and a clear button (the field's
   * text can be deleted).
   */
  const reachedOtherwise =
    '[role=tab], [role=menuitem], [role=option], [role=radio], [role=treeitem], .ant-input-number-action, .ant-tabs-tab, .ant-input-clear-icon, .ant-select-clear, .ant-picker-clear';
  (window as unknown as { __mouseOnly: () => string[] }).__mouseOnly = () => {
    const pointerStarts = (element: Element): boolean =>
      getComputedStyle(element).cursor === 'pointer' &&
      (!element.parentElement || getComputedStyle(element.parentElement).cursor !== 'pointer');
    const reachable = (element: Element): boolean =>
      element.closest(tabbable) !== null ||
      element.closest(reachedOtherwise) !== null ||
      [...element.querySelectorAll(tabbable)].some((stop) => visibleBox(stop)) ||
      (element instanceof HTMLLabelElement && element.control !== null);
    return [...document.body.querySelectorAll('*')]
      .filter((element) => visibleBox(element) && !element.closest('[aria-hidden=true]'))
      .filter((element) => pointerStarts(element) && !reachable(element))
      .map(nameOf);
  };
}

interface Step {
  name: string | null;
  handle: number;
  previous: Stop | null;
}

/**
 * Once what focus changed has been drawn: two frames (a range's active bar moves in a layout effect), then the CSS
 * transitions running (antd fades its focus rings in; a reading halfway would be a blend), at most 1 s.
 */
async function probeStep(page: Page): Promise<Step> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
    await Promise.race([
      Promise.allSettled(transitions.map((transition) => transition.finished)),
      new Promise((resolve) => setTimeout(resolve, 1000)),
    ]);
    return (window as unknown as { __keyboardProbe: { step(): Step } }).__keyboardProbe.step();
  });
}

/** A Tab walk: the stops in order, their elements (numbered in the page) and what went wrong. */
interface Walk {
  stops: Stop[];
  handles: number[];
  problems: string[];
}

/**
 * Tab from a freshly loaded page (nothing focused) until focus leaves the page: onto the document, or round to the
 * first stop again (Chromium does either). Returns the stops in order and the problems: a stop without a focus
 * indicator, a stop Tab did not move from, a stop other than the first reached twice (a cycle: a trap), no end.
 */
async function walkForward(page: Page): Promise<Walk> {
  const walk: Walk = { stops: [], handles: [], problems: [] };
  let ended = false;
  for (let i = 0; i <= MAX_STOPS; i++) {
    await page.keyboard.press('Tab');
    const { name, handle, previous } = await probeStep(page);
    if (name !== null && handle === walk.handles.at(-1)) {
      walk.problems.push(`Tab did not move on from ${name}`);
      break;
    }
    if (previous) {
      walk.stops.push(previous);
      if (!previous.indicator) walk.problems.push(`no focus indicator: ${previous.name}`);
    }
    if (name !== null && handle === walk.handles[0]) {
      // Round to the first stop: the end of the page only if no stop was left out after the last one.
      const skipped = await page.evaluate(
        (last) =>
          (window as unknown as { __keyboardProbe: { after(handle: number): string[] } }).__keyboardProbe.after(last),
        walk.handles.at(-1) ?? 0,
      );
      if (skipped.length > 0) {
        walk.problems.push(
          `Tab went back to ${name} before ${skipped.length} stops after ${walk.stops.at(-1)?.name} (a cycle)`,
        );
      }
    }
    if (name === null || handle === walk.handles[0]) {
      ended = true;
      break;
    }
    if (walk.handles.includes(handle)) {
      walk.problems.push(`Tab came back to ${name} before leaving the page (a cycle)`);
      break;
    }
    walk.handles.push(handle);
  }
  if (!ended && !walk.problems.some((problem) => problem.startsWith('Tab'))) {
    walk.problems.push(`Tab did not leave the page within ${MAX_STOPS} stops`);
  }
  return walk;
}

/** From where the forward walk ended, Shift+Tab back to the first stop: the same stops in reverse. */
async function walkBackward(page: Page, forward: Walk): Promise<string[]> {
  const names: string[] = [];
  const seen = new Set<number>();
  for (let i = 0; i <= forward.stops.length + 2; i++) {
    await page.keyboard.press('Shift+Tab');
    const { name, handle } = await probeStep(page);
    if (name === null) {
      if (names.length === 0) continue; // off the first stop, onto the document, then the last stop
      break;
    }
    if (seen.has(handle)) break;
    seen.add(handle);
    names.push(name);
    if (handle === forward.handles[0]) break;
  }
  const expected = forward.stops.map((stop) => stop.name).reverse();
  if (names.length !== expected.length) {
    return [`Shift+Tab met ${names.length} stops, Tab ${expected.length}: ${names.join(' ← ')}`];
  }
  return names.flatMap((name, i) =>
    name === expected[i] ? [] : [`Shift+Tab stop ${i}: ${name}, Tab: ${expected[i]}`],
  );
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(installProbe);
});

/** The walk over every console page; the stops and problems per page go to .artifacts/<artifact>.json. */
async function walkEveryPage(page: Page, token: string, artifact: string): Promise<void> {
  const found: Record<string, string[]> = {};
  const counts: Record<string, number> = {};
  for (const [name, path] of await consolePages(page, token)) {
    await openConsolePage(page, path);
    const forward = await walkForward(page);
    const backward = forward.problems.length === 0 ? await walkBackward(page, forward) : [];
    const mouseOnly = await page.evaluate(() => (window as unknown as { __mouseOnly: () => string[] }).__mouseOnly());
    counts[name] = forward.stops.length;
    found[name] = [...forward.problems, ...backward, ...mouseOnly.map((element) => `mouse only: ${element}`)];
  }
  expectNoFindingOnAnyPage(artifact, `${artifact} (tab stops per page)`, counts, found);
}

test('every console page as staff: focus visible on each Tab stop, no trap, Shift+Tab walks back', async ({ page }) => {
  test.setTimeout(900_000);
  await walkEveryPage(page, await logInToConsole(page, 'staff.g'), 'console-keyboard');
});

test('every console page as the street admin in 全街道, chosen by keyboard', async ({ page }) => {
  test.setTimeout(900_000);
  const token = await logInToConsole(page, 'admin');
  // The community switcher: Tab to it, ArrowDown opens it, the arrows move to 全街道, Enter chooses it.
  const switcher = page.locator('[data-testid=community-switcher]');
  await pressUntil(page, '[data-testid=community-switcher]');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toBeVisible();
  for (let i = 0; i < 10; i++) {
    if ((await page.locator('.ant-select-item-option-active').textContent()) === '全街道') break;
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('Enter');
  await expect(switcher).toContainText('全街道');
  await walkEveryPage(page, token, 'console-keyboard-street');
});

/** Whether the focused element matches a selector (or sits inside one that does). */
async function focusedIn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((selector) => document.activeElement?.closest(selector) != null, selector);
}

/**
 * Presses `key` (Tab by default) until the focused element matches `selector`; fails after `limit` presses. Each press
 * waits (up to a second) for focus to move: antd's menu moves it in an animation frame and reads the item to move
 * from its last render, so arrows pressed faster than frames (a loaded CI machine) cancel one another.
 */
async function pressUntil(page: Page, selector: string, key = 'Tab', limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const before = await page.evaluateHandle(() => document.activeElement);
    await page.keyboard.press(key);
    await page
      .waitForFunction((element) => document.activeElement !== element, before, { timeout: 1000 })
      .catch(() => undefined);
    await before.dispose();
    if (await focusedIn(page, selector)) return;
  }
  throw new Error(`${key} × ${limit} never reached ${selector}`);
}

/** The element focus returns to: marked so the test can ask whether it is focused again. */
async function markFocused(page: Page): Promise<void> {
  await page.evaluate(() => document.activeElement?.setAttribute('data-keyboard-opener', ''));
}

async function expectFocusBackOnOpener(page: Page): Promise<void> {
  await expect
    .poll(() => focusedIn(page, '[data-keyboard-opener]'), { message: 'focus back on the opener' })
    .toBe(true);
  await page.evaluate(() => document.querySelector('[data-keyboard-opener]')?.removeAttribute('data-keyboard-opener'));
}

/**
 * A dialog or drawer: open, focus inside it; Tab never reaches the page behind it (past its last control focus may
 * leave the document, for the browser's own bar, and comes back into the dialog); Escape closes it and focus goes back
 * to its opener.
 */
async function openAndEscape(page: Page, opener: string, dialog: string): Promise<void> {
  await pressUntil(page, opener);
  await markFocused(page);
  await page.keyboard.press('Enter');
  await expect(page.locator(dialog)).toBeVisible();
  await expect.poll(() => focusedIn(page, dialog), { message: `focus moves into ${dialog}` }).toBe(true);
  let inside = 0;
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(
      (dialog) =>
        document.activeElement === document.body
          ? 'document'
          : document.activeElement?.closest(dialog)
            ? 'dialog'
            : 'page',
      dialog,
    );
    expect(where, `Tab ${i + 1} with ${dialog} open`).not.toBe('page');
    if (where === 'dialog') inside++;
  }
  expect(inside, `Tab stops in ${dialog}`).toBeGreaterThanOrEqual(6);
  if (!(await focusedIn(page, dialog))) await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  // A tooltip open on the focused control closes first (WCAG 1.4.13: dismissable), the dialog on the next Escape.
  const tooltip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)');
  if ((await tooltip.count()) > 0) {
    await page.keyboard.press('Escape');
    await expect(tooltip).toHaveCount(0);
    await expect(page.locator(dialog)).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(page.locator(dialog), `Escape with focus on ${focused}`).toBeHidden();
  await expectFocusBackOnOpener(page);
}

test('the menu by arrows and Enter; tabs by arrows; a Segmented filter by arrows', async ({ page }) => {
  await logInToConsole(page, 'staff.g');
  // The workbench's answers re-render the page: arrows pressed before that were lost (CI, 2026-12-04).
  await settleConsolePage(page);
  // The menu is the first stop; the arrows walk its items, Enter opens one.
  await page.keyboard.press('Tab');
  expect(await focusedIn(page, '[role=menu]')).toBe(true);
  await pressUntil(page, '[role=menuitem][data-menu-id$="-/residents"]', 'ArrowDown', 12);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/console\/residents$/);
  await expect(page.getByRole('heading', { name: '居民', exact: true })).toBeVisible();

  // 居民's status filter: the arrows move the selection (待认证 → 已认证).
  const filter = page.locator('[data-testid=resident-status-filter]');
  const selected = filter.locator('label:has(input:checked)');
  await expect(selected).toHaveText('待认证');
  await pressUntil(page, '[data-testid=resident-status-filter]');
  await page.keyboard.press('ArrowRight');
  await expect(selected).toHaveText('已认证');
  await expect(page.locator('[data-testid=residents-table] tbody tr', { hasText: '李秀英' })).toBeVisible();

  // 时间银行's tabs: the arrows move between them, Enter opens one.
  await page.goto('/console/timebank');
  await pressUntil(page, '[role=tab][aria-selected=true]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/console\/timebank\/rewards$/);
  await expect(page.getByRole('tab', { name: '奖励兑换', selected: true })).toBeVisible();
});

test('a request from the workbench and from the list, accepted by keyboard alone', async ({ page }) => {
  // A new request from a resident, so accepting it changes no demo request another suite reads.
  const resident = await page.request.post('/api/v1/auth/dev-login', {
    data: { phone: '13800000004', community: 'G' },
  });
  const residentToken = ((await resident.json()) as { token: string }).token;
  const title = `键盘受理 ${Date.now() % 100_000}`;
  const created = await page.request.post('/api/v1/requests', {
    headers: { authorization: `Bearer ${residentToken}` },
    data: { category: 'repair', title, description: '楼道灯不亮，晚上看不见台阶。', urgent: false, public: false },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: number }).id;

  await logInToConsole(page, 'staff.g');
  // 工作台: each alert opens by Tab and Enter (it was a row only a mouse could click).
  const alert = '[data-testid^=workbench-request-] a[href]';
  await expect(page.locator(alert).first()).toBeVisible();
  await pressUntil(page, alert);
  const alertHref = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${alertHref}$`));
  await expect(page.locator('[data-testid=request-description]')).toBeVisible();

  // 居民诉求: Tab to the new request, Enter opens it.
  await page.goto('/console/requests');
  await expect(page.locator(`[data-testid=request-row-${id}]`)).toBeVisible();
  await pressUntil(page, `[data-testid=request-row-${id}] a[href]`, 'Tab', 120);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/console/requests/${id}$`));
  await expect(page.getByRole('heading', { name: new RegExp(title) })).toBeVisible();

  // 受理: the dialog opens with focus inside it, Escape closes it back onto 受理; then accepted for real.
  await openAndEscape(page, '[data-testid=request-action-accept]', '.ant-modal');
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-modal')).toBeVisible();
  await pressUntil(page, '[data-testid=request-action-confirm]', 'Tab', 12);
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-modal')).toBeHidden();
  await expect(page.locator('[data-testid=request-assignee]')).toHaveText('王芳');
});

test('dialogs and drawers: Escape closes them and focus returns to what opened them', async ({ page }) => {
  await logInToConsole(page, 'staff.g');
  // 退出登录 asks first.
  await openAndEscape(page, '[data-testid=logout]', '.ant-modal');
  await expect(page.locator('[data-testid=current-user-role]')).toBeVisible();

  // A resident's statement (时间银行 → 账户 → 查看流水) is a drawer.
  await page.goto('/console/timebank/accounts');
  await expect(page.locator('[data-testid=timebank-accounts-table] tbody tr').nth(1)).toBeVisible();
  await openAndEscape(page, '[data-testid=timebank-accounts-table] td:last-child button', '.ant-drawer-open');
});

test('what a tooltip says reaches the keyboard: a note, and why a button is disabled', async ({ page }) => {
  const token = await logInToConsole(page, 'staff.g');
  // 时间银行 → 账户: why the community account is negative.
  await page.goto('/console/timebank/accounts');
  await expect(page.locator('[data-testid=pool-balance-note]')).toBeVisible();
  await pressUntil(page, '[data-testid=pool-balance-note]');
  await expect(page.locator('.ant-tooltip:not(.ant-tooltip-hidden)')).toContainText('社区账户是发放时间的源头');

  // 考勤与结算 of an activity not yet over: 结算 is disabled, and Tab reaches why.
  const response = await page.request.get('/api/v1/activities?status=published&limit=100', {
    headers: { authorization: `Bearer ${token}` },
  });
  const activities = ((await response.json()) as { items: Array<{ id: number; endAt: string }> }).items;
  const upcoming = activities.find((activity) => new Date(activity.endAt).getTime() > Date.now() + 3_600_000);
  expect(upcoming, 'a published activity not over yet').toBeDefined();
  await page.goto(`/console/activities/${upcoming!.id}/attendance`);
  await expect(page.locator('[data-testid=settle-open]')).toBeDisabled();
  await pressUntil(page, '[data-testid=settle-reason]');
  await expect(page.locator('.ant-tooltip:not(.ant-tooltip-hidden)')).toContainText('活动结束后才能结算');
});
