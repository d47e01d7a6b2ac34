/** `lenet eval`: test error and confusion matrix of a weights file on the 10,000 MNIST test digits. */
import { fileURLToPath } from 'node:url';
import {
  Model, VARIANTS, VARIANT_NAMES, decodeWeights, evaluate, loadWeights, lossNamed, preview, variantNamed, WeightsError, type VariantName,
} from '../../engine/index.ts';
import { parseOptions } from '../args.ts';
import { InputFileError, readRegularFile } from '../files.ts';
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
  --json          print {"variant","weights","samples","correct","accuracy","errorRate","loss",
                  "confusion","record"} instead of a table: confusion[true][predicted]; record is
                  the file's own record of its run (lenet train writes command, seed, settings,
                  per-pass history, wall time)
  --help          show this help`;

export function readModel(path: string): { model: Model; variant: VariantName; meta: Record<string, unknown> } {
  const bytes = readRegularFile(path, 'weights file');
  try {
    const file = decodeWeights(bytes, path);
    const variant = variantNamed(file.variant);
    if (!variant) throw new InputFileError(`lenet: ${path}: unknown variant "${preview(file.variant)}" (known: ${VARIANT_NAMES.join(', ')})`);
    const model = new Model(variant.spec());
    loadWeights(model, bytes, path);
    return { model, variant: variant.name, meta: file.meta };
  } catch (err) {
    if (err instanceof WeightsError) throw new InputFileError(`lenet: ${err.message}`);
    throw err;
  }
}

export function evalCommand(argv: string[]): void {
  const opts = parseOptions(argv, { weights: { type: 'string' }, json: { type: 'flag' } }, 'eval');
  const path = (opts.weights as string | undefined) ?? SHIPPED_WEIGHTS.faithful;
  const { model, variant, meta } = readModel(path);
  const loss = lossNamed(VARIANTS[variant].loss);
  const test = loadMnist('test');
  const started = performance.now();
  const result = evaluate(model, loss, test);
  const seconds = (performance.now() - started) / 1000;
  // Counted as wrong / samples (98 / 10,000 = 0.0098), not 1 − accuracy, which prints 0.009800000000000031.
  const errorRate = (result.samples - result.correct) / result.samples;
  if (opts.json) {
    console.log(JSON.stringify({
      variant, weights: path, samples: result.samples, correct: result.correct, accuracy: result.accuracy,
      errorRate, loss: result.loss, confusion: result.confusion, record: meta,
    }));
    return;
  }
  console.log(`${path} (${variant})`);
  // The record is the file's own; show its command only if it looks like one.
  if (typeof meta.command === 'string' && /^lenet train [ -~]{0,500}$/.test(meta.command)) console.log(`made by: ${meta.command}`);
  console.log(`test error ${(100 * errorRate).toFixed(2)} %: ${result.samples - result.correct} of ${result.samples} digits wrong ` +
    `(accuracy ${(100 * result.accuracy).toFixed(2)} %), ${Math.round(result.samples / seconds)} digits/s\n`);
  console.log('confusion (rows: true digit, columns: answer)');
  console.log(`      ${Array.from({ length: 10 }, (_, i) => String(i).padStart(5)).join('')}`);
  result.confusion.forEach((row, i) => console.log(`  ${i}   ${row.map((n) => String(n).padStart(5)).join('')}`));
}
