/**
 * Training in chunks: `new Trainer(…)`, then `step(n)` as often as you like — the command line
 * calls it in a loop, the site's Web Worker a few hundred samples at a time between messages.
 * One sample at a time, as in the paper: forward, loss, backward, update (or, with a batch size
 * above 1, one update per batch with the batch's mean gradient). Nothing here touches Node or the DOM.
 */
import type { Model } from './model.ts';
import type { Loss } from './loss.ts';
import type { Digits } from './idx.ts';
import { prepareDigit } from './input.ts';
import { Random } from './random.ts';
import { distortionStream, randomAffine, warpDigit } from './distort.ts';
import { Sdlm, Sgd, schedule, type Optimizer, type OptimizerName, type ScheduleName } from './optim.ts';

export interface TrainerOptions {
  model: Model;
  loss: Loss;
  data: Digits;
  optimizer: OptimizerName;
  /** The learning rate at the start (η for SDLM); `schedule` says how it falls. */
  rate: number;
  passes: number;
  /**
   * The run's seed, the one the model was initialised with: the order of the samples is drawn
   * from a stream derived from it, so one number reproduces a run, in the page as on the command line.
   */
  seed: number;
  /** Train on the first `trainSize` digits only (default: all). */
  trainSize?: number;
  /** SGD only (default 0). */
  momentum?: number;
  /** SDLM only: μ (default 0.02) and the samples the curvature is estimated on before each pass (default 500). */
  mu?: number;
  curvatureSamples?: number;
  /** How η falls during the run (default 'paper'). */
  schedule?: ScheduleName;
  /**
   * Samples per update (default 1, the paper's: one update per sample). Larger batches average
   * the gradient of several samples before each update: fewer, smoother steps. A pass's last
   * batch may be smaller; batches never span two passes.
   */
  batchSize?: number;
  /**
   * Continue a run whose first `startPass` passes are already in the model's weights. Neither
   * optimiser carries state from one pass to the next (SGD without momentum; SDLM re-estimates
   * its curvature), and the sample order of the skipped passes is replayed, so a resumed run
   * goes on exactly as the uninterrupted one would have.
   */
  startPass?: number;
  /**
   * Train on randomly distorted digits (section III.C of the paper; ranges in distort.ts): every
   * sample of every pass, and the SDLM curvature samples, get a fresh affine distortion drawn
   * from the seed, the pass and the digit's index. Default false. Testing never distorts.
   */
  distort?: boolean;
}

export type TrainState = 'running' | 'pass-done' | 'done' | 'diverged';

export interface TrainProgress {
  /** 'pass-done' right after a pass ends (evaluate now if you want a curve); 'diverged': see `message`. */
  state: TrainState;
  /** The pass being trained, or just finished when state is 'pass-done' or 'done' (0-based). */
  pass: number;
  passes: number;
  /** Samples done in this pass, out of `passSize`. */
  seen: number;
  passSize: number;
  /** Mean loss and training errors over this pass's samples so far (measured before each update). */
  loss: number;
  errors: number;
  /** The learning rate of the latest sample. */
  rate: number;
  message?: string;
}

export class Trainer {
  readonly model: Model;
  readonly loss: Loss;
  readonly data: Digits;
  readonly optimizer: Optimizer;
  readonly passes: number;
  readonly passSize: number;
  readonly baseRate: number;
  readonly curvatureSamples: number;
  readonly scheduleName: ScheduleName;
  readonly batchSize: number;
  readonly distort: boolean;
  private readonly seed: number;
  private readonly rng: Random;
  private readonly order: Int32Array;
  private readonly input: Float32Array;
  private readonly grads: Float32Array;
  private readonly dOut: Float32Array;
  /** The parameters at the start of the pass: restored if training diverges. */
  private readonly snapshot: Float32Array;
  private readonly side: number;
  private pass = 0;
  private seen = 0;
  private started = false;
  /** Samples whose gradients are summed in `grads` but not yet applied. */
  private inBatch = 0;
  private lossSum = 0;
  private errors = 0;
  private rate = 0;
  private state: TrainState = 'running';
  private message: string | undefined;

  constructor(o: TrainerOptions) {
    this.model = o.model;
    this.loss = o.loss;
    this.data = o.data;
    const size = o.trainSize ?? o.data.count;
    if (!Number.isInteger(size) || size < 1 || size > o.data.count) {
      throw new RangeError(`train size ${size} is not allowed (allowed: 1 to ${o.data.count})`);
    }
    if (!Number.isInteger(o.passes) || o.passes < 1) throw new RangeError(`passes ${o.passes} is not allowed (allowed: a whole number ≥ 1)`);
    if (!(o.rate > 0) || !Number.isFinite(o.rate)) throw new RangeError(`learning rate ${o.rate} is not allowed (allowed: a positive number)`);
    const { maps, height, width } = this.model.analysis.input;
    if (maps !== 1 || height !== width || height < o.data.rows || width < o.data.cols) {
      throw new RangeError(`the network's input ${maps}@${height}×${width} cannot take ${o.data.rows}×${o.data.cols} digits`);
    }
    this.side = height;
    this.passes = o.passes;
    this.passSize = size;
    this.baseRate = o.rate;
    this.scheduleName = o.schedule ?? 'paper';
    this.batchSize = o.batchSize ?? 1;
    this.distort = o.distort ?? false;
    this.seed = o.seed;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > size) {
      throw new RangeError(`batch size ${this.batchSize} is not allowed (allowed: 1 to the training-set size, ${size})`);
    }
    this.curvatureSamples = Math.min(o.curvatureSamples ?? 500, size);
    this.optimizer = o.optimizer === 'sdlm' ? new Sdlm(this.model.paramCount, o.mu, this.model.paramFactors) : new Sgd(this.model.paramCount, o.momentum ?? 0);
    this.rng = new Random(o.seed + 0x9e3779b9); // not the weights' own stream: shifted by 2³²/φ
    this.order = Int32Array.from({ length: size }, (_, i) => i);
    this.input = new Float32Array(this.model.inputUnits);
    this.grads = this.model.gradients;
    this.grads.fill(0); // a previous trainer of this model may have stopped in the middle of a batch
    this.dOut = new Float32Array(this.model.outputUnits);
    this.snapshot = new Float32Array(this.model.paramCount);
    const start = o.startPass ?? 0;
    if (!Number.isInteger(start) || start < 0 || start >= o.passes) {
      throw new RangeError(`start pass ${start} is not allowed (allowed: 0 to ${o.passes - 1})`);
    }
    if (start > 0 && this.optimizer.name === 'sgd' && (o.momentum ?? 0) > 0) {
      throw new RangeError('a run with momentum cannot be resumed exactly: its velocity is not saved');
    }
    for (let p = 0; p < start; p++) this.rng.shuffle(this.order);
    this.pass = start;
  }

  progress(): TrainProgress {
    return {
      state: this.state, pass: this.pass, passes: this.passes, seen: this.seen, passSize: this.passSize,
      loss: this.seen > 0 ? this.lossSum / this.seen : NaN, errors: this.errors, rate: this.rate, message: this.message,
    };
  }

  /** Trains on up to n more samples, stopping at the end of a pass. Never throws on divergence: see `state`. */
  step(n: number): TrainProgress {
    if (this.state === 'done' || this.state === 'diverged') return this.progress();
    if (this.state === 'pass-done') {
      this.pass++;
      this.seen = 0;
      this.started = false;
      this.state = 'running';
    }
    if (!this.started) this.beginPass();
    const { model, loss, data, input, grads, dOut, order, optimizer } = this;
    const end = Math.min(this.passSize, this.seen + Math.max(0, Math.floor(n)));
    // #region train-sample
    for (let s = this.seen; s < end; s++) {
      const index = order[s];
      const label = data.labels[index];
      this.prepare(index);
      const trace = model.forward(input);
      const e = loss.gradient(trace.output, label, dOut);
      if (!Number.isFinite(e)) return this.diverge(`loss became ${e} at sample ${s + 1} of pass ${this.pass + 1}`);
      if (loss.predict(trace.output) !== label) this.errors++;
      this.lossSum += e;
      this.seen = s + 1;
      this.inBatch++;
      if (this.inBatch === this.batchSize || this.seen === this.passSize) {
        // A step along the batch's mean gradient (η / batch × the summed one), so that η means
        // the same for every batch size. A batch of this one sample: back-propagation may take
        // the step for some layers itself (Model.backward), which the update then skips.
        this.rate = this.rateAt(s);
        const step = this.inBatch === 1 ? optimizer.inlineStep(this.rate) : null;
        model.backward(trace, dOut, grads, step);
        optimizer.update(model.params, grads, this.rate / this.inBatch, step ? model.stepped : undefined); // and zeroes grads
        this.inBatch = 0;
      } else {
        model.backward(trace, dOut, grads);
      }
    }
    // #endregion train-sample
    if (this.seen === this.passSize) {
      const p = model.params;
      for (let k = 0; k < p.length; k++) {
        if (!Number.isFinite(p[k])) return this.diverge(`parameter ${k} became ${p[k]} in pass ${this.pass + 1}`);
      }
      this.state = this.pass + 1 < this.passes ? 'pass-done' : 'done';
    }
    return this.progress();
  }

  /** Shuffles, sets the pass's learning rate and (SDLM) re-estimates the curvature. */
  private beginPass(): void {
    this.rng.shuffle(this.order);
    this.rate = this.rateAt(0);
    this.lossSum = 0;
    this.errors = 0;
    this.snapshot.set(this.model.params);
    const sample = { input: this.input, label: 0 };
    this.optimizer.beginPass(this.model, this.loss, this.curvatureSamples, (i) => {
      const index = this.order[i];
      this.prepare(index);
      sample.label = this.data.labels[index];
      return sample;
    });
    this.started = true;
  }

  /** Digit `index` of the training set into the input: as stored, or distorted for this pass. */
  private prepare(index: number): void {
    if (this.distort) warpDigit(this.data, index, randomAffine(distortionStream(this.seed, this.pass, index)), this.input, this.side);
    else prepareDigit(this.data, index, this.input, this.side);
  }

  /** The learning rate for sample s of the current pass (see `ScheduleName`). */
  private rateAt(s: number): number {
    if (this.scheduleName === 'paper') return schedule(this.pass, this.baseRate);
    const done = (this.pass * this.passSize + s) / (this.passes * this.passSize);
    return this.baseRate * (1 - done);
  }

  private diverge(message: string): TrainProgress {
    this.model.params.set(this.snapshot);
    this.state = 'diverged';
    this.message = `${message}; training stopped and the weights were reset to the start of the pass (try a smaller learning rate)`;
    return this.progress();
  }
}

export interface Evaluation {
  samples: number;
  correct: number;
  accuracy: number;
  /** Mean loss. */
  loss: number;
  /** confusion[true][predicted]: how often a digit of class `true` was read as `predicted`. */
  confusion: number[][];
}

/**
 * Runs digits [start, end) through the model and counts. Pass the previous result as `into` to
 * evaluate a large set in chunks.
 */
export function evaluate(model: Model, loss: Loss, data: Digits, start = 0, end = data.count, into?: Evaluation): Evaluation {
  const classes = model.outputUnits;
  const result = into ?? { samples: 0, correct: 0, accuracy: 0, loss: 0, confusion: Array.from({ length: classes }, () => new Array<number>(classes).fill(0)) };
  const side = model.analysis.input.height;
  const input = new Float32Array(model.inputUnits);
  let lossSum = result.loss * result.samples;
  for (let i = start; i < end; i++) {
    prepareDigit(data, i, input, side);
    const output = model.forward(input).output;
    const label = data.labels[i];
    const predicted = loss.predict(output);
    lossSum += loss.value(output, label);
    result.confusion[label][predicted]++;
    if (predicted === label) result.correct++;
    result.samples++;
  }
  result.accuracy = result.samples > 0 ? result.correct / result.samples : 0;
  result.loss = result.samples > 0 ? lossSum / result.samples : 0;
  return result;
}
