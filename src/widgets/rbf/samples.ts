/**
 * Build time only (Node): F6's state for the site's sample test digits, computed by the engine's
 * forward pass with the shipped pretrained weights (public/weights/, the same file the
 * activation views load), so a page can show a real digit's RBF distances without loading them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWeights, Model, prepareDigit, VARIANTS } from '../../../engine/index.ts';
import { sampleDigits, type SampleDigit } from '../../data/digits.ts';

export interface SampleF6 {
  /** Position in the MNIST test set, and the true digit. */
  index: number;
  label: number;
  /** F6's 84 outputs, row by row of the 7×12 grid. */
  f6: number[];
}

/** The trained faithful network, read from the file the site ships. */
export function pretrainedFaithful(path = join(process.cwd(), 'public', 'weights', `${VARIANTS.faithful.name}.bin`)): Model {
  const model = new Model(VARIANTS.faithful.spec());
  loadWeights(model, readFileSync(path), path);
  return model;
}

/** F6's state for each digit, from `model`'s forward pass (rounded to 4 decimals for the page). */
export function sampleF6States(model: Model, digits: SampleDigit[] = sampleDigits()): SampleF6[] {
  const f6 = model.layers.findIndex((l) => l.name === 'F6');
  if (f6 < 0) throw new Error('The model has no layer F6');
  const input = new Float32Array(model.inputUnits);
  return digits.map((d) => {
    const trace = model.forward(prepareDigit({ pixels: Uint8Array.from(d.pixels), rows: 28, cols: 28 }, 0, input));
    return { index: d.index, label: d.label, f6: Array.from(trace.layers[f6].out, (v) => Math.round(v * 1e4) / 1e4) };
  });
}
