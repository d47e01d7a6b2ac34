/**
 * Chapters S2, S4 and C5 in both languages, as a reader uses them: the pages load cleanly and
 * stay on 127.0.0.1; every calculator control (found by its accessible name) moves the numbers
 * to the engine's values; impossible settings are explained inline without NaN; the subsampling
 * coefficient changes the drawn output; enlarging the input makes C5's maps larger than 1×1.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { analyze, lenet5, type LayerSpec } from '../../engine/index.ts';
import { fixed, readout, SubsamplingLab } from '../../src/widgets/subsampling/model.ts';
import { launchBrowser, openPage, proseText } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

type Lang = 'en' | 'zh-CN';
const pathOf = (slug: string, lang: Lang) => (lang === 'en' ? `/chapters/${slug}/` : `/zh-cn/chapters/${slug}/`);
const label = {
  inputSize: { en: 'Input size', 'zh-CN': '输入尺寸' },
  window: { en: 'Window size', 'zh-CN': '窗口大小' },
  stride: { en: 'Stride', 'zh-CN': '步长' },
  kernel: { en: 'Kernel size', 'zh-CN': '卷积核大小' },
  padding: { en: 'Padding', 'zh-CN': '填充' },
  maps: { en: 'Feature maps', 'zh-CN': '特征图数' },
  coefficient: { en: 'Coefficient', 'zh-CN': '系数' },
  bias: { en: 'Bias', 'zh-CN': '偏置' },
  reset: { en: 'Paper’s values', 'zh-CN': '恢复论文取值' },
} as const;

/** What the page should print for the subsampling widget's map at (coefficient, bias), computed here by the engine. */
async function expectedReadout(widget: Locator, coefficient: number, bias: number) {
  const { size, maps } = await mapsOf(widget);
  const picked = Number(await widget.locator('select[name="map"]').inputValue());
  const lab = new SubsamplingLab({ size, values: maps[picked].values });
  return readout(lab, lab.trainable(coefficient, bias));
}

type MapsData = { size: number; maps: { values: number[]; start: { coefficient: number; bias: number } }[] };
const mapsOf = async (widget: Locator) => JSON.parse((await widget.getAttribute('data-maps'))!) as MapsData;

const text = (root: Locator, key: string) => root.locator(`[data-value="${key}"]`).first().textContent();
const fmt = (n: number) => n.toLocaleString('en-US');

/** What the engine says one layer of LeNet-5 gives with some settings changed and a given input. */
function engineLayer(name: string, change: Partial<LayerSpec>, input: { size: number; channels: number }) {
  const spec = lenet5();
  const layer = spec.layers.find((l) => l.name === name)!;
  return analyze({ input, layers: [{ ...layer, ...change } as LayerSpec] }).layers[0];
}

async function expectCounts(calc: Locator, r: ReturnType<typeof engineLayer>) {
  await expect(text(calc, 'output')).resolves.toBe(`${r.output.maps}@${r.output.height}×${r.output.width}`);
  await expect(text(calc, 'params')).resolves.toBe(fmt(r.params));
  await expect(text(calc, 'connections')).resolves.toBe(fmt(r.connections));
  await expect(text(calc, 'macs')).resolves.toBe(fmt(r.macs));
}

/** The shared activation view on the page has loaded the pretrained weights and drawn the layer. */
async function expectActivations(page: Page, layer: string) {
  const view = page.locator(`layer-activations[data-layer="${layer}"]`);
  await view.locator('[data-figure]').waitFor({ state: 'visible' });
  await expect(view.getAttribute('data-answer')).resolves.toMatch(/^\d$/);
}

async function expectClean(page: Page, watched: { consoleErrors: string[]; foreignRequests: string[] }) {
  const body = await proseText(page);
  expect(body).not.toMatch(/NaN|undefined|Infinity/);
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
}

describe.each(['en', 'zh-CN'] as const)('chapters S2, S4, C5 (%s)', (lang) => {
  test.each([['s2', 'S2', 28, 6], ['s4', 'S4', 10, 16]] as const)('%s: the calculator follows the engine and explains an impossible window', async (slug, layer, size, maps) => {
    const watched = await openPage(browser, inject('baseUrl'), pathOf(slug, lang));
    const { page, context } = watched;
    const calc = page.locator(`layer-calculator[data-layer="${layer}"]`);
    const input = { size, channels: maps };
    await expectCounts(calc, engineLayer(layer, {}, input));

    await calc.getByLabel(label.window[lang]).fill('3');
    // The stride control keeps its value (2) when the window changes.
    await expectCounts(calc, engineLayer(layer, { window: 3, stride: 2 }, input));
    await calc.getByLabel(label.stride[lang]).fill('1');
    await expectCounts(calc, engineLayer(layer, { window: 3, stride: 1 }, input));
    await calc.getByLabel(label.inputSize[lang]).focus();
    await page.keyboard.press('ArrowUp');
    await expectCounts(calc, engineLayer(layer, { window: 3, stride: 1 }, { size: size + 1, channels: maps }));

    await calc.getByLabel(label.window[lang]).fill(String(size + 5));
    const alert = calc.getByRole('alert').filter({ hasText: /./ });
    await expect(alert.count()).resolves.toBe(1);
    await expect(alert.textContent()).resolves.toContain(lang === 'en' ? `${layer}: window size ${size + 5} is larger than the input` : `${layer}：窗口大小 ${size + 5} 大于输入`);
    await expect(calc.getByLabel(label.window[lang]).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await calc.innerText()).not.toMatch(/NaN|undefined|Infinity/);

    await calc.getByRole('button', { name: label.reset[lang] }).click();
    await expectCounts(calc, engineLayer(layer, {}, input));
    await expectClean(page, watched);
    await context.close();
  });

  test.each([['s2', 'S2', 28], ['s4', 'S4', 10]] as const)('%s: the coefficient and bias sliders change the drawn output to the engine’s values', async (slug, layer, size) => {
    const watched = await openPage(browser, inject('baseUrl'), pathOf(slug, lang));
    const { page, context } = watched;
    const widget = page.locator('subsampling-lab');
    await expect(widget.locator('[data-draw="trainable"] rect').count()).resolves.toBe((size / 2) ** 2 + 2); // one per unit, and the two outlines of the mark
    const coefficient = widget.getByLabel(label.coefficient[lang]);
    const bias = widget.getByLabel(label.bias[lang]);
    const drawn = () => widget.locator('[data-draw="trainable"]').innerHTML();
    const before = await drawn();

    // A small coefficient: nearly linear, nothing saturated.
    await coefficient.fill('0.05');
    await bias.fill('0');
    const small = await expectedReadout(widget, 0.05, 0);
    let r = small;
    await expect(text(widget, 'out')).resolves.toBe(fixed(r.out, 3));
    await expect(text(widget, 'saturated')).resolves.toBe(`0 ${lang === 'en' ? 'of' : '/'} ${r.units}`);
    expect(await drawn()).not.toBe(before);

    // A large coefficient: the same map, now mostly saturated, and drawn differently.
    const linear = await drawn();
    await coefficient.fill('2');
    r = await expectedReadout(widget, 2, 0);
    await expect(widget.locator('[data-readout="coefficient"]').textContent()).resolves.toBe('2.00');
    await expect(text(widget, 'pre')).resolves.toBe(fixed(r.pre, 3));
    await expect(text(widget, 'out')).resolves.toBe(fixed(r.out, 3));
    await expect(text(widget, 'range')).resolves.toBe(`${fixed(r.min)} … ${fixed(r.max)}`);
    await expect(text(widget, 'saturated')).resolves.toBe(`${r.saturated} ${lang === 'en' ? 'of' : '/'} ${r.units}`);
    // The squash spreads the outputs further apart as the coefficient grows.
    expect(r.max - r.min).toBeGreaterThan(small.max - small.min);
    expect(await drawn()).not.toBe(linear);

    // Keyboard: the bias moves in steps of 0.01 and shifts the output.
    await bias.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(widget.locator('[data-readout="bias"]').textContent()).resolves.toBe('0.05');
    r = await expectedReadout(widget, 2, 0.05);
    await expect(text(widget, 'pre')).resolves.toBe(fixed(r.pre, 3));

    await expectActivations(page, layer);

    // Average and max pooling of the same map are drawn beside it, same size.
    await expect(widget.locator('figure svg').count()).resolves.toBe(5);

    // The reset button returns to the map's own (trained) coefficient and bias.
    const { maps } = await mapsOf(widget);
    const picker = widget.getByLabel(`${layer === 'S2' ? 'C1' : 'C3'} ${lang === 'en' ? 'map' : '特征图'}`);
    let start = maps[Number(await picker.inputValue())].start;
    await widget.getByRole('button').click();
    await expect(widget.locator('[data-readout="coefficient"]').textContent()).resolves.toBe(fixed(start.coefficient));
    r = await expectedReadout(widget, start.coefficient, start.bias);
    await expect(text(widget, 'out')).resolves.toBe(fixed(r.out, 3));

    // Picking another map redraws the input and moves the sliders to that map's own values.
    const input = await widget.locator('[data-draw="input"]').innerHTML();
    const other = (Number(await picker.inputValue()) + 1) % maps.length;
    await picker.selectOption(String(other));
    start = maps[other].start;
    await expect(widget.locator('[data-readout="bias"]').textContent()).resolves.toBe(fixed(start.bias));
    expect(await widget.locator('[data-draw="input"]').innerHTML()).not.toBe(input);
    r = await expectedReadout(widget, start.coefficient, start.bias);
    await expect(text(widget, 'pre')).resolves.toBe(fixed(r.pre, 3));
    await expectClean(page, watched);
    await context.close();
  });

  test('c5: the calculator follows the engine; enlarging the network’s input grows C5 beyond 1×1', async () => {
    const watched = await openPage(browser, inject('baseUrl'), pathOf('c5', lang));
    const { page, context } = watched;
    const calc = page.locator('layer-calculator[data-layer="C5"]');
    const input = { size: 5, channels: 16 };
    await expectCounts(calc, engineLayer('C5', {}, input));
    await calc.getByLabel(label.inputSize[lang]).fill('6');
    await expectCounts(calc, engineLayer('C5', {}, { size: 6, channels: 16 }));
    await calc.getByLabel(label.kernel[lang]).fill('3');
    await calc.getByLabel(label.padding[lang]).fill('1');
    await calc.getByLabel(label.stride[lang]).fill('2');
    await calc.getByLabel(label.maps[lang]).fill('10');
    await expectCounts(calc, engineLayer('C5', { kernel: 3, padding: 1, stride: 2, maps: 10 }, { size: 6, channels: 16 }));
    await calc.getByLabel(label.kernel[lang]).fill('9');
    await expect(calc.getByRole('alert').filter({ hasText: /./ }).count()).resolves.toBe(1);
    expect(await calc.innerText()).not.toMatch(/NaN|undefined|Infinity/);

    const growth = page.locator('c5-growth');
    const slider = growth.getByLabel(label.inputSize[lang]);
    await expect(text(growth, 'c5')).resolves.toBe('120@1×1');
    await slider.fill('40');
    const at40 = analyze({ ...lenet5(), input: { size: 40, channels: 1 } });
    const c5 = at40.layers.find((l) => l.name === 'C5')!;
    expect(c5.output.height).toBeGreaterThan(1);
    await expect(text(growth, 'c5')).resolves.toBe(`120@${c5.output.height}×${c5.output.width}`);
    await expect(text(growth, 'params')).resolves.toBe(fmt(c5.params));
    await expect(text(growth, 'connections')).resolves.toBe(fmt(c5.connections));
    for (const l of at40.layers) {
      await expect(growth.locator(`[data-shape="${l.name}"]`).textContent()).resolves.toBe(`${l.output.maps}@${l.output.height}×${l.output.width}`);
    }
    // One drawn cell per C5 unit of a map.
    await expect(growth.locator('[data-draw="c5"] .cells rect').count()).resolves.toBe(c5.output.height * c5.output.width);

    // Keyboard: from 32, four steps right reach 36 and a 2×2 map.
    await growth.getByRole('button', { name: label.reset[lang] }).click();
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(text(growth, 'c5')).resolves.toBe('120@2×2');

    // Too small: the engine's explanation, inline, and no NaN.
    await slider.fill('28');
    const alert = growth.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe(lang === 'en'
      ? 'C5: kernel size 5 is larger than the input 4×4 (allowed: 1 to 4)'
      : 'C5：卷积核大小 5 大于输入 4×4（允许：1 到 4）');
    await expect(alert.isVisible()).resolves.toBe(true);
    expect(await growth.innerText()).not.toMatch(/NaN|undefined|Infinity|-\d/);
    await expectActivations(page, 'C5');
    await expectClean(page, watched);
    await context.close();
  });
});

describe('lab page: C5 growth', () => {
  test('both languages render and respond', async () => {
    const watched = await openPage(browser, inject('baseUrl'), '/lab/c5-growth/');
    const { page, context } = watched;
    for (const [i, lang] of (['en', 'zh-CN'] as const).entries()) {
      const growth = page.locator('c5-growth').nth(i);
      await growth.getByLabel(label.inputSize[lang]).fill('44');
      await expect(text(growth, 'c5')).resolves.toBe('120@4×4');
    }
    await expectClean(page, watched);
    await context.close();
  });
});

describe('lab page: subsampling', () => {
  test('S2 and S4 in English and S2 in Chinese render, with labelled sliders', async () => {
    const watched = await openPage(browser, inject('baseUrl'), '/lab/subsampling/');
    const { page, context } = watched;
    const widgets = page.locator('subsampling-lab');
    await expect(widgets.count()).resolves.toBe(3);
    for (const [i, lang] of (['en', 'en', 'zh-CN'] as const).entries()) {
      const widget = widgets.nth(i);
      await widget.getByLabel(label.coefficient[lang]).fill('1.5');
      await expect(widget.locator('[data-readout="coefficient"]').textContent()).resolves.toBe('1.50');
      const r = await expectedReadout(widget, 1.5, Number(await widget.getByLabel(label.bias[lang]).inputValue()));
      await expect(text(widget, 'pre')).resolves.toBe(fixed(r.pre, 3));
    }
    await expectClean(page, watched);
    await context.close();
  });
});
