/**
 * The Training widget's Web Worker: the engine's own Trainer (the one `lenet train` uses), run a
 * few samples at a time so that pause, resume and stop are answered within a fraction of a
 * second. It fetches MNIST from the site only when the reader starts the first run.
 */
import {
  Model, Trainer, VARIANTS, convKernel, encodeWeights, evaluate, lossNamed, prepareDigit, type Digits, type Loss,
} from '../../../engine/index.ts';
import { CHUNK, CURVE_TEST, GALLERY, PROBE_INDEX, SNAPSHOT_EVERY, chunkLoss, curveEvery, lossBlewUp, type Evaluated, type FromWorker, type Misclassified, type Settings, type ToWorker } from './model.ts';
import { MnistLoader } from '../../lib/mnist-fetch.ts';
import { turn } from '../../lib/worker-turn.ts';

const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

// ── Data ───────────────────────────────────────────────────────────────────────────────────

let loader: MnistLoader | undefined;
let testSet: Digits | undefined;

// ── Training ───────────────────────────────────────────────────────────────────────────────

interface Run {
  settings: Settings;
  model: Model;
  loss: Loss;
  trainer: Trainer;
  done: number;
  total: number;
  trainMs: number;
  nextCurve: number;
  lastSeen: number;
  lastLoss: number;
  /** Chunk losses, to notice a run whose loss blew up without becoming infinite. */
  chunkLosses: number[];
  /** The untrained network's mean loss on the curve's test digits: what a blow-up is measured against. */
  startLoss: number;
  /** When the last snapshot of the network's insides was sent (performance.now()). */
  lastSnapshot: number;
}

/** Chunks averaged for the first and for the latest loss in the blow-up check. */
const STRETCH = 5;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

let run: Run | undefined;
/**
 * A pause tests the network while staying 'paused' (Resume or Stop cut that test short); the
 * final test, after the last sample or a Stop, runs once the run has 'ended'.
 */
let state: 'idle' | 'loading' | 'running' | 'paused' | 'ended' = 'idle';
/** Bumped by every command that should cancel a loop in flight (pause, stop, reset, a new start). */
let generation = 0;

/** The whole test set, in chunks, yielding between them; null if cancelled. `final`: the run's last test, not a pause's. */
async function evaluateAll(r: Run, gen: number, final: boolean): Promise<Evaluated | null> {
  const data = testSet!;
  const { model, loss } = r;
  const n = model.outputUnits;
  const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const misclassified: Misclassified[] = [];
  const input = new Float32Array(model.inputUnits);
  const trace = model.newTrace();
  const side = data.rows * data.cols;
  let correct = 0;
  for (let start = 0; start < data.count; start += 500) {
    if (gen !== generation) return null;
    const end = Math.min(data.count, start + 500);
    for (let i = start; i < end; i++) {
      prepareDigit(data, i, input, 32);
      const predicted = loss.predict(model.forward(input, trace).output);
      const label = data.labels[i];
      confusion[label][predicted]++;
      if (predicted === label) correct++;
      else if (misclassified.length < GALLERY) misclassified.push({ index: i, label, predicted, pixels: data.pixels.slice(i * side, (i + 1) * side) });
    }
    post({ type: 'evaluating', done: end, total: data.count, final });
    await turn();
  }
  return { samples: data.count, accuracy: correct / data.count, confusion, misclassified };
}

/**
 * What the page draws while the network learns: C1's six kernels (its first input map, 5×5 each)
 * and, for the probe digit, F6's state and the ten outputs, read off one forward pass.
 */
function snapshot(r: Run): void {
  r.lastSnapshot = performance.now();
  const { model } = r;
  const c1 = model.spec.layers[0];
  const maps = c1.kind === 'conv' ? c1.maps : 0;
  const kernels: number[] = [];
  for (let m = 0; m < maps; m++) kernels.push(...convKernel(model, c1.name, m, 0));
  const trace = model.forward(prepareDigit(testSet!, PROBE_INDEX, new Float32Array(model.inputUnits), 32));
  const f6 = trace.layers.find((l) => l.name === 'F6');
  post({ type: 'snapshot', done: r.done, variant: r.settings.variant, kernels, f6: f6 ? Array.from(f6.out) : [],
    output: Array.from(trace.output), label: testSet!.labels[PROBE_INDEX] });
}

async function evaluateAndReport(r: Run, gen: number, final: boolean): Promise<boolean> {
  const result = await evaluateAll(r, gen, final);
  if (gen !== generation || !result) return false;
  post({ type: 'evaluated', done: r.done, result });
  return true;
}

async function loop(gen: number): Promise<void> {
  const r = run!;
  while (gen === generation && state === 'running') {
    const t0 = performance.now();
    const p = r.trainer.step(CHUNK);
    r.trainMs += performance.now() - t0;
    if (p.state === 'diverged') {
      state = 'ended';
      const sample = Number(/sample (\d+)/.exec(p.message ?? '')?.[1] ?? p.seen);
      post({ type: 'diverged', cause: 'nonfinite', pass: p.pass + 1, sample, rate: p.rate });
      return;
    }
    const lossNow = chunkLoss({ seen: r.lastSeen, loss: r.lastLoss }, { seen: p.seen, loss: p.loss });
    r.lastSeen = p.seen;
    r.lastLoss = p.loss;
    r.done = r.settings.trainSize * p.pass + p.seen;
    if (Number.isFinite(lossNow)) r.chunkLosses.push(lossNow);
    const cl = r.chunkLosses;
    if (cl.length >= STRETCH && lossBlewUp(r.startLoss, mean(cl.slice(-STRETCH)))) {
      state = 'ended';
      post({ type: 'progress', done: r.done, total: r.total, pass: p.pass + 1, passes: p.passes, trainMs: r.trainMs, loss: lossNow });
      post({ type: 'diverged', cause: 'blowup', pass: p.pass + 1, sample: p.seen, rate: p.rate,
        from: r.startLoss, to: mean(cl.slice(-STRETCH)) });
      return;
    }
    post({ type: 'progress', done: r.done, total: r.total, pass: p.pass + 1, passes: p.passes, trainMs: r.trainMs, loss: lossNow });
    const finished = p.state === 'done';
    if (finished || performance.now() - r.lastSnapshot >= SNAPSHOT_EVERY) snapshot(r);
    if (r.done >= r.nextCurve && !finished) {
      const t1 = performance.now();
      const { accuracy } = evaluate(r.model, r.loss, testSet!, 0, CURVE_TEST);
      r.trainMs += performance.now() - t1;
      post({ type: 'accuracy', done: r.done, accuracy });
      r.nextCurve += curveEvery(r.settings);
    }
    if (finished) {
      await finish(r, gen, 'done');
      return;
    }
    await turn();
  }
}

async function finish(r: Run, gen: number, reason: 'done' | 'stopped'): Promise<void> {
  state = 'ended';
  if (!(await evaluateAndReport(r, gen, true))) return;
  const weights = encodeWeights(r.model, r.settings.variant, {
    source: 'site', ...r.settings, samples: r.done,
  });
  post({ type: 'finished', reason, weights: weights.buffer as ArrayBuffer, variant: r.settings.variant }, [weights.buffer as ArrayBuffer]);
}

async function start(settings: Settings, base: string): Promise<void> {
  const gen = ++generation;
  state = 'loading';
  let train: Digits;
  try {
    loader ??= new MnistLoader(base);
    const data = await loader.load(settings.trainSize, (loaded, total) => post({ type: 'loading', loaded, total }));
    train = data.train;
    testSet = data.test;
  } catch (err) {
    if (gen !== generation) return;
    state = 'idle';
    post({ type: 'load-failed', message: (err as Error).message });
    return;
  }
  if (gen !== generation) return;
  const variant = VARIANTS[settings.variant];
  const model = new Model(variant.spec(), settings.seed);
  const loss = lossNamed(variant.loss);
  const trainer = new Trainer({
    model, loss, data: train, optimizer: settings.optimizer, rate: settings.rate, schedule: settings.schedule,
    batchSize: settings.batchSize, passes: settings.passes, trainSize: settings.trainSize, seed: settings.seed,
    momentum: settings.optimizer === 'sgd' ? variant.momentum : 0,
  });
  run = { settings, model, loss, trainer, done: 0, total: settings.trainSize * settings.passes, trainMs: 0,
    nextCurve: curveEvery(settings), lastSeen: 0, lastLoss: 0, chunkLosses: [], startLoss: Number.NaN, lastSnapshot: 0 };
  state = 'running';
  // The untrained network: the accuracy curve starts at chance, and its loss is the yardstick of a blow-up.
  const untrained = evaluate(model, loss, testSet!, 0, CURVE_TEST);
  run.startLoss = untrained.loss;
  post({ type: 'accuracy', done: 0, accuracy: untrained.accuracy });
  snapshot(run);
  await loop(gen);
}

self.onmessage = (event: MessageEvent<ToWorker>): void => {
  const m = event.data;
  try {
    switch (m.type) {
      case 'start':
        void start(m.settings, m.base);
        break;
      case 'pause':
        if (state !== 'running' || !run) break;
        state = 'paused';
        post({ type: 'paused' });
        void evaluateAndReport(run, ++generation, false);
        break;
      case 'resume':
        if (state !== 'paused' || !run) break;
        state = 'running';
        void loop(++generation);
        break;
      case 'stop':
        if (!run || (state !== 'running' && state !== 'paused')) break;
        void finish(run, ++generation, 'stopped');
        break;
      case 'reset':
        generation++;
        run = undefined;
        state = 'idle';
        post({ type: 'reset' });
        break;
    }
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
