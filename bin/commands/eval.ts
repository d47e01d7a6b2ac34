/** `lenet eval`: test error and confusion matrix of a weights file on the 10,000 MNIST test digits. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Model, VARIANTS, decodeWeights, evaluate, loadWeights, lossNamed, WeightsError, type VariantName,
} from '../../engine/index.ts';
import { parseOptions } from '../args.ts';
import { loadMnist } from '../mnist.ts';

/** The pretrained weights that ship with the project (made by `lenet train`, see README). */
export const SHIPPED_WEIGHTS = {
  faithful: fileURLToPath(new URL('../../public/weights/faithful.bin', import.meta.url)),
  modern: fileURLToPath(new URL('../../public/weights/modern.bin', import.meta.url)),
};

export const EVAL_HELP = `Measure the test error of trained weights on the 10,000 MNIST test digits.

Usage: lenet eval [--weights FILE] [--json]

Options:
  --weights FILE  a weights file written by lenet train (default: the shipped faithful weights,
                  public/weights/faithful.bin); its variant is read from the file
  --json          print {"variant","samples","correct","accuracy","errorRate","confusion",…}
                  (confusion[true][predicted]) instead of a table
  --help          show this help`;

/** A weights file that cannot be used: exit code 2, like a bad option. */
class WeightsFileError extends Error {
  readonly exitCode = 2;
}

export function readModel(path: string): { model: Model; variant: VariantName; meta: Record<string, unknown> } {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new WeightsFileError(`lenet: cannot read weights file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const { variant } = decodeWeights(bytes, path);
    if (!(variant in VARIANTS)) throw new WeightsFileError(`lenet: ${path}: unknown variant "${variant}" (known: ${Object.keys(VARIANTS).join(', ')})`);
    const model = new Model(VARIANTS[variant as VariantName].spec());
    const file = loadWeights(model, bytes, path);
    return { model, variant: variant as VariantName, meta: file.meta };
  } catch (err) {
    if (err instanceof WeightsError) throw new WeightsFileError(`lenet: ${err.message}`);
    throw err;
  }
}

export function evalCommand(argv: string[]): void {
  const opts = parseOptions(argv, { weights: { type: 'string' }, json: { type: 'flag' } }, 'eval');
  const path = (opts.weights as string | undefined) ?? SHIPPED_WEIGHTS.faithful;
  const { model, variant } = readModel(path);
  const loss = lossNamed(VARIANTS[variant].loss);
  const test = loadMnist('test');
  const started = performance.now();
  const result = evaluate(model, loss, test);
  const seconds = (performance.now() - started) / 1000;
  if (opts.json) {
    console.log(JSON.stringify({
      variant, weights: path, samples: result.samples, correct: result.correct, accuracy: result.accuracy,
      errorRate: 1 - result.accuracy, loss: result.loss, confusion: result.confusion,
    }));
    return;
  }
  console.log(`${path} (${variant})`);
  console.log(`test error ${(100 * (1 - result.accuracy)).toFixed(2)} %: ${result.samples - result.correct} of ${result.samples} digits wrong ` +
    `(accuracy ${(100 * result.accuracy).toFixed(2)} %), ${Math.round(result.samples / seconds)} digits/s\n`);
  console.log('confusion (rows: true digit, columns: answer)');
  console.log(`      ${Array.from({ length: 10 }, (_, i) => String(i).padStart(5)).join('')}`);
  result.confusion.forEach((row, i) => console.log(`  ${i}   ${row.map((n) => String(n).padStart(5)).join('')}`));
}
