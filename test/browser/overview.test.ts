import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe.each([
  { lang: 'English', path: '/chapters/overview/', heading: 'Overview' },
  { lang: 'Chinese', path: '/zh-cn/chapters/overview/', heading: '概览' },
])('Overview in $lang', ({ path, heading }) => {
  test('shows the network table with the paper’s totals, typeset formulas, no console error and no request off the site', async () => {
    const baseUrl = inject('baseUrl');
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, baseUrl, path);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
    const table = page.getByRole('table').first();
    await expect(table.getByRole('cell', { name: '60,000', exact: true }).count()).resolves.toBe(1);
    await expect(table.getByRole('cell', { name: '340,908', exact: true }).count()).resolves.toBe(1);
    // The C1 row, as a reader reads it: 156 parameters, 122,304 connections.
    const c1 = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'C1', exact: true }) });
    await expect(c1.textContent()).resolves.toMatch(/6@28×28.*156.*122,304/);
    // KaTeX rendered at build time: the formulas are there as MathML and as visible HTML.
    expect(await page.locator('.katex-display').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.katex-error').count()).toBe(0);
    // The KaTeX fonts are served by the site itself.
    const fontsOk = await page.evaluate(async () => { await document.fonts.ready; return document.fonts.check('16px KaTeX_Main'); });
    expect(fontsOk).toBe(true);
    expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
