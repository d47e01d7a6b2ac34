/**
 * One unit seen from inside: receptive fields (the paper's golden growth, a hand-made padding
 * case, and a perturbation property on random specs with a negative control) and the unit's
 * computation (its a and y agree with the trace).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Model, QUIET_REACH, Random, SpecError, analyze, lenet5, subsampleMaps, loadWeights, modernLenet5, prepareDigit, receptiveField, unitComputation,
  type FieldLevel, type LayerSpec, type NetworkSpec, type ReceptiveField, type Unit,
} from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';
import { randomInput } from './helpers.ts';

const side = (l: FieldLevel) => [l.rows[1] - l.rows[0] + 1, l.cols[1] - l.cols[0] + 1];
const inputLevel = (f: ReceptiveField) => f.levels[0];

describe('receptiveField on LeNet-5', () => {
  const spec = lenet5();

  it('grows C1 5×5 → S2 6×6 → C3 14×14 → S4 16×16 → C5 32×32 on the input (LENET5.md)', () => {
    const grown = ['C1', 'S2', 'C3', 'S4', 'C5'].map((layer) => side(inputLevel(receptiveField(spec, layer, { map: 0, y: 0, x: 0 }))));
    expect(grown).toEqual([[5, 5], [6, 6], [14, 14], [16, 16], [32, 32]]);
  });

  it('follows Table I: C3 map 0 depends on S2 and C1 maps 0, 1, 2 only; map 15 on all six', () => {
    const f = receptiveField(spec, 'C3', { map: 0, y: 3, x: 5 });
    expect(f.levels.map((l) => l.name)).toEqual(['input', 'C1', 'S2', 'C3']);
    const [input, c1, s2, c3] = f.levels;
    expect(c3).toMatchObject({ maps: [0], rows: [3, 3], cols: [5, 5] });
    // Row 3 of C3 reads S2 rows 3–7, which come from C1 rows 6–15, which read input rows 6–19.
    expect(s2).toMatchObject({ maps: [0, 1, 2], rows: [3, 7], cols: [5, 9] });
    expect(c1).toMatchObject({ maps: [0, 1, 2], rows: [6, 15], cols: [10, 19] });
    expect(input).toMatchObject({ maps: [0], rows: [6, 19], cols: [10, 23] });
    expect(receptiveField(spec, 'C3', { map: 15, y: 0, x: 0 }).levels[2].maps).toEqual([0, 1, 2, 3, 4, 5]);
    // Non-contiguous rows of the table: C3 map 14 reads S2 maps 0, 2, 3, 5.
    expect(receptiveField(spec, 'C3', { map: 14, y: 0, x: 0 }).levels[2].maps).toEqual([0, 2, 3, 5]);
  });

  it('F6 and the output depend on every unit of every earlier layer', () => {
    const f = receptiveField(spec, 'F6', { map: 40, y: 0, x: 0 });
    const s4 = f.levels.find((l) => l.name === 'S4')!;
    expect(s4.maps).toHaveLength(16);
    expect(side(s4)).toEqual([5, 5]);
    expect(side(inputLevel(receptiveField(spec, 'OUTPUT', { map: 7, y: 0, x: 0 })))).toEqual([32, 32]);
  });

  it('refuses a unit that does not exist, naming what is allowed', () => {
    expect(() => receptiveField(spec, 'C3', { map: 16, y: 0, x: 0 })).toThrow(/C3: unit \(map 16, row 0, column 0\) does not exist \(allowed: map 0 to 15, row 0 to 9/);
    expect(() => receptiveField(spec, 'C9', { map: 0, y: 0, x: 0 })).toThrow(/no layer named C9/);
  });
});

describe('receptiveField with padding and strides (hand-computed)', () => {
  // 6×6 input; conv k=3, padding 1, stride 2 → 3×3; unit (0,0) reads rows −1…1, i.e. 0…1 and one padding row.
  const spec: NetworkSpec = {
    input: { size: 6, channels: 2 },
    layers: [{ kind: 'conv', name: 'A', maps: 2, kernel: 3, stride: 2, padding: 1, table: [[1], [0, 1]], activation: 'none' }],
  };
  it('clips to the real input and says how much padding the window reaches', () => {
    const f = receptiveField(spec, 'A', { map: 0, y: 0, x: 2 });
    // Column 2 reads columns 3…5 (2·2 − 1 = 3): inside on the left, one padding column on the right.
    expect(f.levels[0]).toEqual({
      name: 'input', shape: { maps: 2, height: 6, width: 6 }, maps: [1], rows: [0, 1], cols: [3, 5],
      padding: { top: 1, bottom: 0, left: 0, right: 0 },
    });
    expect(receptiveField(spec, 'A', { map: 1, y: 2, x: 2 }).levels[0]).toMatchObject({ maps: [0, 1], rows: [3, 5], cols: [3, 5], padding: { bottom: 0, right: 0 } });
  });
});

// ---- The perturbation property -------------------------------------------------------------

/** A random small network: convolutions (padding, strides, tables), subsamplings, maybe a full layer. */
function randomSpec(rng: Random, linear: boolean): NetworkSpec {
  for (;;) {
    const channels = 1 + rng.int(3);
    const layers: LayerSpec[] = [];
    const depth = 1 + rng.int(3);
    const activation = () => (linear ? 'none' : (['squash', 'relu', 'none'] as const)[rng.int(3)]);
    let maps = channels;
    for (let d = 0; d < depth; d++) {
      const name = `L${d}`;
      if (rng.int(3) < 2) {
        const kernel = 1 + rng.int(4);
        const out = 1 + rng.int(3);
        const table = rng.int(2) === 0 ? undefined
          : Array.from({ length: out }, () => {
            const row = Array.from({ length: maps }, (_, m) => m).filter(() => rng.int(2) === 0);
            return row.length ? row : [rng.int(maps)];
          });
        layers.push({ kind: 'conv', name, maps: out, kernel, stride: 1 + rng.int(3), padding: rng.int(kernel), table, activation: activation() });
        maps = out;
      } else {
        const pools = linear ? (['trainable', 'average'] as const) : (['trainable', 'average', 'max'] as const);
        layers.push({ kind: 'subsample', name, pool: pools[rng.int(pools.length)], window: 1 + rng.int(3), stride: 1 + rng.int(3), activation: activation() });
      }
    }
    if (rng.int(3) === 0) layers.push({ kind: 'full', name: 'F', units: 3, activation: activation() });
    const spec: NetworkSpec = { input: { size: 6 + rng.int(9), channels }, layers };
    try {
      analyze(spec);
      return spec;
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
    }
  }
}

const inside = (level: FieldLevel, m: number, r: number, c: number) =>
  level.maps.includes(m) && r >= level.rows[0] && r <= level.rows[1] && c >= level.cols[0] && c <= level.cols[1];

/**
 * Adds `delta` to each input value in turn and lists where the unit's output changed, split into
 * pixels inside and outside `field` (the claimed input level).
 */
function perturb(model: Model, layer: string, unit: Unit, field: FieldLevel, delta: number): { outside: number; inside: number } {
  const index = model.layers.findIndex((l) => l.name === layer);
  const { height, width } = model.layers[index].output;
  const at = (unit.map * height + unit.y) * width + unit.x;
  const input = randomInput(model, 5);
  const base = model.forward(input).layers[index].out[at];
  const { maps, height: h, width: w } = model.analysis.input;
  const changed = { outside: 0, inside: 0 };
  for (let m = 0; m < maps; m++) {
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const j = (m * h + r) * w + c;
        const keep = input[j];
        input[j] = keep + delta;
        const moved = model.forward(input).layers[index].out[at] !== base;
        input[j] = keep;
        if (moved) changed[inside(field, m, r, c) ? 'inside' : 'outside']++;
      }
    }
  }
  return changed;
}

/** The same field with its last input row (or, for a one-row field, its last map) left out: wrong on purpose. */
function shrunk(level: FieldLevel): FieldLevel | null {
  if (level.rows[1] > level.rows[0]) return { ...level, rows: [level.rows[0], level.rows[1] - 1] };
  if (level.maps.length > 1) return { ...level, maps: level.maps.slice(0, -1) };
  if (level.cols[1] > level.cols[0]) return { ...level, cols: [level.cols[0], level.cols[1] - 1] };
  return null;
}

function randomUnit(rng: Random, spec: NetworkSpec): { layer: string; unit: Unit } {
  const a = analyze(spec);
  const l = a.layers[rng.int(a.layers.length)];
  return { layer: l.name, unit: { map: rng.int(l.output.maps), y: rng.int(l.output.height), x: rng.int(l.output.width) } };
}

describe('receptiveField: a unit changes only when a pixel inside its field changes', () => {
  it('holds on 60 random specs with padding, strides > 1, tables and all pool kinds', () => {
    const rng = new Random(2024);
    for (let s = 0; s < 60; s++) {
      const spec = randomSpec(rng, false);
      const model = new Model(spec, 1 + s, { kernels: false });
      const { layer, unit } = randomUnit(rng, spec);
      const field = receptiveField(spec, layer, unit);
      expect(perturb(model, layer, unit, inputLevel(field), 3).outside, JSON.stringify({ spec, layer, unit })).toBe(0);
    }
  });

  it('every level is the input field of the network cut just above it', () => {
    const rng = new Random(7);
    let cuts = 0;
    for (let s = 0; s < 30; s++) {
      const spec = randomSpec(rng, false);
      const { layer, unit } = randomUnit(rng, spec);
      const field = receptiveField(spec, layer, unit);
      const top = spec.layers.findIndex((l) => l.name === layer);
      for (let k = 0; k < top; k++) {
        const level = field.levels[k + 1];
        const cut: NetworkSpec = { input: { size: level.shape.height, channels: level.shape.maps }, layers: spec.layers.slice(k + 1, top + 1) };
        const below = inputLevel(receptiveField(cut, layer, unit));
        expect({ ...below, name: level.name }).toEqual(level);
        const model = new Model(cut, 3, { kernels: false });
        expect(perturb(model, layer, unit, below, 3).outside).toBe(0);
        cuts++;
      }
    }
    expect(cuts).toBeGreaterThan(15);
  });

  it('is tight: on linear random networks every field’s pixels move the unit, and a field one row too small fails', () => {
    const rng = new Random(11);
    let controls = 0;
    for (let s = 0; s < 40; s++) {
      const spec = randomSpec(rng, true);
      const model = new Model(spec, 1 + s, { kernels: false });
      const { layer, unit } = randomUnit(rng, spec);
      const field = inputLevel(receptiveField(spec, layer, unit));
      const wrong = shrunk(field);
      if (!wrong) continue;
      // The negative control: the property checker must catch a field that leaves real inputs out.
      expect(perturb(model, layer, unit, wrong, 1000).outside, JSON.stringify({ spec, layer, unit })).toBeGreaterThan(0);
      controls++;
    }
    expect(controls).toBeGreaterThan(20);
  });
});

// ---- unitComputation -------------------------------------------------------------------------

/** a and y agree with the trace's float32 values, relative to the size of what was added up. */
function expectMatchesTrace(model: Model, input: Float32Array, units: number) {
  const trace = model.forward(input, model.newTrace());
  const rng = new Random(3);
  for (const [i, l] of model.layers.entries()) {
    for (let n = 0; n < units; n++) {
      const unit = { map: rng.int(l.output.maps), y: rng.int(l.output.height), x: rng.int(l.output.width) };
      const c = unitComputation(model, trace, l.name, unit);
      const at = (unit.map * l.output.height + unit.y) * l.output.width + unit.x;
      const scale = 1 + Math.abs(c.a);
      expect(Math.abs(c.a - trace.layers[i].pre[at]) / scale, `${l.name} ${JSON.stringify(unit)}`).toBeLessThan(1e-5);
      expect(Math.abs(c.y - trace.layers[i].out[at]) / scale).toBeLessThan(1e-5);
    }
  }
}

describe('unitComputation', () => {
  it('a 1@3×3 convolution by hand: patch ⊙ kernel + bias', () => {
    const spec: NetworkSpec = { input: { size: 3, channels: 1 }, layers: [{ kind: 'conv', name: 'A', maps: 1, kernel: 2, activation: 'squash' }] };
    const model = new Model(spec);
    model.params.set([1, 0, 0, -1, 0.5]); // kernel [[1, 0], [0, −1]], bias 0.5
    const trace = model.forward([1, 2, 3, 4, 5, 6, 7, 8, 9], model.newTrace());
    const c = unitComputation(model, trace, 'A', { map: 0, y: 1, x: 0 });
    if (c.kind !== 'conv') throw new Error('expected a convolution');
    expect(c.terms).toEqual([{ source: 0, patch: [4, 5, 7, 8], kernel: [1, 0, 0, -1], padded: [false, false, false, false], sum: -4 }]);
    expect(c.bias).toBe(0.5);
    expect(c.a).toBe(-3.5);
    expect(c.y).toBeCloseTo(1.7159 * Math.tanh((2 / 3) * -3.5), 6);
  });

  it('trainable subsampling by hand: window sum · coefficient + bias', () => {
    const spec: NetworkSpec = { input: { size: 4, channels: 1 }, layers: [{ kind: 'subsample', name: 'S', pool: 'trainable', window: 2, activation: 'none' }] };
    const model = new Model(spec);
    model.params.set([-2, 0.25]);
    const trace = model.forward(Float32Array.from({ length: 16 }, (_, i) => i), model.newTrace());
    const c = unitComputation(model, trace, 'S', { map: 0, y: 1, x: 1 });
    // The window of unit (1, 1): inputs 10, 11, 14, 15.
    expect(c).toMatchObject({ kind: 'subsample', window: [10, 11, 14, 15], sum: 50, coefficient: -2, bias: 0.25, a: -99.75, y: -99.75 });
  });

  it('padding taps count as zeros and are marked', () => {
    const spec: NetworkSpec = { input: { size: 3, channels: 1 }, layers: [{ kind: 'conv', name: 'A', maps: 1, kernel: 3, padding: 1, activation: 'none' }] };
    const model = new Model(spec);
    const trace = model.forward([1, 2, 3, 4, 5, 6, 7, 8, 9], model.newTrace());
    const c = unitComputation(model, trace, 'A', { map: 0, y: 0, x: 0 });
    if (c.kind !== 'conv') throw new Error('expected a convolution');
    expect(c.terms[0].patch).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    expect(c.terms[0].padded).toEqual([true, true, true, true, false, false, true, false, false]);
  });

  it('shipped faithful LeNet-5 on a real digit: a and f(a) equal the trace in every layer, with the C3 table', () => {
    const model = new Model(lenet5());
    loadWeights(model, new Uint8Array(readFileSync(new URL('../../public/weights/faithful.bin', import.meta.url))));
    const digits = loadMnist('test');
    const input = prepareDigit(digits, 0, new Float32Array(1024));
    expectMatchesTrace(model, input, 12);
    const c = unitComputation(model, model.forward(input, model.newTrace()), 'C3', { map: 12, y: 4, x: 4 });
    if (c.kind !== 'conv') throw new Error('expected a convolution');
    expect(c.terms.map((t) => t.source)).toEqual([0, 1, 3, 4]);
    const f6 = unitComputation(model, model.forward(input, model.newTrace()), 'F6', { map: 0, y: 0, x: 0 }, 5);
    if (f6.kind !== 'full') throw new Error('expected a full layer');
    expect(f6.top).toHaveLength(5);
    expect(f6.inputs).toBe(120);
    const sizes = f6.top.map((t) => Math.abs(t.term));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('modern LeNet-5 (max pooling, ReLU, dense C3) and random specs: a equals the trace', () => {
    const modern = new Model(modernLenet5(), 4);
    expectMatchesTrace(modern, randomInput(modern, 1), 8);
    const rng = new Random(5);
    for (let s = 0; s < 20; s++) {
      const model = new Model(randomSpec(rng, false), s + 1);
      expectMatchesTrace(model, randomInput(model, s), 4);
    }
  });

  it('max pooling names the winner', () => {
    const spec: NetworkSpec = { input: { size: 2, channels: 1 }, layers: [{ kind: 'subsample', name: 'M', pool: 'max', window: 2, activation: 'none' }] };
    const model = new Model(spec);
    const c = unitComputation(model, model.forward([0.5, 3, -1, 2], model.newTrace()), 'M', { map: 0, y: 0, x: 0 });
    expect(c).toMatchObject({ kind: 'subsample', winner: 1, a: 3, coefficient: null, bias: null });
  });
});

describe('subsampleMaps', () => {
  it('reads each map’s coefficient and bias, and bounds how far the window can move a', () => {
    const model = new Model(lenet5());
    const s2 = model.layers.find((l) => l.name === 'S2')!;
    model.params.set([-0.5, 0.1, 0.2, 0.3, 0.01, 0.4, 1, 2, 3, 4, 5, 6], s2.offset);
    const maps = subsampleMaps(model, 'S2');
    expect(maps[0]).toEqual({ map: 0, coefficient: -0.5, bias: 1, reach: 0.5 * 4 * 1.7159 });
    // |0.01| · 4 · 1.7159 ≈ 0.069: quiet; every other map can swing a by more than ±0.5.
    expect(maps.filter((m) => m.reach < QUIET_REACH).map((m) => m.map)).toEqual([4]);
    expect(() => subsampleMaps(model, 'C3')).toThrow(/not a trainable subsampling layer/);
  });
});
