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

/**
 * The terms of one RBF output (eq. 7), unit by unit: tⱼ = (xⱼ − wⱼ)² for F6's state x and a code
 * w, so that yᵢ = Σⱼ tⱼ. On the 7×12 grid they show where F6's drawing and the code disagree.
 */
export function rbfTerms(x: ArrayLike<number>, code: ArrayLike<number>): number[] {
  if (x.length !== code.length) throw new RangeError(`RBF terms: F6 has ${x.length} units but the code ${code.length}`);
  return Array.from(x, (v, j) => (v - code[j]) ** 2);
}
