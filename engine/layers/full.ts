/**
 * Fully connected layer (F6 — section II.B): each of its units computes a dot product of the
 * whole input (flattened) with its own weight vector, plus a bias.
 */
import { wholeNumber, unitsOf, type FullSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';

export function fullCounts(spec: FullSpec, input: Shape): LayerCounts {
  const units = wholeNumber(spec.name, 'units', spec.units, 1, 1_000_000);
  const fanIn = unitsOf(input);
  const params = (fanIn + 1) * units;
  return { output: { maps: units, height: 1, width: 1 }, params, fixedParams: 0, connections: params, macs: fanIn * units };
}
