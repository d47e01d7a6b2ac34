/**
 * The site deployed under a sub-path, as on GitHub Pages or a university homepage (README,
 * "Deploy"): built with BASE=/lenet5/ and SITE=https://example.github.io into a temporary folder,
 * served only under /lenet5/ (any other address is not found), and walked as a reader would —
 * the home page's button, a chapter with the shipped weights, search, the language switch, and a
 * short training run with its MNIST download and the trained weights' download.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { serve } from '../../scripts/serve.mjs';
import { decodeWeights } from '../../engine/index.ts';

const BASE = '/lenet5/';
const SITE = 'https://example.github.io';

let out: string;
let buildLog = '';
let origin: string;
let close: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'lenet5-base-'));
  // Vitest sets Vite's variables (BASE_URL, MODE, …) in this process's environment; the build
  // gets the environment a reader's shell would give it.
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([key]) => !/^(VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$)/.test(key)));
  const status = await new Promise<number | null>((resolve) => {
    const build = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out],
      { env: { ...env, BASE, SITE, ASTRO_TELEMETRY_DISABLED: '1' } });
    build.stdout.on('data', (d) => { buildLog += d; });
    build.stderr.on('data', (d) => { buildLog += d; });
    build.on('close', resolve);
  });
  if (status !== 0) throw new Error(`BASE=${BASE} build failed:\n${buildLog}`);
  ({ url: origin, close } = await serve(out, 0, { base: BASE }));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  if (out) rmSync(out, { recursive: true, force: true });
});

const htmlFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

/** The file an address below the site serves, or undefined. */
function fileAt(pathname: string): string | undefined {
  if (!pathname.startsWith(BASE)) return undefined;
  const path = join(out, decodeURIComponent(pathname.slice(BASE.length)));
  for (const candidate of [path, join(path, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch { /* try the next */ }
  }
  return undefined;
}

/** A page that records requests that leave /lenet5/ or fail, and console errors. */
async function open(path: string, options: { width?: number } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const outside: string[] = [];
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}${BASE}`) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  const response = await page.goto(`${origin}${BASE}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  return { page, context, outside, failed, consoleErrors };
}

async function heading(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

describe(`the site built with BASE=${BASE}`, () => {
  test('the build prints no warning', () => {
    expect(buildLog).toMatch(/Complete!/);
    expect(buildLog.split('\n').filter((line) => /\bwarn/i.test(line))).toEqual([]);
  });

  test('every link and asset of every page resolves under the base path', () => {
    const pages = htmlFiles(out);
    expect(pages.length).toBeGreaterThan(20);
    const broken: string[] = [];
    for (const file of pages) {
      const pageUrl = new URL(`${BASE}${relative(out, file).replace(/index\.html$/, '')}`, origin);
      const html = readFileSync(file, 'utf8');
      for (const [, ref] of html.matchAll(/\s(?:href|src)="([^"#][^"]*)"/g)) {
        const url = new URL(ref.replaceAll('&amp;', '&'), pageUrl);
        if (url.origin === origin && !fileAt(url.pathname)) broken.push(`${relative(out, file)}: ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('canonical links, alternates and the sitemap name the real site; lab pages are in one language and not listed', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain(`<link rel="canonical" href="${SITE}${BASE}"/>`);
    expect(home).toContain(`<link rel="alternate" hreflang="zh-CN" href="${SITE}${BASE}zh-cn/"/>`);
    // The home page's title is said once, not "title | title".
    expect(home).toMatch(/<title>LeNet-5, layer by layer<\/title>/);
    const lab = readFileSync(join(out, 'lab', 'rbf', 'index.html'), 'utf8');
    expect(lab).toContain(`<link rel="canonical" href="${SITE}${BASE}lab/rbf/"/>`);
    expect(lab).not.toMatch(/rel="alternate"|<starlight-lang-select/);
    expect(readFileSync(join(out, 'chapters', 'c3', 'index.html'), 'utf8')).toMatch(/rel="alternate"[^>]*zh-cn\/chapters\/c3\/[\s\S]*<starlight-lang-select/);
    const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(listed).toContain(`${SITE}${BASE}chapters/c3/`);
    expect(listed).toContain(`${SITE}${BASE}zh-cn/chapters/c3/`);
    expect(listed.filter((u) => !u.startsWith(`${SITE}${BASE}`) || u.includes('/lab/') || u.includes('404'))).toEqual([]);
  });

  test('the whole site, MNIST included, fits in 20 MB', () => {
    const size = (dir: string): number => readdirSync(dir, { withFileTypes: true })
      .reduce((sum, e) => sum + (e.isDirectory() ? size(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
    expect(size(out)).toBeLessThan(20e6);
  });

  test('a reader: home page button, a chapter with the shipped weights, search, the language switch', async () => {
    const { page, context, outside, failed, consoleErrors } = await open('');
    await page.getByRole('link', { name: 'Start with the overview' }).click();
    await page.waitForURL(`${origin}${BASE}chapters/overview/`);
    await expect(heading(page)).resolves.toBe('Overview');

    // C1: its activations come from the shipped weights, fetched below the base path.
    const weights = page.waitForResponse((r) => r.url() === `${origin}${BASE}weights/faithful.bin`);
    await page.getByRole('link', { name: /^C1 — / }).first().click();
    await page.waitForURL(`${origin}${BASE}chapters/c1/`);
    expect((await weights).status()).toBe(200);
    await page.locator('layer-activations [data-caption]').first().filter({ hasText: 'reads it as' }).waitFor();

    // Search finds the C3 chapter, and its result leads there.
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Search' }).fill('connection table');
    const result = page.getByRole('dialog').getByRole('link', { name: /^C3 — / });
    await result.first().waitFor();
    await result.first().click();
    await page.waitForURL((url) => url.pathname === `${BASE}chapters/c3/`);
    await expect(heading(page)).resolves.toMatch(/^C3 — /);

    // The language switch leads to the same chapter in Chinese, and back.
    await page.getByRole('combobox', { name: 'Select language' }).selectOption({ label: '简体中文' });
    await page.waitForURL(`${origin}${BASE}zh-cn/chapters/c3/`);
    await page.getByRole('combobox', { name: '选择语言' }).selectOption({ label: 'English' });
    await page.waitForURL(`${origin}${BASE}chapters/c3/`);

    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);

  test('a reader trains for a moment: MNIST comes packed from below the base path, the weights download', async () => {
    const { page, context, outside, failed, consoleErrors } = await open('chapters/training/');
    const mnist: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/mnist/')) mnist.push(new URL(r.url()).pathname); });
    const t = page.locator('lenet-training');
    await t.getByLabel('Training images').selectOption('1000');
    await t.getByLabel('Passes').fill('1');
    await t.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => t.getAttribute('data-phase'), { timeout: 120_000, interval: 250 }).toBe('ended');
    await expect(t.locator('[data-status]').textContent()).resolves.toMatch(/\d+(\.\d+)? %/);
    expect(mnist.sort()).toEqual(['manifest.json', 'test-images.mask.gz', 'test-labels.idx.gz', 'train-images-0.mask.gz', 'train-labels.idx.gz']
      .map((name) => `${BASE}mnist/${name}`));

    const [download] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Download the weights' }).click()]);
    const file = decodeWeights(new Uint8Array(readFileSync((await download.path())!)));
    expect(file.variant).toBe('modern');

    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
