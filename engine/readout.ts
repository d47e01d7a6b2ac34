/**
 * Reading a network's ten outputs as a reader sees them. The faithful LeNet-5 ends in RBF units
 * whose outputs are squared distances to the ten codes (smallest wins, section II.B); the modern
 * variant ends in ten plain units read through a softmax, turned here into probabilities.
 */

/** pᵢ = e^{yᵢ − max y} / Σₖ e^{yₖ − max y}: probabilities that sum to 1, never overflowing. Writes into `out`. */
export function softmax(y: ArrayLike<number>, out: Float64Array = new Float64Array(y.length)): Float64Array {
  if (out.length !== y.length) throw new RangeError(`softmax: ${y.length} outputs but room for ${out.length}`);
  let m = -Infinity;
  for (let i = 0; i < y.length; i++) if (y[i] > m) m = y[i];
  let s = 0;
  for (let i = 0; i < y.length; i++) { out[i] = Math.exp(y[i] - m); s += out[i]; }
  for (let i = 0; i < y.length; i++) out[i] /= s;
  return out;
}
