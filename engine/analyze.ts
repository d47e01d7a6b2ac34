/**
 * `analyze(spec)`: the pure shape and size analysis of a network. For each layer it infers the
 * output shape from its input, and counts trainable and fixed parameters, connections and
 * multiply-accumulates; then it adds them up. A spec that cannot be built is refused with a
 * `SpecError` naming the layer and the setting, so no caller ever sees NaN or a negative size.
 */
import { SpecError, wholeNumber, type Activation, type LayerKind, type LayerSpec, type NetworkSpec, type Shape } from './spec.ts';
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

const ACTIVATIONS: readonly Activation[] = ['squash', 'relu', 'sigmoid', 'none'];
const KINDS: readonly LayerKind[] = ['conv', 'subsample', 'full', 'rbf'];

function countsOf(layer: LayerSpec, input: Shape): LayerCounts {
  switch (layer.kind) {
    case 'conv': return convCounts(layer, input);
    case 'subsample': return subsampleCounts(layer, input);
    case 'full': return fullCounts(layer, input);
    case 'rbf': return rbfCounts(layer, input);
  }
}

export function analyze(spec: NetworkSpec): Analysis {
  if (spec === null || typeof spec !== 'object' || spec.input === null || typeof spec.input !== 'object') {
    throw new SpecError('network', 'input', spec?.input, 'an object { size, channels }');
  }
  const size = wholeNumber('input', 'input size', spec.input.size, 1);
  const channels = wholeNumber('input', 'channels', spec.input.channels, 1);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) {
    throw new SpecError('network', 'layers', spec.layers, 'a list of at least one layer');
  }
  const input: Shape = { maps: channels, height: size, width: size };
  const names = new Set<string>();
  const layers: LayerReport[] = [];
  let current = input;
  spec.layers.forEach((layer, i) => {
    const name = layer?.name;
    if (typeof name !== 'string' || name.trim() === '' || names.has(name)) {
      throw new SpecError(`layer ${i + 1}`, 'name', name, 'a non-empty name used by no other layer');
    }
    names.add(name);
    if (!KINDS.includes(layer.kind)) throw new SpecError(name, 'kind', layer.kind, KINDS.join(', '));
    if (layer.kind !== 'rbf' && !ACTIVATIONS.includes(layer.activation)) {
      throw new SpecError(name, 'activation', layer.activation, ACTIVATIONS.join(', '));
    }
    if (layer.kind === 'rbf' && i !== spec.layers.length - 1) {
      throw new SpecError(name, 'position', i + 1, `last (layer ${spec.layers.length})`, 'is not last, but an RBF layer is an output layer');
    }
    const counts = countsOf(layer, current);
    layers.push({ name, kind: layer.kind, input: current, ...counts });
    current = counts.output;
  });
  const total: Totals = { params: 0, fixedParams: 0, connections: 0, macs: 0 };
  for (const l of layers) {
    total.params += l.params;
    total.fixedParams += l.fixedParams;
    total.connections += l.connections;
    total.macs += l.macs;
  }
  return { input, layers, total };
}
