/**
 * How sure are the Playground's networks when they are right, and when they are wrong? On the
 * 10,000 MNIST test digits: the faithful network's smallest RBF distance and the modern one's
 * top softmax probability, for right and wrong answers, and the threshold that flags 2 % of the
 * right answers (each reader's `unsureAt` in src/widgets/playground/model.ts comes from here).
 * Run: node_modules/.bin/node bench/unsure.ts [weights files…] (default: the Playground's readers)
 */
import { prepareDigit, softmax } from '../engine/index.ts';
import { loadMnist } from '../bin/mnist.ts';
import { READERS, UNSURE_SHARE } from '../src/widgets/playground/model.ts';
import { readersFromArgs } from './readers.ts';

const FLAG_RIGHT = UNSURE_SHARE;
const test = loadMnist('test');
const quantile = (xs: number[], q: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const f = (x: number) => x.toFixed(3);

for (const { file, variant, model, loss } of readersFromArgs(process.argv.slice(2))) {
  const faithful = variant.name === 'faithful';
  const right: number[] = [], wrong: number[] = [];
  const input = new Float32Array(1024);
  for (let i = 0; i < test.count; i++) {
    const out = model.forward(prepareDigit(test, i, input)).output;
    const score = faithful ? Math.min(...out) : Math.max(...softmax(out));
    (loss.predict(out) === test.labels[i] ? right : wrong).push(score);
  }
  // Faithful: large distances are unsure, so flag above the 98th percentile; modern: below the 2nd.
  const threshold = faithful ? quantile(right, 1 - FLAG_RIGHT) : quantile(right, FLAG_RIGHT);
  const shipped = READERS.find((r) => file.endsWith(`/${r.file}`))?.unsureAt;
  const flagged = (xs: number[], t: number) => xs.filter((x) => (faithful ? x > t : x < t)).length / xs.length;
  console.log(`${file} (${variant.name}, ${faithful ? 'smallest distance' : 'top probability'}): ${right.length} right, ${wrong.length} wrong`);
  console.log(`  right: median ${f(quantile(right, 0.5))}, 2 %/98 % ${f(quantile(right, 0.02))}/${f(quantile(right, 0.98))}; wrong: median ${f(quantile(wrong, 0.5))}`);
  console.log(`  threshold flagging ${100 * FLAG_RIGHT} % of right answers: ${f(threshold)} — flags ${(100 * flagged(wrong, threshold)).toFixed(0)} % of wrong ones`);
  if (shipped !== undefined) console.log(`  the Playground's ${shipped}: flags ${(100 * flagged(right, shipped)).toFixed(1)} % of right and ${(100 * flagged(wrong, shipped)).toFixed(0)} % of wrong answers`);
}
