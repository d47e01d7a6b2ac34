/**
 * The names a run cell's code can use: the engine's whole public API (lenet5, analyze, Model,
 * loadWeights, prepareDigit, Trainer, mapLoss, c3Table, rbfCodes …) and a few helpers for the
 * data the site ships — the ten sample test digits, the pretrained weights, the first training
 * digits — plus `show` and `console.log` for output. Where the bytes come from is the caller's
 * business (`fetchBytes`): the worker fetches them from the site, the tests read them from disk.
 */
import * as engine from '../../../engine/index.ts';
import type { Digits, VariantName } from '../../../engine/index.ts';
import { describe, formatNumber, formatValue, type OutputItem } from './model.ts';
import { packedFile, unpackMnist, unpackMnistImages } from '../../lib/packed-mnist.ts';

export interface CellEnvironment {
  /** The bytes of a file of the site, by its path below the site's base (e.g. 'weights/faithful.bin'). */
  fetchBytes(path: string): Promise<Uint8Array>;
  /** The ten sample test digits the chapters show, one of each class, in class order. */
  digits: Digits;
  /** Told when a download starts and ends (download time does not count against the cell's time limit). */
  fetching(busy: boolean): void;
}

/** Downloads survive from one run to the next; every run builds its own models from them. */
const cache = new Map<string, Promise<Uint8Array>>();

async function download(env: CellEnvironment, path: string): Promise<Uint8Array> {
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = env.fetchBytes(path);
    bytes.catch(() => cache.delete(path));
    cache.set(path, bytes);
  }
  env.fetching(true);
  try {
    return await bytes;
  } finally {
    env.fetching(false);
  }
}

export function cellScope(env: CellEnvironment, emit: (item: OutputItem) => void): Record<string, unknown> {
  /** A fresh model of `variant` with the weights the site ships (public/weights/). */
  async function pretrained(variant: VariantName = 'faithful'): Promise<engine.Model> {
    if (!engine.VARIANT_NAMES.includes(variant)) {
      throw new RangeError(`pretrained: variant ${formatValue(variant, 1)} is not known (allowed: ${engine.VARIANT_NAMES.join(', ')})`);
    }
    const model = new engine.Model(engine.VARIANTS[variant].spec());
    engine.loadWeights(model, await download(env, `weights/${variant}.bin`), `${variant}.bin`);
    return model;
  }

  /** The first `count` digits of the MNIST training set, as the engine's Digits (a copy: the download stays as it came). */
  async function trainingDigits(count: number): Promise<Digits> {
    // The training images come in chunks (scripts/pack-mnist.mjs, which writes the manifest); this reads the first one.
    const { chunk } = JSON.parse(new TextDecoder().decode(await download(env, 'mnist/manifest.json'))) as { chunk: number };
    if (!Number.isInteger(count) || count < 1 || count > chunk) {
      throw new RangeError(`trainingDigits: ${formatValue(count, 1)} digits is not allowed (allowed: a whole number from 1 to ${formatNumber(chunk)})`);
    }
    // The files are packed (src/lib/packed-mnist.ts); the download is kept packed.
    const images = engine.parseIdxImages(await unpackMnistImages(await download(env, `mnist/${packedFile.trainImages(0)}`)), 'training images');
    const labels = engine.parseIdxLabels(await unpackMnist(await download(env, `mnist/${packedFile.trainLabels}`)), 'training labels');
    const size = images.rows * images.cols;
    return { count, rows: images.rows, cols: images.cols, pixels: images.pixels.slice(0, count * size), labels: labels.slice(0, count) };
  }

  /** `values` (row by row) as `height` rows of `width` numbers: what `show` draws as an image. */
  function reshape(values: ArrayLike<number>, height: number, width: number): number[][] {
    if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1 || height * width !== values?.length) {
      throw new RangeError(`reshape: ${formatValue(values?.length, 1)} values cannot be ${formatValue(height, 1)} rows of ${formatValue(width, 1)} (allowed: height × width = the number of values)`);
    }
    return Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => values[y * width + x]));
  }

  /** Shows a value: a layer's trace as feature maps, a 2-D array as an image, an array of objects as a table, anything else as text. */
  function show(value: unknown, label?: string): void {
    emit(describe(value, label === undefined ? undefined : String(label)));
  }

  const log = (...args: unknown[]): void => emit({ kind: 'text', text: args.map((a) => formatValue(a)).join(' '), log: true });
  const console = { log, info: log, warn: log, error: log, table: (rows: unknown) => show(rows) };

  // Each run gets its own copy of the sample digits, so a snippet that writes into them spoils nothing.
  const digits: Digits = { ...env.digits, pixels: env.digits.pixels.slice(), labels: env.digits.labels.slice() };
  return { ...engine, digits, pretrained, trainingDigits, reshape, show, console };
}
