/**
 * Looking inside a model: the learned weights, where the site draws them. The parameter layout
 * is the one documented in each layer's file (layers/conv.ts for convolutions).
 */
import type { Model } from './model.ts';
import { inputMapsOf } from './layers/conv.ts';
import { SQUASH_A } from './layers/activation.ts';

/**
 * The k×k kernel that convolution layer `layerName` applies to input map `source` to build its
 * output map `outMap` — a view on the model's parameters, not a copy.
 */
export function convKernel(model: Model, layerName: string, outMap: number, source: number): Float32Array {
  const i = model.layers.findIndex((l) => l.name === layerName);
  const spec = model.spec.layers[i];
  if (!spec || spec.kind !== 'conv') throw new RangeError(`convKernel: ${layerName} is not a convolution layer of this model`);
  const rows = inputMapsOf(spec, model.layers[i].input.maps);
  const at = rows[outMap]?.indexOf(source) ?? -1;
  if (at < 0) throw new RangeError(`convKernel: ${layerName} map ${outMap} is not connected to input map ${source}`);
  let connection = at;
  for (let o = 0; o < outMap; o++) connection += rows[o].length;
  const kk = spec.kernel * spec.kernel;
  const start = model.layers[i].offset + connection * kk;
  return model.params.subarray(start, start + kk);
}

/**
 * The trained coefficient and bias of every map of a trainable subsampling layer (S2, S4;
 * layers/subsample.ts: the coefficients first, then the biases) — views, not copies.
 */
export function subsampleParams(model: Model, layerName: string): { coefficient: Float32Array; bias: Float32Array } {
  const i = model.layers.findIndex((l) => l.name === layerName);
  const spec = model.spec.layers[i];
  if (!spec || spec.kind !== 'subsample' || spec.pool !== 'trainable') {
    throw new RangeError(`subsampleParams: ${layerName} is not a trainable subsampling layer of this model`);
  }
  const { offset, input } = model.layers[i];
  return {
    coefficient: model.params.subarray(offset, offset + input.maps),
    bias: model.params.subarray(offset + input.maps, offset + 2 * input.maps),
  };
}

/**
 * A map of a trainable subsampling layer is called quiet when the most its window can move the
 * weighted sum a, |coefficient|·window²·(largest |input|), stays below this: a then stays within
 * ±0.5 of the bias, where f is nearly a straight line, so the map is a faint, nearly constant blur.
 */
export const QUIET_REACH = 0.5;

export interface SubsampleMap {
  map: number;
  coefficient: number;
  bias: number;
  /** The most the window sum can move a: |coefficient|·window²·(largest |input|); Infinity for an unbounded input. */
  reach: number;
}

/**
 * The trained coefficient, bias and reach of every map of a trainable subsampling layer. Its
 * inputs are bounded when the layer before squashes them: |f(a)| < 1.7159 (appendix A).
 */
export function subsampleMaps(model: Model, layerName: string): SubsampleMap[] {
  const { coefficient, bias } = subsampleParams(model, layerName);
  const i = model.layers.findIndex((l) => l.name === layerName);
  const spec = model.spec.layers[i];
  const window = spec.kind === 'subsample' ? spec.window : 0;
  const bound = i > 0 && model.layers[i - 1].activation === 'squash' ? SQUASH_A : Infinity;
  return Array.from(coefficient, (c, map) => ({ map, coefficient: c, bias: bias[map], reach: Math.abs(c) * window * window * bound }));
}
