/**
 * The unit drill-down in every layer chapter, both languages, as a reader uses it: pick a unit
 * with the keyboard and with the pointer (and by touch on a phone); the highlighted field must be
 * the engine's receptiveField, and the a and y on screen must equal a recomputation done here,
 * independently, from the shipped weights (own loops over the documented parameter layout,
 * Math.tanh rather than the engine's). On the C3 page, a C3 map outlines exactly its column of
 * the connection table.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { Model, c3Table, lenet5, loadWeights, prepareDigit, receptiveField, type Unit } from '../../engine/index.ts';
import { sampleDigits } from '../../src/data/digits.ts';
import { launchBrowser, openPage } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const shipped = new Model(lenet5());
loadWeights(shipped, new Uint8Array(readFileSync('public/weights/faithful.bin')));
// The widget opens on digit 3: the first 3 of the MNIST test set.
const three = sampleDigits()[3];
const trace = shipped.forward(prepareDigit({ pixels: Uint8Array.from(three.pixels), rows: 28, cols: 28 }, 0, new Float32Array(1024)), shipped.newTrace());

/** a and y of one unit, added up here from the parameters (layouts documented in engine/layers/). */
function recompute(layer: string, u: Unit): { a: number; y: number } {
  const i = shipped.layers.findIndex((l) => l.name === layer);
  const l = shipped.layers[i];
  const spec = shipped.spec.layers[i];
  const p = shipped.params;
  const x = i === 0 ? trace.input : trace.layers[i - 1].out;
  const { height: H, width: W } = l.input;
  let a = 0;
  if (spec.kind === 'conv') {
    const rows = spec.table ?? Array.from({ length: spec.maps }, () => Array.from({ length: l.input.maps }, (_, m) => m));
    let kernel = rows.slice(0, u.map).reduce((n, r) => n + r.length, 0);
    const allKernels = rows.reduce((n, r) => n + r.length, 0);
    for (const source of rows[u.map]) {
      const w = l.offset + kernel * 25;
      for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) a += p[w + ky * 5 + kx] * x[(source * H + u.y + ky) * W + u.x + kx];
      kernel++;
    }
    a += p[l.offset + allKernels * 25 + u.map];
  } else if (spec.kind === 'subsample') {
    let sum = 0;
    for (let wy = 0; wy < 2; wy++) for (let wx = 0; wx < 2; wx++) sum += x[(u.map * H + 2 * u.y + wy) * W + 2 * u.x + wx];
    a = p[l.offset + u.map] * sum + p[l.offset + l.input.maps + u.map];
  } else if (spec.kind === 'full') {
    const n = x.length;
    for (let j = 0; j < n; j++) a += p[l.offset + u.map * n + j] * x[j];
    a += p[l.offset + n * spec.units + u.map];
  }
  return { a, y: 1.7159 * Math.tanh((2 / 3) * a) };
}

const number = (text: string | null) => Number((text ?? '').replace('−', '-'));
const unitOf = async (widget: Locator): Promise<Unit> => {
  const [map, y, x] = (await widget.getAttribute('data-unit'))!.split(',').map(Number);
  return { map, y, x };
};
const percent = (n: number, of: number) => (n / of) * 100;

/** What the widget shows for its selected unit equals the engine's field and the recomputed a and y. */
async function expectUnitShown(widget: Locator, layer: string, u: Unit) {
  await expect(unitOf(widget)).resolves.toEqual(u);
  const field = receptiveField(lenet5(), layer, u);
  for (const level of field.levels.slice(0, -1)) {
    const row = widget.locator(`.level[data-level="${level.name}"]`);
    await expect(row.getAttribute('data-maps')).resolves.toBe(level.maps.join(','));
    await expect(row.getAttribute('data-rows')).resolves.toBe(level.rows.join(','));
    await expect(row.getAttribute('data-cols')).resolves.toBe(level.cols.join(','));
    const vector = level.shape.height === 1;
    if (vector) continue;
    // The drawn box covers exactly the field's rectangle; maps outside the field are marked so.
    const minis = row.locator('.mini');
    await expect(minis.count()).resolves.toBe(level.shape.maps);
    for (let m = 0; m < level.shape.maps; m++) {
      const mini = minis.nth(m);
      const inside = level.maps.includes(m);
      await expect(mini.evaluate((e) => e.classList.contains('outside'))).resolves.toBe(!inside);
      if (!inside) continue;
      const style = await mini.locator('.field-box').evaluate((e: HTMLElement) => [e.style.top, e.style.left, e.style.height, e.style.width].map(parseFloat));
      const expected = [percent(level.rows[0], level.shape.height), percent(level.cols[0], level.shape.width),
        percent(level.rows[1] - level.rows[0] + 1, level.shape.height), percent(level.cols[1] - level.cols[0] + 1, level.shape.width)];
      style.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-3));
    }
  }
  const expected = recompute(layer, u);
  expect(Math.abs(number(await widget.locator('[data-a]').textContent()) - expected.a)).toBeLessThan(6e-4);
  expect(Math.abs(number(await widget.locator('[data-y]').textContent()) - expected.y)).toBeLessThan(6e-4);
}

const chapters = [['c1', 'C1', 28], ['s2', 'S2', 14], ['c3', 'C3', 10], ['s4', 'S4', 5], ['c5', 'C5', 1], ['f6', 'F6', 1]] as const;
const words = {
  en: { map: (l: string, n: number) => `${l} map ${n}`, vector: (l: string, n: number) => `Unit picker on the ${n} units of ${l}`, unit: (l: string, m: number) => `${l} unit ${m}` },
  'zh-CN': { map: (l: string, n: number) => `${l} 特征图 ${n}`, vector: (l: string, n: number) => `${l} 的 ${n} 个单元上的单元选择器`, unit: (l: string, m: number) => `${l} 单元 ${m}` },
};

async function openChapter(slug: string, lang: 'en' | 'zh-CN', layer: string) {
  const watched = await openPage(browser, inject('baseUrl'), `${lang === 'en' ? '' : '/zh-cn'}/chapters/${slug}/`);
  const widget = watched.page.locator(`layer-activations[data-layer="${layer}"]`);
  await widget.locator('[data-drill]').waitFor({ state: 'visible' });
  return { ...watched, widget };
}

async function expectClean(widget: Locator, consoleErrors: string[], foreignRequests: string[]) {
  expect(await widget.innerText()).not.toMatch(/NaN|undefined|Infinity/);
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
}

describe.each(['en', 'zh-CN'] as const)('unit drill-down (%s)', (lang) => {
  const w = words[lang];
  test.each(chapters)('%s: keyboard and pointer pick a unit; field and numbers follow', async (slug, layer, side) => {
    const { page, context, widget, consoleErrors, foreignRequests } = await openChapter(slug, lang, layer);
    const live = widget.locator('[data-announce]');
    if (side > 1) {
      // Keyboard: Tab onto map 1 keeps the unit's place; arrows move it, stopping at the edges.
      const start = await unitOf(widget);
      await widget.getByRole('button', { name: w.map(layer, 1), exact: true }).focus();
      for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
      const moved = { map: 1, y: Math.min(start.y + 2, side - 1), x: Math.min(start.x + 1, side - 1) };
      await expectUnitShown(widget, layer, moved);
      await expect(live.textContent()).resolves.toContain(`${w.map(layer, 1)}${lang === 'en' ? ', row ' : '，第 '}${moved.y}`);
      // Pointer on a thumbnail: map 3, near the bottom-left corner.
      const frame = widget.getByRole('button', { name: w.map(layer, 3), exact: true }).locator('.plane-frame');
      const box = (await frame.boundingBox())!;
      await frame.click({ position: { x: (0.5 / side) * box.width, y: ((side - 0.5) / side) * box.height } });
      await expectUnitShown(widget, layer, { map: 3, y: side - 1, x: 0 });
      // Pointer on the enlarged map: row 1, the last column.
      const picker = widget.getByRole('application');
      const big = (await picker.boundingBox())!;
      await picker.click({ position: { x: ((side - 0.5) / side) * big.width, y: (1.5 / side) * big.height } });
      await expectUnitShown(widget, layer, { map: 3, y: 1, x: side - 1 });
      // The nudge buttons move it too.
      await widget.getByRole('button', { name: lang === 'en' ? 'Move the unit left' : '单元左移' }).click();
      await expectUnitShown(widget, layer, { map: 3, y: 1, x: side - 2 });
    } else {
      const units = layer === 'C5' ? 120 : 84;
      const columns = layer === 'C5' ? 12 : 7;
      const picker = widget.getByRole('application', { name: w.vector(layer, units) });
      await picker.focus();
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
      await expectUnitShown(widget, layer, { map: 2 + columns, y: 0, x: 0 });
      await expect(live.textContent()).resolves.toContain(w.unit(layer, 2 + columns));
      const rows = Math.ceil(units / columns);
      const box = (await picker.boundingBox())!;
      await picker.click({ position: { x: (3.5 / columns) * box.width, y: (5.5 / rows) * box.height } });
      await expectUnitShown(widget, layer, { map: 5 * columns + 3, y: 0, x: 0 });
    }
    await expectClean(widget, consoleErrors, foreignRequests);
    await context.close();
  });

  test('c3: opening a C3 map outlines exactly its column of the connection table', async () => {
    const { page, context, widget, consoleErrors, foreignRequests } = await openChapter('c3', lang, 'C3');
    const table = page.locator('c3-connection-table');
    for (const map of [9, 4]) {
      await widget.getByRole('button', { name: w.map('C3', map), exact: true }).focus();
      await expect(unitOf(widget).then((u) => u.map)).resolves.toBe(map);
      const picked = await table.locator('[data-picked]').evaluateAll((es) => es.map((e) => (e as HTMLElement).dataset.column));
      // Its header, its six cells and its count: nothing of any other column.
      expect(picked).toEqual(Array(8).fill(String(map)));
      const connected = await table.locator(`td[data-picked] button[aria-pressed="true"]`).evaluateAll((es) => es.map((e) => Number((e as HTMLElement).dataset.s2)));
      expect(connected).toEqual(c3Table[map]);
      await expect(table.locator('[data-picked-status]').textContent()).resolves.toContain(c3Table[map].join(', '));
      // The drill-down's S2 level shows the same maps, and its computation has one term per connected map.
      await expect(widget.locator('.level[data-level="S2"]').getAttribute('data-maps')).resolves.toBe(c3Table[map].join(','));
      await expect(widget.locator('[data-terms] .term').count()).resolves.toBe(c3Table[map].length);
    }
    // The grid names the paper's four families and says contiguous wraps around.
    const families = await table.locator('[data-families] th[data-family]').allTextContents();
    expect(families).toEqual(lang === 'en' ? ['3 contiguous', '4 contiguous', '4 not contiguous', 'all 6'] : ['3 张相邻', '4 张相邻', '4 张不相邻', '全部 6']);
    await expect(table.locator('caption').textContent()).resolves.toMatch(lang === 'en' ? /wraps around: S2 maps 4, 5 and 0/ : /首尾相接/);
    await expectClean(widget, consoleErrors, foreignRequests);
    await context.close();
  });

  test.each([['s2', 'S2', 6], ['s4', 'S4', 16]] as const)('%s: each map on its own scale, on request', async (slug, layer, maps) => {
    const { context, widget, consoleErrors, foreignRequests } = await openChapter(slug, lang, layer);
    const scales = widget.locator('[data-scale]');
    await expect(scales.allTextContents()).resolves.toEqual(Array(maps).fill(''));
    await widget.getByLabel(lang === 'en' ? 'Scale each map to its own range' : '每张特征图按自己的范围着色').check();
    const shown = await scales.allTextContents();
    const out = trace.layers.find((l) => l.name === layer)!;
    const size = out.shape.height * out.shape.width;
    const fixed = (v: number) => {
      const t = Math.abs(v).toFixed(2);
      return v < 0 && Number(t) !== 0 ? `−${t}` : t;
    };
    expect(shown).toEqual(Array.from({ length: maps }, (_, m) => {
      const values = Array.from(out.out.subarray(m * size, (m + 1) * size));
      return `${fixed(Math.min(...values))} … ${fixed(Math.max(...values))}`;
    }));
    await expectClean(widget, consoleErrors, foreignRequests);
    await context.close();
  });
});

test('on a 390 px phone, a tap on the enlarged map opens the unit under the finger', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  await page.goto(`${inject('baseUrl')}/chapters/c1/`, { waitUntil: 'networkidle' });
  const widget = page.locator('layer-activations[data-layer="C1"]');
  await widget.locator('[data-drill]').waitFor({ state: 'visible' });
  const picker = widget.getByRole('application');
  const box = (await picker.boundingBox())!;
  expect(box.width).toBeGreaterThan(200);
  await picker.tap({ position: { x: (20.5 / 28) * box.width, y: (7.5 / 28) * box.height } });
  await expectUnitShown(widget, 'C1', { map: 0, y: 7, x: 20 });
  // The nudge buttons are big enough for a finger (at least 44 px).
  const nudge = (await widget.getByRole('button', { name: 'Move the unit up' }).boundingBox())!;
  expect(Math.min(nudge.width, nudge.height)).toBeGreaterThanOrEqual(44);
  await expectClean(widget, consoleErrors, []);
  await context.close();
});
