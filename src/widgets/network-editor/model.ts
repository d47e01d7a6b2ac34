/**
 * The network editor's pure model: the reader's input size and C1 settings become a modified
 * copy of the paper's spec (lenet5()), which the engine analyses as a whole — so every later
 * layer's shape, parameters and connections, and the totals, follow. Nothing is counted here.
 */
import { analyze, lenet5, SpecError, type Analysis, type LayerReport, type NetworkSpec, type Shape } from '../../../engine/index.ts';

/** What the reader may change, by the name of its control. */
export type EditorControl = 'inputSize' | 'c1Maps' | 'c1Kernel';
export type EditorSettings = Record<EditorControl, number>;

function c1Of(spec: NetworkSpec) {
  const c1 = spec.layers[0];
  if (c1.kind !== 'conv') throw new Error('LeNet-5’s first layer should be the convolution C1');
  return c1;
}

/** The paper's settings: the reset values of the controls. */
export function paperEditorSettings(): EditorSettings {
  const spec = lenet5();
  const c1 = c1Of(spec);
  return { inputSize: spec.input.size, c1Maps: c1.maps, c1Kernel: c1.kernel };
}

/**
 * The paper's network with the reader's settings. C3's connection table (Table I) is written for
 * exactly six input maps; with any other number of C1 maps it cannot apply, so C3 then connects
 * every output map to every input map, and `c3TableKept` says so.
 */
export function editedNetwork(settings: EditorSettings): { spec: NetworkSpec; c3TableKept: boolean } {
  const spec = lenet5();
  const c1 = c1Of(spec);
  const paperMaps = c1.maps;
  spec.input.size = settings.inputSize;
  c1.maps = settings.c1Maps;
  c1.kernel = settings.c1Kernel;
  const c3TableKept = settings.c1Maps === paperMaps;
  if (!c3TableKept) {
    for (const layer of spec.layers) if (layer.name === 'C3' && layer.kind === 'conv') delete layer.table;
  }
  return { spec, c3TableKept };
}

/**
 * How far the input gets when a layer refuses it: the layers the engine could build, in order (each
 * analysed by the engine, as a network that stops before the refused layer), the layer that
 * refused, and the layers never reached — e.g. a 28×28 input: 24×24, 12×12, 8×8, 4×4, then C5's
 * 5×5 kernel no longer fits.
 */
export interface BrokenChain {
  input: Shape;
  built: LayerReport[];
  failed: string;
  notReached: string[];
}

export type EditorResult =
  | { ok: true; analysis: Analysis; c3TableKept: boolean }
  /**
   * `control` is set when the refused setting is one of the reader's; otherwise a later layer no
   * longer fits. `chain` is set when a layer (not the input itself) refused.
   */
  | { ok: false; error: SpecError; control: EditorControl | undefined; chain: BrokenChain | undefined };

const CONTROL_OF: Record<string, EditorControl> = {
  'input/input size': 'inputSize',
  'C1/feature maps': 'c1Maps',
  'C1/kernel size': 'c1Kernel',
};

export function computeNetwork(settings: EditorSettings): EditorResult {
  const { spec, c3TableKept } = editedNetwork(settings);
  try {
    return { ok: true, analysis: analyze(spec), c3TableKept };
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return { ok: false, error: err, control: CONTROL_OF[`${err.layer}/${err.setting}`], chain: brokenChain(spec, err.layer) };
  }
}

function brokenChain(spec: NetworkSpec, failed: string): BrokenChain | undefined {
  const at = spec.layers.findIndex((l) => l.name === failed);
  if (at < 0) return undefined;
  // The layers before the refused one were built when the whole network was analysed, so the
  // network cut just before it analyses too. With nothing before it, the input is the spec's own.
  const before = at > 0 ? analyze({ ...spec, layers: spec.layers.slice(0, at) }) : undefined;
  return {
    input: before?.input ?? { maps: spec.input.channels, height: spec.input.size, width: spec.input.size },
    built: before?.layers ?? [],
    failed,
    notReached: spec.layers.slice(at + 1).map((l) => l.name),
  };
}

/** A layer's output shape as the table prints it: maps@height×width. */
export const shapeText = (s: { maps: number; height: number; width: number }): string => `${s.maps}@${s.height}×${s.width}`;
