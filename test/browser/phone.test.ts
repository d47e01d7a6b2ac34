/**
 * A reader on a phone (390 px): the Overview's table scrolls inside a named, focusable box that
 * shows it scrolls; the Training chapter's command line breaks only between arguments and copies
 * exactly; the C3 grid's cells stay big enough for a finger.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { commandOf, defaultSettings } from '../../src/widgets/training/model.ts';
import { t, type Lang } from '../../src/i18n.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function phonePage(path: string, width = 390): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 844 }, isMobile: width < 600, hasTouch: width < 600 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${inject('baseUrl')}${path}`, { waitUntil: 'networkidle' });
  return { page, context, errors };
}

const box = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, right: r.right };
});

describe.each([['en', '/chapters/overview/'], ['zh-CN', '/zh-cn/chapters/overview/']] as [Lang, string][])('the Overview’s table on a phone (%s)', (lang, path) => {
  test('it scrolls sideways inside a named region the keyboard can scroll, with a shadow at the edge that has more, and its caption stays in view', async () => {
    const { page, context, errors } = await phonePage(path);
    const region = page.getByRole('region', { name: t(lang, 'tableCaption'), exact: true });
    await expect(region.count()).resolves.toBe(1);
    const scroll = () => region.evaluate((e) => ({ left: e.scrollLeft, room: e.scrollWidth - e.clientWidth }));
    const start = await scroll();
    expect(start.left).toBe(0);
    expect(start.room).toBeGreaterThan(20);
    // The cue: the region's background carries the scroll shadows.
    expect(await region.evaluate((e) => getComputedStyle(e).backgroundImage)).toMatch(/radial-gradient.*radial-gradient/);
    // The caption (the table's own text) fits the visible box instead of running off the screen.
    const visible = await box(page, '.table-scroll');
    const caption = await box(page, '.table-scroll caption > span');
    expect(caption.right).toBeLessThanOrEqual(visible.right + 0.5);
    // Keyboard: Tab-focusable, and the arrow keys scroll it until the last column is in view.
    await region.focus();
    await expect(region.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await scroll()).left).toBeGreaterThan(0);
    await page.keyboard.press('End');
    await expect.poll(async () => { const s = await scroll(); return s.room - s.left; }).toBeLessThan(2);
    const macs = page.getByRole('columnheader', { name: lang === 'en' ? 'MACs' : '乘加' }).first();
    const last = await macs.evaluate((e) => e.getBoundingClientRect().right);
    expect(last).toBeLessThanOrEqual(visible.right + 0.5);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the Training chapter’s command line', () => {
  test('on a phone it breaks only between arguments, never inside "--map-j 10"', async () => {
    const { page, context } = await phonePage('/chapters/training/');
    const code = page.locator('lenet-training [data-command]');
    await expect(code.textContent()).resolves.toBe(commandOf(defaultSettings()));
    const lines = await code.evaluate((e) => {
      const tops = new Set<number>();
      const broken: string[] = [];
      for (const piece of e.querySelectorAll('.arg')) {
        const rects = piece.getClientRects();
        if (rects.length !== 1) broken.push(piece.textContent ?? '');
        for (const r of rects) tops.add(Math.round(r.top));
      }
      return { lines: tops.size, broken };
    });
    expect(lines.lines).toBeGreaterThan(1);
    expect(lines.broken).toEqual([]);
    await context.close();
  });

  test.each([['en', '/chapters/training/', 'Copy the command', 'Copied.'], ['zh-CN', '/zh-cn/chapters/training/', '复制命令', '已复制。']])('%s: the copy button puts exactly the shown command on the clipboard, after a change too', async (_, path, name, copied) => {
    const { page, context, errors } = await phonePage(path);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
    const widget = page.locator('lenet-training');
    await widget.getByRole('button', { name }).click();
    await expect.poll(() => widget.locator('[data-copied]').textContent()).toBe(copied);
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(commandOf(defaultSettings()));
    // A changed setting changes the command; the copy follows it.
    await widget.locator('[name="passes"]').fill('3');
    await expect.poll(() => widget.locator('[data-copied]').textContent()).toBe('');
    await widget.getByRole('button', { name }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(commandOf({ ...defaultSettings(), passes: 3 }));
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the C3 grid’s cells are targets a finger can hit', () => {
  test.each([[390, 24], [1280, 30], [1920, 42]])('at %i px wide every cell is at least %i px square (about 44 where there is room)', async (width, least) => {
    const { page, context } = await phonePage('/chapters/c3/', width);
    const sizes = await page.locator('c3-connection-table').first().locator('button.cell').evaluateAll((cells) =>
      cells.map((c) => { const r = c.getBoundingClientRect(); return Math.min(r.width, r.height); }));
    expect(sizes.length).toBe(96);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(least);
    await context.close();
  });
});
