/**
 * `analyze(spec)`: the pure shape and size analysis of a network. For each layer it infers the
 * output shape from its input, and counts trainable and fixed parameters, connections and
 * multiply-accumulates; then it adds them up. A spec that cannot be built is refused with a
 * `SpecError` naming the layer and the setting, so no caller ever sees NaN or a negative size.
 */
import { checkSettings, LAYER_SETTINGS, MAX_COUNT, SpecError, wholeNumber, type Activation, type LayerKind, type LayerSpec, type NetworkSpec, type Shape } from './spec.ts';
import type { LayerCounts } from './layers/counts.ts';
import { convCounts } from './layers/conv.ts';
import { subsampleCounts } from './layers/subsample.ts';
import { fullCounts } from './layers/full.ts';
import { rbfCounts } from './layers/rbf.ts';

export interface LayerReport extends LayerCounts {
  name: string;
  kind: LayerKind;
  input: Shape;
}

export interface Totals {
  params: number;
  fixedParams: number;
  connections: number;
  macs: number;
}

export interface Analysis {
  input: Shape;
  layers: LayerReport[];
  total: Totals;
}

const ACTIVATIONS: readonly Activation[] = ['squash', 'relu', 'none'];
const KINDS: readonly LayerKind[] = ['conv', 'subsample', 'full', 'rbf'];

function countsOf(layer: LayerSpec, input: Shape): LayerCounts {
  switch (layer.kind) {
    case 'conv': return convCounts(layer, input);
    case 'subsample': return subsampleCounts(layer, input);
    case 'full': return fullCounts(layer, input);
    case 'rbf': return rbfCounts(layer, input);
  }
}

/** What each count is called in a refusal. */
const COUNT_NAMES = { params: 'parameters', fixedParams: 'fixed parameters', connections: 'connections', macs: 'multiply-accumulates' } as const;

/**
 * Refuses counts a double cannot hold exactly (above MAX_COUNT = 2^53 − 1). Every count is a
 * sum of products of positive whole numbers, so when the result is at most 2^53 − 1 every step
 * on the way was exact too; above it, the count printed could be off, so it is refused instead.
 */
function checkExact(where: string, counts: Totals, prefix = ''): void {
  for (const key of Object.keys(COUNT_NAMES) as (keyof Totals)[]) {
    if (counts[key] > MAX_COUNT) {
      const [mantissa, exponent] = counts[key].toExponential(1).split('e+');
      throw new SpecError(where, `${prefix}${COUNT_NAMES[key]}`, `≈ ${mantissa} × 10^${exponent}`,
        `at most 2^53 − 1 = ${MAX_COUNT.toLocaleString('en-US')}`, 'is too large to count exactly');
    }
  }
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The longest layer name: a name is a label in a table, not a place for data. */
export const MAX_NAME = 64;

export function analyze(spec: NetworkSpec): Analysis {
  if (!isObject(spec)) throw new SpecError('network', 'spec', spec, 'an object { input, layers }', 'is not an object');
  checkSettings('network', spec, ['input', 'layers']);
  if (!isObject(spec.input)) {
    throw new SpecError('network', 'input', spec.input, 'an object { size, channels }', spec.input === undefined ? 'is missing' : 'is not allowed');
  }
  checkSettings('input', spec.input, ['size', 'channels']);
  const size = wholeNumber('input', 'input size', spec.input.size, 1);
  const channels = wholeNumber('input', 'channels', spec.input.channels, 1);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) {
    throw new SpecError('network', 'layers', spec.layers, 'a list of at least one layer', spec.layers === undefined ? 'is missing' : 'is not allowed');
  }
  const input: Shape = { maps: channels, height: size, width: size };
  const names = new Set<string>();
  const layers: LayerReport[] = [];
  let current = input;
  spec.layers.forEach((layer: unknown, i) => {
    if (!isObject(layer)) throw new SpecError(`layer ${i + 1}`, 'layer', layer, 'an object { kind, name, … }', 'is not an object');
    const l = layer as LayerSpec;
    const name = l.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME || names.has(name)) {
      throw new SpecError(`layer ${i + 1}`, 'name', name, `a non-empty name of at most ${MAX_NAME} characters used by no other layer`,
        name === undefined ? 'is missing' : 'is not allowed');
    }
    names.add(name);
    const kind = l.kind;
    if (!KINDS.includes(kind)) throw new SpecError(name, 'kind', kind, KINDS.join(', '), kind === undefined ? 'is missing' : 'is not allowed');
    checkSettings(name, layer, LAYER_SETTINGS[kind], kind);
    if (l.kind !== 'rbf' && !ACTIVATIONS.includes(l.activation)) {
      throw new SpecError(name, 'activation', l.activation, ACTIVATIONS.join(', '), l.activation === undefined ? 'is missing' : 'is not allowed');
    }
    if (l.kind === 'rbf' && i !== spec.layers.length - 1) {
      throw new SpecError(name, 'position', i + 1, `last (layer ${spec.layers.length})`, 'is not last, but an RBF layer is an output layer');
    }
    const counts = countsOf(l, current);
    checkExact(name, counts);
    layers.push({ name, kind, input: current, ...counts });
    current = counts.output;
  });
  const total: Totals = { params: 0, fixedParams: 0, connections: 0, macs: 0 };
  for (const l of layers) {
    total.params += l.params;
    total.fixedParams += l.fixedParams;
    total.connections += l.connections;
    total.macs += l.macs;
  }
  checkExact('network', total, 'total ');
  return { input, layers, total };
}
