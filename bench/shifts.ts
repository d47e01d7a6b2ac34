/**
 * How much does a one-pixel slip cost? Every MNIST test digit, shifted by each of the nine
 * (dx, dy) ∈ {−1, 0, +1}² in the network's 32×32 input (the paper's padding keeps the ink
 * inside): the share of digits read right under all nine shifts, and the accuracy under each.
 * The Playground's centring rounds the centre of mass to a whole pixel, so a drawn digit can sit
 * half a pixel either way of where MNIST's would; a network that survives these shifts does not mind.
 * Run: node_modules/.bin/node bench/shifts.ts [weights files…] (default: the Playground's four readers)
 */
import { BACKGROUND, prepareDigit } from '../engine/index.ts';
import { loadMnist } from '../bin/mnist.ts';
import { readersFromArgs } from './readers.ts';

const test = loadMnist('test');
const SHIFTS = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => [dx, dy] as const));

/** `src` (32×32) moved by (dx, dy); what comes in from the edge is paper. */
function shifted(src: Float32Array, dx: number, dy: number, out: Float32Array): Float32Array {
  out.fill(BACKGROUND);
  for (let y = 0; y < 32; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= 32) continue;
    for (let x = 0; x < 32; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < 32) out[y * 32 + x] = src[sy * 32 + sx];
    }
  }
  return out;
}

for (const { file, model, loss } of readersFromArgs(process.argv.slice(2))) {
  const plain = new Float32Array(1024), moved = new Float32Array(1024);
  const right = new Array<number>(SHIFTS.length).fill(0);
  let all = 0;
  const started = performance.now();
  for (let i = 0; i < test.count; i++) {
    prepareDigit(test, i, plain);
    let ok = true;
    SHIFTS.forEach(([dx, dy], s) => {
      if (loss.predict(model.forward(shifted(plain, dx, dy, moved)).output) === test.labels[i]) right[s]++;
      else ok = false;
    });
    if (ok) all++;
  }
  const pct = (n: number) => `${((100 * n) / test.count).toFixed(2)} %`;
  console.log(`${file}: right under all nine shifts ${pct(all)}; unshifted ${pct(right[4])}; worst single shift ${pct(Math.min(...right))} ` +
    `(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`  per shift (dx, dy): ${SHIFTS.map(([dx, dy], s) => `(${dx},${dy}) ${pct(right[s])}`).join('  ')}`);
}
