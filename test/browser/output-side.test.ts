/**
 * The output side and learning, as a reader meets them (issue 10): F6 against its code on the F6
 * chapter, the MAP loss on the Output chapter, the networks table and the learning view on the
 * Training chapter, the two F6 views of the Playground. Every number on screen is compared with
 * an independent computation here, from the shipped weights and the engine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium.ts';
import {
  Model, VARIANTS, analyze, lenet5, loadWeights, mapLoss, modernLenet5, prepareDigit, rbfCodes, tutorialLenet5,
} from '../../engine/index.ts';
import { mnistTestSet } from '../../src/data/digits.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const faithful = new Model(VARIANTS.faithful.spec());
loadWeights(faithful, new Uint8Array(readFileSync('public/weights/faithful.bin')));
const testSet = mnistTestSet();

/** The shipped faithful network on test image `index`: F6's 84 outputs and the ten distances. */
function traceOf(index: number): { f6: number[]; output: number[] } {
  const trace = faithful.forward(prepareDigit(testSet, index, new Float32Array(faithful.inputUnits)), faithful.newTrace());
  return { f6: Array.from(trace.layers.find((l) => l.name === 'F6')!.out), output: Array.from(trace.output) };
}

const values = async (page: Page, selector: string): Promise<number[]> =>
  ((await page.locator(selector).first().getAttribute('data-values')) ?? '').split(' ').map(Number);

const LANGS = [
  { prefix: '', digit: 'Test digit', j: /^j, the distance/ },
  { prefix: '/zh-cn', digit: '测试数字', j: /^j：/ },
] as const;

describe('F6 chapter: F6 beside its code', () => {
  for (const { prefix, digit } of LANGS) {
    test(`${prefix || '/'}: the bitmap's cells are the trace's F6 outputs, beside the nearest code and the distance's terms`, async () => {
      const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/f6/`);
      const widget = page.locator('f6-code');
      const select = widget.getByLabel(digit, { exact: true });
      // Every choice in the list, the ten samples and the close calls.
      const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options.length).toBeGreaterThanOrEqual(13);
      for (const value of [options[5], options[options.length - 1]]) {
        await select.selectOption(value);
        const index = Number(await widget.getAttribute('data-index'));
        const { f6, output } = traceOf(index);
        const shown = await values(page, 'f6-code [data-grid="state"] canvas');
        expect(shown).toHaveLength(84);
        shown.forEach((x, j) => expect(Math.abs(x - f6[j])).toBeLessThanOrEqual(5e-5 + 1e-9));
        const nearest = output.indexOf(Math.min(...output));
        await expect(widget.locator('[data-f6-compare]').getAttribute('data-nearest')).resolves.toBe(String(nearest));
        expect(await values(page, 'f6-code [data-grid="code"] canvas')).toEqual(rbfCodes[nearest]);
        const terms = await values(page, 'f6-code [data-grid="terms"] canvas');
        terms.forEach((t, j) => expect(t).toBeCloseTo((shown[j] - rbfCodes[nearest][j]) ** 2, 9));
        // The distance written out is the engine's (the page's F6 is rounded to 4 decimals).
        const line = (await widget.locator('[data-compare-distance]').textContent())!;
        const written = Number(/= ([\d.,]+)[:：]/.exec(line)?.[1]?.replace(/,/g, ''));
        expect(Math.abs(written - output[nearest])).toBeLessThan(0.06);
      }
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    });
  }
});

describe('Output chapter: the MAP loss', () => {
  for (const { prefix, digit, j: jLabel } of LANGS) {
    test(`${prefix || '/'}: loss and gradient equal the engine's for the chosen digit at j = 10, 3 and 40`, async () => {
      const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/output/`);
      const widget = page.locator('map-loss');
      const slider = widget.getByLabel(jLabel);
      for (const [option, j] of [[3, 10], [11, 3], [11, 40]] as const) {
        await widget.getByLabel(digit, { exact: true }).selectOption(String(option));
        await slider.fill(String(j));
        await expect.poll(() => widget.getAttribute('data-j')).toBe(String(j));
        const index = Number(await widget.getAttribute('data-index'));
        const label = testSet.labels[index];
        const { output } = traceOf(index);
        const loss = mapLoss(j);
        expect(Number(await widget.getAttribute('data-plain'))).toBeCloseTo(output[label], 4);
        expect(Number(await widget.getAttribute('data-map'))).toBeCloseTo(loss.value(output, label), 4);
        const gradient = new Float32Array(10);
        loss.gradient(output, label, gradient);
        const rows = widget.locator('[data-shares] li[data-gradient]');
        await expect(rows.count()).resolves.toBe(10);
        for (let i = 0; i < 10; i++) {
          const g = Number(await rows.nth(i).getAttribute('data-gradient'));
          expect(Math.abs(g - gradient[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(gradient[i])));
        }
        // The shares of Z (ten classes and "none of these") add up to 1.
        const shares = await widget.locator('[data-shares] li').evaluateAll((ls) => ls.map((l) => Number((l as HTMLElement).dataset.share)));
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        expect(await widget.innerText()).not.toMatch(/NaN|undefined|Infinity/);
      }
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});

describe('Playground: F6 as what it is in each network', () => {
  test('the faithful network’s F6 beside the nearest code; the modern network’s as 84 ReLU features, not a bitmap', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/playground/');
    const pg = page.locator('lenet-playground');
    await page.waitForFunction(() => document.querySelector('lenet-playground [data-status]')?.textContent === '', undefined, { timeout: 20_000 });
    const pad = pg.locator('[data-pad]');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 0.52 * box.width, box.y + 0.18 * box.height);
    await page.mouse.down();
    await page.mouse.move(box.x + 0.48 * box.width, box.y + 0.82 * box.height, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => pg.getAttribute('data-answer')).toBe('1');
    const f6 = pg.locator('[data-layer="F6"]');
    await expect(f6.locator('[data-f6-faithful]').isVisible()).resolves.toBe(true);
    await expect(f6.locator('[data-f6-modern]').isVisible()).resolves.toBe(false);
    await expect(f6.locator('[data-f6-compare]').getAttribute('data-nearest')).resolves.toBe('1');
    expect(await values(page, 'lenet-playground [data-grid="code"] canvas')).toEqual(rbfCodes[1]);
    await pg.locator('[data-source]').selectOption('modern');
    await expect.poll(() => pg.getAttribute('data-variant')).toBe('modern');
    await expect(f6.locator('[data-f6-faithful]').isVisible()).resolves.toBe(false);
    await expect(f6.locator('[data-f6-modern]').isVisible()).resolves.toBe(true);
    const features = ((await f6.locator('canvas[data-features]').getAttribute('data-values')) ?? '').split(' ').map(Number);
    expect(features).toHaveLength(84);
    expect(features.every((x) => x >= 0)).toBe(true);
    await expect(f6.getByText(/84 ReLU features/).isVisible()).resolves.toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('Training chapter: three networks, and watching one learn', () => {
  for (const { prefix } of LANGS) {
    test(`${prefix || '/'}: the table's parameter counts are the engine's analysis`, async () => {
      const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/training/`);
      const table = page.locator('table[data-networks]');
      const count = async (key: string) => Number(((await table.locator(`td[data-params="${key}"]`).textContent()) ?? '').replace(/,/g, ''));
      expect(await count('faithful')).toBe(analyze(lenet5()).total.params);
      expect(await count('modern')).toBe(analyze(modernLenet5()).total.params);
      expect(await count('tutorial')).toBe(analyze(tutorialLenet5()).total.params);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  for (const [{ prefix }, variant] of [[LANGS[0], 'faithful'], [LANGS[1], 'modern']] as const) {
    test(`${prefix || '/'}: during a run of the ${variant} network the kernels and the probe change`, async () => {
      const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/training/`);
      const t = page.locator('lenet-training');
      await t.locator('select[name="variant"]').selectOption(variant);
      await t.locator('select[name="trainSize"]').selectOption('2000');
      // Ten passes: long enough that the run is still going when Stop is pressed (two passes over
      // 2,000 digits could end before it once the engine got faster).
      await t.locator('input[name="passes"]').fill('10');
      await t.locator('[data-action="start"]').click();
      const view = t.locator('[data-learning]');
      const drawn = async () => Number((await view.getAttribute('data-drawn')) ?? 0);
      await expect.poll(drawn, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
      const first = { kernels: await view.getAttribute('data-kernels'), done: Number(await view.getAttribute('data-done')) };
      const probe = variant === 'faithful'
        ? () => t.locator('[data-probe-faithful] [data-grid="state"] canvas').getAttribute('data-values')
        : () => t.locator('[data-probs]').getAttribute('data-outputs');
      const before = await probe();
      await expect.poll(async () => Number(await view.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThan(first.done + 500);
      expect(await view.getAttribute('data-kernels')).not.toBe(first.kernels);
      expect(await probe()).not.toBe(before);
      await expect(t.locator(variant === 'faithful' ? '[data-probe-faithful]' : '[data-probe-modern]').isVisible()).resolves.toBe(true);
      await expect(t.locator(variant === 'faithful' ? '[data-probe-modern]' : '[data-probe-faithful]').isVisible()).resolves.toBe(false);
      await t.locator('[data-action="stop"]').click();
      await expect.poll(() => t.getAttribute('data-phase'), { timeout: 60_000 }).toBe('ended');
      expect(await view.innerText()).not.toMatch(/NaN|undefined|Infinity/);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
