/**
 * The networks the Playground benchmarks read with: the weights files named on the command line,
 * or else the Playground's own readers (src/widgets/playground/model.ts), each loaded into a model
 * of its file's variant with that variant's loss (whose `predict` gives the answer).
 */
import { readFileSync } from 'node:fs';
import { Model, VARIANTS, decodeWeights, loadWeights, lossNamed, type VariantName } from '../engine/index.ts';
import { READERS } from '../src/widgets/playground/model.ts';

export function readersFromArgs(args: string[]) {
  const files = args.length ? args : READERS.map((r) => `public/weights/${r.file}`);
  return files.map((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const variant = VARIANTS[decodeWeights(bytes).variant as VariantName];
    const model = new Model(variant.spec(), 1);
    loadWeights(model, bytes);
    return { file, variant, model, loss: lossNamed(variant.loss) };
  });
}
