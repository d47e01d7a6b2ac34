/**
 * The subsampling widget's pure model. One square feature map goes through the ENGINE's own
 * subsampling layer three times — the paper's trainable kind with the reader's coefficient and
 * bias, plain average pooling and max pooling — by building one-layer networks and running
 * `Model.forward`. Nothing numeric is re-implemented here: the sums, the coefficient, the bias and
 * the squash all happen in engine/layers/subsample.ts and engine/layers/activation.ts. This module
 * only reads the results out (which unit to explain, how many units are saturated).
 */
import { Model, SQUASH_A, type NetworkSpec, type SubsampleSpec } from '../../../engine/index.ts';

/** One square feature map, row by row. */
export interface FeatureMap {
  size: number;
  values: ArrayLike<number>;
}

/** A subsampled map: `pre` = before the squash (for average and max, pre = out). */
export interface Pooled {
  size: number;
  pre: Float32Array;
  out: Float32Array;
}

/** An output is called saturated when the squash has reached 90 % of its ±1.7159 ceiling. */
export const SATURATED = 0.9 * SQUASH_A;

function network(size: number, window: number, pool: SubsampleSpec['pool'], activation: SubsampleSpec['activation']): NetworkSpec {
  return { input: { size, channels: 1 }, layers: [{ kind: 'subsample', name: 'S', pool, window, activation }] };
}

/** Copies of a trace layer's buffers, so that later forward passes cannot change them. */
function pooledOf(model: Model, input: ArrayLike<number>): Pooled {
  const t = model.forward(input).layers[0];
  return { size: t.shape.height, pre: Float32Array.from(t.pre), out: Float32Array.from(t.out) };
}

export class SubsamplingLab {
  readonly map: FeatureMap;
  readonly window: number;
  private readonly trainableModel: Model;
  /** The same layer with coefficient 1, bias 0 and no squash: its output is each window's sum. */
  readonly sums: Pooled;
  readonly average: Pooled;
  readonly max: Pooled;
  /** The unit whose window sum is farthest from the mean window sum: the one the widget explains step by step. */
  readonly focus: number;

  constructor(map: FeatureMap, window = 2) {
    if (map.values.length !== map.size * map.size) {
      throw new RangeError(`SubsamplingLab: a ${map.size}×${map.size} map needs ${map.size * map.size} values, got ${map.values.length}`);
    }
    this.map = map;
    this.window = window;
    this.trainableModel = new Model(network(map.size, window, 'trainable', 'squash'));
    const sumModel = new Model(network(map.size, window, 'trainable', 'none'));
    sumModel.params.set([1, 0]);
    this.sums = pooledOf(sumModel, map.values);
    this.average = pooledOf(new Model(network(map.size, window, 'average', 'none')), map.values);
    this.max = pooledOf(new Model(network(map.size, window, 'max', 'none')), map.values);
    const sums = this.sums.out;
    const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
    let focus = 0;
    sums.forEach((s, i) => { if (Math.abs(s - mean) > Math.abs(sums[focus] - mean)) focus = i; });
    this.focus = focus;
  }

  /** The paper's unit: f(coefficient · sum + bias), computed by the engine. */
  trainable(coefficient: number, bias: number): Pooled {
    if (!Number.isFinite(coefficient) || !Number.isFinite(bias)) {
      throw new RangeError(`SubsamplingLab: coefficient ${coefficient} and bias ${bias} must be finite numbers`);
    }
    // One map: the layer's parameters are [coefficient, bias] (engine/layers/subsample.ts).
    this.trainableModel.params.set([coefficient, bias]);
    return pooledOf(this.trainableModel, this.map.values);
  }
}

/** What the widget prints about one trainable output: the focus unit's steps, the spread, the saturation. */
export interface Readout {
  sum: number;
  pre: number;
  out: number;
  min: number;
  max: number;
  saturated: number;
  units: number;
}

export function readout(lab: SubsamplingLab, result: Pooled): Readout {
  let min = Infinity;
  let max = -Infinity;
  let saturated = 0;
  for (const v of result.out) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (Math.abs(v) >= SATURATED) saturated++;
  }
  const f = lab.focus;
  return { sum: lab.sums.out[f], pre: result.pre[f], out: result.out[f], min, max, saturated, units: result.out.length };
}

/** A number as the widget prints it: fixed decimals, a real minus sign, never "-0.00". */
export function fixed(n: number, digits = 2): string {
  const text = n.toFixed(digits);
  return (Number(text) === 0 ? (0).toFixed(digits) : text).replace('-', '−');
}
