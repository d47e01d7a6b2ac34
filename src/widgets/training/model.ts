/**
 * The Training widget's pure logic: the reader's settings (checked where they enter), the
 * messages between the page and its worker, and the arithmetic of the progress line. No DOM,
 * and no training here: the worker trains with the engine's Trainer.
 */
import { MAP_J, SDLM_MU, VARIANTS, trainCommand, type OptimizerName, type ScheduleName, type VariantName } from '../../../engine/index.ts';
import { packedFile, type PackedMnist } from '../../lib/packed-mnist.ts';

/** Training-set sizes the reader can choose; the largest decides how much MNIST the build packs. */
export const TRAIN_SIZES = [1000, 2000, 5000, 10000, 20000, 60000] as const;
export const MAX_PASSES = 20;
/** Test digits evaluated for each point of the live accuracy curve (the first ones of the test set). */
export const CURVE_TEST = 500;
/** Points of the accuracy curve per run (besides the final one on all 10,000 test digits). */
export const CURVE_POINTS = 8;
/** Samples the worker trains between two looks at its messages. */
export const CHUNK = 100;
/** Misclassified test digits the gallery shows. */
export const GALLERY = 24;
/**
 * Watching it learn: the worker sends a snapshot of the network's insides — C1's kernels and
 * the probe digit's F6 and outputs — at most this often (milliseconds), a few times a second.
 */
export const SNAPSHOT_EVERY = 250;
/** The fixed probe digit: the first image of the MNIST test set (a 7). */
export const PROBE_INDEX = 0;

/** Bytes (as sent) a first run on `trainSize` images downloads: its chunks, all labels and the test set. */
export function downloadBytes(trainSize: number, packed: PackedMnist): number {
  const names = [packedFile.trainLabels, packedFile.testImages, packedFile.testLabels];
  for (let c = 0; c < Math.ceil(trainSize / packed.chunk); c++) names.push(packedFile.trainImages(c));
  return names.reduce((sum, name) => {
    if (!(name in packed.bytes)) throw new Error(`the MNIST manifest lists no ${name}; run node scripts/pack-mnist.mjs`);
    return sum + packed.bytes[name];
  }, 0);
}

/** The same in megabytes. */
export function downloadMegabytes(trainSize: number, packed: PackedMnist): number {
  return downloadBytes(trainSize, packed) / 1e6;
}

export interface Settings {
  variant: VariantName;
  trainSize: number;
  passes: number;
  optimizer: OptimizerName;
  rate: number;
  schedule: ScheduleName;
  batchSize: number;
  seed: number;
}

export const MAX_BATCH = 1000;

/**
 * The learning rates the page starts from, for the page's short runs (one pass over 10,000
 * digits, falling linearly to 0): the best of a sweep of one-pass runs measured with
 * `lenet train --epochs 1 --train-size 10000 --schedule linear` (README, "Training in the page").
 * SDLM's η is its step before dividing by μ + hₖₖ, hence the much smaller numbers.
 */
export const SHORT_RUN_RATE: Record<VariantName, Record<OptimizerName, number>> = {
  faithful: { sgd: 0.003, sdlm: 0.00006 },
  modern: { sgd: 0.02, sdlm: 0.0005 },
};

export function defaultRate(variant: VariantName, optimizer: OptimizerName): number {
  return SHORT_RUN_RATE[variant][optimizer];
}

/**
 * The page starts with the modern variant: in one short pass it learns fastest (about 97 % after
 * 10,000 digits, against about 96 % for the faithful network, whose tiny initial weights and RBF
 * output start slowly); the chapter says so and the reader switches with one click.
 */
export function defaultSettings(variant: VariantName = 'modern'): Settings {
  return { variant, trainSize: 10000, passes: 1, optimizer: 'sgd', rate: defaultRate(variant, 'sgd'), schedule: 'linear', batchSize: 1, seed: 1 };
}

/** The `lenet train` command of these settings (the engine writes it; the page only shows it). */
export function commandOf(s: Settings): string {
  const v = VARIANTS[s.variant];
  return `npx ${trainCommand({ ...s, momentum: v.momentum, mu: SDLM_MU, mapJ: MAP_J })}`;
}

/**
 * A command cut into the pieces a line may not break inside: the program and its subcommand, then
 * each flag with its value ("--map-j 10"). The pieces joined by single spaces are the command again.
 */
export function commandArguments(command: string): string[] {
  const pieces: string[] = [];
  for (const token of command.split(' ').filter((t) => t !== '')) {
    const last = pieces.at(-1);
    const flagWithValue = last !== undefined && last.startsWith('--') && last.includes(' ');
    if (last !== undefined && !token.startsWith('--') && !flagWithValue) pieces[pieces.length - 1] = `${last} ${token}`;
    else pieces.push(token);
  }
  return pieces;
}

/**
 * A run whose loss stays finite can still have blown up: squashing units saturate and the loss
 * settles far above where it started. We call it diverged when the mean loss of the latest
 * samples is more than `factor` times the untrained network's loss (measured on test digits
 * before the first step).
 */
export const DIVERGENCE_FACTOR = 2;
export function lossBlewUp(first: number, recent: number, factor = DIVERGENCE_FACTOR): boolean {
  return Number.isFinite(first) && first > 0 && (!Number.isFinite(recent) || recent > factor * first);
}

export type SettingError = { field: keyof Settings; key: 'wholeNumber' | 'range' | 'positive'; min?: number; max?: number };

/** Reads the form's raw strings; returns the settings or the first field that is not allowed. */
export function parseSettings(raw: Record<keyof Settings, string>): { ok: true; settings: Settings } | { ok: false; error: SettingError } {
  const variant = raw.variant === 'modern' ? 'modern' : 'faithful';
  const optimizer = raw.optimizer === 'sdlm' ? 'sdlm' : 'sgd';
  const schedule = raw.schedule === 'paper' ? 'paper' : 'linear';
  const whole = (field: keyof Settings, min: number, max: number): number | SettingError => {
    const text = raw[field].trim();
    const n = Number(text);
    if (text === '' || !Number.isInteger(n)) return { field, key: 'wholeNumber', min, max };
    if (n < min || n > max) return { field, key: 'range', min, max };
    return n;
  };
  const trainSize = whole('trainSize', 1, TRAIN_SIZES[TRAIN_SIZES.length - 1]);
  if (typeof trainSize !== 'number') return { ok: false, error: trainSize };
  const passes = whole('passes', 1, MAX_PASSES);
  if (typeof passes !== 'number') return { ok: false, error: passes };
  const rate = Number(raw.rate.trim());
  if (raw.rate.trim() === '' || !Number.isFinite(rate) || rate <= 0 || rate > 10) {
    return { ok: false, error: { field: 'rate', key: 'positive', max: 10 } };
  }
  // A batch cannot be larger than the training set (the engine's Trainer refuses it too).
  const batchSize = whole('batchSize', 1, Math.min(MAX_BATCH, trainSize));
  if (typeof batchSize !== 'number') return { ok: false, error: batchSize };
  const seed = whole('seed', 0, 2 ** 31 - 1);
  if (typeof seed !== 'number') return { ok: false, error: seed };
  return { ok: true, settings: { variant, trainSize, passes, optimizer, rate, schedule, batchSize, seed } };
}

/** Samples between two points of the test-accuracy curve. */
export function curveEvery(s: Pick<Settings, 'trainSize' | 'passes'>): number {
  return Math.max(CHUNK, Math.ceil((s.trainSize * s.passes) / CURVE_POINTS));
}

// ── Messages ────────────────────────────────────────────────────────────────────────────────

export type ToWorker =
  | { type: 'start'; settings: Settings; base: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'reset' };

export interface Misclassified { index: number; label: number; predicted: number; pixels: Uint8Array }

export interface Evaluated {
  samples: number;
  accuracy: number;
  confusion: number[][];
  misclassified: Misclassified[];
}

export type FromWorker =
  | { type: 'loading'; loaded: number; total: number }
  | { type: 'load-failed'; message: string }
  | { type: 'progress'; done: number; total: number; pass: number; passes: number; trainMs: number; loss: number }
  | { type: 'accuracy'; done: number; accuracy: number }
  | { type: 'snapshot'; done: number; variant: VariantName; kernels: number[]; f6: number[]; output: number[]; label: number }
  /** `final`: the run's last test (after the last sample or a Stop); otherwise a pause's, which a Resume cuts short. */
  | { type: 'evaluating'; done: number; total: number; final: boolean }
  | { type: 'evaluated'; done: number; result: Evaluated }
  | { type: 'paused' }
  | { type: 'finished'; reason: 'done' | 'stopped'; weights: ArrayBuffer; variant: string }
  | { type: 'diverged'; cause: 'nonfinite' | 'blowup'; pass: number; sample: number; rate: number; from?: number; to?: number }
  | { type: 'reset' }
  | { type: 'error'; message: string };

// ── Progress arithmetic ─────────────────────────────────────────────────────────────────────

/** Samples per second and seconds left, from samples done and training time (pauses excluded). */
export function pace(done: number, total: number, trainMs: number): { perSecond: number; secondsLeft: number } | null {
  if (!(done > 0) || !(trainMs > 0) || !(total >= done)) return null;
  const perSecond = (done / trainMs) * 1000;
  return { perSecond, secondsLeft: (total - done) / perSecond };
}

/** The mean loss of the samples between two progress reports (the trainer reports a running mean per pass). */
export function chunkLoss(prev: { seen: number; loss: number } | null, now: { seen: number; loss: number }): number {
  // A new pass starts its running mean again: then `prev` belongs to the previous pass.
  const samePass = prev !== null && prev.seen > 0 && prev.seen <= now.seen;
  const before = samePass ? prev.seen * prev.loss : 0;
  const seenBefore = samePass ? prev.seen : 0;
  const n = now.seen - seenBefore;
  return n > 0 ? (now.seen * now.loss - before) / n : Number.NaN;
}

/** A point may reach a chart only when both coordinates are finite numbers. */
export function chartable(x: number, y: number): boolean {
  return Number.isFinite(x) && Number.isFinite(y);
}

/** The most points a curve keeps: beyond it, neighbours are averaged in pairs, so drawing stays cheap on long runs. */
export const MAX_CURVE_POINTS = 400;
export function thin(points: { x: number; y: number }[], max = MAX_CURVE_POINTS): { x: number; y: number }[] {
  if (points.length <= max) return points;
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) out.push({ x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 });
  if (points.length % 2) out.push(points[points.length - 1]);
  return out;
}

/** "1:05", "12 s": time left, rounded to the second. */
export function formatSeconds(s: number): string {
  const whole = Math.max(0, Math.round(s));
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
