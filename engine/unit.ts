/**
 * One unit of one layer, seen from inside: which part of every earlier layer it depends on (its
 * receptive field), and the numbers that make its output (its computation). Section II.A of the
 * paper: "each unit in a layer receives inputs from a set of units located in a small
 * neighborhood in the previous layer"; stacked, those neighbourhoods grow — for LeNet-5 from
 * C1's 5×5 to C5's whole 32×32 input. Both functions only read the spec, the parameters and a
 * trace; nothing here is computed twice in the site.
 */
import { analyze } from './analyze.ts';
import { inputMapsOf } from './layers/conv.ts';
import { squash } from './layers/activation.ts';
import type { Model, Trace } from './model.ts';
import type { Activation, LayerSpec, NetworkSpec, Shape } from './spec.ts';

/** One unit: its map (for a vector layer such as F6, the unit's number) and its row and column. */
export interface Unit {
  map: number;
  y: number;
  x: number;
}

/** The part of one layer (or of the input) that a unit depends on. */
export interface FieldLevel {
  /** 'input', or the name of the layer whose output this is. */
  name: string;
  shape: Shape;
  /** The maps the unit depends on, in increasing order (a C3 map: only its row of Table I). */
  maps: number[];
  /** First and last row, first and last column (inclusive), clipped to the layer's real units. */
  rows: [number, number];
  cols: [number, number];
  /**
   * How many rows or columns of zero padding the windows reach beyond each side. Padding zeros
   * depend on nothing, so they stop here and never widen the field further down.
   */
  padding: { top: number; bottom: number; left: number; right: number };
}

/**
 * A unit's receptive field, level by level: `levels[0]` is the input, each next one the output
 * of the next layer, and the last one the unit itself. The rectangle is exact at its edges;
 * with a stride larger than the window (never in LeNet-5) the units it bounds leave gaps.
 */
export interface ReceptiveField {
  layer: string;
  unit: Unit;
  levels: FieldLevel[];
}

function layerIndex(spec: NetworkSpec, layer: string): number {
  const i = spec.layers.findIndex((l) => l.name === layer);
  if (i < 0) throw new RangeError(`no layer named ${layer} (layers: ${spec.layers.map((l) => l.name).join(', ')})`);
  return i;
}

function checkUnit(layer: string, shape: Shape, unit: Unit): void {
  const ok = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
  if (!ok(unit.map, shape.maps) || !ok(unit.y, shape.height) || !ok(unit.x, shape.width)) {
    throw new RangeError(`${layer}: unit (map ${unit.map}, row ${unit.y}, column ${unit.x}) does not exist ` +
      `(allowed: map 0 to ${shape.maps - 1}, row 0 to ${shape.height - 1}, column 0 to ${shape.width - 1})`);
  }
}

const every = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** From one layer's output rows [first, last] to the window of its input they read, before clipping. */
function windowOf(first: number, last: number, kernel: number, stride: number, padding: number): [number, number] {
  return [first * stride - padding, last * stride - padding + kernel - 1];
}

/**
 * The receptive field of `unit` of `layer`: walking down from the unit, each convolution widens
 * the rectangle by its kernel and stride (minus its padding) and keeps only the input maps of
 * its connection table; each subsampling widens it by its window and stride; a full or RBF layer
 * depends on all of its input.
 */
export function receptiveField(spec: NetworkSpec, layer: string, unit: Unit): ReceptiveField {
  const analysis = analyze(spec);
  const top = layerIndex(spec, layer);
  checkUnit(layer, analysis.layers[top].output, unit);
  const noPadding = { top: 0, bottom: 0, left: 0, right: 0 };
  let level: FieldLevel = {
    name: layer, shape: analysis.layers[top].output, maps: [unit.map],
    rows: [unit.y, unit.y], cols: [unit.x, unit.x], padding: noPadding,
  };
  const levels = [level];
  for (let i = top; i >= 0; i--) {
    const l: LayerSpec = spec.layers[i];
    const input = analysis.layers[i].input;
    let maps: number[];
    let rows: [number, number];
    let cols: [number, number];
    if (l.kind === 'conv') {
      const table = inputMapsOf(l, input.maps);
      maps = [...new Set(level.maps.flatMap((m) => table[m]))].sort((a, b) => a - b);
      rows = windowOf(level.rows[0], level.rows[1], l.kernel, l.stride ?? 1, l.padding ?? 0);
      cols = windowOf(level.cols[0], level.cols[1], l.kernel, l.stride ?? 1, l.padding ?? 0);
    } else if (l.kind === 'subsample') {
      maps = level.maps;
      rows = windowOf(level.rows[0], level.rows[1], l.window, l.stride ?? l.window, 0);
      cols = windowOf(level.cols[0], level.cols[1], l.window, l.stride ?? l.window, 0);
    } else {
      maps = every(input.maps);
      rows = [0, input.height - 1];
      cols = [0, input.width - 1];
    }
    level = {
      name: i === 0 ? 'input' : spec.layers[i - 1].name, shape: input, maps,
      rows: [Math.max(rows[0], 0), Math.min(rows[1], input.height - 1)],
      cols: [Math.max(cols[0], 0), Math.min(cols[1], input.width - 1)],
      padding: {
        top: Math.max(-rows[0], 0), bottom: Math.max(rows[1] - (input.height - 1), 0),
        left: Math.max(-cols[0], 0), right: Math.max(cols[1] - (input.width - 1), 0),
      },
    };
    levels.push(level);
  }
  return { layer, unit, levels: levels.reverse() };
}

/** What the unit adds up, and what comes out: a = the weighted sum, y = f(a). */
interface Outcome {
  layer: string;
  unit: Unit;
  activation: Activation;
  /** The weighted sum before the non-linearity (the trace's `pre`). */
  a: number;
  /** f(a), the unit's output (the trace's `out`). */
  y: number;
}

/** One connected input map of a convolution unit: its patch, the kernel applied to it, and Σ patch ⊙ kernel. */
export interface ConvTerm {
  source: number;
  /** k×k input values under the kernel, row by row; 0 where the kernel hangs over the padding. */
  patch: number[];
  /** The k×k kernel this output map applies to this input map (a view's copy, row by row). */
  kernel: number[];
  /** true where the tap lands on zero padding rather than on a real input. */
  padded: boolean[];
  sum: number;
}

export interface ConvComputation extends Outcome {
  kind: 'conv';
  /** Side of the kernel. */
  side: number;
  terms: ConvTerm[];
  bias: number;
}

export interface SubsampleComputation extends Outcome {
  kind: 'subsample';
  pool: 'trainable' | 'average' | 'max';
  source: number;
  /** The window's inputs, row by row. */
  window: number[];
  side: number;
  sum: number;
  /** Trainable: the map's coefficient; average: 1/window²; max: null (it only compares). */
  coefficient: number | null;
  /** Trainable: the map's bias; otherwise null. */
  bias: number | null;
  /** Max pooling: the position in `window` of the largest input; otherwise null. */
  winner: number | null;
}

/** One input of a full or RBF unit and what it contributes. */
export interface Contribution {
  /** The input unit's index in the previous layer, flattened. */
  index: number;
  x: number;
  /** Full: the weight; RBF: the code's value. */
  w: number;
  /** Full: w·x; RBF: (x − w)². */
  term: number;
}

export interface FullComputation extends Outcome {
  kind: 'full' | 'rbf';
  inputs: number;
  /** The largest contributions by size, largest first. */
  top: Contribution[];
  /** The sum of all the other contributions. */
  rest: number;
  /** Full: the unit's bias; RBF: 0 (a distance has none). */
  bias: number;
}

export type UnitComputation = ConvComputation | SubsampleComputation | FullComputation;

function activationOf(kind: Activation, a: number): number {
  if (kind === 'squash') return squash(a);
  if (kind === 'relu') return a > 0 ? a : 0;
  return a;
}

/**
 * The numbers that make `unit` of `layer` for the input the trace was computed from, read from
 * the model's parameters (in the layout each file in layers/ documents) and the trace, and added
 * up in double precision: `a` agrees with the trace's float32 value to float precision.
 * Full and RBF units have too many inputs to list: the `top` largest contributions are given,
 * and the rest as one sum.
 */
export function unitComputation(model: Model, trace: Trace, layer: string, unit: Unit, top = 6): UnitComputation {
  const i = layerIndex(model.spec, layer);
  const l = model.spec.layers[i];
  const ml = model.layers[i];
  checkUnit(layer, ml.output, unit);
  const x = i === 0 ? trace.input : trace.layers[i - 1].out;
  const p = model.params;
  const { height: inH, width: inW } = ml.input;
  const at = (m: number, r: number, c: number) => x[(m * inH + r) * inW + c];
  const base = { layer, unit, activation: ml.activation };
  const finish = <T extends { a: number }>(c: T) => ({ ...c, y: activationOf(ml.activation, c.a) });

  if (l.kind === 'conv') {
    const k = l.kernel;
    const stride = l.stride ?? 1;
    const pad = l.padding ?? 0;
    const table = inputMapsOf(l, ml.input.maps);
    // Parameters: every kernel, output map by output map in table order, then the biases.
    let connection = 0;
    for (let o = 0; o < unit.map; o++) connection += table[o].length;
    const connections = table.reduce((n, row) => n + row.length, 0);
    const terms = table[unit.map].map((source, t): ConvTerm => {
      const start = ml.offset + (connection + t) * k * k;
      const kernel = Array.from(p.subarray(start, start + k * k));
      const patch: number[] = [];
      const padded: boolean[] = [];
      let sum = 0;
      for (let ky = 0; ky < k; ky++) {
        for (let kx = 0; kx < k; kx++) {
          const r = unit.y * stride - pad + ky;
          const c = unit.x * stride - pad + kx;
          const outside = r < 0 || c < 0 || r >= inH || c >= inW;
          const v = outside ? 0 : at(source, r, c);
          patch.push(v);
          padded.push(outside);
          sum += v * kernel[ky * k + kx];
        }
      }
      return { source, patch, kernel, padded, sum };
    });
    const bias = p[ml.offset + connections * k * k + unit.map];
    const a = terms.reduce((s, t) => s + t.sum, bias);
    return finish({ ...base, kind: 'conv' as const, side: k, terms, bias, a });
  }

  if (l.kind === 'subsample') {
    const win = l.window;
    const stride = l.stride ?? win;
    const window: number[] = [];
    for (let wy = 0; wy < win; wy++) for (let wx = 0; wx < win; wx++) window.push(at(unit.map, unit.y * stride + wy, unit.x * stride + wx));
    const sum = window.reduce((s, v) => s + v, 0);
    const common = { ...base, kind: 'subsample' as const, pool: l.pool, source: unit.map, window, side: win, sum };
    if (l.pool === 'max') {
      // The first of equal largest values wins, as in the layer's forward pass.
      const winner = window.reduce((best, v, j) => (v > window[best] ? j : best), 0);
      return finish({ ...common, coefficient: null, bias: null, winner, a: window[winner] });
    }
    const trainable = l.pool === 'trainable';
    const coefficient = trainable ? p[ml.offset + unit.map] : 1 / (win * win);
    const bias = trainable ? p[ml.offset + ml.input.maps + unit.map] : null;
    return finish({ ...common, coefficient, bias, winner: null, a: coefficient * sum + (bias ?? 0) });
  }

  // Full and RBF: one term per input unit.
  const n = x.length;
  const terms: Contribution[] = [];
  let bias = 0;
  if (l.kind === 'full') {
    const row = ml.offset + unit.map * n;
    bias = p[ml.offset + n * l.units + unit.map];
    for (let j = 0; j < n; j++) terms.push({ index: j, x: x[j], w: p[row + j], term: p[row + j] * x[j] });
  } else {
    const code = l.codes[unit.map];
    for (let j = 0; j < n; j++) terms.push({ index: j, x: x[j], w: code[j], term: (x[j] - code[j]) ** 2 });
  }
  const a = terms.reduce((s, t) => s + t.term, bias);
  const ranked = [...terms].sort((u, v) => Math.abs(v.term) - Math.abs(u.term));
  const rest = ranked.slice(top).reduce((s, t) => s + t.term, 0);
  return finish({ ...base, kind: l.kind, inputs: n, top: ranked.slice(0, top), rest, bias, a });
}
