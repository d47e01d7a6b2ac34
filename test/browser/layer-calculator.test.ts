import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { analyze, lenet5 } from '../../engine/index.ts';
import { launchBrowser, openPage } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const value = (calc: Locator, key: string) => calc.locator(`[data-value="${key}"]`).textContent();

describe('layer calculator (lab page)', () => {
  test('moving C1’s controls updates the counts to the engine’s values; an impossible kernel is explained inline', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/lab/layer-calculator/');
    const c1 = page.locator('layer-calculator[data-layer="C1"][data-lang="en"]');
    await expect(value(c1, 'params')).resolves.toBe('156');

    // What the engine says a 3×3 kernel over 32×32 with 8 maps gives.
    const spec = lenet5();
    spec.layers = [{ ...spec.layers[0], kernel: 3, maps: 8 } as (typeof spec.layers)[number]];
    const expected = analyze(spec).layers[0];
    await c1.getByLabel('Kernel size').fill('3');
    await c1.getByLabel('Feature maps').fill('8');
    await expect(value(c1, 'output')).resolves.toBe('8@30×30');
    await expect(value(c1, 'params')).resolves.toBe(expected.params.toLocaleString('en-US'));
    await expect(value(c1, 'connections')).resolves.toBe(expected.connections.toLocaleString('en-US'));
    await expect(value(c1, 'macs')).resolves.toBe(expected.macs.toLocaleString('en-US'));

    // Keyboard: one step up with the arrow key.
    await c1.getByLabel('Stride').focus();
    await page.keyboard.press('ArrowUp');
    await expect(value(c1, 'output')).resolves.toBe('8@15×15');

    await c1.getByLabel('Kernel size').fill('40');
    const error = c1.getByRole('alert').filter({ hasText: 'kernel size 40' });
    await expect(error.textContent()).resolves.toBe('C1: kernel size 40 is larger than the input 32×32 (allowed: 1 to 32)');
    await expect(c1.getByLabel('Kernel size').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await c1.innerText()).not.toMatch(/NaN|undefined|Infinity/);

    await c1.getByLabel('Kernel size').fill('');
    await expect(c1.getByRole('alert').filter({ hasText: 'whole number' }).count()).resolves.toBe(1);

    await c1.getByRole('button', { name: 'Paper’s values' }).click();
    await expect(value(c1, 'params')).resolves.toBe('156');
    await expect(value(c1, 'connections')).resolves.toBe('122,304');
    await expect(c1.getByRole('alert').filter({ hasText: /./ }).count()).resolves.toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('the Chinese calculator has Chinese accessible names and explains errors in Chinese', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/lab/layer-calculator/');
    const c1 = page.locator('layer-calculator[data-layer="C1"][data-lang="zh-CN"]');
    await c1.getByLabel('卷积核大小').fill('33');
    await expect(c1.getByRole('alert').filter({ hasText: /./ }).first().textContent())
      .resolves.toBe('C1：卷积核大小 33 大于输入 32×32（允许：1 到 32）');
    await c1.getByLabel('填充').fill('1');
    await expect(value(c1, 'output')).resolves.toBe('6@2×2');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
