/**
 * With JavaScript off: every page with widgets says in one line that they need it, and no
 * control of a widget (nor the header's menus) is there to pretend it works; pages without
 * widgets say nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './chromium.ts';

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false });
});
afterAll(async () => { await browser?.close(); });

const CHAPTERS = ['overview', 'input', 'c1', 's2', 'c3', 's4', 'c5', 'f6', 'output', 'training', 'playground'];

describe('JavaScript off', () => {
  test.each([
    ...CHAPTERS.map((c) => ({ path: `/chapters/${c}/`, note: /^The widgets on this page need JavaScript, which this browser is not running/ })),
    ...['c1', 'training'].map((c) => ({ path: `/zh-cn/chapters/${c}/`, note: /^本页的交互组件需要 JavaScript/ })),
    { path: '/lab/subsampling/', note: /^The widgets on this page need JavaScript/ },
  ])('$path: one line says the widgets need JavaScript; no widget control is shown', async ({ path, note }) => {
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}${path}`);
    const notes = page.locator('main').getByText(note);
    await expect(notes.count()).resolves.toBe(1);
    await expect(notes.isVisible()).resolves.toBe(true);
    expect(await page.locator('.widget-card').count()).toBeGreaterThan(0);
    const controls = page.locator('.widget-card').locator('button, input, select, textarea, [role="radio"], [role="slider"]');
    expect(await controls.count()).toBeGreaterThan(0);
    const shown = await controls.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || e.getClientRects().length > 0).length);
    expect(shown).toBe(0);
    // Nor do the header's search, theme and language menus, which need it as well.
    for (const menu of ['site-search', 'starlight-theme-select', 'starlight-lang-select']) {
      await expect(page.locator(menu).first().isVisible()).resolves.toBe(false);
    }
    await page.close();
  });

  test.each(['/', '/zh-cn/'])('%s: a page without widgets says nothing about them', async (path) => {
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}${path}`);
    await expect(page.getByText(/need JavaScript|需要 JavaScript/).count()).resolves.toBe(0);
    await page.close();
  });
});
