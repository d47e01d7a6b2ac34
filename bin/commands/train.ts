/** `lenet train`: trains LeNet-5 on MNIST one sample at a time, tests after every pass, saves the weights. */
import { writeFileSync } from 'node:fs';
import {
  Model, Trainer, VARIANTS, VARIANT_NAMES, encodeWeights, evaluate, lossNamed, type TrainProgress, type VariantName,
} from '../../engine/index.ts';
import { parseOptions } from '../args.ts';
import { loadMnist } from '../mnist.ts';

export const TRAIN_HELP = `Train LeNet-5 on the 60,000 MNIST training digits; after every pass, report the error on the 10,000 test digits.

Usage: lenet train [--variant faithful|modern] [--epochs N] [--train-size N] [--seed S]
                   [--optimizer sdlm|sgd] [--lr X] [--momentum M] [--out FILE]

Options:
  --variant V      faithful (the paper's network and MAP loss; default) or modern
                   (ReLU, max pooling, dense C3, softmax cross-entropy)
  --epochs N       passes over the training set (default 20, as in the paper)
  --train-size N   train on the first N digits only (default 60000)
  --seed S         seeds the initial weights and the order of the samples (default 1)
  --optimizer O    sgd or sdlm (stochastic diagonal Levenberg–Marquardt, the paper's; μ = 0.02,
                   curvature re-estimated on 500 samples before each pass); default: the variant's
  --lr X           learning rate of the first pass (η for sdlm); later passes follow the paper's
                   schedule scaled to it (×1 for 2 passes, ×0.4 for 3, ×0.2 for 3, ×0.1 for 4, then ×0.02)
  --momentum M     SGD momentum (default: the variant's, 0)
  --out FILE       where to save the weights (default weights-<variant>.bin); written after every pass
  --help           show this help`;

export async function train(argv: string[]): Promise<void> {
  const opts = parseOptions(argv, {
    variant: { type: 'string', choices: VARIANT_NAMES },
    epochs: { type: 'int', min: 1, max: 1000 },
    'train-size': { type: 'int', min: 1, max: 60000 },
    seed: { type: 'int', min: 0, max: 2 ** 32 - 1 },
    optimizer: { type: 'string', choices: ['sdlm', 'sgd'] },
    lr: { type: 'number', min: 1e-9, max: 10 },
    momentum: { type: 'number', min: 0, max: 0.999 },
    out: { type: 'string' },
  }, 'train');
  const variant = VARIANTS[(opts.variant as VariantName | undefined) ?? 'faithful'];
  const passes = (opts.epochs as number | undefined) ?? 20;
  const seed = (opts.seed as number | undefined) ?? 1;
  const optimizer = (opts.optimizer as 'sdlm' | 'sgd' | undefined) ?? variant.optimizer;
  const rate = (opts.lr as number | undefined) ?? variant.rate;
  const momentum = (opts.momentum as number | undefined) ?? variant.momentum;
  const out = (opts.out as string | undefined) ?? `weights-${variant.name}.bin`;

  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');
  const trainSize = (opts['train-size'] as number | undefined) ?? trainSet.count;
  const model = new Model(variant.spec(), seed);
  const loss = lossNamed(variant.loss);
  // The sample order has its own stream, derived from the same seed.
  const trainer = new Trainer({ model, loss, data: trainSet, optimizer, rate, passes, seed: seed + 0x9e3779b9, trainSize, momentum });
  const command = `lenet train --variant ${variant.name} --epochs ${passes} --train-size ${trainSize} --seed ${seed} ` +
    `--optimizer ${optimizer} --lr ${rate}${optimizer === 'sgd' && momentum ? ` --momentum ${momentum}` : ''}`;
  console.log(`${command}\n${model.paramCount.toLocaleString('en-US')} parameters, loss ${loss.name}, ${trainSize} training digits, ${testSet.count} test digits`);

  const history: { pass: number; trainLoss: number; trainError: number; testError: number; seconds: number }[] = [];
  const started = performance.now();
  const bar = new ProgressBar(trainSize);
  for (let pass = 0; pass < passes; pass++) {
    const passStart = performance.now();
    let p: TrainProgress;
    do {
      p = trainer.step(1000);
      bar.show(p, passStart);
    } while (p.state === 'running');
    bar.clear();
    if (p.state === 'diverged') throw new Error(p.message);
    const trainSeconds = (performance.now() - passStart) / 1000;
    const test = evaluate(model, loss, testSet);
    const entry = {
      pass: pass + 1, trainLoss: round(p.loss, 5), trainError: round(p.errors / p.passSize, 5),
      testError: round(1 - test.accuracy, 5), seconds: round((performance.now() - passStart) / 1000, 1),
    };
    history.push(entry);
    console.log(`pass ${String(pass + 1).padStart(2)}/${passes}  rate ${p.rate.toExponential(1)}  train loss ${p.loss.toFixed(4)}  ` +
      `train error ${pct(entry.trainError)}  test error ${pct(entry.testError)} (${test.samples - test.correct} of ${test.samples})  ` +
      `${Math.round(trainSize / trainSeconds)} samples/s  ${entry.seconds} s`);
    const meta = { command, variant: variant.name, seed, optimizer, rate, momentum, loss: loss.name, trainSize, passes: pass + 1, history,
      testError: entry.testError, wallSeconds: round((performance.now() - started) / 1000, 1), date: new Date().toISOString() };
    writeFileSync(out, encodeWeights(model, variant.name, meta));
  }
  console.log(`saved ${out} after ${((performance.now() - started) / 60000).toFixed(1)} min`);
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

/** A one-line bar on a terminal; on a pipe or a log file, a line every 10 % of a pass. */
class ProgressBar {
  private readonly total: number;
  private readonly tty = Boolean(process.stderr.isTTY);
  private lastDecile = -1;
  constructor(total: number) {
    this.total = total;
  }

  show(p: TrainProgress, passStart: number): void {
    const seconds = (performance.now() - passStart) / 1000;
    const rate = p.seen / Math.max(seconds, 1e-9);
    const eta = (p.passSize - p.seen) / Math.max(rate, 1e-9);
    const text = `pass ${p.pass + 1}/${p.passes} ${p.seen}/${this.total}  ${Math.round(rate)} samples/s  ETA ${Math.round(eta)} s  loss ${p.loss.toFixed(4)}`;
    if (this.tty) {
      const width = 24;
      const filled = Math.round((width * p.seen) / p.passSize);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
      return;
    }
    const decile = Math.floor((10 * p.seen) / p.passSize);
    if (decile !== this.lastDecile && decile < 10) {
      this.lastDecile = decile;
      if (decile > 0) console.error(text);
    }
  }

  clear(): void {
    this.lastDecile = -1;
    if (this.tty) process.stderr.write('\r\x1b[K');
  }
}
