/** The weights format: a round trip is exact, and every kind of bad file is refused, saying which. */
import { describe, expect, it } from 'vitest';
import { Model, lenet5, modernLenet5, crc32, decodeWeights, encodeWeights, loadWeights, variantNamed, VARIANTS, WeightsError, type VariantName } from '../../engine/index.ts';

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

/** `file` with header field(s) rewritten and the checksum made to match again, as a forger would. */
function forged(edit: (v: DataView) => void, bytes = file): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  edit(view);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

describe('a forged header is refused before anything it points to is read', () => {
  const nameLength = file[6];
  it('a metadata length that wraps 32-bit arithmetic round to offset 0 (4 GB declared)', () => {
    // (20 + V + M + 3) & ~3 with M = 2^32 − 20 − V wrapped to 0: the header was read as parameters.
    expect(reason(() => decodeWeights(forged((v) => v.setUint32(16, 2 ** 32 - 20 - nameLength, true)))))
      .toMatch(/^truncated: .*declares 4294967276 bytes of name and metadata, the file has room for \d+$/);
  });
  it('the largest lengths of every field', () => {
    expect(reason(() => decodeWeights(forged((v) => v.setUint32(12, 0xffffffff, true))))).toMatch(/^truncated: .*announces 4294967295 parameters/);
    expect(reason(() => decodeWeights(forged((v) => v.setUint16(6, 0xffff, true))))).toMatch(/^corrupt: .*variant name of 65535 bytes \(allowed: 1 to 64\)/);
    expect(reason(() => decodeWeights(forged((v) => v.setUint32(16, 0xffffffff, true))))).toMatch(/^truncated: .*bytes of name and metadata/);
  });
  it('lengths that move the parameters a few bytes (an offset the old reader would have used)', () => {
    for (const delta of [-8, -4, -1, 1, 4, 8]) {
      const metaLength = new DataView(file.buffer).getUint32(16, true);
      expect(reason(() => decodeWeights(forged((v) => v.setUint32(16, metaLength + delta, true))))).not.toBe('accepted');
      expect(reason(() => decodeWeights(forged((v) => v.setUint32(12, 60000 + delta, true))))).toMatch(/^(truncated|corrupt): /);
    }
  });
  it('an empty variant name', () => {
    expect(reason(() => decodeWeights(forged((v) => v.setUint16(6, 0, true))))).toMatch(/^corrupt: .*variant name of 0 bytes/);
  });
});

describe('what a weights file declares is checked', () => {
  it('variant names that are Object built-ins decode as plain names and find no variant', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const decoded = decodeWeights(encodeWeights(model, name));
      expect(decoded.variant).toBe(name);
      expect(variantNamed(decoded.variant)).toBeUndefined();
      expect(VARIANTS[name as VariantName]).toBeUndefined();
    }
    expect(variantNamed('faithful')?.name).toBe('faithful');
  });
  it('a variant name that is not printable ASCII is refused on writing and on reading', () => {
    expect(() => encodeWeights(model, 'fa\u001bthful')).toThrow(RangeError);
    const named = encodeWeights(model, 'faithfuL');
    const at = 20 + 'faithfu'.length; // the "L", after the 20-byte header
    expect(reason(() => decodeWeights(forged((v) => v.setUint8(at, 0x1b), named)))).toMatch(/^corrupt: .*variant name is not printable ASCII/);
  });
  it('metadata that is JSON but not an object, not UTF-8, or nested deeper than any record', () => {
    for (const [meta, pattern] of [
      ['[1,2]', /not a JSON object/], ['null', /not a JSON object/], ['5', /not a JSON object/],
      ['{"a":\xff}', /not UTF-8 JSON/], [`{"a":${'['.repeat(10000)}${']'.repeat(10000)}}`, /nested at most 16 levels/],
    ] as const) {
      const bytes = withMeta(meta);
      expect(reason(() => decodeWeights(bytes))).toMatch(pattern);
    }
  });
  it('something that is not bytes at all', () => {
    for (const value of [null, undefined, 'LNW5', 42, {}, [76, 78, 87, 53]]) {
      expect(reason(() => decodeWeights(value as unknown as Uint8Array))).toMatch(/^foreign: .*expected bytes/);
    }
  });
});

/** A well-formed file whose metadata bytes are `text` taken byte by byte (so \xff stays one byte). */
function withMeta(text: string): Uint8Array {
  const small = new Model({ input: { size: 1, channels: 1 }, layers: [{ kind: 'full', name: 'F', units: 1, activation: 'none' }] });
  const base = encodeWeights(small, 'faithful', {});
  const metaBytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  const paramsAt = Math.ceil((20 + 8 + metaBytes.length) / 4) * 4;
  const out = new Uint8Array(paramsAt + 4 * small.paramCount + 4);
  out.set(base.subarray(0, 28));
  out.set(metaBytes, 28);
  const view = new DataView(out.buffer);
  view.setUint32(16, metaBytes.length, true);
  out.set(base.subarray(base.length - 4 - 4 * small.paramCount, base.length - 4), paramsAt);
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}
