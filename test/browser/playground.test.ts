import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, type WatchedPage } from './chromium.ts';
import { provideWeights } from './weights-fixture.ts';

/** Like chromium.ts's openPage (console errors, requests leaving the site), with the weights in place before the page loads. */
async function openPage(browser: Browser, baseUrl: string, path: string, options: { width?: number; height?: number } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });
  await provideWeights(context);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  page.on('request', (req) => { if (!req.url().startsWith(`${baseUrl}/`) && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) foreignRequests.push(req.url()); });
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  if (!response || response.status() !== 200) throw new Error(`GET ${path} answered ${response?.status()}`);
  return { page, context, consoleErrors, foreignRequests };
}

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** A stroke through points given as fractions of the pad, drawn with the mouse. */
async function stroke(page: Page, pad: Locator, points: [number, number][]): Promise<void> {
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

const ONE: [number, number][] = [[0.52, 0.18], [0.5, 0.5], [0.48, 0.82]];
const ZERO: [number, number][] = Array.from({ length: 41 }, (_, i) => [
  0.5 + 0.2 * Math.sin((i / 40) * 2 * Math.PI), 0.5 - 0.3 * Math.cos((i / 40) * 2 * Math.PI),
]);

async function ready(page: Page, pg: Locator): Promise<void> {
  await page.waitForFunction(() => document.querySelector('lenet-playground [data-status]')?.textContent === '', undefined, { timeout: 20_000 });
  await expect(pg.locator('[data-status]').textContent()).resolves.toBe('');
}

describe('Playground chapter', () => {
  for (const [path, clear] of [['/chapters/playground/', 'Clear'], ['/zh-cn/chapters/playground/', '清除']] as const) {
    test(`${path}: a drawn 1 reads as 1 and a drawn 0 as 0; clearing empties the answer`, async () => {
      const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), path);
      const mnist: string[] = [];
      page.on('request', (r) => { if (r.url().includes('/mnist/')) mnist.push(r.url()); });
      const pg = page.locator('lenet-playground');
      await ready(page, pg);
      const pad = pg.locator('[data-pad]');
      await expect(pad.evaluate((el) => getComputedStyle(el).touchAction)).resolves.toBe('none');
      await stroke(page, pad, ONE);
      await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
      await expect(pg.locator('[data-answer]').textContent()).resolves.toBe('1');
      await expect(pg.locator('[data-layers]').isVisible()).resolves.toBe(true);
      await pg.getByRole('button', { name: clear }).click();
      await expect(pg.getAttribute('data-answer')).resolves.toBeNull();
      await stroke(page, pad, ZERO);
      await expect.poll(() => pg.getAttribute('data-answer')).toBe('0');
      expect(await pg.innerText()).not.toMatch(/NaN|undefined|Infinity/);
      expect(mnist).toEqual([]); // only the Training chapter downloads MNIST, and only on Start
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    });
  }

  test('at phone width a finger draws (touch events); the modern network answers with probabilities', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/playground/', { width: 390, height: 844 });
    const pg = page.locator('lenet-playground');
    await ready(page, pg);
    const pad = pg.locator('[data-pad]');
    const box = (await pad.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    // A finger, as Chromium's touch input produces it (pointer events of type "touch").
    await pad.scrollIntoViewIfNeeded();
    const at = async () => { const b = (await pad.boundingBox())!; return (x: number, y: number) => ({ x: b.x + x * b.width, y: b.y + y * b.height }); };
    const cdp = await context.newCDPSession(page);
    const p = await at();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p(0.5, 0.15)] });
    for (let i = 1; i <= 20; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p(0.5, 0.15 + (0.7 * i) / 20)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
    await expect(pg.locator('[data-summary]').textContent()).resolves.toMatch(/^Nearest code: 1 \(distance [\d.]+\); next: \d \([\d.]+\)\.$/);
    await pg.getByLabel('Weights').selectOption('modern');
    await ready(page, pg);
    await expect.poll(() => pg.locator('[data-chart-caption]').textContent()).toMatch(/probabilities/);
    await expect.poll(() => pg.locator('[data-summary]').textContent()).toMatch(/^Most likely: \d \([\d.]+ %\); next: \d \([\d.]+ %\)\.$/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
