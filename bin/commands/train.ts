/** `lenet train`: trains LeNet-5 on MNIST one sample at a time, tests after every pass, saves the weights. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  MAP_J, Model, SCHEDULE_NAMES, passRecord, runRecord, type RunRecord, SDLM_MU, Trainer, trainCommand, VARIANTS, VARIANT_NAMES, encodeWeights, evaluate, lossNamed, mapLoss, preview, type ScheduleName, type TrainProgress, type Variant, type VariantName,
} from '../../engine/index.ts';
import { allowedBy, fitsRule, parseOptions, UsageError, type OptionRule } from '../args.ts';
import { InputFileError } from '../files.ts';
import { readModel } from './eval.ts';
import { loadMnist } from '../mnist.ts';

/** A variant's training defaults, as options. */
function defaultsOf(v: Variant): string {
  return `${v.optimizer} --lr ${v.rate} --schedule ${v.schedule}${v.optimizer === 'sdlm' ? ` --mu ${v.mu}` : ''}`;
}

export const TRAIN_HELP = `Train LeNet-5 on the 60,000 MNIST training digits; after every pass, report the error on the 10,000 test digits.

Usage: lenet train [--variant faithful|modern] [--epochs N] [--train-size N] [--seed S]
                   [--optimizer sdlm|sgd] [--lr X] [--schedule paper|linear] [--batch-size B]
                   [--momentum M] [--mu M] [--map-j J] [--distort] [--out FILE]
       lenet train --resume FILE [--epochs N]

Options:
  --variant V      faithful (the paper's network and MAP loss; default) or modern
                   (ReLU, max pooling, dense C3, softmax cross-entropy)
  --epochs N       passes over the training set (default 20, as in the paper)
  --train-size N   train on the first N digits only (default 60000)
  --seed S         seeds the initial weights and the order of the samples (default 1)
  --optimizer O    sgd or sdlm (stochastic diagonal Levenberg–Marquardt, the paper's: curvature
                   re-estimated on 500 samples before each pass); default: the variant's
                   (faithful: ${defaultsOf(VARIANTS.faithful)};
                   modern: ${defaultsOf(VARIANTS.modern)}; README, "Where the reproduction stands")
  --lr X           learning rate at the start (η for sdlm); default: the variant's
  --schedule S     paper: the paper's steps, pass by pass, scaled to --lr (×1 for 2
                   passes, ×0.4 for 3, ×0.2 for 3, ×0.1 for 4, then ×0.02); linear: falls
                   sample by sample from --lr towards 0 at the end of the run (its length is
                   the passes planned, so --resume with more --epochs stretches what is left)
  --batch-size B   samples per update (default 1, the paper's); a batch's gradients are averaged
  --momentum M     SGD momentum (default: the variant's, 0)
  --mu M           SDLM's μ, added to every curvature (default: the variant's; the paper's is 0.02)
  --map-j J        the constant j of the faithful network's MAP loss (default ${MAP_J}; see engine/loss.ts)
  --distort        train on randomly distorted digits, as the paper's 0.8 % run (section III.C):
                   every sample of every pass gets a fresh planar affine distortion — shifts of
                   ±2 px, scaling ×0.9–1.1, squeezing ×1.15 either way, horizontal shear ±0.2 —
                   drawn from the seed, the pass and the digit's index (engine/distort.ts)
  --out FILE       where to save the weights, after every pass (default:
                   $XDG_DATA_HOME/lenet/weights-<variant>.bin, or ~/.local/share/lenet/… when
                   XDG_DATA_HOME is unset; printed at the start; never the current directory)
  --resume FILE    continue the run saved in FILE (its settings, seed and passes so far come from
                   the file; it goes on exactly as if never stopped) and keep saving to FILE
  --help           show this help`;

const OPTIONS: Record<string, OptionRule> = {
  variant: { type: 'string', choices: VARIANT_NAMES },
  epochs: { type: 'int', min: 1, max: 1000 },
  'train-size': { type: 'int', min: 1, max: 60000 },
  seed: { type: 'int', min: 0, max: 2 ** 32 - 1 },
  optimizer: { type: 'string', choices: ['sdlm', 'sgd'] },
  lr: { type: 'number', min: 1e-9, max: 10 },
  momentum: { type: 'number', min: 0, max: 0.999 },
  schedule: { type: 'string', choices: SCHEDULE_NAMES },
  'batch-size': { type: 'int', min: 1, max: 60000 },
  mu: { type: 'number', min: 1e-6, max: 100 },
  'map-j': { type: 'number', min: 0.001, max: 1000 },
  distort: { type: 'flag' },
  out: { type: 'string' },
  resume: { type: 'string' },
};

/** Where the weights go without --out: a per-user data directory, not the current one (XDG base directories). */
export function defaultOut(variant: string): string {
  const data = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'lenet', `weights-${variant}.bin`);
}

/** The settings a resumed file records, and the option whose rule each must obey. */
const RECORDED: [keyof RunRecord, string][] = [
  ['seed', 'seed'], ['optimizer', 'optimizer'], ['rate', 'lr'], ['schedule', 'schedule'], ['batchSize', 'batch-size'],
  ['momentum', 'momentum'], ['mu', 'mu'], ['mapJ', 'map-j'], ['trainSize', 'train-size'], ['passesPlanned', 'epochs'],
];

/**
 * A resumed file's record, checked: it decides how the run goes on, so a value no option would
 * accept (a forged or damaged record that still has a valid checksum) is refused, naming it.
 */
function checkRecord(meta: Record<string, unknown>, path: string): Partial<RunRecord> {
  const refuse = (what: string, value: unknown, allowed: string): never => {
    throw new InputFileError(`lenet: ${path}: its record's ${what} ${preview(value)} cannot be resumed (allowed: ${allowed})`);
  };
  for (const [key, option] of RECORDED) {
    if (meta[key] !== undefined && !fitsRule(meta[key], OPTIONS[option])) refuse(key, meta[key], allowedBy(OPTIONS[option]));
  }
  const history = meta.history;
  if (history !== undefined) {
    const entry = (e: unknown, i: number): boolean => e !== null && typeof e === 'object' && (e as { pass?: unknown }).pass === i + 1 &&
      ['trainLoss', 'trainError', 'testError', 'seconds'].every((k) => Number.isFinite((e as Record<string, unknown>)[k]));
    if (!Array.isArray(history) || history.length > 1000 || !history.every(entry)) {
      refuse('history', history, 'a list of at most 1000 passes, each {pass, trainLoss, trainError, testError, seconds}, numbered from 1');
    }
  }
  if (meta.distort !== undefined && typeof meta.distort !== 'boolean') refuse('distort', meta.distort, 'true or false');
  if (meta.wallSeconds !== undefined && !(Number.isFinite(meta.wallSeconds) && (meta.wallSeconds as number) >= 0)) {
    refuse('wallSeconds', meta.wallSeconds, 'a number of seconds from 0');
  }
  return meta as Partial<RunRecord>;
}

export async function train(argv: string[]): Promise<void> {
  const opts = parseOptions(argv, OPTIONS, 'train');
  let resumed: ReturnType<typeof readModel> | undefined;
  if (typeof opts.resume === 'string') {
    const clash = ['variant', 'train-size', 'seed', 'optimizer', 'lr', 'schedule', 'batch-size', 'momentum', 'mu', 'map-j', 'distort', 'out'].find((k) => opts[k] !== undefined);
    if (clash) throw new UsageError(`lenet train: --${clash} cannot be combined with --resume (the run's settings come from the file)`);
    resumed = readModel(opts.resume);
  }
  const meta = resumed ? checkRecord(resumed.meta, opts.resume as string) : {};
  const variant = VARIANTS[resumed?.variant ?? (opts.variant as VariantName | undefined) ?? 'faithful'];
  const passes = (opts.epochs as number | undefined) ?? meta.passesPlanned ?? 20;
  const seed = meta.seed ?? (opts.seed as number | undefined) ?? 1;
  const optimizer = meta.optimizer ?? (opts.optimizer as 'sdlm' | 'sgd' | undefined) ?? variant.optimizer;
  const rate = meta.rate ?? (opts.lr as number | undefined) ?? variant.rate;
  const momentum = meta.momentum ?? (opts.momentum as number | undefined) ?? variant.momentum;
  // A resumed file says how its run was trained; files from before a setting existed ran the paper's.
  const scheduleName = resumed ? meta.schedule ?? 'paper' : (opts.schedule as ScheduleName | undefined) ?? variant.schedule;
  const mu = resumed ? meta.mu ?? SDLM_MU : (opts.mu as number | undefined) ?? variant.mu;
  const batchSize = resumed ? meta.batchSize ?? 1 : (opts['batch-size'] as number | undefined) ?? 1;
  const distort = resumed ? meta.distort ?? false : opts.distort === true;
  const out = (opts.resume as string | undefined) ?? (opts.out as string | undefined) ?? defaultOut(variant.name);
  if (opts.out === undefined && !resumed) mkdirSync(dirname(out), { recursive: true });
  // Found out now, not after the first pass has been trained for nothing.
  if (!existsSync(dirname(out))) throw new UsageError(`lenet train: cannot save to ${out}: the directory ${dirname(out)} does not exist`);
  const history: RunRecord['history'] = meta.history ?? [];
  const previousSeconds = meta.wallSeconds ?? 0;

  const trainSet = loadMnist('train');
  const testSet = loadMnist('test');
  const trainSize = meta.trainSize ?? (opts['train-size'] as number | undefined) ?? trainSet.count;
  const model = resumed?.model ?? new Model(variant.spec(), seed);
  const mapJ = meta.mapJ ?? (opts['map-j'] as number | undefined) ?? MAP_J;
  if (variant.loss !== 'map' && opts['map-j'] !== undefined) throw new UsageError(`lenet train: --map-j is for the faithful variant's MAP loss; ${variant.name} uses ${variant.loss}`);
  const loss = variant.loss === 'map' ? mapLoss(mapJ) : lossNamed(variant.loss);
  if (history.length >= passes) throw new UsageError(`lenet train: ${out} already has ${history.length} passes; ask for more with --epochs`);
  const trainer = new Trainer({
    model, loss, data: trainSet, optimizer, rate, schedule: scheduleName, batchSize, passes, seed, trainSize, momentum, mu, distort, startPass: history.length,
  });
  const command = trainCommand({ variant: variant.name, trainSize, passes, seed, optimizer, rate, schedule: scheduleName, batchSize, momentum, mu, mapJ, distort });
  console.log(resumed ? `resuming ${out} after pass ${history.length}` : `saving the weights to ${out} after every pass`);
  console.log(`${command}\n${model.paramCount.toLocaleString('en-US')} parameters, loss ${loss.name}, ${trainSize} training digits, ${testSet.count} test digits`);

  const started = performance.now();
  const bar = new ProgressBar(trainSize);
  for (let pass = history.length; pass < passes; pass++) {
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
    const entry = passRecord(p, test, (performance.now() - passStart) / 1000);
    history.push(entry);
    console.log(`pass ${String(pass + 1).padStart(2)}/${passes}  rate ${p.rate.toExponential(1)}  train loss ${p.loss.toFixed(4)}  ` +
      `train error ${pct(entry.trainError)}  test error ${pct(entry.testError)} (${test.samples - test.correct} of ${test.samples})  ` +
      `${Math.round(trainSize / trainSeconds)} samples/s  ${entry.seconds} s`);
    const saved = runRecord({ variant: variant.name, trainSize, passes, seed, optimizer, rate, schedule: scheduleName, batchSize, momentum, mu, mapJ, distort },
      loss.name, history, previousSeconds + (performance.now() - started) / 1000, new Date());
    writeFileSync(out, encodeWeights(model, variant.name, saved));
  }
  console.log(`saved ${out} after ${((performance.now() - started) / 60000).toFixed(1)} min`);
}

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
