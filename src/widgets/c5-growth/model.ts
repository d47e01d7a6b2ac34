/**
 * The C5 growth widget's pure model: the whole of LeNet-5, analysed by the engine with a larger
 * (or smaller) input. Nothing is derived here — every shape and count comes from `analyze`; this
 * module only picks out what the widget shows.
 */
import { analyze, lenet5, SpecError, type LayerReport, type Shape } from '../../../engine/index.ts';

/** The paper's input side, and the range the widget's control offers. */
export const PAPER_SIZE = lenet5().input.size;
export const MIN_SIZE = 8;
export const MAX_SIZE = 96;

export interface Grown {
  ok: true;
  size: number;
  input: Shape;
  /** Every layer of the network with its input and output shapes and counts. */
  layers: LayerReport[];
  c5: LayerReport;
  /** The layer that feeds C5 (S4): its maps are what C5's 5×5 kernels slide over. */
  s4: LayerReport;
  /** C5's kernel side, from the spec. */
  kernel: number;
}

export type Growth = Grown | { ok: false; size: number; error: SpecError };

/** LeNet-5 with an input of `size`×`size`, everything else as in the paper. */
export function networkAt(size: number) {
  const spec = lenet5();
  spec.input = { ...spec.input, size };
  return spec;
}

export function grow(size: number): Growth {
  const spec = networkAt(size);
  try {
    const a = analyze(spec);
    const find = (name: string) => {
      const layer = a.layers.find((l) => l.name === name);
      if (!layer) throw new Error(`LeNet-5 has no layer ${name}`);
      return layer;
    };
    const c5spec = spec.layers.find((l) => l.name === 'C5');
    const kernel = c5spec?.kind === 'conv' ? c5spec.kernel : 0;
    return { ok: true, size, input: a.input, layers: a.layers, c5: find('C5'), s4: find('S4'), kernel };
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return { ok: false, size, error: err };
  }
}

/** maps@height×width, the way the whole site writes a shape. */
export const shapeText = (s: Shape): string => `${s.maps}@${s.height}×${s.width}`;
