/**
 * "Reproduce the paper" in the Training chapter, shortened by the page address (2 passes over the
 * first 2,000 digits, `?reproduce-size=2000&reproduce-passes=2`, model.ts's runSize): what the page
 * exports is what `lenet train --variant faithful --epochs 2 --train-size 2000 --seed 3` writes,
 * bit for bit, whether the run went straight through or was reloaded in the middle and resumed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium.ts';
import { decodeWeights, type RunRecord } from '../../engine/index.ts';
import type { PackedMnist } from '../../src/lib/packed-mnist.ts';

const SHORT = '/chapters/training/?reproduce-size=2000&reproduce-passes=2';
/** Long enough that Pause, Resume and Stop land in the middle of it (2 passes over 2,000 digits can end in a second). */
const LONGER = '/chapters/training/?reproduce-size=2000&reproduce-passes=20';
const SEED = 3;
let browser: Browser;
let dir: string;
/** The command line's file for the same settings. */
let cli: { params: Float32Array; record: RunRecord; bytes: Buffer };

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'lenet-reproduce-'));
  const out = join(dir, 'cli.bin');
  execFileSync(process.execPath, ['bin/lenet.mjs', 'train', '--variant', 'faithful', '--epochs', '2', '--train-size', '2000', '--seed', String(SEED), '--out', out], { stdio: 'pipe' });
  const bytes = readFileSync(out);
  const file = decodeWeights(new Uint8Array(bytes));
  cli = { params: file.params, record: file.meta as unknown as RunRecord, bytes };
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const widget = (page: Page) => page.locator('lenet-reproduce');
const phase = (w: Locator) => w.getAttribute('data-phase');
async function waitFor(page: Page, check: () => Promise<boolean>, timeout = 120_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await page.waitForTimeout(100);
  }
}

/** The page's exported file, next to the command line's: the same parameters, bit for bit, and the same record of each pass. */
async function expectTheCommandsFile(page: Page): Promise<void> {
  const w = widget(page);
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download the weights' }).click()]);
  const mine = decodeWeights(new Uint8Array(readFileSync((await download.path())!)));
  expect(download.suggestedFilename()).toBe(`lenet5-faithful-seed${SEED}-pass2.bin`);
  expect(mine.variant).toBe('faithful');
  expect(Buffer.from(mine.params.buffer).equals(Buffer.from(cli.params.buffer))).toBe(true);
  const record = mine.meta as unknown as RunRecord;
  const drop = ({ seconds: _s, ...rest }: RunRecord['history'][number]) => rest;
  expect(record.history.map(drop)).toEqual(cli.record.history.map(drop));
  const { wallSeconds: _a, date: _b, history: _c, ...settings } = record;
  const { wallSeconds: _d, date: _e, history: _f, ...cliSettings } = cli.record;
  expect(settings).toEqual(cliSettings);
}

describe('Reproduce the paper', () => {
  test('says what it will download before it starts: the real size of the packed files', async () => {
    const manifest = JSON.parse(readFileSync('dist/mnist/manifest.json', 'utf8')) as PackedMnist;
    const size = (name: string) => statSync(join('dist/mnist', name)).size;
    const all = Object.keys(manifest.bytes).reduce((s, name) => s + size(name), 0);
    const short = ['train-images-0.mask.gz', 'train-labels.idx.gz', 'test-images.mask.gz', 'test-labels.idx.gz'].reduce((s, name) => s + size(name), 0);
    for (const [path, bytes, words] of [['/chapters/training/', all, '20 passes over 60,000'], [SHORT, short, '2 passes over 2,000']] as const) {
      const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), path);
      const plan = (await widget(page).locator('[data-plan]').textContent())!;
      expect(plan).toContain(words);
      expect(plan).toContain(`It first downloads ${(bytes / 1e6).toFixed(1)} MB`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });

  test('a shortened run straight through: the exported weights are the command line’s, bit for bit', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), SHORT);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const w = widget(page);
    await w.getByLabel('Seed', { exact: true }).fill(String(SEED));
    await expect(w.locator('[data-command]').textContent()).resolves
      .toBe(`npx lenet train --variant faithful --epochs 2 --train-size 2000 --seed ${SEED} --optimizer sdlm --lr 0.0002 --schedule linear --batch-size 1 --mu 0.1 --map-j 10`);
    await w.getByRole('button', { name: 'Reproduce the paper' }).click();
    await waitFor(page, async () => (await phase(w)) === 'ended');
    const status = (await w.locator('[data-status]').textContent())!;
    expect(status).toBe(`Done: 2 passes, test error ${(100 * cli.record.testError).toFixed(2)} % (the reference run: 0.98 %; the paper: 0.95 %); ${/; (\d+ s|\d+ min) of work/.exec(status)?.[1]} of work in this browser.`);
    // Both passes in the table, as the command recorded them.
    await w.getByText('The numbers, pass by pass').click();
    const cells = await w.locator('[data-yours-cell]').allTextContents();
    expect(cells.slice(0, 2)).toEqual(cli.record.history.map((p) => `${(100 * p.testError).toFixed(2)} %`));
    expect(cells.slice(2).every((c) => c === '–')).toBe(true);
    await expect(w.locator('circle.yours').count()).resolves.toBe(2);
    await expectTheCommandsFile(page);
    // Only the files the run needs: the first training chunk, the labels and the test set.
    expect(requests.filter((u) => u.includes('/mnist/')).map((u) => u.split('/mnist/')[1]).sort())
      .toEqual(['manifest.json', 'test-images.mask.gz', 'test-labels.idx.gz', 'train-images-0.mask.gz', 'train-labels.idx.gz']);
    expect(await w.innerText()).not.toMatch(/NaN|undefined|Infinity/);
    // The weights go to the Playground, which reads with them.
    await w.getByRole('button', { name: 'Use these weights in the Playground' }).click();
    await w.getByRole('link', { name: 'open the Playground' }).click();
    await page.waitForURL(/playground/);
    await expect(page.locator('lenet-playground [data-source]').inputValue()).resolves.toBe('yours');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 240_000);

  test('reloaded in the middle of pass 2 and resumed from pass 1: the same weights as the uninterrupted run', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), SHORT);
    const w = widget(page);
    await w.getByLabel('Seed', { exact: true }).fill(String(SEED));
    // Slow the page from the start, so that the reload surely lands in pass 2 (unthrottled, a pass
    // over 2,000 digits with its test takes well under a second).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await w.getByRole('button', { name: 'Reproduce the paper' }).click();
    await waitFor(page, async () => (await w.getAttribute('data-saved-passes')) === '1');
    expect(await phase(w)).toBe('running');
    await page.reload({ waitUntil: 'networkidle' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const resume = w.getByRole('button', { name: 'Resume from pass 1' });
    await resume.waitFor();
    await expect(w.locator('[data-saved-text]').textContent()).resolves
      .toBe(`A run with seed ${SEED} is saved in this browser after pass 1 of 2 (test error ${(100 * cli.record.history[0].testError).toFixed(2)} %).`);
    await expect(w.getByRole('button', { name: 'Reproduce the paper' }).isDisabled()).resolves.toBe(true);
    await expect(w.getByRole('button', { name: 'Download the weights' }).isEnabled()).resolves.toBe(true);
    await resume.click();
    await waitFor(page, async () => (await phase(w)) === 'ended');
    await expectTheCommandsFile(page);
    // After a reload now, the finished run is offered for download only.
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => w.locator('[data-saved-text]').textContent()).toMatch(/^A finished run with seed 3 is saved in this browser: 2 passes, test error/);
    await expect(w.getByRole('button', { name: /Resume from pass/ }).isVisible()).resolves.toBe(false);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);

  test('pause, resume, stop, discard; a second tab is told a run is going on', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), LONGER);
    const w = widget(page);
    const bar = w.getByRole('progressbar', { name: 'Reproduction progress' });
    const value = () => bar.evaluate((e) => (e as HTMLProgressElement).value);
    await w.getByRole('button', { name: 'Reproduce the paper' }).click();
    await waitFor(page, async () => (await phase(w)) === 'running');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

    // A second tab of the same browser.
    const other = await context.newPage();
    await other.goto(`${inject('baseUrl')}${LONGER}`, { waitUntil: 'networkidle' });
    await widget(other).getByRole('button', { name: 'Reproduce the paper' }).click();
    await expect.poll(() => widget(other).locator('[data-status]').textContent()).toMatch(/^A reproduction is already running in another tab of this site\./);
    await other.close();

    await w.getByRole('button', { name: 'Pause' }).click();
    await waitFor(page, async () => (await phase(w)) === 'paused');
    await expect(w.locator('[data-status]').textContent()).resolves.toMatch(/^Paused in pass \d+\. Resume goes on from the same sample\.$/);
    const at = await value();
    await page.waitForTimeout(800);
    expect(await value()).toBe(at);
    await w.getByRole('button', { name: 'Resume' }).click();
    await waitFor(page, async () => (await value()) > at);
    await waitFor(page, async () => Number(await w.getAttribute('data-saved-passes')) >= 1);
    await w.getByRole('button', { name: 'Stop' }).click();
    const kept = /^Stopped\. The run is kept after pass (\d+): resume it later, or download its weights\.$/;
    await expect.poll(() => w.locator('[data-status]').textContent()).toMatch(kept);
    const passes = kept.exec((await w.locator('[data-status]').textContent())!)![1];
    expect(Number(passes)).toBeGreaterThanOrEqual(1);
    expect(Number(passes)).toBeLessThan(20);
    await expect(w.getByRole('button', { name: `Resume from pass ${passes}` }).isVisible()).resolves.toBe(true);
    await w.getByRole('button', { name: 'Discard the saved run' }).click();
    await expect.poll(() => w.locator('[data-status]').textContent()).toBe('Not started. Nothing has been downloaded yet.');
    await expect(w.getByRole('button', { name: 'Reproduce the paper' }).isEnabled()).resolves.toBe(true);
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    await expect(w.locator('[data-saved]').isVisible()).resolves.toBe(false);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);

  test('bad states: a wrong seed, a damaged saved run, a browser that keeps nothing, a full disk', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), SHORT);
    const w = widget(page);
    await w.getByLabel('Seed', { exact: true }).fill('-4');
    await w.getByRole('button', { name: 'Reproduce the paper' }).click();
    await expect(w.getByRole('alert').textContent()).resolves.toBe('Seed: a whole number from 0 to 4,294,967,295');
    await expect(w.getByLabel('Seed', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    // A saved run whose bytes were damaged: discarded with a message on the next visit.
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('lenet5-reproduce', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('runs');
      open.onsuccess = () => {
        const tx = open.result.transaction('runs', 'readwrite');
        tx.objectStore('runs').put({ file: new Uint8Array([76, 78, 87, 53, 1, 0, 8, 0, 9, 9, 9, 9]) }, 'faithful');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => w.locator('[data-storage-note]').textContent()).toBe('A run saved in this browser could not be used and was discarded: its weights file is damaged.');
    await expect(w.getByRole('button', { name: 'Reproduce the paper' }).isEnabled()).resolves.toBe(true);
    expect(consoleErrors).toEqual([]);
    await context.close();

    // No IndexedDB at all (as in some private modes): the page says a reload will lose the run, and runs it.
    const c2 = await browser.newContext();
    await c2.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
    const p2 = await c2.newPage();
    const errors: string[] = [];
    p2.on('pageerror', (e) => errors.push(String(e)));
    await p2.goto(`${inject('baseUrl')}${SHORT}`, { waitUntil: 'networkidle' });
    const w2 = widget(p2);
    await expect.poll(() => w2.locator('[data-storage-note]').textContent())
      .toBe('This browser does not let the page keep anything (private browsing?): the run works, but a reload or a closed tab loses it.');
    await w2.getByRole('button', { name: 'Reproduce the paper' }).click();
    await waitFor(p2, async () => (await phase(w2)) === 'ended');
    await expect(w2.locator('[data-status]').textContent()).resolves.toMatch(/^Done: 2 passes/);
    await expect(w2.getByRole('button', { name: 'Download the weights' }).isEnabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await c2.close();

    // A full disk: the first save is refused; the page says a reload would lose the run, and goes on.
    const c3 = await browser.newContext();
    await c3.addInitScript(() => { IDBObjectStore.prototype.put = () => { throw new DOMException('the quota is used up', 'QuotaExceededError'); }; });
    const p3 = await c3.newPage();
    await p3.goto(`${inject('baseUrl')}${SHORT}`, { waitUntil: 'networkidle' });
    const w3 = widget(p3);
    await w3.getByRole('button', { name: 'Reproduce the paper' }).click();
    await expect.poll(() => w3.locator('[data-storage-note]').textContent(), { timeout: 60_000 })
      .toBe('Pass 1 could not be saved: the browser’s storage is full. The run goes on, but a reload would lose it.');
    await waitFor(p3, async () => (await phase(w3)) === 'ended');
    await expect(w3.locator('[data-status]').textContent()).resolves.toMatch(/^Done: 2 passes/);
    await c3.close();
  }, 240_000);

  test('the Chinese page: its own words, the same controls', async () => {
    const { page, context, consoleErrors } = await openPage(browser, inject('baseUrl'), '/zh-cn/chapters/training/');
    const w = widget(page);
    await expect(w.getByLabel('随机种子', { exact: true }).inputValue()).resolves.toBe('2');
    for (const name of ['复现论文', '暂停', '继续', '停止', '下载权重文件']) await expect(w.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    await expect(w.locator('[data-plan]').textContent()).resolves.toMatch(/用 60,000 个训练数字把忠实版网络训练 20 轮/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
