/**
 * Build time only (Node): the real feature maps the subsampling widget works on. A real MNIST
 * test digit (the site's shared sample digits, src/data/digits.ts) goes through the engine's
 * LeNet-5 with the shipped pretrained weights (public/weights/faithful.bin, the file the
 * activation views fetch); the widget gets every map of the layer that feeds S2 (C1) or S4 (C3),
 * each with the coefficient and bias that training gave it, and opens on the map with the most
 * contrast. Without a weights file (a fresh checkout before `lenet train`), the same digit goes
 * through the network's seeded initial weights instead, and the caption says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWeights, Model, prepareDigit, VARIANTS } from '../../../engine/index.ts';
import { sampleDigits } from '../../data/digits.ts';

export const WEIGHTS_FILE = join('public', 'weights', 'faithful.bin');
/** The digit shown, as in the activation views: the first test image of a 3. */
export const DIGIT = 3;

/** One input map and its subsampling unit's own coefficient and bias. */
export interface SourceMap {
  values: Float32Array;
  start: { coefficient: number; bias: number };
}

export interface MapSource {
  /** The layer whose maps go in: 'C1' for S2, 'C3' for S4. */
  feeding: string;
  size: number;
  maps: SourceMap[];
  /** The map the widget opens on: the one with the most variance. */
  first: number;
  /** True when the weights are the pretrained ones. */
  trained: boolean;
  digit: { index: number; label: number };
}

const cache = new Map<string, MapSource>();

/** Variance of one plane: how much there is to see in it. */
function variance(values: Float32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let s = 0;
  for (const v of values) s += (v - mean) ** 2;
  return s / values.length;
}

/** Slider positions: both sliders move in steps of 0.01. */
const round = (v: number): number => Math.round(v * 100) / 100;

export function featureMapsFor(layer: 'S2' | 'S4'): MapSource {
  const hit = cache.get(layer);
  if (hit) return hit;
  const model = new Model(VARIANTS.faithful.spec());
  const trained = existsSync(WEIGHTS_FILE);
  if (trained) loadWeights(model, new Uint8Array(readFileSync(WEIGHTS_FILE)), WEIGHTS_FILE);
  const digit = sampleDigits().find((d) => d.label === DIGIT)!;
  const input = prepareDigit({ pixels: Uint8Array.from(digit.pixels), rows: 28, cols: 28 }, 0, new Float32Array(model.inputUnits));
  const trace = model.forward(input);
  const at = model.layers.findIndex((l) => l.name === layer);
  const feeding = trace.layers[at - 1];
  const { maps: count, height } = feeding.shape;
  const plane = height * height;
  // The subsampling layer's parameters: one coefficient per map, then one bias per map.
  const { offset } = model.layers[at];
  const maps = Array.from({ length: count }, (_, m): SourceMap => ({
    // Three decimals: what the page inlines, so the build-time render and the browser see the same map.
    values: Float32Array.from(feeding.out.subarray(m * plane, (m + 1) * plane), (x) => Math.round(x * 1e3) / 1e3),
    start: { coefficient: round(model.params[offset + m]), bias: round(model.params[offset + count + m]) },
  }));
  let first = 0;
  maps.forEach((m, i) => { if (variance(m.values) > variance(maps[first].values)) first = i; });
  const source: MapSource = { feeding: feeding.name, size: height, maps, first, trained, digit: { index: digit.index, label: digit.label } };
  cache.set(layer, source);
  return source;
}
