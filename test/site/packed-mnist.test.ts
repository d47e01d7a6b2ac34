import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { unpackMnist } from '../../src/lib/packed-mnist.ts';
import { parseIdxLabels } from '../../engine/index.ts';

describe('unpacking the packed MNIST files', () => {
  // A hand-made IDX label file: magic 2049, three labels 7, 0, 9.
  const idx = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9]);

  test('a gzip-packed file comes back byte for byte', async () => {
    const packed = new Uint8Array(gzipSync(idx));
    expect([packed[0], packed[1]]).toEqual([0x1f, 0x8b]);
    expect(await unpackMnist(packed)).toEqual(idx);
    expect([...parseIdxLabels(await unpackMnist(packed), 'labels')]).toEqual([7, 0, 9]);
  });

  test('a file the server already unpacked (Content-Encoding: gzip) passes as it is', async () => {
    expect(await unpackMnist(idx)).toBe(idx);
  });

  test('a damaged packed file is refused, not read as digits', async () => {
    const packed = new Uint8Array(gzipSync(idx));
    packed[packed.length - 5] ^= 0xff; // the CRC-32 of the content no longer matches
    await expect(unpackMnist(packed)).rejects.toThrow();
  });
});
