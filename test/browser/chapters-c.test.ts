/**
 * The F6, Output and Overview chapters in both languages, read and operated as a reader would:
 * controls found by their accessible names, numbers compared with the engine's.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { analyze, lenet5, rbfCodes } from '../../engine/index.ts';
import { computeNetwork } from '../../src/widgets/network-editor/model.ts';
import { formatDistance, readState } from '../../src/widgets/rbf/model.ts';
import { sampleF6States } from '../../src/widgets/rbf/samples.ts';
import { shippedModel } from '../../src/data/pretrained.ts';
import { launchBrowser, openPage, proseText } from './chromium.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const count = (n: number) => n.toLocaleString('en-US');
const noBadNumbers = async (page: Page) => expect(await proseText(page)).not.toMatch(/NaN|undefined|Infinity|null/);

describe.each([
  { path: '/chapters/overview/' }, { path: '/zh-cn/chapters/overview/' },
  { path: '/chapters/f6/' }, { path: '/zh-cn/chapters/f6/' },
  { path: '/chapters/output/' }, { path: '/zh-cn/chapters/output/' },
])('$path', ({ path }) => {
  test('loads with typeset formulas, no console error, no request off the site, no NaN', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), path);
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await page.locator('.katex-error').count()).toBe(0);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe.each([{ path: '/lab/rbf/' }, { path: '/lab/network-editor/' }])('lab page $path', ({ path }) => {
  test('runs its widgets in both languages with no console error', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), path);
    expect(await page.locator('rbf-explorer, network-editor, [data-testid="network-diagram"]').count()).toBeGreaterThanOrEqual(2);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe('Overview: the editable network', () => {
  test('8 C1 maps: the totals are the engine’s, C3 turns fully connected and says so; reset gives 60,000 and 340,908', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/overview/');
    const editor = page.locator('network-editor');
    const total = (what: string) => editor.getByTestId(`editor-total-${what}`).textContent();
    await expect(total('params')).resolves.toBe('60,000');
    await editor.getByLabel('C1 feature maps').fill('8');
    const expected = computeNetwork({ inputSize: 32, c1Maps: 8, c1Kernel: 5 });
    if (!expected.ok) throw expected.error;
    await expect(total('params')).resolves.toBe(count(expected.analysis.total.params));
    await expect(total('connections')).resolves.toBe(count(expected.analysis.total.connections));
    const c3 = editor.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'C3', exact: true }) });
    await expect(c3.textContent()).resolves.toContain(count(expected.analysis.layers[2].params));
    await expect(editor.textContent()).resolves.toContain('C3 is fully connected');

    // A larger input: C5's maps grow beyond 1×1.
    await editor.getByLabel('Input size').fill('40');
    const c5 = editor.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'C5', exact: true }) });
    await expect(c5.textContent()).resolves.toContain('120@3×3');

    await editor.getByRole('button', { name: 'Paper’s values' }).click();
    await expect(total('params')).resolves.toBe('60,000');
    await expect(total('connections')).resolves.toBe('340,908');
    await expect(editor.textContent()).resolves.toContain('C3 uses the paper’s connection table');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('impossible settings are explained inline — next to the control, or for the later layer that no longer fits — and never show NaN', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/overview/');
    const editor = page.locator('network-editor');
    await editor.getByLabel('C1 kernel size').fill('40');
    await expect(editor.getByRole('alert').filter({ hasText: /./ }).first().textContent())
      .resolves.toBe('C1: kernel size 40 is larger than the input 32×32 (allowed: 1 to 32)');
    await expect(editor.getByLabel('C1 kernel size').getAttribute('aria-invalid')).resolves.toBe('true');

    await editor.getByLabel('C1 kernel size').fill('9');
    await expect(editor.getByRole('alert').filter({ hasText: /./ }).first().textContent())
      .resolves.toBe('With these settings a later layer can no longer be built: C5: kernel size 5 is larger than the input 4×4 (allowed: 1 to 4)');

    await editor.getByLabel('Input size').fill('');
    await expect(editor.getByRole('alert').filter({ hasText: 'whole number' }).count()).resolves.toBe(1);
    await noBadNumbers(page);

    // Keyboard: arrow down on the kernel from the paper's 5 (a 6×6 kernel would leave C5 no room).
    await editor.getByRole('button', { name: 'Paper’s values' }).click();
    await editor.getByLabel('C1 kernel size').focus();
    await page.keyboard.press('ArrowDown');
    const c1 = editor.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'C1', exact: true }) });
    await expect(c1.textContent()).resolves.toContain('6@29×29');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(editor.getByRole('alert').filter({ hasText: 'C5: kernel size 5' }).count()).resolves.toBe(1);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('in Chinese: Chinese accessible names, engine totals, errors in Chinese', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/zh-cn/chapters/overview/');
    const editor = page.locator('network-editor');
    await editor.getByLabel('C1 特征图数').fill('8');
    const expected = computeNetwork({ inputSize: 32, c1Maps: 8, c1Kernel: 5 });
    if (!expected.ok) throw expected.error;
    await expect(editor.getByTestId('editor-total-params').textContent()).resolves.toBe(count(expected.analysis.total.params));
    await editor.getByLabel('C1 卷积核大小').fill('33');
    await expect(editor.getByRole('alert').filter({ hasText: /./ }).first().textContent())
      .resolves.toBe('C1：卷积核大小 33 大于输入 32×32（允许：1 到 32）');
    await editor.getByRole('button', { name: '恢复论文取值' }).click();
    await expect(editor.getByTestId('editor-total-connections').textContent()).resolves.toBe('340,908');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('an input that breaks the chain (28): the table and a list show how far it gets, layer by layer, and ✗ where it stops', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/overview/');
    const editor = page.locator('network-editor');
    await editor.getByLabel('Input size').fill('28');
    // By hand: C1 5×5 → 24; S2 halves → 12; C3 5×5 → 8; S4 halves → 4; C5's 5×5 kernel no longer fits in 4×4.
    const chain = editor.getByRole('list', { name: 'How far the input gets, layer by layer' });
    await expect(chain.getByRole('listitem').allTextContents()).resolves
      .toEqual(['Input 1@28×28', 'C1 6@24×24', 'S2 6@12×12', 'C3 16@8×8', 'S4 16@4×4', 'C5 ✗ cannot be built']);
    const alert = editor.getByRole('alert').filter({ hasText: /./ });
    await expect(alert.textContent()).resolves
      .toBe('With these settings a later layer can no longer be built: C5: kernel size 5 is larger than the input 4×4 (allowed: 1 to 4)');
    // Nothing is padded here, so nothing speaks of padding.
    expect(await editor.innerText()).not.toMatch(/padd/i);
    const row = (name: string) => editor.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    // The layers that were built keep their real numbers (C1's 156 parameters do not depend on the input size) …
    await expect(row('S4').textContent()).resolves.toContain('16@4×4');
    await expect(row('C1').textContent()).resolves.toContain('156');
    // … C5 is marked, the layers after it and the totals are not made up.
    await expect(row('C5').locator('td').first().textContent()).resolves.toBe('✗');
    await expect(row('F6').locator('td').allTextContents()).resolves.toEqual(['–', '–', '–']);
    await expect(editor.getByTestId('editor-total-params').textContent()).resolves.toBe('–');
    await expect(editor.evaluate((e) => e.classList.contains('is-stale'))).resolves.toBe(false);
    await noBadNumbers(page);

    // Back to a size that works: the chain goes away and the totals come back.
    await editor.getByLabel('Input size').fill('32');
    await expect(chain.isHidden()).resolves.toBe(true);
    await expect(editor.getByTestId('editor-total-params').textContent()).resolves.toBe('60,000');
    await expect(row('OUTPUT').textContent()).resolves.toContain('840');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('in Chinese, the engine’s messages carry no English: a refused input size and a broken chain', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/zh-cn/chapters/overview/');
    const editor = page.locator('network-editor');
    await editor.getByLabel('输入尺寸').fill('0');
    const alert = editor.getByRole('alert').filter({ hasText: /./ });
    await expect(alert.textContent()).resolves.toMatch(/^输入：输入尺寸 0 不是允许范围内的整数（允许：1 到 [\d,]+ 之间的整数）$/);
    await editor.getByLabel('输入尺寸').fill('28');
    await expect(alert.textContent()).resolves.toBe('在这些设置下，后面的某一层无法构建：C5：卷积核大小 5 大于输入 4×4（允许：1 到 4）');
    await expect(editor.getByRole('list', { name: '输入逐层能走到哪里' }).getByRole('listitem').allTextContents()).resolves
      .toEqual(['输入 1@28×28', 'C1 6@24×24', 'S2 6@12×12', 'C3 16@8×8', 'S4 16@4×4', 'C5 ✗ 无法构建']);
    // Apart from layer names (C1 … OUTPUT) and shapes, no Latin word in what the widget says.
    expect((await alert.textContent())!.replace(/\b(C\d|S\d|F6|OUTPUT)\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('the diagram lists every layer with its engine shape', async () => {
    const { page, context } = await openPage(browser, inject('baseUrl'), '/chapters/overview/');
    const items = page.getByRole('list', { name: 'The layers of LeNet-5, from input to output' }).getByRole('listitem');
    await expect(items.count()).resolves.toBe(8);
    await expect(items.nth(1).textContent()).resolves.toContain('6@28×28');
    await context.close();
  });
});

describe.each([
  { lang: 'English', path: '/chapters/f6/', code: (d: number) => `Code of digit ${d}`, units: 'Units' },
  { lang: 'Chinese', path: '/zh-cn/chapters/f6/', code: (d: number) => `数字 ${d} 的编码`, units: '单元数' },
])('F6 in $lang', ({ path, code, units }) => {
  test('shows the ten code bitmaps, each labelled, and the F6 calculator follows the engine', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), path);
    for (let d = 0; d < 10; d++) await expect(page.getByRole('figure', { name: code(d), exact: true }).count()).resolves.toBe(1);
    const ink = await page.getByRole('figure', { name: code(3), exact: true }).locator('rect.ink').count();
    expect(ink).toBe(rbfCodes[3].filter((w) => w > 0).length);
    // The shared activation view draws F6 for a real digit from the pretrained weights.
    await expect(page.locator('layer-activations[data-layer="F6"] [data-figure]').waitFor({ state: 'visible' })).resolves.toBeUndefined();
    const calc = page.locator('layer-calculator[data-layer="F6"]');
    await calc.getByLabel(units).fill('100');
    const spec = lenet5();
    const f6 = spec.layers[5];
    if (f6.kind === 'full') f6.units = 100;
    spec.layers.pop();
    const expected = analyze(spec).layers[5];
    await expect(calc.locator('[data-value="params"]').textContent()).resolves.toBe(count(expected.params));
    await expect(calc.locator('[data-value="connections"]').textContent()).resolves.toBe(count(expected.connections));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe.each([
  { lang: 'English', path: '/chapters/output/', cell: 'Unit 1: row 1, column 1', start: 'F6 state to start from', answer: 'Answer: ' },
  { lang: 'Chinese', path: '/zh-cn/chapters/output/', cell: '单元 1：第 1 行第 1 列', start: 'F6 的起始状态', answer: '识别结果：' },
])('Output in $lang: the RBF explorer', ({ path, cell, start, answer }) => {
  test('a real digit’s distances are the engine’s, the chart renders, flipping a cell changes them', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), path);
    const explorer = page.locator('rbf-explorer');
    const canvas = explorer.locator('canvas[data-chart]');
    const box = await canvas.boundingBox();
    expect(box && box.width > 100 && box.height > 100).toBe(true);
    // Chart.js drew something: the canvas is not blank.
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    expect(painted).toBe(true);
    const cells = () => explorer.locator('[data-distance]').allTextContents();
    const distances = async () => (await cells()).map((t) => Number(t.replace(/,/g, '')));

    // Test digit 3 through the pretrained network: the text alternative lists the engine's ten distances.
    const sample = sampleF6States(shippedModel('faithful')).find((s) => s.label === 3)!;
    const expected = readState(sample.f6);
    await expect(cells()).resolves.toEqual(expected.distances.map(formatDistance));
    await expect(explorer.getByRole('status').textContent()).resolves.toContain(`${answer}${expected.winner}`);

    // From the code of 3: distance 0; one flipped cell costs 4 and moves every distance by 4.
    await explorer.getByLabel(start).selectOption('code:3');
    const before = await distances();
    expect(before).toHaveLength(10);
    expect(before[3]).toBe(0);
    await explorer.getByRole('button', { name: cell, exact: true }).click();
    const after = await distances();
    expect(after[3]).toBe(4);
    expect(after.map((d, i) => Math.abs(d - before[i]))).toEqual(Array(10).fill(4));

    // Keyboard: the same cell again with Space flips it back; arrows move the focus.
    await explorer.getByRole('button', { name: cell, exact: true }).focus();
    await page.keyboard.press('Space');
    await expect(distances()).resolves.toEqual(before);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect((await distances())[3]).toBe(4);

    await explorer.getByLabel(start).selectOption('code:8');
    expect((await distances())[8]).toBe(0);
    await expect(explorer.getByRole('status').textContent()).resolves.toContain(`${answer}8`);
    await noBadNumbers(page);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
