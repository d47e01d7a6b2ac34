/**
 * Seeded fuzzing of the three readers of outside bytes: spec files (`parseSpecBytes` then
 * `analyze`), weights files (`decodeWeights` then `loadWeights`) and MNIST's IDX files
 * (`parseDigits`). Each starts from valid inputs and damages them the ways files get damaged or
 * forged — cut short, bits flipped, lengths rewritten (with the checksum made to match again),
 * values of the wrong type, too large, too deep — and requires every result to be one of two
 * things: accepted with results that hold together, or refused with the reader's own error,
 * whose message is one or two short lines that start by naming where the problem is. Any
 * other exception (TypeError, RangeError, a stack overflow) fails the test, and so would a hang.
 */
import { describe, expect, it } from 'vitest';
import {
  analyze, crc32, decodeWeights, encodeWeights, IdxError, lenet5, loadWeights, Model, modernLenet5, parseDigits, Random,
  SpecError, WeightsError, type NetworkSpec,
} from '../../engine/index.ts';
import { parseSpecBytes } from '../../bin/spec-file.ts';
import { InputFileError } from '../../bin/files.ts';

/** One short line or two, never an echo of a huge value, never a stack trace. */
function expectShortMessage(err: Error): void {
  expect(err.message.length).toBeGreaterThan(10);
  expect(err.message.length).toBeLessThan(400);
  expect(err.message.split('\n').length).toBeLessThanOrEqual(2);
  expect(err.message).not.toMatch(/\n\s+at /);
}

/** Runs `read` on `input`: returns 'accepted' and the result, or checks the refusal and returns its kind. */
function outcome<T>(read: () => T, allowed: (new (...args: never[]) => Error)[]): { accepted: true; value: T } | { accepted: false; error: Error } {
  try {
    return { accepted: true, value: read() };
  } catch (err) {
    if (!allowed.some((kind) => err instanceof kind)) {
      throw new Error(`expected ${allowed.map((k) => k.name).join(' or ')}, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
    }
    expectShortMessage(err as Error);
    return { accepted: false, error: err as Error };
  }
}

// ── Byte damage, shared by all three readers ──────────────────────────────────────────────────

function damage(bytes: Uint8Array, rng: Random): Uint8Array {
  const out = bytes.slice();
  switch (rng.int(4)) {
    case 0: // cut short (possibly to nothing)
      return out.slice(0, rng.int(out.length));
    case 1: { // one to four bits flipped
      const n = 1 + rng.int(4);
      for (let i = 0; i < n; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case 2: { // a byte replaced, early on where the headers are
      out[rng.int(Math.min(out.length, 48))] = rng.int(256);
      return out;
    }
    default: { // bytes added at the end
      const longer = new Uint8Array(out.length + 1 + rng.int(8));
      longer.set(out);
      return longer;
    }
  }
}

/** Lengths a forger would try: the edges of the field and the true value moved a little. */
function forgedLength(rng: Random, truth: number, max: number): number {
  const choices = [0, 1, 2, 3, 4, max, max - 1, 2 ** 31, truth - 1, truth + 1, truth - 4, truth + 4, truth * 2, rng.int(max)];
  return Math.min(max, Math.max(0, choices[rng.int(choices.length)]));
}

const WRONG_TYPES: unknown[] = [null, undefined, 0, 42, 'LNW5', '', {}, [1, 2, 3], true, new ArrayBuffer(0), new DataView(new ArrayBuffer(8)), new Float32Array(4)];

// ── Spec files ────────────────────────────────────────────────────────────────────────────────

const smallSpecs: NetworkSpec[] = [
  lenet5(),
  modernLenet5(),
  { input: { size: 8, channels: 2 }, layers: [
    { kind: 'conv', name: 'C', maps: 3, kernel: 3, stride: 1, padding: 1, table: [[0], [1], [0, 1]], activation: 'relu' },
    { kind: 'subsample', name: 'S', pool: 'average', window: 2, stride: 2, activation: 'none' },
    { kind: 'full', name: 'F', units: 4, activation: 'squash' },
    { kind: 'rbf', name: 'R', codes: [[1, -1, 1, -1], [-1, 1, -1, 1]] },
  ] },
];

/** Values of every wrong kind a JSON file can hold, and some right ones at the edges. */
function oddValue(rng: Random): unknown {
  const deep = (n: number): unknown => { let v: unknown = 1; for (let i = 0; i < n; i++) v = rng.int(2) ? [v] : { a: v }; return v; };
  const values: (() => unknown)[] = [
    () => null, () => -1, () => 0, () => 1, () => 2, () => 1.5, () => 4096, () => 4097, () => 2 ** 53, () => 1e308, () => -0,
    () => 'NaN', () => '', () => 'x'.repeat(100_000), () => [], () => ({}), () => new Array(100_000).fill(1), () => true,
    () => deep(20), () => deep(40), () => ['conv'], () => 'squash', () => 'max', () => [[0, 0]], () => [[]],
  ];
  return values[rng.int(values.length)]();
}

/** Every place in a JSON tree: [parent, key] pairs. */
function places(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([value, i]); places(v, out); });
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { out.push([value as Record<string, unknown>, k]); places(v, out); }
  }
  return out;
}

function mutateSpec(spec: NetworkSpec, rng: Random): Uint8Array {
  const tree = structuredClone(spec) as unknown;
  const all = places(tree);
  const [parent, key] = all[rng.int(all.length)];
  const action = rng.int(5);
  if (action === 0) (parent as Record<string | number, unknown>)[key] = oddValue(rng);
  else if (action === 1 && !Array.isArray(parent)) delete parent[key];
  else if (action === 2 && !Array.isArray(parent)) { // a typo in a key
    const typo = `${String(key)}${['s', '_', ''][rng.int(3)]}`.replace(/^(.)/, (c) => (rng.int(2) ? c.toUpperCase() : c));
    parent[typo] = parent[key];
    if (typo !== key) delete parent[key];
  } else if (action === 3 && !Array.isArray(parent)) parent[['extra', 'strides', 'kernal', '__proto__', 'constructor'][rng.int(5)]] = oddValue(rng);
  else (parent as Record<string | number, unknown>)[key] = oddValue(rng);
  const text = new TextEncoder().encode(JSON.stringify(tree));
  // Half the time, damage the text as well: cut, flipped bits, a byte-order mark, stray bytes.
  if (rng.int(2)) return text;
  if (rng.int(4) === 0) return Uint8Array.from([0xef, 0xbb, 0xbf, ...text]);
  return damage(text, rng);
}

describe('fuzz: spec files', () => {
  it('the specs it starts from are valid', () => {
    for (const spec of smallSpecs) expect(analyze(spec).layers.length).toBeGreaterThan(0);
  });

  it('1,200 damaged specs: each is a valid analysis or a SpecError / file error naming the place', () => {
    const rng = new Random(13);
    let accepted = 0;
    for (let i = 0; i < 1200; i++) {
      const bytes = mutateSpec(smallSpecs[rng.int(smallSpecs.length)], rng);
      const result = outcome(() => analyze(parseSpecBytes(bytes, 'fuzz.json')), [SpecError, InputFileError]);
      if (result.accepted) {
        accepted++;
        for (const l of result.value.layers) {
          for (const n of [l.output.maps, l.output.height, l.output.width]) expect(Number.isSafeInteger(n) && n >= 1).toBe(true);
          for (const n of [l.params, l.fixedParams, l.connections, l.macs]) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
        }
        for (const n of Object.values(result.value.total)) expect(Number.isSafeInteger(n)).toBe(true);
      } else if (result.error instanceof SpecError) {
        // It starts by naming the layer (or "input", "network").
        expect(result.error.message.startsWith(result.error.layer.slice(0, 20))).toBe(true);
      } else {
        expect(result.error.message).toMatch(/^lenet: spec file fuzz\.json /);
      }
    }
    // Some mutations leave a valid spec (a different stride, a stripped byte-order mark): both sides were exercised.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(1000);
  });

  it('values of the wrong type in place of the whole spec', () => {
    for (const value of [...WRONG_TYPES, 'conv', [lenet5()]]) {
      const result = outcome(() => analyze(value as NetworkSpec), [SpecError]);
      expect(result.accepted).toBe(false);
    }
  });
});

// ── Weights files ─────────────────────────────────────────────────────────────────────────────

const tinySpec: NetworkSpec = { input: { size: 4, channels: 1 }, layers: [
  { kind: 'conv', name: 'C', maps: 2, kernel: 3, activation: 'squash' },
  { kind: 'full', name: 'F', units: 3, activation: 'none' },
] };

describe('fuzz: weights files', () => {
  const model = new Model(tinySpec, 5);
  const good = encodeWeights(model, 'faithful', { command: 'lenet train', seed: 5, history: [{ pass: 1, testError: 0.5 }] });
  const declared = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const paramsAt = good.length - 4 - 4 * model.paramCount;

  it('2,000 damaged or forged files: each loads exactly or is refused with a WeightsError saying which', () => {
    const rng = new Random(1998);
    const reasons = new Set<string>();
    const target = new Model(tinySpec, 6);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      let bytes = damage(good, rng);
      const forger = rng.int(2) === 1;
      if (forger && bytes.length >= 24) {
        // Perhaps rewrite a length field of the header; then make the checksum match again.
        const v = declared(bytes);
        const field = rng.int(4);
        if (field === 0) v.setUint16(6, forgedLength(rng, 8, 0xffff), true);
        if (field === 1) v.setUint32(12, forgedLength(rng, model.paramCount, 0xffffffff), true);
        if (field === 2) v.setUint32(16, forgedLength(rng, v.getUint32(16, true), 0xffffffff), true);
        v.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
      } else if (rng.int(8) === 0) {
        bytes = bytes.slice(0, 0);
      }
      target.params.fill(0);
      const result = outcome(() => loadWeights(target, bytes, 'fuzz.bin'), [WeightsError]);
      if (result.accepted) {
        accepted++;
        // Accepted means: the parameters were read from where the writer put them, and are finite.
        const read = new Float32Array(model.paramCount);
        for (let k = 0; k < read.length; k++) read[k] = declared(bytes).getFloat32(paramsAt + 4 * k, true);
        expect(target.params).toEqual(read);
        expect(target.params.every(Number.isFinite)).toBe(true);
        expect(bytes.length).toBe(good.length);
      } else {
        reasons.add((result.error as WeightsError).reason);
        expect(result.error.message).toMatch(/^fuzz\.bin: /);
      }
      // A file with its checksum untouched and any byte changed must never load.
      if (!forger && result.accepted) expect(bytes.length === good.length && bytes.every((b, k) => b === good[k])).toBe(true);
    }
    expect([...reasons].sort()).toEqual(['corrupt', 'foreign', 'mismatch', 'truncated', 'version']);
    expect(accepted).toBeGreaterThan(20);
  });

  it('values of the wrong type in place of the bytes', () => {
    for (const value of WRONG_TYPES) {
      expect(outcome(() => decodeWeights(value as Uint8Array, 'fuzz.bin'), [WeightsError]).accepted).toBe(false);
    }
  });
});

// ── IDX files ─────────────────────────────────────────────────────────────────────────────────

function idx(magic: number, sizes: number[], data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * sizes.length + data.length);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, magic);
  sizes.forEach((s, i) => v.setUint32(4 + 4 * i, s));
  bytes.set(data, 4 + 4 * sizes.length);
  return bytes;
}

describe('fuzz: IDX files', () => {
  const rng0 = new Random(7);
  const images = idx(2051, [3, 4, 5], Uint8Array.from({ length: 60 }, () => rng0.int(256)));
  const labels = idx(2049, [3], Uint8Array.from([7, 0, 9]));

  it('3,000 damaged or forged pairs: each parses consistently or is refused with an IdxError', () => {
    const rng = new Random(2051);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      let img = images;
      let lab = labels;
      const which = rng.int(3);
      if (which !== 1) img = damage(images, rng);
      if (which !== 0) lab = damage(labels, rng);
      if (rng.int(2) && img.length >= 16) { // a forged size: count, rows or cols
        const v = new DataView(img.buffer, img.byteOffset, img.byteLength);
        const at = 4 + 4 * rng.int(3);
        v.setUint32(at, forgedLength(rng, v.getUint32(at), 0xffffffff));
      }
      const result = outcome(() => parseDigits(img, lab, 'fuzz'), [IdxError]);
      if (result.accepted) {
        accepted++;
        const d = result.value;
        expect(d.pixels.length).toBe(d.count * d.rows * d.cols);
        expect(d.labels.length).toBe(d.count);
        expect(d.labels.every((l) => l <= 9)).toBe(true);
      } else {
        expect(result.error.message).toMatch(/^fuzz( images| labels)?: /);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('values of the wrong type in place of the bytes', () => {
    for (const value of WRONG_TYPES) {
      expect(outcome(() => parseDigits(value as Uint8Array, labels, 'fuzz'), [IdxError]).accepted).toBe(false);
    }
  });
});
