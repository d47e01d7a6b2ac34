/**
 * The network as data (in the spirit of ConvNetJS's layer lists): an input and a list of layers.
 * Everything else — shapes, parameter and connection counts, the numerics — is derived from a
 * spec by pure functions, so the site, the command line and the tests can never disagree.
 */

/** The unit non-linearity applied after a layer's weighted sum. */
export type Activation =
  /** The paper's squashing function f(a) = A·tanh(S·a), A = 1.7159, S = 2/3 (appendix A). */
  | 'squash'
  | 'relu'
  | 'none';

export interface InputSpec {
  /** Side of the square input image in pixels (32 for LeNet-5: MNIST's 28×28 padded by 2). */
  size: number;
  /** Number of input planes (1 for grey-level digits). */
  channels: number;
}

/** A convolution layer (C1, C3, C5). */
export interface ConvSpec {
  kind: 'conv';
  name: string;
  /** Number of feature maps produced. */
  maps: number;
  /** Side of the square receptive field. */
  kernel: number;
  /** Step between neighbouring receptive fields; 1 in the paper. */
  stride?: number;
  /** Zero rows and columns added on each side of the input; 0 in the paper. */
  padding?: number;
  /**
   * Which input maps feed each output map: `table[o]` lists the input maps of output map `o`
   * (Table I of the paper for C3). Omitted: every output map sees every input map.
   */
  table?: number[][];
  activation: Activation;
}

/**
 * Subsampling (S2, S4). `trainable` is the paper's kind: the window's inputs are summed,
 * multiplied by one trainable coefficient per map, and a trainable bias per map is added
 * (section II.B). `average` and `max` are the modern, parameter-free poolings.
 */
export interface SubsampleSpec {
  kind: 'subsample';
  name: string;
  pool: 'trainable' | 'average' | 'max';
  /** Side of the square window; 2 in the paper. */
  window: number;
  /** Step between windows; defaults to the window (non-overlapping, as in the paper). */
  stride?: number;
  activation: Activation;
}

/** A fully connected layer (F6): every unit sees every input unit, plus a bias. */
export interface FullSpec {
  kind: 'full';
  name: string;
  units: number;
  activation: Activation;
}

/**
 * The paper's Euclidean radial basis function output: yᵢ = Σⱼ (xⱼ − wᵢⱼ)² with fixed weights
 * (section II.B). The smallest yᵢ is the answer. `codes[i]` is the code of class i.
 */
export interface RbfSpec {
  kind: 'rbf';
  name: string;
  codes: number[][];
}

export type LayerSpec = ConvSpec | SubsampleSpec | FullSpec | RbfSpec;
export type LayerKind = LayerSpec['kind'];

export interface NetworkSpec {
  input: InputSpec;
  layers: LayerSpec[];
}

/** A layer's output: `maps` planes of `height`×`width` units (a vector is maps×1×1). */
export interface Shape {
  maps: number;
  height: number;
  width: number;
}

export const unitsOf = (s: Shape): number => s.maps * s.height * s.width;

/**
 * A spec that cannot be built. The message names the layer, the setting, the offending value
 * and what would be allowed, so the site can show it next to the control that caused it.
 */
export class SpecError extends Error {
  readonly layer: string;
  readonly setting: string;
  readonly value: unknown;
  readonly allowed: string;
  /** Why the value was refused, e.g. 'is larger than the input 4×4'. */
  readonly reason: string;
  constructor(layer: string, setting: string, value: unknown, allowed: string, reason = 'is not allowed') {
    const shown = typeof value === 'number' || typeof value === 'string' ? String(value) : JSON.stringify(value);
    super(`${layer}: ${setting} ${shown ?? String(value)} ${reason} (allowed: ${allowed})`);
    this.name = 'SpecError';
    this.layer = layer;
    this.setting = setting;
    this.value = value;
    this.allowed = allowed;
    this.reason = reason;
  }
}

/** The largest size any setting may take: keeps every count an exact integer in a double. */
export const MAX_SIZE = 4096;

/** Refuses anything but a whole number in [min, max]; returns it typed as a number. */
export function wholeNumber(layer: string, setting: string, value: unknown, min: number, max = MAX_SIZE): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SpecError(layer, setting, value, `a whole number from ${min} to ${max}`, 'is not a whole number in range');
  }
  return value;
}
