/**
 * Benchmark of "Reproduce the paper" in the Training chapter, in headless Chromium (not a test:
 * it measures and prints). Builds nothing: run `npm run build` first.
 *
 *   node_modules/.bin/node bench/reproduce-page.ts [passes=20]
 *
 * Serves dist/, opens the Training chapter, presses "Reproduce the paper" (the full recipe: 20
 * passes over 60,000 digits, seed 2, a test over the 10,000 test digits after each pass) and
 * waits for the run to end — or, with passes below 20, for that many passes of the same 20-pass
 * run, then presses Stop and extrapolates the whole run from them (printed as such). Reports the
 * time from the click to the end (download included), the download, the time of each pass (the
 * weights file's own record: training and the test after it), the speed the page showed, and the
 * main thread's tasks over 50 ms during the run (PerformanceObserver 'longtask'), with the
 * machine's load average, since these machines are shared.
 */
import { loadavg, cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { launchBrowser } from '../test/browser/chromium.ts';
import { longTasksSince, watchLongTasks } from './long-tasks.ts';
import { decodeWeights, type RunRecord } from '../engine/index.ts';

const FULL_PASSES = 20;
const passes = Number(process.argv[2] ?? FULL_PASSES);
if (!Number.isInteger(passes) || passes < 1 || passes > FULL_PASSES) throw new Error(`passes: a whole number from 1 to ${FULL_PASSES}, not ${process.argv[2]}`);

const { url, close } = await serve('dist', 0);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await watchLongTasks(page);
  await page.goto(`${url}/chapters/training/`, { waitUntil: 'networkidle' });
  let runBytes = 0;
  page.on('response', async (res) => {
    try { runBytes += (await res.request().sizes()).responseBodySize; } catch { /* the page went away */ }
  });
  const w = page.locator('lenet-reproduce');
  const clickedAt = await page.evaluate(() => performance.now());
  const wall = Date.now();
  await w.getByRole('button', { name: 'Reproduce the paper' }).click();
  let downloadSeconds = Number.NaN;
  let shownSpeed = '';
  let lastPasses = 0;
  for (;;) {
    await page.waitForTimeout(1000);
    const [phase, done, status] = await Promise.all([w.getAttribute('data-phase'), w.getAttribute('data-passes'), w.locator('[data-status]').textContent()]);
    if (Number.isNaN(downloadSeconds) && phase !== 'loading') downloadSeconds = (Date.now() - wall) / 1000;
    const speed = /([\d,]+) samples\/s/.exec(status ?? '')?.[1];
    if (speed) shownSpeed = speed;
    if (Number(done) !== lastPasses) {
      lastPasses = Number(done);
      console.log(`pass ${lastPasses} done after ${((Date.now() - wall) / 1000).toFixed(1)} s; the page shows ${shownSpeed} samples/s; load average ${loadavg()[0].toFixed(1)}`);
    }
    if (phase === 'ended') break;
    if (lastPasses >= passes) {
      await w.getByRole('button', { name: 'Stop' }).click();
      await page.waitForFunction(() => document.querySelector('lenet-reproduce')?.getAttribute('data-phase') !== 'running', undefined, { timeout: 60_000 });
      break;
    }
  }
  const seconds = (Date.now() - wall) / 1000;
  const { tasks: long, scripts, longestMs } = await longTasksSince(page, clickedAt);
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download the weights' }).click()]);
  const record = decodeWeights(new Uint8Array(readFileSync((await download.path())!))).meta as unknown as RunRecord;
  const perPass = record.history.map((p) => p.seconds);
  const passSum = perPass.reduce((a, b) => a + b, 0);
  const samples = record.trainSize * record.history.length;
  console.log(`\n${record.command}`);
  console.log(`passes: ${record.history.length} of ${record.passesPlanned}; test error after each (%): ${record.history.map((p) => (100 * p.testError).toFixed(2)).join(' ')}`);
  console.log(`time per pass, training and its test (s): ${perPass.join(' ')}`);
  console.log(`${seconds.toFixed(1)} s from the click to the end, of which ${downloadSeconds.toFixed(0)} s (to within a second) downloading ${(runBytes / 1e6).toFixed(2)} MB`);
  console.log(`${Math.round(samples / passSum)} samples/s over the passes, tests included; the page's last shown training speed: ${shownSpeed} samples/s`);
  if (record.history.length < FULL_PASSES) {
    console.log(`EXTRAPOLATED, not measured: the whole ${FULL_PASSES}-pass run at this pace ≈ ${((passSum / record.history.length) * FULL_PASSES / 60).toFixed(1)} min of passes ` +
      `+ the download = ${(((passSum / record.history.length) * FULL_PASSES + downloadSeconds) / 60).toFixed(1)} min`);
  }
  console.log(`main-thread tasks over 50 ms during the run: ${long.length} (longest ${longestMs.toFixed(0)} ms)`);
  console.log(`scripts in long animation frames: ${scripts.join('; ') || 'none (a long task without a script: the thread was descheduled)'}`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  await context.close();
} finally {
  await browser.close();
  await close();
}
