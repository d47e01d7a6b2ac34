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
  await pad.scrollIntoViewIfNeeded();
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

/** Three loops side by side, crossing: no digit's shape. */
const SCRIBBLE: [number, number][] = Array.from({ length: 61 }, (_, i) => [
  0.5 + 0.3 * Math.sin((i / 60) * 6 * Math.PI), 0.5 + 0.25 * Math.sin((i / 60) * 4 * Math.PI + 1),
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
    await expect(pg.getByLabel('Reader').inputValue()).resolves.toBe('faithful-distort'); // the distortion-trained network by default
    await pg.getByLabel('Reader').selectOption('modern');
    await ready(page, pg);
    await expect.poll(() => pg.locator('[data-chart-caption]').textContent()).toMatch(/probabilities/);
    await expect.poll(() => pg.locator('[data-summary]').textContent()).toMatch(/^Most likely: \d \([\d.]+ %\); next: \d \([\d.]+ %\)\.$/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('too small, two pieces side by side, undo, Clear: what the answer says and what its accessible name says', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/playground/');
    const pg = page.locator('lenet-playground');
    await ready(page, pg);
    const pad = pg.locator('[data-pad]');
    const name = () => pg.locator('[data-answer]').getAttribute('aria-label');
    await expect(name()).resolves.toBe('Nothing drawn yet');
    await expect(pg.getByRole('button', { name: 'Undo last stroke' }).isDisabled()).resolves.toBe(true);
    // A short tick, 5 % of the pad: too small to read, and not blown up into a digit.
    await stroke(page, pad, [[0.5, 0.5], [0.52, 0.55]]);
    await expect.poll(() => pg.getAttribute('data-verdict')).toBe('small');
    await expect(pg.getAttribute('data-answer')).resolves.toBeNull();
    await expect(pg.locator('[data-tag]').textContent()).resolves.toBe('draw bigger');
    await expect(name()).resolves.toBe('Not read: draw bigger');
    await expect(pg.locator('[data-advice]').textContent()).resolves.toMatch(/^Too small to read/);
    await pg.getByRole('button', { name: 'Clear' }).click();
    // A 1 and, well apart to its right, a 7: two pieces side by side.
    await stroke(page, pad, [[0.2, 0.2], [0.2, 0.8]]);
    await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
    await expect(name()).resolves.toMatch(/^It reads 1/);
    await stroke(page, pad, [[0.55, 0.2], [0.85, 0.2], [0.65, 0.8]]);
    await expect.poll(() => pg.getAttribute('data-verdict')).toBe('pieces');
    await expect(pg.locator('[data-tag]').textContent()).resolves.toBe('one digit at a time');
    await expect(name()).resolves.toBe('Not read: one digit at a time');
    // Undo takes the 7 away: the 1 is read again.
    await pg.getByRole('button', { name: 'Undo last stroke' }).click();
    await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
    await expect(pg.locator('[data-tag]').isHidden()).resolves.toBe(true);
    // After Clear, nothing may still say "It reads 1".
    await pg.getByRole('button', { name: 'Clear' }).click();
    await expect(name()).resolves.toBe('Nothing drawn yet');
    await expect(pg.locator('[data-answer]').textContent()).resolves.toBe('–');
    await expect(pg.getByRole('button', { name: 'Undo last stroke' }).isDisabled()).resolves.toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('a scribble and a dash, which are no digits: the answer comes with "not sure" and the threshold it failed', async () => {
    const { page, context } = await openPage(browser, inject('baseUrl'), '/zh-cn/chapters/playground/');
    const pg = page.locator('lenet-playground');
    await ready(page, pg);
    await stroke(page, pg.locator('[data-pad]'), SCRIBBLE);
    await expect.poll(() => pg.getAttribute('data-verdict')).toBe('unsure');
    await expect(pg.locator('[data-tag]').textContent()).resolves.toBe('没把握');
    await expect(pg.locator('[data-answer]').getAttribute('aria-label')).resolves.toMatch(/^识别为 \d，但没有把握$/);
    await expect(pg.locator('[data-advice]').textContent()).resolves.toMatch(/^没有把握：最近的编码也有 [\d.]+ 远。/);
    // The modern network, given a dash: its top probability falls short of its own threshold.
    await pg.getByRole('button', { name: '清除' }).click();
    await pg.getByLabel('识别用的网络').selectOption('modern-distort');
    await ready(page, pg);
    await stroke(page, pg.locator('[data-pad]'), [[0.2, 0.5], [0.8, 0.5]]);
    await expect.poll(() => pg.getAttribute('data-verdict')).toBe('unsure');
    await expect(pg.locator('[data-advice]').textContent()).resolves.toMatch(/^没有把握：最高的概率只有 [\d.]+ %。.*低于 [\d.]+ %。$/);
    await context.close();
  });

  test('deskew: the toggle is explained, and it straightens what the network sees', async () => {
    const { page, context } = await openPage(browser, inject('baseUrl'), '/chapters/playground/');
    const pg = page.locator('lenet-playground');
    await ready(page, pg);
    await stroke(page, pg.locator('[data-pad]'), [[0.35, 0.8], [0.65, 0.2]]); // a 1 leaning far right
    await expect.poll(() => pg.getAttribute('data-verdict')).not.toBe('empty');
    const toggle = pg.getByRole('checkbox', { name: 'Straighten the slant (deskew)' });
    await expect(toggle.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)?.textContent)).resolves.toMatch(/MNIST’s digits were not deskewed/);
    // Columns of ink in the input, without and with deskewing: a slanted bar covers many, an upright one few.
    const columns = () => pg.locator('[data-input]').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, 32, 32).data;
      const cols = new Set<number>();
      for (let i = 0; i < 1024; i++) if (d[4 * i] < 128) cols.add(i % 32);
      return cols.size;
    });
    const slanted = await columns();
    await toggle.check();
    await expect.poll(columns).toBeLessThan(slanted / 2);
    await context.close();
  });

  test('a second finger neither starts a stroke nor feeds the first one', async () => {
    const { page, context } = await openPage(browser, inject('baseUrl'), '/chapters/playground/', { width: 390, height: 844 });
    const pg = page.locator('lenet-playground');
    await ready(page, pg);
    const pad = pg.locator('[data-pad]');
    await pad.scrollIntoViewIfNeeded();
    const b = (await pad.boundingBox())!;
    const p = (x: number, y: number, id: number) => ({ x: b.x + x * b.width, y: b.y + y * b.height, id });
    const cdp = await context.newCDPSession(page);
    // Finger 0 draws a 1 down the middle while finger 1 rests, then moves, on the left edge.
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p(0.5, 0.15, 0)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p(0.5, 0.15, 0), p(0.1, 0.9, 1)] });
    for (let i = 1; i <= 20; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p(0.5, 0.15 + (0.7 * i) / 20, 0), p(0.1 + 0.02 * i, 0.9 - 0.03 * i, 1)] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
    // One stroke only: a single undo leaves nothing.
    await pg.getByRole('button', { name: 'Undo last stroke' }).click();
    await expect.poll(() => pg.getAttribute('data-verdict')).toBe('empty');
    await context.close();
  });

  for (const block of ['start', 'end'] as const) {
    test(`on a 390-pixel phone the answer is on screen whenever the pad is (pad at the ${block} of the screen)`, async () => {
      const { page, context } = await openPage(browser, inject('baseUrl'), '/chapters/playground/', { width: 390, height: 844 });
      const pg = page.locator('lenet-playground');
      await ready(page, pg);
      const pad = pg.locator('[data-pad]');
      await pad.evaluate((el, block) => el.scrollIntoView({ block }), block);
      await stroke(page, pad, ONE);
      await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
      // Within the screen, give or take the sub-pixel rounding of scrollIntoView.
      const inView = async (l: Locator) => { const r = (await l.boundingBox())!; return r.y >= -1 && r.y + r.height <= 845 && r.x >= 0 && r.x + r.width <= 390; };
      await expect(inView(pad)).resolves.toBe(true);
      await expect(inView(pg.locator('[data-answer]'))).resolves.toBe(true);
      await context.close();
    });
  }
});
