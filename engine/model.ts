/**
 * A network you can run: the spec's layers turned into numerics, with all trainable parameters
 * in one Float32Array. `forward` returns a trace of every layer's activations (the site draws
 * them); `backward` takes that trace and adds the gradient into a caller-owned buffer. Layers
 * never keep activations on themselves, so one model can serve many traces.
 */
import { analyze, type Analysis } from './analyze.ts';
import { unitsOf, type Activation, type LayerKind, type NetworkSpec, type Shape } from './spec.ts';
import { Random } from './random.ts';
import type { InlineStep, LayerOps } from './layers/ops.ts';
import { activate, activationBackward } from './layers/activation.ts';
import { convOps } from './layers/conv.ts';
import { subsampleOps } from './layers/subsample.ts';
import { fullOps } from './layers/full.ts';
import { rbfOps } from './layers/rbf.ts';
import { Arena, at, kernelsFor } from './kernels/kernels.ts';

export interface ModelOptions {
  /**
   * Use the WebAssembly SIMD kernels where they run (default true). false keeps every layer in
   * its JavaScript loops — the reference the tests compare the kernels with.
   */
  kernels?: boolean;
}

/** Traces, besides the model's own, that `newTrace` places where the kernels can reach them. */
const SPARE_TRACES = 4;

/** One layer of a model: where its parameters sit, and its numerics. */
export interface ModelLayer {
  readonly name: string;
  readonly kind: LayerKind;
  readonly activation: Activation;
  readonly input: Shape;
  readonly output: Shape;
  /** First index of this layer's parameters in `Model.params`. */
  readonly offset: number;
  readonly paramCount: number;
  /** Replaceable on purpose: the gradient-check tests swap in a broken backward as a negative control. */
  ops: LayerOps;
}

/** The activations of one layer for one input. */
export interface LayerTrace {
  readonly name: string;
  readonly kind: LayerKind;
  readonly shape: Shape;
  /** Weighted sums before the non-linearity, map by map, row by row. */
  readonly pre: Float32Array;
  /** Outputs after the non-linearity (the same buffer as `pre` when the activation is 'none'). */
  readonly out: Float32Array;
  /** Max pooling only: the index in the layer's input of each unit's winning input. */
  readonly argmax: Int32Array | null;
}

/** Everything a forward pass computed; `output` is the last layer's `out`. */
export interface Trace {
  readonly input: Float32Array;
  readonly layers: LayerTrace[];
  readonly output: Float32Array;
}

/** `alloc` gives a layer room for fixed weights where the kernels can read them (the RBF codes). */
function opsOf(spec: NetworkSpec['layers'][number], input: Shape, output: Shape, alloc: (n: number) => Float32Array): LayerOps {
  switch (spec.kind) {
    case 'conv': return convOps(spec, input, output);
    case 'subsample': return subsampleOps(spec, input, output);
    case 'full': return fullOps(spec, input);
    case 'rbf': return rbfOps(spec, input, alloc);
  }
}

/**
 * into[i] = a[i]² over `into`, and returns it. A product of two floats is exact in a double, so
 * the kernel's float32 product and JavaScript's rounded double are the same bits.
 */
function squareInto(a: Float32Array, into: Float32Array): Float32Array {
  const K = kernelsFor(a, into);
  if (K) K.square(at(a, 0), at(into, 0), into.length);
  else for (let i = 0; i < into.length; i++) into[i] = a[i] * a[i];
  return into;
}

export class Model {
  readonly spec: NetworkSpec;
  readonly analysis: Analysis;
  readonly layers: ModelLayer[];
  /** All trainable parameters, layer after layer, in the order each layer file documents. */
  readonly params: Float32Array;
  /**
   * A buffer of `paramCount` floats for `backward` to add gradients into (the Trainer's). Any
   * Float32Array works as well, but this one sits where the kernels can write, which makes
   * back-propagation two to three times faster. Whoever uses it zeroes it first.
   */
  readonly gradients: Float32Array;
  /**
   * A second buffer of `paramCount` floats beside the parameters, for an optimiser's
   * per-parameter factors (SDLM's gains, optim.ts): there the update runs as one SIMD kernel
   * instead of a JavaScript loop. Whoever uses it fills it first.
   */
  readonly paramFactors: Float32Array;
  readonly inputUnits: number;
  readonly outputUnits: number;
  /** The trace `forward` writes into when not given one. */
  readonly trace: Trace;
  // Back-propagation scratch, allocated once: ∂E/∂out and ∂E/∂pre of every layer, squared
  // inputs and parameters for the second-order pass.
  private readonly dOut: Float32Array[];
  private readonly dPre: Float32Array[];
  private readonly squaredIn: Float32Array[];
  private readonly squaredParams: Float32Array;
  /** Where params, scratch and traces live: WebAssembly memory when the kernels run. */
  private readonly arena: Arena;

  /** Builds the model (refusing a bad spec with a SpecError) and initialises it from `seed`. */
  constructor(spec: NetworkSpec, seed = 1, options: ModelOptions = {}) {
    this.analysis = analyze(spec);
    this.spec = spec;
    const a = this.analysis;
    const units = a.layers.reduce((n, l) => n + unitsOf(l.output), 0);
    const winners = spec.layers.reduce((n, l, i) => n + (l.kind === 'subsample' && l.pool === 'max' ? unitsOf(a.layers[i].output) : 0), 0);
    const traceFloats = unitsOf(a.input) + 2 * units + winners;
    const scratch = 2 * units + a.layers.reduce((n, l) => n + unitsOf(l.input), 0);
    // Parameters, gradients, optimiser factors, squared parameters; the fixed weights (RBF codes).
    this.arena = new Arena(4 * a.total.params + a.total.fixedParams + (1 + SPARE_TRACES) * traceFloats + scratch, options.kernels ?? true);
    let offset = 0;
    this.layers = spec.layers.map((layer, i) => {
      const report = a.layers[i];
      const ops = opsOf(layer, report.input, report.output, (n) => this.arena.alloc(n));
      const built: ModelLayer = {
        name: layer.name, kind: layer.kind, activation: layer.kind === 'rbf' ? 'none' : layer.activation,
        input: report.input, output: report.output, offset, paramCount: ops.paramCount, ops,
      };
      offset += ops.paramCount;
      return built;
    });
    this.inputUnits = unitsOf(a.input);
    this.outputUnits = unitsOf(this.layers[this.layers.length - 1].output);
    this.params = this.arena.alloc(offset);
    this.gradients = this.arena.alloc(offset);
    this.paramFactors = this.arena.alloc(offset);
    this.squaredParams = this.arena.alloc(offset);
    this.trace = this.newTrace();
    this.dOut = this.layers.map((l) => this.arena.alloc(unitsOf(l.output)));
    this.dPre = this.layers.map((l, i) => (l.activation === 'none' ? this.dOut[i] : this.arena.alloc(unitsOf(l.output))));
    this.squaredIn = this.layers.map((l) => this.arena.alloc(unitsOf(l.input)));
    this.init(seed);
  }

  get paramCount(): number {
    return this.params.length;
  }

  /** True when the layers run the WebAssembly SIMD kernels (see kernels/kernels.ts). */
  get usesKernels(): boolean {
    return this.arena.kernels !== null;
  }

  /** Re-initialises every parameter from `seed` (uniform in ±2.4/fan-in for squashing units). */
  init(seed: number): void {
    const rng = new Random(seed);
    for (const l of this.layers) l.ops.init(this.params, l.offset, rng);
  }

  /** A fresh set of buffers for one forward pass, e.g. to keep several inputs' activations. */
  newTrace(): Trace {
    const layers = this.layers.map((l, i): LayerTrace => {
      const n = unitsOf(l.output);
      const pre = this.arena.alloc(n);
      const spec = this.spec.layers[i];
      return {
        name: l.name, kind: l.kind, shape: l.output, pre,
        out: l.activation === 'none' ? pre : this.arena.alloc(n),
        argmax: spec.kind === 'subsample' && spec.pool === 'max' ? this.arena.allocInt32(n) : null,
      };
    });
    return { input: this.arena.alloc(this.inputUnits), layers, output: layers[layers.length - 1].out };
  }

  /**
   * Runs the network on one input (maps × height × width, row by row; for LeNet-5 a 32×32
   * image prepared by `prepareDigit`). Copies the input into the trace and returns the trace.
   */
  forward(input: ArrayLike<number>, trace: Trace = this.trace): Trace {
    if (input.length !== this.inputUnits) {
      throw new RangeError(`forward: input has ${input.length} values, the network expects ${this.inputUnits}`);
    }
    if (input !== trace.input) trace.input.set(input);
    let x = trace.input;
    for (let i = 0; i < this.layers.length; i++) {
      const l = this.layers[i];
      const t = trace.layers[i];
      l.ops.forward(this.params, l.offset, x, t.pre, t.argmax);
      activate(l.activation, t.pre, t.out, t.out.length);
      x = t.out;
    }
    return trace;
  }

  /**
   * Back-propagation (section II and appendix of the paper): from dOutput = ∂E/∂output of the
   * trace's forward pass, ADDS ∂E/∂parameter into `grads` (length `paramCount`; the caller zeroes
   * it, which lets gradients of several samples accumulate).
   *
   * Given the optimiser's `step` (a batch of this one sample), layers that can move their weights
   * at once do (ops.ts, InlineStep) and leave those gradients 0; `stepped` then lists them.
   */
  backward(trace: Trace, dOutput: ArrayLike<number>, grads: Float32Array, step: InlineStep | null = null): void {
    this.backwardPass(trace, dOutput, grads, this.params, false, step);
  }

  /**
   * The parameters the last `backward` moved at once, as [start, end) pairs in increasing order
   * (the optimiser's `update` skips them). Reused from call to call.
   */
  readonly stepped: number[] = [];

  /**
   * The paper's estimate of the Hessian's diagonal for one sample (appendix C): second
   * derivatives back-propagated with the Gauss–Newton approximation — like `backward`, with
   * weights and inputs squared and f′ squared. `d2Output` is the loss's curvature
   * (`Loss.curvature`). ADDS ∂²E/∂parameter² into `hess`.
   */
  backwardSecondOrder(trace: Trace, d2Output: ArrayLike<number>, hess: Float32Array): void {
    squareInto(this.params, this.squaredParams);
    this.backwardPass(trace, d2Output, hess, this.squaredParams, true);
  }

  private backwardPass(trace: Trace, dOutput: ArrayLike<number>, into: Float32Array, params: Float32Array,
    secondOrder: boolean, step: InlineStep | null = null): void {
    const last = this.layers.length - 1;
    if (dOutput.length !== this.outputUnits || into.length !== this.params.length) {
      throw new RangeError(`backward: expected ${this.outputUnits} output derivatives and ${this.params.length} slots, ` +
        `got ${dOutput.length} and ${into.length}`);
    }
    this.dOut[last].set(dOutput);
    const stepped = this.stepped;
    stepped.length = 0;
    for (let i = last; i >= 0; i--) {
      const l = this.layers[i];
      const t = trace.layers[i];
      activationBackward(l.activation, t.pre, t.out, this.dOut[i], this.dPre[i], t.out.length, secondOrder);
      let x = i === 0 ? trace.input : trace.layers[i - 1].out;
      if (secondOrder) x = squareInto(x, this.squaredIn[i]);
      const dX = i === 0 ? null : this.dOut[i - 1];
      if (step && l.ops.backwardStep) {
        const moved = l.ops.backwardStep(params, l.offset, x, this.dPre[i], dX, into, step);
        if (moved > 0) stepped.push(l.offset + moved, l.offset); // reversed below, with the order of the layers
      } else {
        l.ops.backward(params, l.offset, x, this.dPre[i], dX, into, t.argmax, secondOrder);
      }
    }
    stepped.reverse();
  }
}
