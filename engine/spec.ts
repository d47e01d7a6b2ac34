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
  /** The logistic 1/(1 + e^{−a}), in (0, 1): what the LeNet of most tutorials uses (Dive into Deep Learning, §7.6). */
  | 'sigmoid'
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
 * The value is shown through `preview`: a 50 MB array or a 1 MB string is refused with a line,
 * not echoed whole.
 */
export class SpecError extends Error {
  readonly layer: string;
  readonly setting: string;
  readonly value: unknown;
  readonly allowed: string;
  /** Why the value was refused, e.g. 'is larger than the input 4×4'. */
  readonly reason: string;
  constructor(layer: string, setting: string, value: unknown, allowed: string, reason = 'is not allowed') {
    // A missing setting has no value to show: "C1: activation is missing (allowed: …)".
    const shown = value === undefined ? '' : ` ${preview(value)}`;
    super(`${cut(layer)}: ${cut(setting)}${shown} ${reason} (allowed: ${allowed})`);
    this.name = 'SpecError';
    this.layer = layer;
    this.setting = setting;
    this.value = value;
    this.allowed = allowed;
    this.reason = reason;
  }
}

/** How many characters of a refused value a message shows: enough to recognise it. */
const PREVIEW_CHARS = 60;

/** A string cut to PREVIEW_CHARS, control characters escaped (they could rewrite a terminal). */
function cut(text: string): string {
  let head = text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS - 20) : text;
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1); // never half a character
  const safe = head.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > PREVIEW_CHARS ? `${safe}… (${text.length.toLocaleString('en-US')} characters)` : safe;
}

/**
 * A short, bounded picture of any value for a message: numbers and strings as they are (cut),
 * arrays and objects as JSON up to about PREVIEW_CHARS characters and two levels deep, then
 * "…" and how many items there were. Bounded depth, so a value nested 10,000 levels deep is
 * shown as `[[[…]]]`, not a stack overflow.
 */
export function preview(value: unknown, depth = 0): string {
  if (typeof value === 'string') return depth === 0 ? cut(value) : JSON.stringify(cut(value));
  if (Array.isArray(value) || (value !== null && typeof value === 'object')) {
    const array = Array.isArray(value);
    const [open, close] = array ? ['[', ']'] : ['{', '}'];
    const keys = array ? [] : Object.keys(value);
    const length = array ? value.length : keys.length;
    if (length === 0) return open + close;
    if (depth >= 2) return `${open}…${close}`;
    let out = open;
    for (let i = 0; i < length; i++) {
      const item = array ? value[i] : (value as Record<string, unknown>)[keys[i]];
      const part = (i > 0 ? ',' : '') + (array ? '' : `${JSON.stringify(cut(keys[i]))}:`) + preview(item, depth + 1);
      if (out.length + part.length > PREVIEW_CHARS) {
        return `${out}${i > 0 ? ',' : ''}… (${length.toLocaleString('en-US')} ${array ? 'items' : 'keys'})${close}`;
      }
      out += part;
    }
    return out + close;
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

/**
 * The largest size any setting may take — input size, channels, feature maps, kernel, padding,
 * window, stride and units alike (README, "Network spec files"). Counts can still outgrow what
 * a double holds exactly; `analyze` refuses those separately (MAX_COUNT).
 */
export const MAX_SIZE = 4096;

/**
 * The largest count (parameters, connections, MACs) `analyze` reports: 2^53 − 1. Above it a
 * double no longer holds every whole number, so a count would be printed wrong, not refused.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** Refuses anything but a whole number in [min, max]; returns it typed as a number. */
export function wholeNumber(layer: string, setting: string, value: unknown, min: number, max = MAX_SIZE): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SpecError(layer, setting, value, `a whole number from ${min} to ${max}`,
      value === undefined ? 'is missing' : 'is not a whole number in range');
  }
  return value;
}

/** The settings of each kind of layer (README, "Network spec files"); any other key is refused. */
export const LAYER_SETTINGS: Record<LayerKind, readonly string[]> = {
  conv: ['kind', 'name', 'maps', 'kernel', 'stride', 'padding', 'table', 'activation'],
  subsample: ['kind', 'name', 'pool', 'window', 'stride', 'activation'],
  full: ['kind', 'name', 'units', 'activation'],
  rbf: ['kind', 'name', 'codes'],
};

/** What a setting that may be left out allows, and what leaving it out means, by kind of layer. */
function optionalSetting(key: string, kind: string): string | undefined {
  if (key === 'stride') return `a whole number from 1 to ${MAX_SIZE}; left out: ${kind === 'subsample' ? 'the window' : '1'}`;
  if (key === 'padding') return 'a whole number from 0 to one less than the kernel; left out: 0';
  if (key === 'table') return 'a list of rows; left out: every output map sees every input map';
  return undefined;
}

/**
 * Refuses keys that are not settings of `where` (a typo such as "strides" would otherwise be
 * ignored and a different network built), naming the nearest known key; and refuses `null`
 * for a setting that has a default, since JSON has no other way to say "leave it out".
 * A key whose value is `undefined` counts as absent (JSON cannot write one; code can).
 */
export function checkSettings(where: string, object: object, known: readonly string[], kind = ''): void {
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (!known.includes(key)) {
      const elsewhere = (Object.keys(LAYER_SETTINGS) as LayerKind[]).filter((k) => LAYER_SETTINGS[k].includes(key));
      const near = nearest(key, known);
      const hint = elsewhere.length > 0 && kind ? `; it belongs to ${elsewhere.join(' and ')} layers` : near ? `; did you mean "${near}"?` : '';
      throw new SpecError(where, key, value, known.join(', '), `is not a setting of ${kind ? `a ${kind} layer` : `the ${where}`}${hint}`);
    }
    const optional = optionalSetting(key, kind);
    if (value === null && optional) throw new SpecError(where, key, null, optional, 'is not a value: leave the setting out for its default');
  }
}

/** The known key closest to a misspelt one (at most a third of its letters off), if any. */
function nearest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Levenshtein distance, row by row; keys longer than 64 characters are no typo of ours. */
function editDistance(a: string, b: string): number {
  if (a.length > 64) return Infinity;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
