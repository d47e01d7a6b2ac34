/**
 * WCAG 2.2 AA audit with axe-core: every built page (chapters, home pages, lab pages, 404), in
 * the light and the dark theme and at a phone's width, plus a calculator showing an error — no serious or critical
 * violation. axe's own source is injected into the page (nothing is fetched from elsewhere).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './chromium.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Known exceptions, each with its reason. Starlight's search button shows "Ctrl K" beside its
 * label "Search", and its accessible name is "Search" — axe's label-content-name-mismatch rule
 * (WCAG 2.5.3) flags the keyboard hint; the button belongs to the theme, not to this site.
 */
const KNOWN: { rule: string; target: RegExp; reason: string }[] = [
  { rule: 'label-content-name-mismatch', target: /^button\[data-open-modal/, reason: 'the theme’s search button shows its shortcut "Ctrl K" beside the name "Search"' },
];

interface Finding { rule: string; impact: string; help: string; targets: string[]; summary: string }

/** Runs axe on the page as it is now: every WCAG 2.0–2.2 A/AA rule, best practices, and 2.5.3's name check. */
async function audit(page: Page): Promise<Finding[]> {
  // Expressive Code makes a code block that scrolls sideways focusable a moment after load (a
  // debounced ResizeObserver): audit the page as a reader meets it, after that has happened.
  await page.waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')]
    .every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')), null, { timeout: 10_000 });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is the global the injected script defines
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.map((v: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }) => v.nodes.map((n) => ({
      rule: v.id, impact: v.impact, help: v.help, targets: n.target.map(String), summary: n.failureSummary,
    }))).flat();
  });
  return (violations as Finding[]).filter((f) => (f.impact === 'serious' || f.impact === 'critical')
    && !KNOWN.some((k) => k.rule === f.rule && f.targets.some((t) => k.target.test(t))));
}

const dist = 'dist';
const htmlFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
const paths = htmlFiles(dist).map((f) => `/${relative(dist, f)}`.replace(/index\.html$/, '')).sort();

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

// Desktop in both themes; a phone (390 px, where tables scroll sideways) in the light theme.
describe.each([
  { colorScheme: 'light', width: 1280, height: 900 },
  { colorScheme: 'dark', width: 1280, height: 900 },
  { colorScheme: 'light', width: 390, height: 844 },
] as const)('axe-core, $colorScheme theme, $width px wide', ({ colorScheme, width, height }) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width, height }, colorScheme });
    page = await context.newPage();
  });
  afterAll(async () => { await context?.close(); });

  test('the audit covers every page: chapters and home pages in both languages, lab pages, 404', () => {
    expect(paths).toContain('/');
    expect(paths).toContain('/zh-cn/');
    expect(paths).toContain('/404.html');
    expect(paths.filter((p) => p.startsWith('/chapters/')).length).toBe(11);
    expect(paths.filter((p) => p.startsWith('/zh-cn/chapters/')).length).toBe(11);
    expect(paths.filter((p) => p.startsWith('/lab/')).length).toBeGreaterThan(5);
  });

  test.each(paths)('%s: no serious or critical violation', async (path) => {
    const response = await page.goto(`${inject('baseUrl')}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(colorScheme);
    expect(await audit(page)).toEqual([]);
  });

  test('a calculator showing an error (the last valid numbers dimmed) stays readable', async () => {
    await page.goto(`${inject('baseUrl')}/lab/layer-calculator/`, { waitUntil: 'networkidle' });
    for (const [lang, label] of [['en', 'Kernel size'], ['zh-CN', '卷积核大小']]) {
      const calc = page.locator(`layer-calculator[data-layer="C1"][data-lang="${lang}"]`);
      await calc.getByLabel(label).fill('40');
      await expect(calc.getByLabel(label).getAttribute('aria-invalid')).resolves.toBe('true');
    }
    expect(await audit(page)).toEqual([]);
  });

  test('“Reproduce the paper” stopped after a pass, offering to resume it, stays readable', async () => {
    // A shortened run (a test-only page address: 500 digits a pass) so that a pass ends within seconds.
    await page.goto(`${inject('baseUrl')}/chapters/training/?reproduce-size=500&reproduce-passes=20`, { waitUntil: 'networkidle' });
    const w = page.locator('lenet-reproduce');
    await w.getByRole('button', { name: 'Reproduce the paper' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('lenet-reproduce')?.dataset.savedPasses === '1', null, { timeout: 60_000 });
    await w.getByRole('button', { name: 'Stop' }).click();
    await w.getByRole('button', { name: /^Resume from pass \d+$/ }).waitFor();
    expect(await audit(page)).toEqual([]);
    await w.getByRole('button', { name: 'Discard the saved run' }).click();
  });

  test('the audit itself fails on a real violation (negative control)', async () => {
    await page.goto(`${inject('baseUrl')}/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      const button = document.createElement('button');
      document.querySelector('main')!.append(button);
      const faint = document.createElement('p');
      faint.textContent = 'too faint to read';
      faint.style.color = '#777';
      faint.style.background = '#888';
      document.querySelector('main')!.append(faint);
    });
    const rules = (await audit(page)).map((f) => f.rule);
    expect(rules).toContain('button-name');
    expect(rules).toContain('color-contrast');
  });
});

/**
 * WCAG 2.2's 2.5.8 (target size, minimum): axe leaves a roving-tabindex grid's cells "incomplete",
 * so every control is measured here, on a phone: each button, field, slider and disclosure at
 * least 24×24 CSS px. Links inside sentences are exempt by 2.5.8's own "inline" exception.
 */
describe('target size on a phone (390 px)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  });
  afterAll(async () => { await context?.close(); });

  const chapters = paths.filter((p) => p.includes('/chapters/'));
  test.each(chapters)('%s: every control is at least 24×24 px', async (path) => {
    await page.goto(`${inject('baseUrl')}${path}`, { waitUntil: 'networkidle' });
    const small = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, [role="button"], [role="slider"]')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        // Visible controls only: a file input drawn as its label, or a closed menu's items, is not a target itself.
        return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && style.opacity !== '0';
      })
      // A checkbox inside its <label> is pressed through the whole label: that is the target.
      .map((e) => ({ e, r: (e.closest('label') ?? e).getBoundingClientRect() }))
      .filter(({ r }) => r.width < 24 || r.height < 24)
      .map(({ e, r }) => `${e.tagName.toLowerCase()} "${e.getAttribute('aria-label') ?? e.textContent?.trim()}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`));
    expect(small).toEqual([]);
  });
});

