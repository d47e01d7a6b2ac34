/**
 * Build time only (Node): the manifest of MNIST as packed for the Training chapter
 * (scripts/pack-mnist.mjs, run before every build), so the chapter can say how much a run
 * downloads from the files' real, compressed sizes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackedMnist } from '../lib/packed-mnist.ts';

export function packedMnist(): PackedMnist {
  const file = join(process.cwd(), 'public', 'mnist', 'manifest.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackedMnist;
  } catch (err) {
    throw new Error(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); run node scripts/pack-mnist.mjs, or npm run build, which runs it first`);
  }
}
