/**
 * Build time only (Node): F6's state for the site's sample test digits, computed by the engine's
 * forward pass with the shipped pretrained weights (public/weights/, the same file the
 * activation views load), so a page can show a real digit's RBF distances without loading them.
 */
import { prepareDigit, rbfLoss, type Model } from '../../../engine/index.ts';
import { mnistTestSet, sampleDigits, type SampleDigit } from '../../data/digits.ts';

export interface SampleF6 {
  /** Position in the MNIST test set, and the true digit. */
  index: number;
  label: number;
  /** F6's 84 outputs, row by row of the 7×12 grid. */
  f6: number[];
  /** The ten RBF outputs yᵢ, unrounded (the MAP loss widget's input). */
  distances: number[];
}

/** F6's state (rounded to 4 decimals for the page) and the ten distances for each digit, from `model`'s forward pass. */
export function sampleF6States(model: Model, digits: SampleDigit[] = sampleDigits()): SampleF6[] {
  const f6 = model.layers.findIndex((l) => l.name === 'F6');
  if (f6 < 0) throw new Error('The model has no layer F6');
  const input = new Float32Array(model.inputUnits);
  return digits.map((d) => {
    const trace = model.forward(prepareDigit({ pixels: Uint8Array.from(d.pixels), rows: 28, cols: 28 }, 0, input));
    return { index: d.index, label: d.label, f6: Array.from(trace.layers[f6].out, (v) => Math.round(v * 1e4) / 1e4), distances: Array.from(trace.output) };
  });
}

const closeCache = new WeakMap<Model, SampleDigit[]>();

/**
 * The test digits the network finds hardest: the `count` whose two nearest codes are closest
 * (the smallest gap between the smallest and the second-smallest RBF distance), over all 10,000
 * test digits, in test-set order. Some of them it reads wrong. There the MAP loss's push on the
 * wrong classes is large enough to see; on the sample digits it is vanishingly small.
 */
export function closeCalls(model: Model, count = 3): SampleDigit[] {
  const cached = closeCache.get(model);
  if (cached) return cached.slice(0, count);
  const set = mnistTestSet();
  const side = set.rows * set.cols;
  const input = new Float32Array(model.inputUnits);
  const trace = model.newTrace();
  const gaps: { index: number; gap: number }[] = [];
  for (let i = 0; i < set.count; i++) {
    const y = model.forward(prepareDigit(set, i, input), trace).output;
    const best = rbfLoss().predict(y);
    let second = Infinity;
    for (let k = 0; k < y.length; k++) if (k !== best && y[k] < second) second = y[k];
    gaps.push({ index: i, gap: second - y[best] });
  }
  const chosen = gaps.sort((a, b) => a.gap - b.gap).slice(0, 6).map((g) => g.index).sort((a, b) => a - b)
    .map((index) => ({ index, label: set.labels[index], pixels: Array.from(set.pixels.subarray(index * side, (index + 1) * side)) }));
  closeCache.set(model, chosen);
  return chosen.slice(0, count);
}

/** The digits the F6 and MAP-loss widgets offer: the ten sample digits, then the three closest calls. */
export function widgetDigits(model: Model): SampleDigit[] {
  return [...sampleDigits(), ...closeCalls(model)];
}
