/** The weights format: a round trip is exact, and every kind of bad file is refused, saying which. */
import { describe, expect, it } from 'vitest';
import { Model, lenet5, modernLenet5, decodeWeights, encodeWeights, loadWeights, WeightsError } from '../../engine/index.ts';

const model = new Model(lenet5(), 11);
const file = encodeWeights(model, 'faithful', { seed: 11 });

function reason(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof WeightsError) return `${err.reason}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('weights file', () => {
  it('round trip: same parameters, variant and metadata, well under 300 KB', () => {
    const other = new Model(lenet5(), 12);
    expect(other.params).not.toEqual(model.params);
    const loaded = loadWeights(other, file.slice().buffer);
    expect(other.params).toEqual(model.params);
    expect(loaded.variant).toBe('faithful');
    expect(loaded.meta).toEqual({ seed: 11 });
    expect(file.length).toBeLessThan(250_000);
  });

  it('refuses a file that is not a weights file', () => {
    expect(reason(() => decodeWeights(new TextEncoder().encode('PK\u0003\u0004 a zip file')))).toMatch(/^foreign: .*not a LeNet-5 weights file/);
  });

  it('refuses a file from a newer format version', () => {
    const newer = file.slice();
    newer[4] = 2;
    expect(reason(() => decodeWeights(newer))).toMatch(/^version: .*format version 2, this engine reads version 1/);
  });

  it('refuses a truncated file', () => {
    expect(reason(() => decodeWeights(file.subarray(0, file.length - 100)))).toMatch(/^truncated: .*announces 60000 parameters/);
    expect(reason(() => decodeWeights(file.subarray(0, 10)))).toMatch(/^truncated/);
  });

  it('refuses a file with one flipped bit (checksum)', () => {
    const damaged = file.slice();
    damaged[5000] ^= 0x10;
    expect(reason(() => decodeWeights(damaged))).toMatch(/^corrupt: .*checksum/);
  });

  it('refuses weights made for another network, naming both', () => {
    const modern = new Model(modernLenet5());
    expect(reason(() => loadWeights(modern, file))).toMatch(/^mismatch: .*variant "faithful".*60000 parameters.*61706 parameters/);
    // Same parameter count, different spec: a C3 table with two rows swapped.
    const spec = lenet5();
    const c3 = spec.layers[2] as { table: number[][] };
    [c3.table[0], c3.table[1]] = [c3.table[1], c3.table[0]];
    expect(reason(() => loadWeights(new Model(spec), file))).toMatch(/^mismatch: .*fingerprint/);
  });
});
