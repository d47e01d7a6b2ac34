/**
 * The two ready-made networks with everything needed to train them: the spec, the loss and
 * the optimiser settings. The command line, the tests and the site's trainer all start here.
 */
import { lenet5, modernLenet5 } from './lenet5.ts';
import type { NetworkSpec } from './spec.ts';
import type { LossName } from './loss.ts';
import type { OptimizerName, ScheduleName } from './optim.ts';

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

/** Everything that decides a training run: with the same numbers, the same weights come out. */
export interface RunSettings {
  variant: VariantName;
  trainSize: number;
  passes: number;
  seed: number;
  optimizer: OptimizerName;
  rate: number;
  schedule: ScheduleName;
  batchSize: number;
  /** SGD only. */
  momentum: number;
  /** SDLM only. */
  mu: number;
  /** The faithful variant's MAP loss only. */
  mapJ: number;
}

/** The `lenet train` command that runs exactly these settings (the page shows it beside its own run). */
export function trainCommand(r: RunSettings): string {
  const loss = VARIANTS[r.variant].loss;
  return `lenet train --variant ${r.variant} --epochs ${r.passes} --train-size ${r.trainSize} --seed ${r.seed} ` +
    `--optimizer ${r.optimizer} --lr ${r.rate} --schedule ${r.schedule} --batch-size ${r.batchSize}` +
    (r.optimizer === 'sgd' && r.momentum ? ` --momentum ${r.momentum}` : '') +
    (r.optimizer === 'sdlm' ? ` --mu ${r.mu}` : '') +
    (loss === 'map' ? ` --map-j ${r.mapJ}` : '');
}
