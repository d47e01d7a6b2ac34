/**
 * Optimisers, one sample at a time as in the paper (or one batch: the trainer passes the batch's
 * mean gradient). Both subtract a step from every parameter after each update; they differ in
 * the step size. How the learning rate falls over a run is the schedule's business, below.
 */
import type { Model } from './model.ts';
import type { InlineStep } from './layers/ops.ts';
import type { Loss } from './loss.ts';
import { at, kernelsFor } from './kernels/kernels.ts';

/**
 * The paper's learning-rate schedule for 20 passes (appendix C / section III.A): η = 0.0005
 * for the first 2 passes, 0.0002 for the next 3, 0.0001 for the next 3, 0.00005 for the
 * next 4, then 0.00001. `schedule(pass, base)` scales it so that pass 0 gets `base`.
 */
export const PAPER_ETA: readonly number[] = [
  0.0005, 0.0005, 0.0002, 0.0002, 0.0002, 0.0001, 0.0001, 0.0001, 0.00005, 0.00005, 0.00005, 0.00005,
];
export const PAPER_ETA_AFTER = 0.00001;

export function schedule(pass: number, base = PAPER_ETA[0]): number {
  const eta = pass < PAPER_ETA.length ? PAPER_ETA[pass] : PAPER_ETA_AFTER;
  return (eta / PAPER_ETA[0]) * base;
}

/**
 * How the learning rate falls during a run. 'paper': the paper's steps above, pass by pass (a
 * one-pass run keeps η for its whole pass). 'linear': from η at the first sample straight down
 * towards 0 at the last — the same idea (large steps while far from a minimum, small ones to
 * settle) spread evenly over however long the run is, which is what a short run needs: one pass
 * over 10,000 digits ends 5 to 8 points more accurate than with η held (README, "Training in the page").
 */
export type ScheduleName = 'paper' | 'linear';
export const SCHEDULE_NAMES: readonly ScheduleName[] = ['paper', 'linear'];

export type OptimizerName = 'sdlm' | 'sgd';

export interface Optimizer {
  readonly name: OptimizerName;
  /**
   * Called before each pass. `prepare(i)` gives sample i of the pass's curvature-estimation set
   * (SDLM runs `curvatureSamples` of them through the network; SGD ignores them).
   */
  beginPass(model: Model, loss: Loss, curvatureSamples: number, prepare: (i: number) => { input: Float32Array; label: number }): void;
  /**
   * params −= η · step ⊙ grads, η the learning rate the schedule gives this sample; then grads
   * = 0, ready for the next batch's sum (SGD's kernel does both in one pass over the parameters).
   * `skip` ([start, end) pairs, increasing): parameters already moved during back-propagation.
   */
  update(params: Float32Array, grads: Float32Array, rate: number, skip?: readonly number[]): void;
  /**
   * This optimiser's step at `rate` for a batch of one sample, which back-propagation may take at
   * once (Model.backward): null when it cannot (momentum needs the gradient kept).
   */
  inlineStep(rate: number): InlineStep | null;
}

/** Calls f(from, to) for each run of [0, n) outside the [start, end) pairs of `skip`. */
function outside(n: number, skip: readonly number[], f: (from: number, to: number) => void): void {
  let from = 0;
  for (let i = 0; i < skip.length; i += 2) {
    if (skip[i] > from) f(from, skip[i]);
    from = skip[i + 1];
  }
  if (n > from) f(from, n);
}

const NONE: readonly number[] = [];

/** Plain stochastic gradient descent, with optional momentum: v ← m·v − η·g; w ← w + v. */
export class Sgd implements Optimizer {
  readonly name = 'sgd';
  readonly momentum: number;
  private velocity: Float32Array;
  private readonly step: InlineStep = { rate: 0, gains: null };

  constructor(paramCount: number, momentum = 0) {
    if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`SGD: momentum ${momentum} is not allowed (allowed: 0 to just below 1)`);
    this.momentum = momentum;
    this.velocity = new Float32Array(momentum > 0 ? paramCount : 0);
  }

  beginPass(): void {}

  inlineStep(rate: number): InlineStep | null {
    if (this.momentum > 0) return null;
    this.step.rate = rate;
    return this.step;
  }

  update(params: Float32Array, grads: Float32Array, rate: number, skip = NONE): void {
    if (this.momentum === 0) {
      const K = kernelsFor(params, grads); // both in the model's WebAssembly memory: one SIMD pass
      outside(params.length, skip, (from, to) => {
        if (K) K.axpyClear(at(params, from), -rate, at(grads, from), to - from);
        else {
          for (let k = from; k < to; k++) params[k] -= rate * grads[k];
          grads.fill(0, from, to);
        }
      });
      return;
    }
    const v = this.velocity;
    const m = this.momentum;
    for (let k = 0; k < params.length; k++) {
      v[k] = m * v[k] - rate * grads[k];
      params[k] += v[k];
    }
    grads.fill(0);
  }
}

/**
 * Stochastic diagonal Levenberg–Marquardt (appendix C of the paper). Each parameter k gets its
 * own step εₖ = η / (μ + hₖₖ), hₖₖ the average over `curvatureSamples` (500 in the paper) of
 * the Gauss–Newton estimate of ∂²E/∂wₖ², re-estimated before every pass. μ = 0.02 keeps the
 * step finite where the curvature is tiny. Parameters along which the loss is sharply curved
 * thus take small steps, flat ones large steps (up to η/μ).
 *
 * What we observe (the second-order pass is checked against exact second derivatives in the
 * tests): from the paper's ±2.4/Fᵢ initialisation the activations are tiny (C5's outputs ≈ 0.02),
 * so the curvature estimated before pass 1 is tiny too — below 0.01 for every weight, below 1e-4
 * for C1's and the subsampling coefficients — and almost every step is capped at η/μ = 0.025,
 * twelve times the largest SGD rate that trains (0.002). Within 25 samples F6 and then every layer
 * saturate. With a larger μ it trains stably (the few strongly curved parameters, such as F6's
 * biases, still take smaller steps): μ = 0.25, η = 0.0005 ends at 1.27 % test error after 20
 * passes, μ = 0.1, η = 0.0002 at 1.17 % with the paper's schedule and at 0.98 % (seed 2) with the
 * linear one — the faithful variant's default (variants.ts; README, "Where the reproduction stands").
 */
/** The paper's μ. */
export const SDLM_MU = 0.02;

export class Sdlm implements Optimizer {
  readonly name = 'sdlm';
  readonly mu: number;
  /** The current estimate of the Hessian's diagonal hₖₖ (the site can draw it). */
  readonly curvature: Float32Array;
  /** The current per-parameter gains 1/(μ + hₖₖ): the step is εₖ = η · gainₖ. */
  readonly gains: Float32Array;
  private readonly step: InlineStep;

  /**
   * `gains`, if given, is where the gains are kept: the model's `paramFactors`, beside its
   * parameters in WebAssembly memory, lets the update run as one SIMD kernel.
   */
  constructor(paramCount: number, mu = SDLM_MU, gains: Float32Array = new Float32Array(paramCount)) {
    if (!(mu > 0) || !Number.isFinite(mu)) throw new RangeError(`SDLM: μ ${mu} is not allowed (allowed: a positive number)`);
    if (gains.length !== paramCount) throw new RangeError(`SDLM: ${gains.length} gains for ${paramCount} parameters`);
    this.mu = mu;
    // Not in the model's memory on purpose: there the layers would run their float32 kernels on
    // the second-order pass, whose sums the JavaScript loops add in doubles, and the curvature —
    // hence every step and every shipped weights file — would change in its last bits.
    this.curvature = new Float32Array(paramCount);
    this.gains = gains;
    this.step = { rate: 0, gains };
  }

  // #region sdlm
  beginPass(model: Model, loss: Loss, curvatureSamples: number, prepare: (i: number) => { input: Float32Array; label: number }): void {
    const h = this.curvature;
    h.fill(0);
    const d2 = new Float32Array(model.outputUnits);
    for (let i = 0; i < curvatureSamples; i++) {
      const { input, label } = prepare(i);
      const trace = model.forward(input);
      loss.curvature(trace.output, label, d2);
      model.backwardSecondOrder(trace, d2, h);
    }
    const n = Math.max(1, curvatureSamples);
    for (let k = 0; k < h.length; k++) {
      h[k] /= n;
      this.gains[k] = 1 / (this.mu + h[k]);
    }
  }

  update(params: Float32Array, grads: Float32Array, rate: number, skip = NONE): void {
    const gains = this.gains;
    // The kernel computes in doubles exactly as this loop does, so both give the same bits.
    const K = kernelsFor(params, gains, grads);
    outside(params.length, skip, (from, to) => {
      if (K) K.sdlmUpdate(at(params, from), rate, at(gains, from), at(grads, from), to - from);
      else for (let k = from; k < to; k++) params[k] -= rate * gains[k] * grads[k];
      grads.fill(0, from, to);
    });
  }
  // #endregion sdlm

  inlineStep(rate: number): InlineStep {
    this.step.rate = rate;
    return this.step;
  }
}
