import type { Shape } from '../spec.ts';

/**
 * What `analyze` reports for one layer. A connection is a link from one real input unit (or
 * the bias) to one output unit, as the paper counts them; a multiply-accumulate (MAC) is one
 * multiplication with its accumulation in the forward pass.
 */
export interface LayerCounts {
  output: Shape;
  /** Trainable parameters. */
  params: number;
  /** Parameters that exist but are never trained (the RBF codes). */
  fixedParams: number;
  connections: number;
  macs: number;
}
