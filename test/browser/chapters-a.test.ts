import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { analyze, lenet5 } from '../../engine/index.ts';
import { denseTable, networkWith, paperTable, toggle } from '../../src/widgets/c3-table/model.ts';
import { cellAt, formatValue, inputView } from '../../src/widgets/input-padding/model.ts';
import { sampleDigits } from '../../src/data/digits.ts';
import { launchBrowser, openPage, proseText } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const count = (n: number) => n.toLocaleString('en-US');
const value = (scope: Locator, key: string) => scope.locator(`[data-value="${key}"]`).textContent();

/** What the engine says about the paper's layer `name` with some settings changed. */
function engineLayer(name: string, change: Record<string, number>, inputSize?: number) {
  const spec = lenet5();
  const index = spec.layers.findIndex((l) => l.name === name);
  const input = analyze(spec).layers[index].input;
  const layer = { ...spec.layers[index], ...change } as (typeof spec.layers)[number];
  if (layer.kind === 'conv' && 'maps' in change) delete layer.table;
  return analyze({ input: { size: inputSize ?? input.height, channels: input.maps }, layers: [layer] }).layers[0];
}

const chapters = [
  { slug: 'input', en: 'Input — a 32×32 field', zh: '输入——32×32 的视野' },
  { slug: 'c1', en: 'C1 — six 5×5 convolutions', zh: 'C1——六个 5×5 卷积核' },
  { slug: 'c3', en: 'C3 — sixteen maps, chosen inputs', zh: 'C3——十六张特征图，有选择的输入' },
];

const languages = [
  { lang: 'en' as const, prefix: '', words: { kernel: 'Kernel size', maps: 'Feature maps', stride: 'Stride', inputSize: 'Input size', reset: 'Paper’s values' } },
  { lang: 'zh-CN' as const, prefix: '/zh-cn', words: { kernel: '卷积核大小', maps: '特征图数', stride: '步长', inputSize: '输入尺寸', reset: '恢复论文取值' } },
];

async function noBadNumbers(page: Page): Promise<void> {
  expect(await proseText(page)).not.toMatch(/NaN|undefined|Infinity|null/);
}

describe.each(languages)('chapters Input, C1, C3 ($lang)', ({ lang, prefix, words }) => {
  test.each(chapters)('$slug loads with its title, typeset formulas, no console error and no request off the site', async (chapter) => {
    const baseUrl = inject('baseUrl');
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, baseUrl, `${prefix}/chapters/${chapter.slug}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(lang === 'en' ? chapter.en : chapter.zh);
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await page.locator('.katex-error').count()).toBe(0);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  test('Input: pointing at a pixel, tapping it or moving there with the keyboard shows its value; the picker swaps the digit', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/input/`);
    const widget = page.locator('input-pixels');
    const digits = sampleDigits();
    const three = inputView(digits.find((d) => d.label === 3)!.pixels);
    const image = widget.getByRole('application', { name: lang === 'en' ? 'Input pixels of the digit 3' : '数字 3 的输入像素' });
    await image.scrollIntoViewIfNeeded();
    const box = (await image.boundingBox())!;
    const at = (row: number, col: number) => ({ x: box.x + ((col + 0.5) / 32) * box.width, y: box.y + ((row + 0.5) / 32) * box.height });
    const readout = widget.locator('[aria-live]');

    // The mouse over padding: the paper's value, and no C1 window centred there.
    await page.mouse.move(at(0, 5).x, at(0, 5).y);
    await expect(readout.textContent()).resolves.toContain(lang === 'en' ? 'Row 0, column 5' : '第 0 行，第 5 列');
    await expect(readout.textContent()).resolves.toContain(formatValue(cellAt(three, 0, 5).value));
    await expect(readout.textContent()).resolves.toMatch(lang === 'en' ? /padding frame/ : /填充边框/);

    // The inkiest pixel of the digit: its grey level and the engine's value.
    const ink = three.cells.reduce((best, c) => ((c.grey ?? 0) > (best.grey ?? 0) ? c : best));
    await page.mouse.move(at(ink.row, ink.col).x, at(ink.row, ink.col).y);
    await expect(readout.textContent()).resolves.toContain(`${ink.grey}`);
    await expect(readout.textContent()).resolves.toContain(formatValue(ink.value));
    await expect(readout.textContent()).resolves.toContain(`(${ink.row - 2}, ${ink.col - 2})`);

    // Keyboard: focus the image, move one pixel right.
    await image.focus();
    await page.keyboard.press('ArrowRight');
    const right = cellAt(three, ink.row, ink.col + 1);
    await expect(readout.textContent()).resolves.toContain(lang === 'en' ? `Row ${ink.row}, column ${ink.col + 1}` : `第 ${ink.row} 行，第 ${ink.col + 1} 列`);
    await expect(readout.textContent()).resolves.toContain(formatValue(right.value));
    // The 5×5 window shows the values around it.
    await expect(widget.locator('[data-window] td').nth(12).textContent()).resolves.toBe(formatValue(right.value));

    // Another digit, and the same pixel's new value.
    await widget.getByRole('button', { name: new RegExp(lang === 'en' ? '^Digit 7,' : '^数字 7，') }).click();
    const seven = inputView(digits.find((d) => d.label === 7)!.pixels);
    await expect(widget.getByRole('application').getAttribute('aria-label')).resolves.toBe(lang === 'en' ? 'Input pixels of the digit 7' : '数字 7 的输入像素');
    await expect(readout.textContent()).resolves.toContain(formatValue(cellAt(seven, ink.row, ink.col + 1).value));
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('Input: C1 fed the bare 28×28 image shrinks to 24×24; padding inside C1 restores the size, with the engine’s counts', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/input/`);
    const calc = page.locator('layer-calculator[data-layer="C1"]');
    await calc.getByLabel(words.inputSize).fill('28');
    await expect(value(calc, 'output')).resolves.toBe('6@24×24');
    await expect(value(calc, 'connections')).resolves.toBe(count(engineLayer('C1', {}, 28).connections));
    await calc.getByLabel(lang === 'en' ? 'Padding' : '填充').fill('2');
    const padded = engineLayer('C1', { padding: 2 }, 28);
    await expect(value(calc, 'output')).resolves.toBe('6@28×28');
    await expect(value(calc, 'connections')).resolves.toBe(count(padded.connections));
    await expect(value(calc, 'params')).resolves.toBe('156');
    await calc.getByLabel(lang === 'en' ? 'Padding' : '填充').fill('5');
    await expect(calc.getByRole('alert').filter({ hasText: /5/ }).count()).resolves.toBe(1);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('Input on a phone: a tap shows the pixel', async () => {
    // openPage has no touch screen, so this context is made here, watched the same way.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    await page.goto(`${inject('baseUrl')}${prefix}/chapters/input/`, { waitUntil: 'networkidle' });
    const image = page.locator('input-pixels').getByRole('application');
    await image.scrollIntoViewIfNeeded();
    const box = (await image.boundingBox())!;
    await page.touchscreen.tap(box.x + (1.5 / 32) * box.width, box.y + (20.5 / 32) * box.height);
    await expect(page.locator('input-pixels [aria-live]').textContent()).resolves.toContain(lang === 'en' ? 'Row 20, column 1' : '第 20 行，第 1 列');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('C1’s calculator follows its controls with the engine’s numbers and explains an impossible kernel inline', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/c1/`);
    const calc = page.locator('layer-calculator[data-layer="C1"]');
    await expect(value(calc, 'params')).resolves.toBe('156');
    await expect(value(calc, 'connections')).resolves.toBe('122,304');

    await calc.getByLabel(words.kernel).fill('3');
    await calc.getByLabel(words.maps).fill('10');
    let expected = engineLayer('C1', { kernel: 3, maps: 10 });
    await expect(value(calc, 'output')).resolves.toBe(`10@${expected.output.height}×${expected.output.width}`);
    await expect(value(calc, 'params')).resolves.toBe(count(expected.params));
    await expect(value(calc, 'connections')).resolves.toBe(count(expected.connections));
    await expect(value(calc, 'macs')).resolves.toBe(count(expected.macs));

    await calc.getByLabel(words.inputSize).fill('40');
    expected = engineLayer('C1', { kernel: 3, maps: 10 }, 40);
    await expect(value(calc, 'connections')).resolves.toBe(count(expected.connections));

    await calc.getByLabel(words.stride).focus();
    await page.keyboard.press('ArrowUp');
    expected = engineLayer('C1', { kernel: 3, maps: 10, stride: 2 }, 40);
    await expect(value(calc, 'output')).resolves.toBe(`10@${expected.output.height}×${expected.output.width}`);

    await calc.getByLabel(words.kernel).fill('99');
    const alert = calc.getByRole('alert').filter({ hasText: /99/ });
    await expect(alert.count()).resolves.toBe(1);
    await expect(alert.textContent()).resolves.toMatch(lang === 'en' ? /kernel size 99 is larger than the input 40×40/ : /卷积核大小 99 大于输入 40×40/);
    await noBadNumbers(page);

    await calc.getByRole('button', { name: words.reset }).click();
    await expect(value(calc, 'params')).resolves.toBe('156');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('C3’s calculator keeps Table I until the number of maps changes', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/c3/`);
    const calc = page.locator('layer-calculator[data-layer="C3"]');
    await expect(value(calc, 'params')).resolves.toBe('1,516');
    await calc.getByLabel(words.maps).fill('20');
    const expected = engineLayer('C3', { maps: 20 });
    await expect(value(calc, 'params')).resolves.toBe(count(expected.params));
    await calc.getByLabel(words.kernel).fill('15');
    await expect(calc.getByRole('alert').filter({ hasText: /15/ }).count()).resolves.toBe(1);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('C3’s connection grid: paper → toggle a cell → dense → an emptied column is explained', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), `${prefix}/chapters/c3/`);
    const grid = page.locator('c3-connection-table');
    const cell = (c3: number, s2: number) => grid.getByRole('button', { name: lang === 'en' ? `C3 map ${c3} ← S2 map ${s2}` : `C3 特征图 ${c3} ← S2 特征图 ${s2}`, exact: true });
    const c3Of = (table: number[][]) => analyze(networkWith(table)).layers.find((l) => l.name === 'C3')!;
    await expect(value(grid, 'params')).resolves.toBe('1,516');
    await expect(cell(4, 5).getAttribute('aria-pressed')).resolves.toBe('true');

    // C3 map 0 takes S2 maps 0, 1, 2 in the paper: connect S2 map 5 as well.
    await cell(0, 5).click();
    await expect(cell(0, 5).getAttribute('aria-pressed')).resolves.toBe('true');
    const once = c3Of(toggle(paperTable(), 0, 5));
    await expect(value(grid, 'params')).resolves.toBe(count(once.params));
    await expect(value(grid, 'connections')).resolves.toBe(count(once.connections));

    // Keyboard: arrow keys move between cells, Space toggles.
    await cell(0, 5).focus();
    await page.keyboard.press('ArrowRight');
    await expect(cell(1, 5).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Space');
    const twice = c3Of(toggle(toggle(paperTable(), 0, 5), 1, 5));
    await expect(value(grid, 'params')).resolves.toBe(count(twice.params));

    await grid.getByRole('button', { name: lang === 'en' ? 'All connections' : '全部连接' }).click();
    await expect(value(grid, 'params')).resolves.toBe(count(c3Of(denseTable()).params));
    await expect(value(grid, 'params')).resolves.toBe('2,416');
    await expect(value(grid, 'total')).resolves.toBe(count(analyze(networkWith(denseTable())).total.params));

    await grid.getByRole('button', { name: lang === 'en' ? 'Paper’s table' : '论文的连接表' }).click();
    await expect(value(grid, 'params')).resolves.toBe('1,516');
    // Empty column 4 (S2 maps 0, 4, 5 in the paper).
    for (const s2 of [0, 4, 5]) await cell(4, s2).click();
    const alert = grid.getByRole('alert');
    await expect(alert.isVisible()).resolves.toBe(true);
    await expect(alert.textContent()).resolves.toMatch(lang === 'en'
      ? /^C3: connection table row 4 \[\] gives this output map no input map, so it could only ever output its bias.*No input reaches C3 map 4/
      : /^C3：连接表中特征图 4 那一行为空——这张输出特征图没有任何输入.*C3 特征图 4（已高亮）没有任何输入/);
    // The last valid numbers (column 4 down to S2 map 5) stay, marked as such; nothing turns into NaN.
    await expect(value(grid, 'params')).resolves.toBe(count(c3Of(toggle(toggle(paperTable(), 4, 0), 4, 4)).params));
    await expect(grid.locator('[data-stale]').isVisible()).resolves.toBe(true);
    await noBadNumbers(page);
    await cell(4, 0).click();
    await expect(alert.isVisible()).resolves.toBe(false);
    await expect(value(grid, 'params')).resolves.toBe(count(c3Of([...paperTable().slice(0, 4), [0], ...paperTable().slice(5)]).params));

    await grid.getByRole('button', { name: lang === 'en' ? 'Another random table' : '换一张随机表' }).click();
    await expect(grid.locator('[data-status]').textContent()).resolves.toMatch(lang === 'en' ? /random table number 1/ : /第 1 号随机表/);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
