import type { Random } from '../random.ts';

/**
 * The numerics of one layer, built once from its spec and input shape by the `*Ops` function
 * in the layer kind's file. A layer computes the weighted sums ("pre-activations") from its
 * input; the unit non-linearity is applied by the model (see activation.ts), so every kind
 * shares it. All parameters of a network live in one Float32Array; a layer reads its own slice
 * starting at `offset`. Nothing here allocates: buffers come from the caller (the model).
 */
export interface LayerOps {
  /** Trainable parameters of this layer. */
  readonly paramCount: number;
  /** Fills params[offset, offset + paramCount) with the paper's initial values. */
  init(params: Float32Array, offset: number, rng: Random): void;
  /**
   * x → pre: the weighted sums of every output unit. `argmax` is the layer's slot for the
   * winning input of each unit (max pooling only; null for every other kind).
   */
  forward(params: Float32Array, offset: number, x: Float32Array, pre: Float32Array, argmax: Int32Array | null): void;
  /**
   * Back-propagation through the weighted sums: from dPre = ∂E/∂pre, ADDS ∂E/∂parameter into
   * grads[offset …] and, unless `dX` is null (the first layer), WRITES ∂E/∂x into dX.
   *
   * With `secondOrder` it is the paper's back-propagation of diagonal second derivatives
   * (appendix C, Gauss–Newton approximation): the caller passes the squared parameters and
   * the squared inputs, and dPre = ∂²E/∂pre²; every formula above then turns into its
   * second-order twin (∂²E/∂x² = Σ w²·∂²E/∂pre², ∂²E/∂w² = Σ x²·∂²E/∂pre²). Layers with
   * fixed weights (average pooling, RBF) use the flag to square those themselves.
   */
  backward(params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
    grads: Float32Array, argmax: Int32Array | null, secondOrder: boolean): void;
  /**
   * `backward` for one sample that is a whole batch (the trainer, batch size 1), given the
   * optimiser's step: a layer whose every weight gets exactly one gradient term per sample (a full
   * layer, a dense C5) may move those weights at once, bit for bit as the optimiser's own pass
   * would have, instead of writing their gradients. Returns how many parameters from `offset` on
   * it has moved (their gradients stay 0; the optimiser skips them); 0 if it only added gradients.
   * Absent: the layer always just adds gradients.
   */
  backwardStep?(params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
    grads: Float32Array, step: InlineStep): number;
}

/** A layer's back-propagation that can take the optimiser's step (null: only add gradients); returns the weights it moved. */
export type SteppingBackward = (params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array,
  dX: Float32Array | null, grads: Float32Array, step: InlineStep | null) => number;

/** `backward` and `backwardStep` of such a layer: the same function, without a step and with one. */
export function stepping(f: SteppingBackward): Pick<LayerOps, 'backward' | 'backwardStep'> {
  return {
    backward: (params, offset, x, dPre, dX, grads) => { f(params, offset, x, dPre, dX, grads, null); },
    backwardStep: f,
  };
}

/**
 * The optimiser's step for one sample (optim.ts, `Optimizer.inlineStep`): SGD moves a weight by
 * −rate·g (gains null), SDLM by −rate·gainₖ·g, g the weight's gradient as it would have been stored.
 */
export interface InlineStep {
  rate: number;
  gains: Float32Array | null;
}
