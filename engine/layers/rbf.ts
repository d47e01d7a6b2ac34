/**
 * Euclidean RBF output layer (section II.B, eq. 7): yᵢ = Σⱼ (xⱼ − wᵢⱼ)². The weights wᵢ are
 * fixed ±1 codes — in LeNet-5 a 7×12 bitmap of each digit, hence F6's 84 units — so they are
 * counted as fixed parameters, not trainable ones. The smallest yᵢ is the network's answer.
 */
import { SpecError, unitsOf, type RbfSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';

export function rbfCounts(spec: RbfSpec, input: Shape): LayerCounts {
  const { name, codes } = spec;
  const length = unitsOf(input);
  if (!Array.isArray(codes) || codes.length < 2) {
    throw new SpecError(name, 'number of codes', Array.isArray(codes) ? codes.length : codes,
      'at least 2 (one code per class)');
  }
  codes.forEach((code, i) => {
    if (!Array.isArray(code) || code.length !== length) {
      throw new SpecError(name, `code ${i} length`, Array.isArray(code) ? code.length : code,
        `${length}, the number of units of its input`, 'differs from its input');
    }
    if (!code.every((w) => typeof w === 'number' && Number.isFinite(w))) {
      throw new SpecError(name, `code ${i}`, 'a non-finite entry', 'finite numbers only');
    }
  });
  const weights = codes.length * length;
  return { output: { maps: codes.length, height: 1, width: 1 }, params: 0, fixedParams: weights, connections: weights, macs: weights };
}
