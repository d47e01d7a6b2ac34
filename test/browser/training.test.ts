import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium.ts';
import { decodeWeights } from '../../engine/index.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const points = async (t: Locator, chart: 'loss' | 'accuracy') => Number((await t.locator(`[data-chart="${chart}"]`).getAttribute('data-points')) ?? 0);
const phase = (t: Locator) => t.getAttribute('data-phase');

async function waitFor(page: Page, check: () => Promise<boolean>, timeout = 90_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await page.waitForTimeout(200);
  }
}

describe('Training chapter', () => {
  test('a reader trains on 2,000 digits: progress, both curves, pause and resume, final accuracy, confusion matrix, export, import, Playground', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), '/chapters/training/');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const t = page.locator('lenet-training');
    await page.waitForTimeout(500);
    expect(requests.filter((u) => u.includes('/mnist/'))).toEqual([]);

    // Ten passes over 2,000 digits: long enough to press Pause in the middle on a fast machine
    // (three over 1,000 were sometimes over before Pause landed once the engine got faster).
    await t.getByLabel('Training images').selectOption('2000');
    await t.getByLabel('Passes').fill('10');
    await t.getByRole('button', { name: 'Start training' }).click();
    await waitFor(page, async () => (await points(t, 'loss')) >= 2 && (await points(t, 'accuracy')) >= 2);
    expect(await t.locator('[data-status]').textContent()).toMatch(/Pass (?:[1-9]|10) of 10: [\d,]+ of 20,000 samples · [\d,]+ samples\/s · .+ left/);
    expect(requests.some((u) => u.endsWith('/mnist/train-images-0.mask.gz'))).toBe(true);
    expect(requests.some((u) => u.endsWith('/mnist/train-images-1.mask.gz'))).toBe(false);

    await t.getByRole('button', { name: 'Pause' }).click();
    await waitFor(page, async () => (await phase(t)) === 'paused');
    await waitFor(page, async () => t.locator('[data-results]').isVisible());
    await expect(t.locator('[data-confusion] tbody tr').count()).resolves.toBe(10);
    // The matrix scrolls in a region named by its caption, which a keyboard can reach.
    const matrix = t.getByRole('region', { name: /^Confusion matrix on the 10,000 test digits/ });
    await matrix.focus();
    await expect(matrix.evaluate((el) => el === document.activeElement && el.querySelector('[data-confusion]') !== null)).resolves.toBe(true);
    // The chart draws at most a few times a second, so points trained just before the pause may
    // still arrive; after that, nothing moves while paused.
    await page.waitForTimeout(400);
    const pausedAt = await points(t, 'loss');
    await page.waitForTimeout(800);
    expect(await points(t, 'loss')).toBe(pausedAt);

    await t.getByRole('button', { name: 'Resume' }).click();
    await waitFor(page, async () => (await points(t, 'loss')) > pausedAt);
    await waitFor(page, async () => (await phase(t)) === 'ended');
    const status = (await t.locator('[data-status]').textContent())!;
    const accuracy = Number(/Test accuracy ([\d.]+) %/.exec(status)?.[1]);
    expect(accuracy).toBeGreaterThan(50);
    const cells = await t.locator('[data-confusion] tbody td').allTextContents();
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(10000);
    expect(await t.innerText()).not.toMatch(/NaN|undefined|Infinity/);

    // Export, then refuse a truncated, a foreign and a corrupted file; the trained model stays.
    const [download] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Download the weights' }).click()]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('LNW5');
    const current = await t.locator('[data-current]').textContent();
    const importStatus = t.locator('[data-import-status]');
    const file = t.locator('[data-import]');
    await file.setInputFiles({ name: 'cut.bin', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, 1000) });
    await expect.poll(() => importStatus.textContent()).toMatch(/refused and the current model is kept: it is cut short/);
    await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: readFileSync('public/favicon.svg') });
    await expect.poll(() => importStatus.textContent()).toMatch(/not a LeNet-5 weights file/);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 100] ^= 0xff;
    await file.setInputFiles({ name: 'damaged.bin', mimeType: 'application/octet-stream', buffer: damaged });
    await expect.poll(() => importStatus.textContent()).toMatch(/damaged/);
    await expect(t.locator('[data-current]').textContent()).resolves.toBe(current);
    await expect(t.getByRole('button', { name: 'Download the weights' }).isEnabled()).resolves.toBe(true);
    // The good file loads.
    await file.setInputFiles({ name: 'mine.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await expect.poll(() => importStatus.textContent()).toMatch(/Loaded mine.bin: Modern network/);

    // Carry the model to the Playground.
    await t.getByRole('button', { name: 'Use these weights in the Playground' }).click();
    await t.getByRole('link', { name: 'open the Playground' }).click();
    await page.waitForURL(/playground/);
    await expect(page.locator('lenet-playground [data-source]').inputValue()).resolves.toBe('yours');
    await waitFor(page, async () => (await page.locator('lenet-playground [data-status]').textContent()) === '', 10_000);

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 240_000);

  test('the faithful network with batches of 10 and the paper’s schedule: the command follows, a batch too large is refused, the run learns', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/training/');
    const t = page.locator('lenet-training');
    const command = t.locator('[data-command]');
    await expect(command.textContent()).resolves.toMatch(/--variant modern .*--lr 0\.02 --schedule linear --batch-size 1$/);
    await t.getByLabel('Network').selectOption('faithful');
    // A new network brings its own learning rate, and the command says so.
    await expect(t.getByLabel('Learning rate').inputValue()).resolves.toBe('0.003');
    await t.getByLabel('Training images').selectOption('1000');
    await t.getByLabel('Batch size').fill('5000');
    await t.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => t.getByRole('alert').textContent()).toBe('Batch size: a whole number from 1 to 1000');
    await expect(t.getByLabel('Batch size').getAttribute('aria-invalid')).resolves.toBe('true');
    await t.getByLabel('Batch size').fill('10');
    await t.getByLabel('Learning-rate schedule').selectOption('paper');
    await t.getByLabel('Learning rate').fill('0.01');
    await expect(command.textContent()).resolves.toBe('npx lenet train --variant faithful --epochs 1 --train-size 1000 --seed 1 --optimizer sgd --lr 0.01 --schedule paper --batch-size 10 --map-j 10');
    await t.getByRole('button', { name: 'Start training' }).click();
    await waitFor(page, async () => (await phase(t)) === 'ended');
    const status = (await t.locator('[data-status]').textContent())!;
    expect(status).toMatch(/^Done: 1,000 samples in .+\. Test accuracy [\d.]+ % on all 10,000 test digits\.$/);
    expect(Number(/Test accuracy ([\d.]+) %/.exec(status)?.[1])).toBeGreaterThan(30);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  test('the reference run’s chart and table show every pass the shipped weights file records', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/training/');
    const history = (decodeWeights(new Uint8Array(readFileSync('public/weights/faithful.bin'))).meta.history as { testError: number }[]);
    const figure = page.locator('.reference-curve');
    await expect(figure.getByRole('img').getAttribute('aria-label')).resolves
      .toBe(`The reference run pass by pass: test error ${(100 * history[history.length - 1].testError).toFixed(2)} % after ${history.length} passes (the paper: 0.95 %)`);
    await expect(figure.locator('circle').count()).resolves.toBe(history.length);
    await figure.getByText('The numbers, pass by pass').click();
    const rows = await figure.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[2])).toEqual(history.map((p) => `${(100 * p.testError).toFixed(2)} %`));
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);

  test('a learning rate far too high is caught: training stops with a message, and no NaN is drawn', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/training/');
    const t = page.locator('lenet-training');
    await t.getByLabel('Network').selectOption('modern');
    await t.getByLabel('Training images').selectOption('1000');
    await t.getByLabel('Learning rate').fill('5');
    await t.getByRole('button', { name: 'Start training' }).click();
    await waitFor(page, async () => (await phase(t)) === 'ended');
    const status = (await t.locator('[data-status]').textContent())!;
    expect(status).toMatch(/Training diverged/);
    expect(status).toMatch(/Try a learning rate ten times smaller/);
    expect(await t.innerText()).not.toMatch(/NaN|undefined|Infinity/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  test('a failed download says so and offers a retry; Stop ends a run and tests it; Reset starts over', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/training/');
    const t = page.locator('lenet-training');
    await context.route('**/mnist/**', (route) => route.abort('connectionrefused'));
    await t.getByLabel('Training images').selectOption('1000');
    // Ten passes: one pass over 1,000 digits can end before Stop is pressed.
    await t.getByLabel('Passes').fill('10');
    await t.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => t.locator('[data-status]').textContent()).toMatch(/^The MNIST files could not be downloaded \(.+\)\. Check the connection and try again\.$/);
    const retry = t.getByRole('button', { name: 'Try the download again' });
    await expect(retry.isVisible()).resolves.toBe(true);
    await context.unroute('**/mnist/**');
    await retry.click();
    await waitFor(page, async () => (await points(t, 'loss')) >= 1);
    await t.getByRole('button', { name: 'Stop' }).click();
    await waitFor(page, async () => (await phase(t)) === 'ended');
    await expect(t.locator('[data-status]').textContent()).resolves.toMatch(/^Stopped after [\d,]+ samples\. Test accuracy [\d.]+ % on all 10,000 test digits\.$/);
    await expect(t.locator('[data-results]').isVisible()).resolves.toBe(true);
    await t.getByRole('button', { name: 'Reset' }).click();
    await expect(t.locator('[data-status]').textContent()).resolves.toBe('Not started. Nothing has been downloaded yet.');
    await expect(t.locator('[data-results]').isVisible()).resolves.toBe(false);
    await expect(t.getByRole('button', { name: 'Start training' }).isEnabled()).resolves.toBe(true);
    // The aborted requests are the only errors the page may log (as failed loads, not script errors).
    expect(consoleErrors.filter((e) => !/net::ERR_|Failed to load resource|Failed to fetch/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);

  test('Resume pressed while the pause’s test pass still runs: the run goes on (status, bar, Pause and Stop), and the bar ends at 100 % with a current accessible value', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/chapters/training/');
    const t = page.locator('lenet-training');
    const bar = t.getByRole('progressbar', { name: 'Training progress' });
    const barValue = () => bar.evaluate((e) => (e as HTMLProgressElement).value);
    const status = async () => (await t.locator('[data-status]').textContent()) ?? '';
    // Ten passes over 2,000 digits: long enough that the run is still going when the checks after
    // Resume read it, even on the faster engine.
    await t.getByLabel('Training images').selectOption('2000');
    await t.getByLabel('Passes').fill('10');
    await t.getByRole('button', { name: 'Start training' }).click();
    await waitFor(page, async () => (await points(t, 'loss')) >= 2);

    // Slow the page down so the pause's test pass over 10,000 digits surely lasts until Resume.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await t.getByRole('button', { name: 'Pause' }).click();
    await waitFor(page, async () => /^Testing on the 10,000 test digits/.test(await status()), 30_000);
    expect(await phase(t)).toBe('paused');
    await t.getByRole('button', { name: 'Resume' }).click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const resumedAt = await barValue();

    // The run is running again: its status counts samples, the bar moves, Pause and Stop answer.
    await waitFor(page, async () => /^Pass \d+ of 10: /.test(await status()), 20_000);
    await waitFor(page, async () => (await barValue()) > resumedAt, 20_000);
    // Between passes the run tests itself ('testing'); it is training again soon after.
    await waitFor(page, async () => (await phase(t)) === 'running', 20_000);
    await expect(t.getByRole('button', { name: 'Pause' }).isEnabled()).resolves.toBe(true);
    await expect(t.getByRole('button', { name: 'Stop' }).isEnabled()).resolves.toBe(true);

    await waitFor(page, async () => (await phase(t)) === 'ended', 180_000);
    expect(await status()).toMatch(/^Done: 20,000 samples in .+\. Test accuracy [\d.]+ % on all 10,000 test digits\.$/);
    // The bar ends full, and Chromium's accessibility tree (what a screen reader reads) says so.
    await expect(bar.evaluate((e) => (e as HTMLProgressElement).position)).resolves.toBe(1);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const node = nodes.find((n) => n.role?.value === 'progressbar' && n.name?.value === 'Training progress');
    const valueMax = node?.properties?.find((p) => p.name === 'valuemax')?.value.value;
    expect([node?.value?.value, valueMax]).toEqual([1, 1]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);

  test('the Chinese page: Chinese labels, a refused file explained in Chinese, no console errors', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), '/zh-cn/chapters/training/');
    const t = page.locator('lenet-training');
    for (const name of ['网络', '训练图像数', '训练轮数', '优化器', '学习率', '学习率调度', '随机种子', '批大小']) await expect(t.getByLabel(name, { exact: true }).count()).resolves.toBe(1);
    for (const name of ['开始训练', '暂停', '继续', '停止', '重置']) await expect(t.getByRole('button', { name }).count()).resolves.toBe(1);
    await t.locator('[data-import]').setInputFiles({ name: 'x.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('hello') });
    await expect.poll(() => t.locator('[data-import-status]').textContent()).toMatch(/该文件被拒绝，当前模型保持不变：它不是 LeNet-5 权重文件/);
    await t.getByLabel('学习率', { exact: true }).fill('-1');
    await t.getByRole('button', { name: '开始训练' }).click();
    await expect.poll(() => t.getByRole('alert').textContent()).toMatch(/学习率：请填不超过 10 的正数/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
