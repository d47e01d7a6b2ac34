/**
 * The two ready-made networks with everything needed to train them: the spec, the loss and
 * the optimiser settings. The command line, the tests and the site's trainer all start here.
 */
import { lenet5, modernLenet5 } from './lenet5.ts';
import type { NetworkSpec } from './spec.ts';
import type { LossName } from './loss.ts';
import type { OptimizerName } from './optim.ts';

export type VariantName = 'faithful' | 'modern';
export const VARIANT_NAMES: readonly VariantName[] = ['faithful', 'modern'];

export interface Variant {
  name: VariantName;
  spec: () => NetworkSpec;
  loss: LossName;
  optimizer: OptimizerName;
  /** The learning rate of the first pass; later passes follow the paper's schedule (optim.ts). */
  rate: number;
  /** SGD only. */
  momentum: number;
}

export const VARIANTS: Record<VariantName, Variant> = {
  /**
   * The paper's network and MAP loss. Its optimiser would be SDLM (η = 0.0005 → 0.00001,
   * μ = 0.02), but from the paper's ±2.4/Fᵢ initialisation our SDLM diverges within a few dozen
   * samples (see Sdlm in optim.ts), so the default is plain SGD with the paper's schedule scaled to 0.002.
   */
  faithful: { name: 'faithful', spec: lenet5, loss: 'map', optimizer: 'sgd', rate: 0.002, momentum: 0 },
  /** Today's habits: softmax cross-entropy and plain SGD, one sample at a time. */
  modern: { name: 'modern', spec: modernLenet5, loss: 'softmax', optimizer: 'sgd', rate: 0.01, momentum: 0 },
};
