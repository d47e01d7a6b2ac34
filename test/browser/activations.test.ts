import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('activations widget (lab page)', () => {
  test('draws C1’s maps for the chosen digit with the shipped weights, and follows the digit picker', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), '/lab/activations/');
    const c1 = page.locator('layer-activations[data-layer="C1"][data-lang="en"]');
    const caption = c1.locator('[data-caption]');
    await caption.filter({ hasText: 'digit 3' }).waitFor();
    // The shipped network reads the first test 3 correctly.
    await expect(caption.textContent()).resolves.toMatch(/^C1: 6 feature maps of 28×28 for digit 3 \(test image #\d+\)\. The network reads it as 3\.$/);
    // Maps are numbered from 0, as in the paper; each is a button that opens one of its units.
    await expect(c1.getByRole('button', { name: /^C1 map \d$/ }).count()).resolves.toBe(6);
    await expect(c1.getByRole('button', { name: 'C1 map 0', exact: true }).isVisible()).resolves.toBe(true);
    await expect(c1.getByRole('img', { name: /^Kernel of C1 map \d$/ }).count()).resolves.toBe(6);
    // Pick another digit with the keyboard: the radio group moves with the arrow keys.
    await c1.getByRole('radio', { name: /^Digit 3,/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(c1.getByRole('radio', { name: /^Digit 4,/ }).getAttribute('aria-checked')).resolves.toBe('true');
    await expect(caption.textContent()).resolves.toMatch(/for digit 4 .*The network reads it as 4\.$/);
    // The canvas really holds a picture: not all one colour.
    const distinct = await c1.getByRole('button', { name: 'C1 map 1', exact: true }).locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return new Set(Array.from({ length: d.length / 4 }, (_, i) => d[i * 4])).size;
    });
    expect(distinct).toBeGreaterThan(10);
    await expect(page.locator('layer-activations[data-layer="C1"][data-lang="zh-CN"] [data-caption]').textContent()).resolves.toMatch(/网络把它识别为 3。$/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  test('a failed download of the weights says so and offers a retry that works', async () => {
    const baseUrl = inject('baseUrl');
    const context = await browser.newContext();
    const page = await context.newPage();
    let fail = true;
    await page.route('**/weights/faithful.bin', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.goto(`${baseUrl}/lab/activations/`);
    const c1 = page.locator('layer-activations[data-layer="C1"][data-lang="en"]');
    await c1.getByRole('status').filter({ hasText: 'could not be loaded' }).waitFor();
    await expect(c1.getByRole('status').textContent()).resolves.toMatch(/503/);
    fail = false;
    await c1.getByRole('button', { name: 'Try again' }).click();
    await c1.locator('[data-caption]').filter({ hasText: 'reads it as 3' }).waitFor();
    await context.close();
  });
});
