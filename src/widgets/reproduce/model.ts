/**
 * "Reproduce the paper": the pure logic of the Training chapter's full faithful run — the
 * settings of `lenet train --variant faithful --epochs 20 --seed S`, the check of a run saved in
 * the browser before it is resumed, the speed and the time left, the chart's scales, and the
 * messages between the page and its worker. No DOM, no training: the worker trains with the
 * engine's Trainer, exactly as the command does.
 */
import { MAP_J, VARIANTS, WeightsError, decodeWeights, type PassRecord, type RunRecord, type RunSettings } from '../../../engine/index.ts';

/** The paper's run: 20 passes over the 60,000 training digits (section III.C). */
export const FULL = { trainSize: 60000, passes: 20 } as const;

/** The largest seed `lenet train --seed` accepts. */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Exactly the settings of `lenet train --variant faithful --epochs {passes} --train-size {trainSize}
 * --seed {seed}`: everything else is the faithful variant's default, as the command takes it.
 */
export function reproduceSettings(seed: number, size: { trainSize: number; passes: number } = FULL): RunSettings {
  const v = VARIANTS.faithful;
  return {
    variant: 'faithful', trainSize: size.trainSize, passes: size.passes, seed, optimizer: v.optimizer, rate: v.rate,
    schedule: v.schedule, batchSize: 1, momentum: v.momentum, mu: v.mu, mapJ: MAP_J,
  };
}

/** The seed field's text as a seed, or why it is not one. */
export function parseSeed(text: string): { ok: true; seed: number } | { ok: false; max: number } {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !/^\d+$/.test(t) || !Number.isSafeInteger(n) || n > MAX_SEED) return { ok: false, max: MAX_SEED };
  return { ok: true, seed: n };
}

/**
 * For tests and benchmarks only: a page address with `?reproduce-size=N&reproduce-passes=P`
 * runs the same recipe on the first N training digits for P passes (the command's
 * `--train-size N --epochs P`), so a browser test can compare a short run with the command
 * line. Anything else, or nothing, gives the paper's full run.
 */
export function runSize(search: string): { trainSize: number; passes: number } {
  const q = new URLSearchParams(search);
  const size = Number(q.get('reproduce-size'));
  const passes = Number(q.get('reproduce-passes'));
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!q.has('reproduce-size') || !q.has('reproduce-passes') || !whole(size, FULL.trainSize) || !whole(passes, FULL.passes)) return FULL;
  return { trainSize: size, passes };
}

// ── A run saved in the browser ──────────────────────────────────────────────────────────────

/**
 * What the page keeps in IndexedDB after every pass: the weights file exactly as the command
 * writes it (weights.ts), whose record holds the seed, the settings, the passes done and their
 * history — all a resume needs, and what "Download the weights" gives.
 */
export interface SavedRun { file: Uint8Array; record: RunRecord }

/** Why a stored value cannot be resumed; the page then discards it and says so. */
export type Unusable = 'not-a-run' | 'damaged' | 'other-recipe' | 'history';

const finiteFields: (keyof PassRecord)[] = ['trainLoss', 'trainError', 'testError', 'seconds'];

/**
 * A stored value, checked before anything is resumed from it: a weights file the engine accepts
 * (checksum and all), of the faithful network, whose record is this recipe's with a seed the
 * command accepts, and a history of passes 1…N with N below the planned passes or equal to them
 * (a finished run, kept for its download).
 */
export function readSaved(value: unknown): { ok: true; run: SavedRun } | { ok: false; why: Unusable } {
  const file = (value as { file?: unknown } | null)?.file;
  if (!(file instanceof Uint8Array)) return { ok: false, why: 'not-a-run' };
  let meta: Record<string, unknown>;
  try {
    const decoded = decodeWeights(file, 'the saved run');
    if (decoded.variant !== 'faithful') return { ok: false, why: 'other-recipe' };
    meta = decoded.meta;
  } catch (err) {
    if (err instanceof WeightsError) return { ok: false, why: 'damaged' };
    throw err;
  }
  const r = meta as Partial<RunRecord>;
  const size = { trainSize: Number(r.trainSize), passes: Number(r.passesPlanned) };
  const seed = Number(r.seed);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) return { ok: false, why: 'other-recipe' };
  if (!Number.isInteger(size.trainSize) || size.trainSize < 1 || size.trainSize > FULL.trainSize) return { ok: false, why: 'other-recipe' };
  if (!Number.isInteger(size.passes) || size.passes < 1 || size.passes > FULL.passes) return { ok: false, why: 'other-recipe' };
  const want = reproduceSettings(seed, size);
  const same = r.variant === want.variant && r.optimizer === want.optimizer && r.rate === want.rate && r.schedule === want.schedule &&
    r.batchSize === want.batchSize && r.mu === want.mu && r.mapJ === want.mapJ && r.momentum === want.momentum && !r.distort;
  if (!same) return { ok: false, why: 'other-recipe' };
  const h = r.history;
  const entry = (e: unknown, i: number): boolean => e !== null && typeof e === 'object' && (e as PassRecord).pass === i + 1 &&
    finiteFields.every((k) => Number.isFinite((e as Record<string, unknown>)[k]));
  if (!Array.isArray(h) || h.length < 1 || h.length > size.passes || !h.every(entry) || r.passes !== h.length) return { ok: false, why: 'history' };
  return { ok: true, run: { file, record: r as RunRecord } };
}

// ── Speed and time left ─────────────────────────────────────────────────────────────────────

/** Seconds of training the speed is measured over: long enough to be steady, short enough to follow a change of load. */
export const PACE_WINDOW = 15;

/**
 * Training speed over the latest `PACE_WINDOW` seconds of training (paused time does not count):
 * `add(samplesTrained, trainingSeconds)` with the run's running totals.
 */
export class Pace {
  private readonly points: { samples: number; seconds: number }[] = [];

  add(samples: number, seconds: number): void {
    const last = this.points.at(-1);
    if (last && (samples < last.samples || seconds < last.seconds)) this.points.length = 0;
    this.points.push({ samples, seconds });
    while (this.points.length > 2 && seconds - this.points[1].seconds >= PACE_WINDOW) this.points.shift();
  }

  /** Samples per second, or null before a second of training has been measured. */
  perSecond(): number | null {
    const first = this.points[0];
    const last = this.points.at(-1);
    if (!first || !last || last.seconds - first.seconds < 1 || last.samples <= first.samples) return null;
    return (last.samples - first.samples) / (last.seconds - first.seconds);
  }
}

/**
 * Seconds left: the training samples still to go at the measured speed, plus the test passes
 * still to go at the measured time of one (each pass ends with one over the 10,000 test digits).
 * `testSeconds` is null until a test pass has been timed: the estimate then leaves the tests
 * out, and says so (`withTests: false`). Null while the speed is not measured yet.
 */
export function timeLeft(o: { samplesLeft: number; perSecond: number | null; testsLeft: number; testSeconds: number | null }): { seconds: number; withTests: boolean } | null {
  if (o.perSecond === null || !(o.perSecond > 0) || !(o.samplesLeft >= 0)) return null;
  const train = o.samplesLeft / o.perSecond;
  if (o.testSeconds === null || o.testsLeft === 0) return { seconds: train, withTests: o.testSeconds !== null || o.testsLeft === 0 };
  return { seconds: train + o.testsLeft * o.testSeconds, withTests: true };
}

/** "about 7 min", "about 40 s": a time left, rounded as an estimate should be. */
export function roughly(seconds: number): { value: number; unit: 's' | 'min' } {
  if (seconds < 90) return { value: Math.max(1, Math.round(seconds / 5) * 5), unit: 's' };
  return { value: Math.round(seconds / 60), unit: 'min' };
}

// ── The chart: test error after each pass, on a logarithmic axis ─────────────────────────────

export const CHART = { width: 600, height: 260, left: 68, right: 16, top: 14, bottom: 44 } as const;
/** Error axis, percent: the reference run's first pass (7 %) and its last ones (under 1 %) both readable. */
export const ERROR_TICKS = [0.5, 1, 2, 5, 10, 20] as const;

export function passX(pass: number, passes: number): number {
  return CHART.left + ((pass - 1) / Math.max(1, passes - 1)) * (CHART.width - CHART.left - CHART.right);
}

/** Height of a test error (a fraction) on the chart; errors beyond the axis stay on its edge. */
export function errorY(fraction: number): number {
  const low = ERROR_TICKS[0];
  const high = ERROR_TICKS[ERROR_TICKS.length - 1];
  const percent = Math.min(high, Math.max(low, 100 * fraction));
  return CHART.top + (Math.log(high / percent) / Math.log(high / low)) * (CHART.height - CHART.top - CHART.bottom);
}

/** An SVG path through the test errors after each pass, on an axis of `passes` passes. */
export function errorPath(history: readonly { pass: number; testError: number }[], passes: number): string {
  return history.map((p, i) => `${i ? 'L' : 'M'}${passX(p.pass, passes).toFixed(1)},${errorY(p.testError).toFixed(1)}`).join(' ');
}

// ── Messages ────────────────────────────────────────────────────────────────────────────────

export type ToWorker =
  /** `resume`: the saved weights file to go on from (its record gives the passes done). */
  | { type: 'start'; base: string; settings: RunSettings; resume?: Uint8Array }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'loading'; loaded: number; total: number }
  | { type: 'load-failed'; message: string }
  /** `pass` 1-based; `seen` of `passSize` in it; `trainSeconds`: training time since this worker started, pauses excluded. */
  | { type: 'progress'; pass: number; passes: number; seen: number; passSize: number; trainSeconds: number }
  | { type: 'testing'; pass: number; done: number; total: number }
  /** A pass and its test have ended: its entry, and the weights file after it (the record includes it). */
  | { type: 'pass-done'; entry: PassRecord; file: ArrayBuffer; testSeconds: number; finished: boolean }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'stopped' }
  | { type: 'diverged'; pass: number; message: string }
  | { type: 'error'; message: string };

/** A test error as the records are quoted: 0.0098 → "0.98 %". */
export const errorPercent = (fraction: number): string => `${(100 * fraction).toFixed(2)} %`;
