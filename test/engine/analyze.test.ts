import { describe, expect, test } from 'vitest';
import { analyze, c3Table, lenet5, preview, rbfCodes, SpecError, tutorialLenet5, type LayerSpec, type NetworkSpec, type Shape } from '../../engine/index.ts';

describe('analyze(lenet5()) gives the paper’s numbers (LENET5.md, seed article)', () => {
  const a = analyze(lenet5());
  const row = (name: string) => a.layers.find((l) => l.name === name)!;
  test.each([
    ['C1', [6, 28, 28], 156, 122_304],
    ['S2', [6, 14, 14], 12, 5_880],
    ['C3', [16, 10, 10], 1_516, 151_600],
    ['S4', [16, 5, 5], 32, 2_000],
    ['C5', [120, 1, 1], 48_120, 48_120],
    ['F6', [84, 1, 1], 10_164, 10_164],
    ['OUTPUT', [10, 1, 1], 0, 840],
  ] as const)('%s: output %j, %i trainable parameters, %i connections', (name, shape, params, connections) => {
    const l = row(name);
    expect([l.output.maps, l.output.height, l.output.width]).toEqual(shape);
    expect(l.params).toBe(params);
    expect(l.connections).toBe(connections);
  });
  test('OUTPUT has 840 fixed parameters and none trainable', () => {
    expect(row('OUTPUT').fixedParams).toBe(840);
  });
  test('totals: 60,000 trainable parameters and 340,908 connections', () => {
    expect(a.total.params).toBe(60_000);
    expect(a.total.connections).toBe(340_908);
  });
  test('C3 dense would have 2,416 parameters', () => {
    const spec = lenet5();
    delete (spec.layers[2] as { table?: number[][] }).table;
    expect(analyze(spec).layers[2].params).toBe(2_416);
  });
  test('the C3 table is Table I: 6 of three maps, 9 of four, 1 of six', () => {
    expect(c3Table.map((r) => r.length)).toEqual([3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6]);
    expect(c3Table[4]).toEqual([0, 4, 5]);
    expect(c3Table[14]).toEqual([0, 2, 3, 5]);
  });
  test('the ten RBF codes are distinct 84-long ±1 vectors', () => {
    expect(rbfCodes).toHaveLength(10);
    for (const code of rbfCodes) {
      expect(code).toHaveLength(84);
      expect(code.every((w) => w === 1 || w === -1)).toBe(true);
    }
    expect(new Set(rbfCodes.map((c) => c.join(''))).size).toBe(10);
  });
});

const net = (size: number, channels: number, ...layers: LayerSpec[]): NetworkSpec => ({ input: { size, channels }, layers });

describe('hand-computed small cases', () => {
  test('conv 1@4×4, kernel 3, 2 maps → 2@2×2: (9+1)·2 = 20 params, 20·4 = 80 connections, 72 MACs', () => {
    const l = analyze(net(4, 1, { kind: 'conv', name: 'C', maps: 2, kernel: 3, activation: 'none' })).layers[0];
    expect(l.output).toEqual({ maps: 2, height: 2, width: 2 });
    expect([l.params, l.connections, l.macs]).toEqual([20, 80, 72]);
  });
  test('conv 1@3×3, kernel 3, padding 1 → 1@3×3: 10 params; 49 real taps (corners see 4, edges 6, centre 9) + 9 biases', () => {
    const l = analyze(net(3, 1, { kind: 'conv', name: 'C', maps: 1, kernel: 3, padding: 1, activation: 'none' })).layers[0];
    expect(l.output).toEqual({ maps: 1, height: 3, width: 3 });
    expect([l.params, l.macs, l.connections]).toEqual([10, 4 * 4 + 4 * 6 + 9, 49 + 9]);
  });
  test('conv 1@5×5, kernel 3, stride 2 → 1@2×2', () => {
    const l = analyze(net(5, 1, { kind: 'conv', name: 'C', maps: 1, kernel: 3, stride: 2, activation: 'none' })).layers[0];
    expect(l.output).toEqual({ maps: 1, height: 2, width: 2 });
    expect(l.connections).toBe(10 * 4);
  });
  test('conv 3@4×4 with table [[0],[1,2]], kernel 2 → 2@3×3: (4+1)+(8+1) = 14 params, 14·9 = 126 connections', () => {
    const l = analyze(net(4, 3, { kind: 'conv', name: 'C', maps: 2, kernel: 2, table: [[0], [1, 2]], activation: 'none' })).layers[0];
    expect([l.params, l.connections, l.macs]).toEqual([14, 126, 108]);
  });
  test('trainable subsample 2@4×4, window 2 → 2@2×2: 4 params, 5·8 = 40 connections, 8 MACs', () => {
    const l = analyze(net(4, 2, { kind: 'subsample', name: 'S', pool: 'trainable', window: 2, activation: 'squash' })).layers[0];
    expect(l.output).toEqual({ maps: 2, height: 2, width: 2 });
    expect([l.params, l.connections, l.macs]).toEqual([4, 40, 8]);
  });
  test('max pool 1@5×5, window 2 (stride 2) → 1@2×2, no parameters, 16 connections, 0 MACs', () => {
    const l = analyze(net(5, 1, { kind: 'subsample', name: 'S', pool: 'max', window: 2, activation: 'none' })).layers[0];
    expect(l.output).toEqual({ maps: 1, height: 2, width: 2 });
    expect([l.params, l.connections, l.macs]).toEqual([0, 16, 0]);
  });
  test('average pool 1@4×4, window 2, stride 1 → 1@3×3', () => {
    const l = analyze(net(4, 1, { kind: 'subsample', name: 'S', pool: 'average', window: 2, stride: 1, activation: 'none' })).layers[0];
    expect(l.output).toEqual({ maps: 1, height: 3, width: 3 });
    expect([l.params, l.connections, l.macs]).toEqual([0, 36, 9]);
  });
  test('full 2@3×3 → 4 units: (18+1)·4 = 76 params and connections, 72 MACs', () => {
    const l = analyze(net(3, 2, { kind: 'full', name: 'F', units: 4, activation: 'relu' })).layers[0];
    expect(l.output).toEqual({ maps: 4, height: 1, width: 1 });
    expect([l.params, l.connections, l.macs]).toEqual([76, 76, 72]);
  });
  test('rbf 3 codes over 1@2×2 → 3 distances: 12 fixed parameters, 12 connections', () => {
    const codes = [[1, 1, 1, 1], [-1, -1, -1, -1], [1, -1, 1, -1]];
    const l = analyze(net(2, 1, { kind: 'rbf', name: 'R', codes })).layers[0];
    expect([l.output.maps, l.params, l.fixedParams, l.connections]).toEqual([3, 0, 12, 12]);
  });
});

/** Deterministic random numbers for the property test (mulberry32). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSpec(r: () => number): NetworkSpec {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  let shape: Shape = { maps: int(1, 3), height: int(6, 20), width: 0 };
  shape.width = shape.height;
  const input = { size: shape.height, channels: shape.maps };
  const layers: LayerSpec[] = [];
  for (let i = 0; i < int(1, 4); i++) {
    const side = shape.height;
    if (r() < 0.5) {
      const kernel = int(1, Math.min(5, side));
      const padding = int(0, Math.min(2, kernel - 1));
      const maps = int(1, 5);
      const table = r() < 0.5 ? Array.from({ length: maps }, () => {
        const row = Array.from({ length: shape.maps }, (_, m) => m).filter(() => r() < 0.6);
        return row.length ? row : [int(0, shape.maps - 1)];
      }) : undefined;
      layers.push({ kind: 'conv', name: `L${i}`, maps, kernel, stride: int(1, 2), padding, table, activation: 'squash' });
    } else {
      const window = int(1, Math.min(3, side));
      layers.push({ kind: 'subsample', name: `L${i}`, pool: (['trainable', 'average', 'max'] as const)[int(0, 2)], window, stride: int(1, window), activation: 'none' });
    }
    shape = analyze({ input, layers }).layers.at(-1)!.output;
  }
  layers.push({ kind: 'full', name: 'F', units: int(1, 6), activation: 'squash' });
  if (r() < 0.5) layers.push({ kind: 'rbf', name: 'R', codes: Array.from({ length: int(2, 4) }, () => Array.from({ length: (layers.at(-1) as { units: number }).units }, () => (r() < 0.5 ? -1 : 1))) });
  return { input, layers };
}

/**
 * Counts by enumeration, independently of the formulas: walk every output unit, list each real
 * input it reads (and its bias), and collect the identity of every weight it uses.
 */
function enumerate(spec: NetworkSpec) {
  let shape: Shape = { maps: spec.input.channels, height: spec.input.size, width: spec.input.size };
  return spec.layers.map((l) => {
    let connections = 0;
    const weights = new Set<string>();
    let out: Shape;
    if (l.kind === 'conv') {
      const s = l.stride ?? 1, p = l.padding ?? 0, k = l.kernel;
      const oh = Math.floor((shape.height + 2 * p - k) / s) + 1, ow = Math.floor((shape.width + 2 * p - k) / s) + 1;
      out = { maps: l.maps, height: oh, width: ow };
      for (let o = 0; o < l.maps; o++) {
        const sources = l.table ? l.table[o] : Array.from({ length: shape.maps }, (_, i) => i);
        for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
          connections++; weights.add(`b${o}`);
          for (const src of sources) for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
            const iy = y * s - p + ky, ix = x * s - p + kx;
            weights.add(`w${o},${src},${ky},${kx}`);
            if (iy >= 0 && iy < shape.height && ix >= 0 && ix < shape.width) connections++;
          }
        }
      }
    } else if (l.kind === 'subsample') {
      const w = l.window, s = l.stride ?? w;
      out = { maps: shape.maps, height: Math.floor((shape.height - w) / s) + 1, width: Math.floor((shape.width - w) / s) + 1 };
      for (let m = 0; m < out.maps; m++) for (let y = 0; y < out.height; y++) for (let x = 0; x < out.width; x++) {
        connections += w * w;
        if (l.pool === 'trainable') { connections++; weights.add(`c${m}`); weights.add(`b${m}`); }
      }
    } else if (l.kind === 'full') {
      const n = shape.maps * shape.height * shape.width;
      out = { maps: l.units, height: 1, width: 1 };
      for (let u = 0; u < l.units; u++) { connections++; weights.add(`b${u}`); for (let i = 0; i < n; i++) { connections++; weights.add(`w${u},${i}`); } }
    } else {
      out = { maps: l.codes.length, height: 1, width: 1 };
      connections = l.codes.length * l.codes[0].length;
    }
    shape = out;
    return { output: out, params: weights.size, connections };
  });
}

describe('property: analytic counts equal counts found by enumerating every connection', () => {
  const r = rng(1998);
  const specs = Array.from({ length: 150 }, () => randomSpec(r));
  test.each(specs.map((spec, i) => [i, spec] as const))('random spec %i', (_, spec) => {
    const analytic = analyze(spec).layers.map((l) => ({ output: l.output, params: l.params, connections: l.connections }));
    expect(analytic).toEqual(enumerate(spec));
  });
});

describe('invalid specs are refused with a message naming the layer, the setting and what is allowed', () => {
  const conv = (over: Partial<LayerSpec> & Record<string, unknown>): NetworkSpec =>
    net(32, 1, { kind: 'conv', name: 'C1', maps: 6, kernel: 5, activation: 'squash', ...over } as LayerSpec);
  const cases: [string, NetworkSpec, RegExp][] = [
    ['kernel larger than the input (no padding: no "padded")', conv({ kernel: 40 }), /^C1: kernel size 40 is larger than the input 32×32 \(allowed: 1 to 32\)/],
    ['kernel larger than the padded input', conv({ kernel: 40, padding: 2 }), /^C1: kernel size 40 is larger than the padded input 36×36 \(allowed: 1 to 36\)/],
    ['zero kernel', conv({ kernel: 0 }), /^C1: kernel size 0 .*allowed: a whole number from 1/],
    ['fractional kernel', conv({ kernel: 2.5 }), /^C1: kernel size 2.5 /],
    ['negative maps', conv({ maps: -3 }), /^C1: feature maps -3 /],
    ['stride 0', conv({ stride: 0 }), /^C1: stride 0 .*from 1/],
    ['negative padding', conv({ padding: -1 }), /^C1: padding -1 .*from 0/],
    ['padding as large as the kernel', conv({ padding: 5 }), /^C1: padding 5 would give units that see nothing but padding \(allowed: 0 to 4/],
    ['NaN input size', { input: { size: Number.NaN, channels: 1 }, layers: lenet5().layers }, /^input: input size NaN/],
    ['zero channels', { input: { size: 32, channels: 0 }, layers: lenet5().layers }, /^input: channels 0/],
    ['huge maps', conv({ maps: 10_000 }), /^C1: feature maps 10000 .*to 4096/],
    ['table with the wrong number of rows', net(14, 6, { kind: 'conv', name: 'C3', maps: 16, kernel: 5, table: c3Table.slice(0, 15), activation: 'squash' }),
      /^C3: connection table rows 15 do not match the number of feature maps \(allowed: one row per feature map \(16\)/],
    ['an output map with no input', net(14, 6, { kind: 'conv', name: 'C3', maps: 2, kernel: 5, table: [[0, 1], []], activation: 'squash' }),
      /^C3: connection table row 1 \[\] gives this output map no input map/],
    ['a table naming a missing input map', net(14, 6, { kind: 'conv', name: 'C3', maps: 1, kernel: 5, table: [[0, 6]], activation: 'squash' }),
      /^C3: connection table row 0 \[0,6\] names an input map that does not exist/],
    ['a table naming an input map twice', net(14, 6, { kind: 'conv', name: 'C3', maps: 1, kernel: 5, table: [[1, 1]], activation: 'squash' }),
      /^C3: connection table row 0 \[1,1\] lists an input map twice/],
    ['window larger than the input', net(4, 1, { kind: 'subsample', name: 'S2', pool: 'trainable', window: 5, activation: 'squash' }),
      /^S2: window size 5 is larger than the input 4×4 \(allowed: 1 to 4\)/],
    ['unknown pool', net(4, 1, { kind: 'subsample', name: 'S2', pool: 'median' as 'max', window: 2, activation: 'none' }), /^S2: pool median .*trainable, average, max/],
    ['zero units', net(4, 1, { kind: 'full', name: 'F6', units: 0, activation: 'squash' }), /^F6: units 0 /],
    ['RBF code length differing from its input', net(4, 1, { kind: 'full', name: 'F6', units: 83, activation: 'squash' }, { kind: 'rbf', name: 'OUTPUT', codes: rbfCodes }),
      /^OUTPUT: code 0 length 84 differs from its input \(allowed: 83, the number of units of its input\)/],
    ['RBF with one code', net(2, 1, { kind: 'rbf', name: 'OUTPUT', codes: [[1, 1, 1, 1]] }), /^OUTPUT: number of codes 1 .*at least 2/],
    ['RBF code with NaN', net(1, 1, { kind: 'rbf', name: 'OUTPUT', codes: [[1], [Number.NaN]] }), /^OUTPUT: code 1 a non-finite entry/],
    ['RBF not last', net(1, 1, { kind: 'rbf', name: 'R', codes: [[1], [-1]] }, { kind: 'full', name: 'F', units: 1, activation: 'none' }), /^R: position 1 is not last/],
    ['unknown activation', conv({ activation: 'softsign' }), /^C1: activation softsign .*squash, relu, sigmoid, none/],
    ['unknown kind', net(4, 1, { kind: 'lstm', name: 'X' } as unknown as LayerSpec), /^X: kind lstm .*conv, subsample, full, rbf/],
    ['duplicate layer names', net(8, 1, { kind: 'full', name: 'F', units: 2, activation: 'none' }, { kind: 'full', name: 'F', units: 2, activation: 'none' }), /^layer 2: name F .*used by no other layer/],
    ['no layers', { input: { size: 32, channels: 1 }, layers: [] }, /^network: layers .*at least one layer/],
    ['a later layer that no longer fits', { ...lenet5(), input: { size: 16, channels: 1 } }, /^C5: kernel size 5 is larger than the input 1×1/],
    ['a misspelt setting', conv({ strides: 2 }), /^C1: strides 2 is not a setting of a conv layer; did you mean "stride"\? \(allowed: kind, name, maps, kernel, stride, padding, table, activation\)$/],
    ['a setting of another kind', conv({ units: 10 }), /^C1: units 10 is not a setting of a conv layer; it belongs to full layers/],
    ['a misspelt input setting', { input: { sise: 32, size: 32, channels: 1 }, layers: lenet5().layers } as unknown as NetworkSpec, /^input: sise 32 is not a setting of the input; did you mean "size"\?/],
    ['a misspelt top-level key', { ...lenet5(), layer: [] } as unknown as NetworkSpec, /^network: layer \[\] is not a setting of the network; did you mean "layers"\?/],
    ['an unknown key with nothing near it', conv({ colour: 'red' }), /^C1: colour red is not a setting of a conv layer \(allowed:/],
    ['null for a setting with a default', conv({ stride: null }), /^C1: stride null is not a value: leave the setting out for its default \(allowed: a whole number from 1 to 4096; left out: 1\)/],
    ['null for a subsample stride', net(4, 1, { kind: 'subsample', name: 'S2', pool: 'max', window: 2, stride: null, activation: 'none' } as unknown as LayerSpec), /^S2: stride null .*left out: the window\)/],
    ['null for a table', conv({ table: null }), /^C1: table null is not a value/],
    ['null for a required setting', conv({ maps: null }), /^C1: feature maps null is not a whole number in range/],
    ['a missing activation', conv({ activation: undefined }), /^C1: activation is missing \(allowed: squash, relu, sigmoid, none\)$/],
    ['a missing kernel', conv({ kernel: undefined }), /^C1: kernel size is missing \(allowed: a whole number from 1 to 4096\)$/],
    ['a missing name', net(4, 1, { kind: 'full', units: 2, activation: 'none' } as unknown as LayerSpec), /^layer 1: name is missing/],
    ['a name too long to be a label', net(4, 1, { kind: 'full', name: 'F'.repeat(65), units: 2, activation: 'none' }), /^layer 1: name F{40}… \(65 characters\) is not allowed \(allowed: a non-empty name of at most 64 characters/],
    ['a layer that is not an object', { input: { size: 4, channels: 1 }, layers: [[1]] } as unknown as NetworkSpec, /^layer 1: layer \[1\] is not an object/],
    ['a spec that is not an object', [1, 2] as unknown as NetworkSpec, /^network: spec \[1,2\] is not an object/],
    ['units above the same limit as every other size', net(4, 1, { kind: 'full', name: 'F6', units: 4097, activation: 'none' }), /^F6: units 4097 .*from 1 to 4096/],
    ['an RBF code that is not a list', net(1, 1, { kind: 'rbf', name: 'OUTPUT', codes: [[1], 'x'] } as unknown as LayerSpec), /^OUTPUT: code 1 x is not a list/],
  ];
  test.each(cases)('%s', (_, spec, message) => {
    expect(() => analyze(spec)).toThrow(SpecError);
    expect(() => analyze(spec)).toThrow(message);
  });
});

describe('counts are exact integers or refused', () => {
  // The case: a 4,096-pixel input, a 4,096 kernel padded by 4,095 → 8,191×8,191 outputs.
  // Along one axis output o sees min(o+1, 8,191−o) real pixels: 1+2+…+4,096 + 4,095+…+1 = 4,096²
  // taps, so 4,096⁴ = 2^48 MACs per output map. 31 maps: 31·2^48 < 2^53 − 1; 32 maps: 2^53 plus the
  // biases, where a double stops holding every whole number.
  const padded = (maps: number): NetworkSpec => net(4096, 1, { kind: 'conv', name: 'C', maps, kernel: 4096, padding: 4095, activation: 'none' });
  test('31 maps: counted, exactly', () => {
    const l = analyze(padded(31)).layers[0];
    expect(l.output).toEqual({ maps: 31, height: 8191, width: 8191 });
    expect(l.macs).toBe(31 * 2 ** 48);
    expect(l.connections).toBe(31 * 2 ** 48 + 31 * 8191 * 8191);
  });
  test('32 maps: refused, naming the layer and the count', () => {
    expect(() => analyze(padded(32))).toThrow(/^C: connections ≈ 9\.0 × 10\^15 is too large to count exactly \(allowed: at most 2\^53 − 1 = 9,007,199,254,740,991\)$/);
  });
  test('layers each exact, together past 2^53 − 1: refused at the total', () => {
    // A: 20 maps as above, 20·2^48 MACs. B: one map over A's 20 maps of 8,191², kernel 4,096, no
    // padding: 4,096² positions × 4,096² taps × 20 sources = 20·2^48. Together 40·2^48 > 2^53.
    const spec = net(4096, 1,
      { kind: 'conv', name: 'A', maps: 20, kernel: 4096, padding: 4095, activation: 'none' },
      { kind: 'conv', name: 'B', maps: 1, kernel: 4096, activation: 'none' });
    expect(() => analyze(spec)).toThrow(/^network: total connections ≈ 1\.1 × 10\^16 is too large to count exactly/);
    expect(analyze({ ...spec, layers: spec.layers.slice(0, 1) }).total.macs).toBe(20 * 2 ** 48);
  });
});

describe('what a refusal echoes is cut short', () => {
  test('a 1 MB string is shown as its first characters and its length', () => {
    const spec = { input: { size: 'x'.repeat(1_000_000), channels: 1 }, layers: lenet5().layers } as unknown as NetworkSpec;
    expect(() => analyze(spec)).toThrow(/^input: input size x{40}… \(1,000,000 characters\) is not a whole number in range/);
  });
  test('a five-million-item array is shown as its first items and its length, in a short line', () => {
    const spec = { input: { size: new Array(5_000_000).fill(7), channels: 1 }, layers: lenet5().layers } as unknown as NetworkSpec;
    let message = '';
    try { analyze(spec); } catch (err) { message = (err as Error).message; }
    expect(message).toMatch(/^input: input size \[7,7,7,.*… \(5,000,000 items\)\] is not a whole number/);
    expect(message.length).toBeLessThan(200);
  });
  test('a value nested 10,000 levels deep is shown two levels deep, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const spec = { input: { size: 32, channels: deep }, layers: lenet5().layers } as unknown as NetworkSpec;
    expect(() => analyze(spec)).toThrow(/^input: channels \[\[\[…\]\]\] is not a whole number in range/);
  });
  test('control characters in a name are escaped, not sent to the terminal', () => {
    const spec = net(4, 1, { kind: 'full', name: 'F\u001b[2J', units: 2, activation: 'softsign' as 'none' });
    expect(() => analyze(spec)).toThrow('F\\u001b[2J: activation softsign is not allowed');
  });
  test('small values are shown whole, as JSON', () => {
    expect(preview([0, 6])).toBe('[0,6]');
    expect(preview({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
    expect(preview(Number.NaN)).toBe('NaN');
    expect(preview('conv')).toBe('conv');
  });
});

describe('any valid size works and never gives NaN or a negative count', () => {
  test.each([32, 36, 48, 64, 100])('lenet5 layers on a %i-pixel square input', (size) => {
    const a = analyze({ ...lenet5(), layers: lenet5().layers.slice(0, 6), input: { size, channels: 1 } });
    for (const l of a.layers) {
      for (const v of [l.output.maps, l.output.height, l.output.width, l.params, l.connections, l.macs]) {
        expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
    }
    // C5 stays a convolution: its maps grow with the input (section II.B).
    expect(a.layers[4].output.height).toBe((((size - 4) / 2 - 4) >> 1) - 4);
  });
});

describe('the LeNet of most tutorials (Dive into Deep Learning §7.6)', () => {
  test('61,706 trainable parameters: (25+1)·6 + (6·25+1)·16 + (400+1)·120 + (120+1)·84 + (84+1)·10, pooling has none', () => {
    const a = analyze(tutorialLenet5());
    expect(a.layers.map((l) => l.params)).toEqual([156, 0, 2416, 0, 48120, 10164, 850]);
    expect(a.total.params).toBe((25 + 1) * 6 + (6 * 25 + 1) * 16 + (400 + 1) * 120 + (120 + 1) * 84 + (84 + 1) * 10);
    expect(a.layers.map((l) => [l.output.maps, l.output.height])).toEqual([[6, 28], [6, 14], [16, 10], [16, 5], [120, 1], [84, 1], [10, 1]]);
  });
});
