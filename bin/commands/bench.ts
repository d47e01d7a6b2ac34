/** `lenet bench`: how fast the engine trains and infers, one sample at a time, on one thread. */
import { basename } from 'node:path';
import {
  Model, Trainer, VARIANTS, analyze, evaluate, lossNamed, unitsOf,
  type Analysis, type Digits, type LossName, type NetworkSpec, type OptimizerName, type ScheduleName,
} from '../../engine/index.ts';
import { parseOptions } from '../args.ts';
import { InputFileError } from '../files.ts';
import { loadMnist } from '../mnist.ts';
import { readSpecFile } from '../spec-file.ts';

export const BENCH_HELP = `Measure training and inference speed (samples/s, batch size 1, one thread) of both networks, or of one spec file's.

Usage: lenet bench [--spec FILE] [--samples N] [--rounds R] [--json]

Options:
  --spec FILE  measure the network of a JSON spec file (README, "Network spec files") instead of
               the two ready-made ones; it must read MNIST digits (1 input map, square, at least
               28×28) and have at least 10 outputs. It trains with MAP loss if its last layer is
               an RBF layer, with softmax otherwise, by SDLM and by SGD
  --samples N  digits per timed round (default 2000)
  --rounds R   timed rounds per measurement, after one warm-up round; the median is reported (default 5)
  --json       print {"networks":[{"network","macs","trainingFlops","infer","inferCpu","inferRounds",
               "training":[{"optimizer","train","trainCpu","trainRounds","curvatureMs"}]}],"maxRssMB",…}
  --help       show this help

Training = prepare the digit, forward, loss, backward, update: the faithful network with its own
optimiser (SDLM, μ 0.1, η 0.0002 falling linearly) and with plain SGD, the modern one with SGD.
SDLM's curvature pass (500 digits before each pass over the training set) is timed apart and
reported in ms; the training rate leaves it out. Inference = prepare, forward, loss, answer.
trainingFlops: 2 × the multiply-adds of one training sample (forward, weight gradients, and the
input gradients of every layer but the first), from the engine's own counts (lenet summary).
Other programs running at the same time lower the figures.`;

/** SGD's rate here: speed only, a small rate keeps every round finite for any network. */
const BENCH_RATE = 0.0002;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function subset(data: Digits, n: number): Digits {
  return { ...data, count: n, pixels: data.pixels.subarray(0, n * data.rows * data.cols), labels: data.labels.subarray(0, n) };
}

/** How one network is trained in a measurement. */
export interface Recipe {
  optimizer: OptimizerName;
  rate: number;
  schedule: ScheduleName;
  mu: number;
}

/** The faithful network's own optimiser (variants.ts). */
const SDLM_RECIPE: Recipe = {
  optimizer: 'sdlm', rate: VARIANTS.faithful.rate, schedule: VARIANTS.faithful.schedule, mu: VARIANTS.faithful.mu,
};
const SGD_RECIPE: Recipe = { optimizer: 'sgd', rate: BENCH_RATE, schedule: 'paper', mu: VARIANTS.faithful.mu };

export interface BenchNetwork {
  /** 'faithful', 'modern', or the spec file's name. */
  name: string;
  spec: NetworkSpec;
  loss: LossName;
  recipes: Recipe[];
}

/** The two ready-made networks: faithful by its own SDLM and by SGD, modern by SGD. */
export function readyMadeNetworks(): BenchNetwork[] {
  return [
    { name: 'faithful', spec: VARIANTS.faithful.spec(), loss: VARIANTS.faithful.loss, recipes: [SDLM_RECIPE, SGD_RECIPE] },
    { name: 'modern', spec: VARIANTS.modern.spec(), loss: VARIANTS.modern.loss, recipes: [SGD_RECIPE] },
  ];
}

/**
 * A spec file's network, refused with a message naming the file when bench cannot feed it MNIST
 * digits. The spec itself is checked by `analyze` (a SpecError names the layer and the setting).
 */
export function specNetwork(path: string, spec: NetworkSpec, digits: { rows: number; cols: number }): BenchNetwork {
  const a = analyze(spec);
  const { maps, height, width } = a.input;
  if (maps !== 1 || height !== width || height < Math.max(digits.rows, digits.cols)) {
    throw new InputFileError(`lenet bench: spec file ${path} reads ${maps}@${height}×${width} inputs; bench feeds it MNIST ` +
      `digits, so it needs 1 input map, square, at least ${digits.rows}×${digits.cols}`);
  }
  const last = a.layers[a.layers.length - 1];
  const outputs = unitsOf(last.output);
  if (outputs < 10) {
    throw new InputFileError(`lenet bench: spec file ${path} ends in ${last.name} with ${outputs} output${outputs === 1 ? '' : 's'}; ` +
      'bench trains it on the 10 digit classes, so it needs at least 10');
  }
  return { name: basename(path), spec, loss: last.kind === 'rbf' ? 'map' : 'softmax', recipes: [SDLM_RECIPE, SGD_RECIPE] };
}

/**
 * Multiply-adds of one training sample by the engine's own counts: each layer's forward MACs,
 * as many again for its weight gradient if it has trainable weights, and again for the gradient
 * of its input unless it is the first layer (whose input gradient nobody needs).
 */
export function trainingMacs(a: Analysis): number {
  return a.layers.reduce((n, l, i) => n + l.macs * (1 + (l.params > 0 ? 1 : 0) + (i > 0 ? 1 : 0)), 0);
}

export interface TrainingResult {
  optimizer: OptimizerName;
  /** Median samples per second of wall-clock time, the curvature pass left out. */
  train: number;
  /** Median samples per second of this process's CPU time: what the figure would be on an idle core. */
  trainCpu: number;
  trainRounds: number[];
  /** SDLM: median wall-clock milliseconds of the curvature pass before each round (null for SGD). */
  curvatureMs: number | null;
  curvatureSamples: number;
}

export interface BenchResult {
  network: string;
  /** Forward multiply-adds per sample (lenet summary's total). */
  macs: number;
  /** FLOPs of one training sample: 2 × `trainingMacs`. */
  trainingFlops: number;
  infer: number;
  inferCpu: number;
  inferRounds: number[];
  training: TrainingResult[];
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

export function benchNetwork(net: BenchNetwork, train: Digits, test: Digits, samples: number, rounds: number): BenchResult {
  const model = new Model(net.spec, 1);
  const loss = lossNamed(net.loss);
  const inferRounds: number[] = [];
  const inferCpuRounds: number[] = [];
  const training: TrainingResult[] = net.recipes.map((r) => ({
    optimizer: r.optimizer, train: 0, trainCpu: 0, trainRounds: [], curvatureMs: null, curvatureSamples: 0,
  }));
  const trainCpuRounds = net.recipes.map((): number[] => []);
  const curvatureRounds = net.recipes.map((): number[] => []);
  const data = subset(train, samples);
  for (let r = 0; r <= rounds; r++) {
    net.recipes.forEach((recipe, j) => {
      // A fresh model and trainer each round (one pass over `samples` digits), so every
      // optimiser starts from the same weights.
      model.init(1);
      const trainer = new Trainer({ model, loss, data, passes: 1, seed: r, ...recipe });
      let t = performance.now();
      trainer.step(0); // the pass's start: SDLM's curvature pass
      const curvatureMs = performance.now() - t;
      t = performance.now();
      const c = process.cpuUsage();
      const p = trainer.step(samples);
      const rate = samples / ((performance.now() - t) / 1000);
      const cpu = samples / cpuSeconds(c);
      if (p.state === 'diverged') throw new Error(`bench: training ${net.name} by ${recipe.optimizer} diverged: ${p.message}`);
      if (r > 0) {
        training[j].trainRounds.push(Math.round(rate));
        trainCpuRounds[j].push(Math.round(cpu));
        curvatureRounds[j].push(curvatureMs);
        training[j].curvatureSamples = trainer.curvatureSamples;
      }
    });
    const t = performance.now();
    const c = process.cpuUsage();
    evaluate(model, loss, test, 0, samples);
    const inferRate = samples / ((performance.now() - t) / 1000);
    const inferCpu = samples / cpuSeconds(c);
    if (r > 0) {
      inferRounds.push(Math.round(inferRate));
      inferCpuRounds.push(Math.round(inferCpu));
    }
  }
  net.recipes.forEach((recipe, j) => {
    training[j].train = median(training[j].trainRounds);
    training[j].trainCpu = median(trainCpuRounds[j]);
    if (recipe.optimizer === 'sdlm') training[j].curvatureMs = Math.round(median(curvatureRounds[j]));
    else training[j].curvatureSamples = 0;
  });
  return {
    network: net.name, macs: model.analysis.total.macs, trainingFlops: 2 * trainingMacs(model.analysis),
    infer: median(inferRounds), inferCpu: median(inferCpuRounds), inferRounds, training,
  };
}

export interface BenchReport {
  samples: number;
  rounds: number;
  node: string;
  networks: BenchResult[];
  maxRssMB: number;
}

export function runBench(argv: string[]): BenchReport {
  const opts = parseOptions(argv, {
    spec: { type: 'string' },
    samples: { type: 'int', min: 100, max: 10000 },
    rounds: { type: 'int', min: 1, max: 50 },
    json: { type: 'flag' },
  }, 'bench');
  const samples = (opts.samples as number | undefined) ?? 2000;
  const rounds = (opts.rounds as number | undefined) ?? 5;
  const train = loadMnist('train');
  const networks = typeof opts.spec === 'string' ? [specNetwork(opts.spec, readSpecFile(opts.spec), train)] : readyMadeNetworks();
  const test = loadMnist('test');
  const results = networks.map((net) => benchNetwork(net, train, test, samples, rounds));
  return { samples, rounds, node: process.versions.node, networks: results, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

const group = (n: number): string => n.toLocaleString('en-US');

export function bench(argv: string[]): void {
  const report = runBench(argv);
  if (argv.includes('--json')) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log(`Node ${report.node}, one thread, batch 1; median of ${report.rounds} rounds of ${report.samples} digits\n`);
  const width = Math.max(11, ...report.networks.map((r) => r.network.length + 1));
  console.log(`${''.padEnd(width)}              samples/s (wall clock)    samples per CPU-second   SDLM curvature pass`);
  console.log(`${'network'.padEnd(width)} optimiser       train   inference         train   inference`);
  for (const r of report.networks) {
    r.training.forEach((t, j) => {
      const infer = j === 0 ? [String(r.infer), String(r.inferCpu)] : ['', ''];
      const curvature = t.curvatureMs === null ? '' : `${group(t.curvatureMs)} ms for ${t.curvatureSamples} digits`;
      console.log(`${(j === 0 ? r.network : '').padEnd(width)} ${t.optimizer.toUpperCase().padEnd(9)} ${String(t.train).padStart(11)} ` +
        `${infer[0].padStart(11)}      ${String(t.trainCpu).padStart(8)} ${infer[1].padStart(11)}   ${curvature}`.trimEnd());
    });
  }
  console.log('\n(on a busy machine the wall-clock figures drop; the CPU-time ones much less)');
  for (const r of report.networks) {
    console.log(`${r.network}: ${group(r.macs)} multiply-adds per forward pass, ${group(r.trainingFlops)} FLOPs per training sample`);
  }
  console.log(`\npeak memory (max RSS) ${report.maxRssMB} MB`);
}
