/**
 * Subsampling layer (S2, S4 — section II.B). In the paper's `trainable` kind the inputs of
 * each window are *summed*, multiplied by one trainable coefficient per map, a trainable bias
 * per map is added, and the result goes through the squashing function: 2 parameters per
 * map. `average` and `max` pooling are the parameter-free modern alternatives.
 */
import { SpecError, wholeNumber, type Shape, type SubsampleSpec } from '../spec.ts';
import type { LayerCounts } from './counts.ts';

export const POOLS = ['trainable', 'average', 'max'] as const;

export function subsampleCounts(spec: SubsampleSpec, input: Shape): LayerCounts {
  const name = spec.name;
  if (!POOLS.includes(spec.pool)) {
    throw new SpecError(name, 'pool', spec.pool, POOLS.join(', '));
  }
  const smaller = Math.min(input.height, input.width);
  const window = wholeNumber(name, 'window size', spec.window, 1);
  if (window > smaller) {
    throw new SpecError(name, 'window size', window, `1 to ${smaller}`,
      `is larger than the input ${input.height}×${input.width}`);
  }
  const stride = wholeNumber(name, 'stride', spec.stride ?? window, 1);
  const height = Math.floor((input.height - window) / stride) + 1;
  const width = Math.floor((input.width - window) / stride) + 1;
  const units = input.maps * height * width;
  const trainable = spec.pool === 'trainable';
  return {
    output: { maps: input.maps, height, width },
    params: trainable ? 2 * input.maps : 0,
    fixedParams: 0,
    // Each unit sees its window, and in the paper's kind the bias too: (2·2+1) per unit for S2.
    connections: (window * window + (trainable ? 1 : 0)) * units,
    // One multiplication per unit (by the coefficient, or by 1/window² to average); max only compares.
    macs: spec.pool === 'max' ? 0 : units,
  };
}
