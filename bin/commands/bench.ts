/** `lenet bench`: how fast the engine trains and infers, one sample at a time, on one thread. */
import { Model, Trainer, VARIANTS, VARIANT_NAMES, evaluate, lossNamed, type Digits, type VariantName } from '../../engine/index.ts';
import { parseOptions } from '../args.ts';
import { loadMnist } from '../mnist.ts';

export const BENCH_HELP = `Measure training and inference speed (samples/s, batch size 1, one thread) of both networks.

Usage: lenet bench [--samples N] [--rounds R] [--json]

Options:
  --samples N  digits per timed round (default 2000)
  --rounds R   timed rounds per measurement, after one warm-up round; the median is reported (default 5)
  --json       print {"variants":[{"variant","train","infer","trainCpu","inferCpu",…}],"maxRssMB",…}
  --help       show this help

Training = prepare the digit, forward, loss, backward, SGD update; inference = prepare, forward,
loss, answer. Other programs running at the same time lower the figures.`;

/** Speed only: a small SGD rate keeps every round finite for both networks. */
const BENCH_RATE = 0.0002;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function subset(data: Digits, n: number): Digits {
  return { ...data, count: n, pixels: data.pixels.subarray(0, n * data.rows * data.cols), labels: data.labels.subarray(0, n) };
}

export interface BenchResult {
  variant: VariantName;
  /** Median samples per second of wall-clock time. */
  train: number;
  infer: number;
  /** Median samples per second of this process's CPU time: what the figures would be on an idle core. */
  trainCpu: number;
  inferCpu: number;
  trainRounds: number[];
  inferRounds: number[];
}

export function benchVariant(name: VariantName, train: Digits, test: Digits, samples: number, rounds: number): BenchResult {
  const variant = VARIANTS[name];
  const model = new Model(variant.spec(), 1);
  const loss = lossNamed(variant.loss);
  const trainRounds: number[] = [];
  const inferRounds: number[] = [];
  const trainCpuRounds: number[] = [];
  const inferCpuRounds: number[] = [];
  const cpuSeconds = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  for (let r = 0; r <= rounds; r++) {
    // A fresh trainer each round (one pass over `samples` digits); the model keeps learning.
    const trainer = new Trainer({ model, loss, data: subset(train, samples), optimizer: 'sgd', rate: BENCH_RATE, passes: 1, seed: r });
    let t = performance.now();
    let c = process.cpuUsage();
    const p = trainer.step(samples);
    const trainRate = samples / ((performance.now() - t) / 1000);
    const trainCpu = samples / cpuSeconds(c);
    if (p.state === 'diverged') throw new Error(`bench: training ${name} diverged: ${p.message}`);
    t = performance.now();
    c = process.cpuUsage();
    evaluate(model, loss, test, 0, samples);
    const inferRate = samples / ((performance.now() - t) / 1000);
    const inferCpu = samples / cpuSeconds(c);
    if (r > 0) {
      trainRounds.push(Math.round(trainRate));
      inferRounds.push(Math.round(inferRate));
      trainCpuRounds.push(Math.round(trainCpu));
      inferCpuRounds.push(Math.round(inferCpu));
    }
  }
  return {
    variant: name, train: median(trainRounds), infer: median(inferRounds), trainCpu: median(trainCpuRounds),
    inferCpu: median(inferCpuRounds), trainRounds, inferRounds,
  };
}

export function bench(argv: string[]): void {
  const opts = parseOptions(argv, {
    samples: { type: 'int', min: 100, max: 10000 },
    rounds: { type: 'int', min: 1, max: 50 },
    json: { type: 'flag' },
  }, 'bench');
  const samples = (opts.samples as number | undefined) ?? 2000;
  const rounds = (opts.rounds as number | undefined) ?? 5;
  const train = loadMnist('train');
  const test = loadMnist('test');
  const results = VARIANT_NAMES.map((name) => benchVariant(name, train, test, samples, rounds));
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (opts.json) {
    console.log(JSON.stringify({ samples, rounds, node: process.versions.node, variants: results, maxRssMB }));
    return;
  }
  console.log(`Node ${process.versions.node}, one thread, batch 1; median of ${rounds} rounds of ${samples} digits\n`);
  console.log('            samples/s (wall clock)      samples per CPU-second');
  console.log('variant        train   inference          train   inference');
  for (const r of results) {
    console.log(`${r.variant.padEnd(10)} ${String(r.train).padStart(8)} ${String(r.infer).padStart(11)}       ${String(r.trainCpu).padStart(8)} ${String(r.inferCpu).padStart(11)}`);
  }
  console.log('\n(on a busy machine the wall-clock figures drop; the CPU-time ones much less)');
  console.log(`\npeak memory (max RSS) ${maxRssMB} MB`);
}
