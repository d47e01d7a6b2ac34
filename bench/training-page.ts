/**
 * Benchmark of the Training chapter in headless Chromium (not a test: it measures and prints).
 *
 *   npm run build && node_modules/.bin/node bench/training-page.ts [runs=3] [path=/chapters/training/]
 *
 * 1. Page weight before training: every response the page loads until the network is idle, as
 *    sent (our static server does not compress) and gzip-compressed (what a compressing server
 *    would send), and whether any MNIST file was among them.
 * 2. One run with the widget's default settings (one pass over 10,000 images): time from the
 *    click on Start until the final test accuracy is shown (download included; the files come
 *    from 127.0.0.1), the final accuracy on all 10,000 test digits, the main thread's long
 *    tasks (PerformanceObserver 'longtask', i.e. tasks over 50 ms) during the run, and the bytes
 *    the run downloads: the packed MNIST files as sent (scripts/pack-mnist.mjs gzips them).
 * Prints each run and the medians, and the machine's load average, since these machines are shared.
 */
import { gzipSync } from 'node:zlib';
import { loadavg, cpus } from 'node:os';
import { serve } from '../scripts/serve.mjs';
import { launchBrowser } from '../test/browser/chromium.ts';
import { longTasksSince, watchLongTasks } from './long-tasks.ts';

const runs = Number(process.argv[2] ?? 3);
const path = process.argv[3] ?? '/chapters/training/';
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const { url, close } = await serve('dist', 0);
const browser = await launchBrowser();
const results: { seconds: number; accuracy: number; longTasks: number; longestMs: number; raw: number; gz: number; mnist: number; runBytes: number }[] = [];
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await watchLongTasks(page);
    let raw = 0, gz = 0, mnist = 0, runBytes = 0;
    let counting = true;
    page.on('response', async (res) => {
      if (!counting) {
        // After Start: what the run downloads, as sent (our static server does not compress),
        // workers' requests included; the browser's own count of the body's bytes.
        try { runBytes += (await res.request().sizes()).responseBodySize; } catch { /* the page went away */ }
        return;
      }
      if (res.url().includes('/mnist/')) mnist++;
      try {
        const body = await res.body();
        raw += body.length;
        gz += gzipSync(body, { level: 9 }).length;
      } catch { /* redirects have no body */ }
    });
    await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    counting = false;
    const t = page.locator('lenet-training');
    const clickedAt = await page.evaluate(() => performance.now());
    const wall = Date.now();
    await t.getByRole('button', { name: 'Start training' }).click();
    await page.waitForFunction(() => document.querySelector('lenet-training')?.getAttribute('data-phase') === 'ended', undefined, { timeout: 600_000, polling: 100 });
    const seconds = (Date.now() - wall) / 1000;
    const status = (await t.locator('[data-status]').textContent()) ?? '';
    const accuracy = Number(/([\d.]+) %/.exec(status)?.[1] ?? NaN);
    const { tasks: long, scripts, longestMs } = await longTasksSince(page, clickedAt);
    if (process.env.BENCH_VERBOSE) console.log(`  scripts in long frames: ${scripts.join('; ') || 'none'}`);
    const result = { seconds, accuracy, longTasks: long.length, longestMs, raw, gz, mnist, runBytes };
    console.log(`run ${r + 1}: ${seconds.toFixed(1)} s to the final accuracy ${accuracy} %; long tasks during the run: ${long.length} (longest ${result.longestMs.toFixed(0)} ms); ` +
      `before Start: ${(raw / 1024).toFixed(0)} KB as sent, ${(gz / 1024).toFixed(0)} KB gzipped, ${mnist} MNIST files; the run downloaded ${(runBytes / 1e6).toFixed(2)} MB; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    results.push(result);
    await context.close();
  }
} finally {
  await browser.close();
  await close();
}
const m = (k: keyof (typeof results)[number]) => median(results.map((x) => x[k]));
console.log(`\nmedian of ${runs} on ${cpus().length} cores: ${m('seconds').toFixed(1)} s, accuracy ${m('accuracy')} %, long tasks ${m('longTasks')} (longest ${m('longestMs').toFixed(0)} ms), ` +
  `page before Start ${(m('raw') / 1024).toFixed(0)} KB as sent / ${(m('gz') / 1024).toFixed(0)} KB gzipped, MNIST files before Start: ${m('mnist')}, ` +
  `downloaded by the run: ${(m('runBytes') / 1e6).toFixed(2)} MB`);
