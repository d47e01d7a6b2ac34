/**
 * How close does training come to what WebAssembly SIMD can do on this core? First the peak:
 * a tiny AssemblyScript module, compiled here, whose loop is nothing but f32x4 multiplies and
 * adds on A independent accumulators (acc ← acc·a + b: 8 FLOPs per accumulator and iteration;
 * enough accumulators that no addition waits for the one before). Then `lenet bench` in the same
 * process, and each training rate turned into GFLOP/s — FLOPs per training sample from the
 * engine's own counts (`lenet bench` prints them) × samples per CPU-second — and into a share of
 * the peak. The peak is measured before and after the bench; the higher one counts.
 *
 * Optional, clearly apart: the same loop with relaxed-SIMD's fused multiply-add
 * (f32x4.relaxed_madd), which the engine does not use by default (its rounding may differ from
 * machine to machine, and the shipped weights must come out bit for bit everywhere).
 *
 * Run: node_modules/.bin/node bench/peak.ts [lenet bench options, e.g. --rounds 3 --samples 2000, or --spec FILE]
 * All rates are per CPU-second of this process (process.cpuUsage), so other programs on the
 * machine lower them less than a wall clock would.
 */
import asc from 'assemblyscript/asc';
import { runBench } from '../bin/commands/bench.ts';

/** AssemblyScript source of the peak loop with `accumulators` chains; `fma` uses relaxed_madd. */
function peakSource(accumulators: number, fma: boolean): string {
  const step = (i: number) => (fma ? `a${i} = f32x4.relaxed_madd(a${i}, m, c);` : `a${i} = f32x4.add(f32x4.mul(a${i}, m), c);`);
  const ids = Array.from({ length: accumulators }, (_, i) => i);
  return `export function run(n: i32, scale: f32, shift: f32): f32 {
  const m = f32x4.splat(scale);
  const c = f32x4.splat(shift);
  ${ids.map((i) => `let a${i} = f32x4.splat(<f32>${i});`).join('\n  ')}
  for (let k = 0; k < n; k++) {
    ${ids.map(step).join('\n    ')}
  }
  let s = f32x4.splat(0);
  ${ids.map((i) => `s = f32x4.add(s, a${i});`).join('\n  ')}
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}
`;
}

async function compile(source: string, fma: boolean): Promise<(n: number, scale: number, shift: number) => number> {
  let wasm: Uint8Array | undefined;
  const flags = ['peak.ts', '--outFile', 'peak.wasm', '-O3', '--runtime', 'stub', '--noAssert', '--enable', fma ? 'simd,relaxed-simd' : 'simd'];
  const { error, stderr } = await asc.main(flags, {
    readFile: (name: string) => (name === 'peak.ts' ? source : null),
    writeFile: (name: string, contents: string | Uint8Array) => { if (name.endsWith('.wasm') && typeof contents !== 'string') wasm = contents; },
    listFiles: () => [],
  });
  if (error || !wasm) throw new Error(`AssemblyScript failed: ${error?.message}\n${stderr.toString()}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>), {});
  return instance.exports.run as (n: number, scale: number, shift: number) => number;
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** GFLOP/s of one compiled loop: the median of 5 runs of about 0.2 s each, per CPU-second. */
function measure(run: (n: number, scale: number, shift: number) => number, accumulators: number): number {
  const flopsPerIteration = accumulators * 8; // 4 lanes × (1 multiply + 1 add)
  let n = 1 << 16;
  // Grow n until one run takes at least 0.2 s (a constant near 1 keeps the values finite).
  for (;;) {
    const c = process.cpuUsage();
    run(n, 0.999999, 1e-6);
    if (cpuSeconds(c) > 0.2) break;
    n *= 2;
  }
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    const c = process.cpuUsage();
    const s = run(n, 0.999999, 1e-6);
    if (!Number.isFinite(s)) throw new Error('peak: the loop overflowed');
    rates.push((n * flopsPerIteration) / cpuSeconds(c) / 1e9);
  }
  return median(rates);
}

/** The best GFLOP/s over several accumulator counts (too few: each add waits; too many: registers spill). */
async function peak(fma: boolean): Promise<{ gflops: number; accumulators: number }> {
  let best = { gflops: 0, accumulators: 0 };
  for (const accumulators of [4, 8, 12, 16]) {
    const gflops = measure(await compile(peakSource(accumulators, fma), fma), accumulators);
    if (gflops > best.gflops) best = { gflops, accumulators };
  }
  return best;
}

async function relaxedPeak(): Promise<string> {
  try {
    const p = await peak(true);
    return `${p.gflops.toFixed(1)} GFLOP/s (${p.accumulators} accumulators)`;
  } catch (err) {
    return `not available here (${(err as Error).message.split('\n')[0]})`;
  }
}

const before = await peak(false);
const report = runBench(process.argv.slice(2));
const after = await peak(false);
const top = Math.max(before.gflops, after.gflops);
const fma = await relaxedPeak();

console.log(`Node ${report.node}, one thread; lenet bench: median of ${report.rounds} rounds of ${report.samples} digits\n`);
console.log(`WebAssembly SIMD peak, f32x4 multiply + add: ${before.gflops.toFixed(1)} GFLOP/s before the bench ` +
  `(${before.accumulators} accumulators), ${after.gflops.toFixed(1)} after; the higher, ${top.toFixed(1)}, counts below`);
console.log(`(optional, not used by the engine) relaxed-SIMD fused multiply-add: ${fma}\n`);
const width = Math.max(11, ...report.networks.map((net) => net.network.length + 1));
console.log(`${'network'.padEnd(width)} optimiser   FLOPs/sample   samples per CPU-s   GFLOP/s   share of the peak`);
for (const net of report.networks) {
  const rows = [
    ...net.training.map((t) => ({ what: t.optimizer.toUpperCase(), flops: net.trainingFlops, rate: t.trainCpu })),
    { what: 'inference', flops: 2 * net.macs, rate: net.inferCpu },
  ];
  rows.forEach((row, i) => {
    const gflops = (row.flops * row.rate) / 1e9;
    console.log(`${(i === 0 ? net.network : '').padEnd(width)} ${row.what.padEnd(9)} ${row.flops.toLocaleString('en-US').padStart(14)} ` +
      `${String(row.rate).padStart(19)} ${gflops.toFixed(2).padStart(9)} ${`${((100 * gflops) / top).toFixed(1)} %`.padStart(19)}`);
  });
}
console.log('\nFLOPs/sample: 2 × multiply-adds by the engine\'s own counts (training: forward, weight gradients, input');
console.log('gradients but the first layer\'s; inference: forward only). SDLM\'s curvature pass and update are not counted.');
