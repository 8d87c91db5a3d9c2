import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { consolePages, expectNoFindingOnAnyPage, logInToConsole, openConsolePage } from './console-pages';

/**
 * The staff console's accessibility (issue 16, item 6): axe-core (WCAG 2.1 A/AA) on every console page with 0 serious
 * or critical findings. The counts per page are written to .artifacts/console-a11y.json.
 */

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
  const token = await logInToConsole(page, 'staff.g');
  await expect(page.locator('[data-testid=current-user-name]')).toBeVisible();
  for (const [name, path] of await consolePages(page, token)) {
    await openConsolePage(page, path);
    await record(name, path);
  }
  expectNoFindingOnAnyPage('console-a11y', 'console axe-core (nodes per page)', counts, found);
});
