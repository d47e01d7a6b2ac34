/**
 * The main thread's long tasks during a benchmarked page run, for the page benchmarks
 * (training-page.ts, reproduce-page.ts). `watchLongTasks(page)` before the page loads;
 * `longTasksSince(page, t)` after the run: every task over 50 ms (PerformanceObserver
 * 'longtask') that started at or after t, and the scripts that ran in long animation frames —
 * none when the thread was merely descheduled by a busy machine.
 */
import type { Page } from 'playwright-core';

interface Entry { start: number; duration: number }
interface Frame { start: number; scripts: string[] }
type Watched = { __long: Entry[]; __loaf: Frame[] };

export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Watched;
    w.__long = [];
    w.__loaf = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { startTime: number; scripts: { invoker: string; duration: number; sourceURL: string; sourceFunctionName: string }[] }[]) {
        w.__loaf.push({ start: e.startTime, scripts: e.scripts.map((x) => `${x.invoker} ${x.duration.toFixed(0)} ms in ${x.sourceURL.split('/').pop() || '(no URL: the test driver)'}${x.sourceFunctionName ? `:${x.sourceFunctionName}` : ''}`) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

/** The long tasks and long-frame scripts from `since` (the page's performance.now() time) on. */
export async function longTasksSince(page: Page, since: number): Promise<{ tasks: Entry[]; scripts: string[]; longestMs: number }> {
  return page.evaluate((t) => {
    const w = window as unknown as Watched;
    const tasks = w.__long.filter((e) => e.start >= t);
    return { tasks, scripts: w.__loaf.filter((e) => e.start >= t).flatMap((e) => e.scripts), longestMs: Math.max(0, ...tasks.map((e) => e.duration)) };
  }, since);
}
