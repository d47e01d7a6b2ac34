/**
 * "Reproduce the paper"'s Web Worker: the faithful network trained exactly as
 * `lenet train --variant faithful --epochs 20 --seed S` trains it (bin/commands/train.ts) — the
 * engine's Trainer, then after every pass the whole test set, then the weights file with the
 * same record. It trains in slices of about a tenth of a second and looks at its messages between
 * them, so Pause and Stop are answered at once; the page's main thread only draws.
 */
import {
  Model, Trainer, VARIANTS, encodeWeights, evaluate, loadWeights, mapLoss, passRecord, runRecord,
  type Digits, type Evaluation, type Loss, type PassRecord, type RunRecord, type RunSettings, type TrainProgress,
} from '../../../engine/index.ts';
import { MnistLoader } from '../../lib/mnist-fetch.ts';
import { turn } from '../../lib/worker-turn.ts';
import type { FromWorker, ToWorker } from './model.ts';

const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

/** Milliseconds of work between two looks at the messages. */
const SLICE_MS = 100;
/** Samples per call of the trainer inside a slice (a few milliseconds each). */
const STEP = 25;
/** Test digits per call of evaluate inside a slice. */
const TEST_STEP = 250;
/** Progress reports at most this often (milliseconds). */
const REPORT_MS = 250;

interface Run {
  settings: RunSettings;
  model: Model;
  loss: Loss;
  trainer: Trainer;
  test: Digits;
  history: PassRecord[];
  /** Wall time of the earlier sessions of this run (from the resumed file's record), seconds. */
  previousSeconds: number;
  /** Work time of this session, pauses excluded, milliseconds. */
  workMs: number;
  trainMs: number;
  passMs: number;
  /** The test after a pass, while it runs: the pass's last progress and the evaluation so far. */
  testing: { progress: TrainProgress; next: number; into: Evaluation | undefined; ms: number } | null;
}

let loader: MnistLoader | undefined;
let run: Run | undefined;
let state: 'idle' | 'loading' | 'running' | 'paused' | 'ended' = 'idle';
/** Bumped by every command that must end a loop in flight. */
let generation = 0;
let lastReport = 0;

async function start(m: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const gen = ++generation;
  state = 'loading';
  const s = m.settings;
  let train: Digits;
  let test: Digits;
  try {
    loader ??= new MnistLoader(m.base);
    ({ train, test } = await loader.load(s.trainSize, (loaded, total) => post({ type: 'loading', loaded, total })));
  } catch (err) {
    if (gen !== generation) return;
    state = 'idle';
    post({ type: 'load-failed', message: (err as Error).message });
    return;
  }
  if (gen !== generation) return;
  const variant = VARIANTS[s.variant];
  const model = new Model(variant.spec(), s.seed);
  let history: PassRecord[] = [];
  let previousSeconds = 0;
  if (m.resume) {
    // The file's parameters replace the fresh ones; its record says how far the run got.
    const record = loadWeights(model, m.resume, 'the saved run').meta as unknown as RunRecord;
    history = record.history;
    previousSeconds = record.wallSeconds;
  }
  // As the command: the MAP loss with the recorded j; the Trainer replays the sample order of the passes done.
  const loss = mapLoss(s.mapJ);
  const trainer = new Trainer({
    model, loss, data: train, optimizer: s.optimizer, rate: s.rate, schedule: s.schedule, batchSize: s.batchSize, passes: s.passes,
    seed: s.seed, trainSize: s.trainSize, momentum: s.momentum, mu: s.mu, startPass: history.length,
  });
  run = { settings: s, model, loss, trainer, test, history, previousSeconds, workMs: 0, trainMs: 0, passMs: 0, testing: null };
  state = 'running';
  await loop(gen);
}

function report(r: Run, p: TrainProgress, force = false): void {
  const now = performance.now();
  if (!force && now - lastReport < REPORT_MS) return;
  lastReport = now;
  post({ type: 'progress', pass: p.pass + 1, passes: p.passes, seen: p.seen, passSize: p.passSize, trainSeconds: r.trainMs / 1000 });
}

/** Trains and tests until paused, stopped or done; an engine error ends the run with its message. */
async function loop(gen: number): Promise<void> {
  try {
    await work(gen);
  } catch (err) {
    state = 'ended';
    post({ type: 'error', message: (err as Error).message });
  }
}

async function work(gen: number): Promise<void> {
  const r = run!;
  while (gen === generation && state === 'running') {
    const t0 = performance.now();
    if (r.testing) {
      testSlice(r, t0);
    } else {
      let p: TrainProgress;
      do p = r.trainer.step(STEP); while (p.state === 'running' && performance.now() - t0 < SLICE_MS);
      const ms = performance.now() - t0;
      r.trainMs += ms;
      r.passMs += ms;
      r.workMs += ms;
      if (p.state === 'diverged') {
        state = 'ended';
        post({ type: 'diverged', pass: p.pass + 1, message: p.message ?? '' });
        return;
      }
      report(r, p, p.state !== 'running');
      if (p.state !== 'running') r.testing = { progress: p, next: 0, into: undefined, ms: 0 };
    }
    await turn();
  }
}

/** Part of the test after a pass; at its end, the pass's entry and the weights file go to the page. */
function testSlice(r: Run, t0: number): void {
  const t = r.testing!;
  const count = r.test.count;
  while (t.next < count && performance.now() - t0 < SLICE_MS) {
    const end = Math.min(count, t.next + TEST_STEP);
    t.into = evaluate(r.model, r.loss, r.test, t.next, end, t.into);
    t.next = end;
  }
  const ms = performance.now() - t0;
  t.ms += ms;
  r.passMs += ms;
  r.workMs += ms;
  const p = t.progress;
  post({ type: 'testing', pass: p.pass + 1, done: t.next, total: count });
  if (t.next < count) return;
  const entry = passRecord(p, t.into!, r.passMs / 1000);
  r.history.push(entry);
  r.passMs = 0;
  r.testing = null;
  const record = runRecord(r.settings, r.loss.name, r.history, r.previousSeconds + r.workMs / 1000, new Date());
  const file = encodeWeights(r.model, r.settings.variant, record);
  const finished = p.state === 'done';
  if (finished) state = 'ended';
  post({ type: 'pass-done', entry, file: file.buffer as ArrayBuffer, testSeconds: t.ms / 1000, finished }, [file.buffer as ArrayBuffer]);
}

self.onmessage = (event: MessageEvent<ToWorker>): void => {
  const m = event.data;
  try {
    switch (m.type) {
      case 'start':
        if (state === 'loading' || state === 'running' || state === 'paused') break;
        void start(m).catch((err: unknown) => { state = 'ended'; post({ type: 'error', message: (err as Error).message }); });
        break;
      case 'pause':
        if (state !== 'running') break;
        state = 'paused';
        generation++;
        post({ type: 'paused' });
        break;
      case 'resume':
        if (state !== 'paused') break;
        state = 'running';
        post({ type: 'resumed' });
        void loop(++generation);
        break;
      case 'stop':
        if (state !== 'running' && state !== 'paused' && state !== 'loading') break;
        state = 'ended';
        generation++;
        post({ type: 'stopped' });
        break;
    }
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
