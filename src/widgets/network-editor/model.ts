/**
 * The network editor's pure model: the reader's input size and C1 settings become a modified
 * copy of the paper's spec (lenet5()), which the engine analyses as a whole — so every later
 * layer's shape, parameters and connections, and the totals, follow. Nothing is counted here.
 */
import { analyze, lenet5, SpecError, type Analysis, type NetworkSpec } from '../../../engine/index.ts';

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

export type EditorResult =
  | { ok: true; analysis: Analysis; c3TableKept: boolean }
  /** `control` is set when the refused setting is one of the reader's; otherwise a later layer no longer fits. */
  | { ok: false; error: SpecError; control: EditorControl | undefined };

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
    return { ok: false, error: err, control: CONTROL_OF[`${err.layer}/${err.setting}`] };
  }
}

/** A layer's output shape as the table prints it: maps@height×width. */
export const shapeText = (s: { maps: number; height: number; width: number }): string => `${s.maps}@${s.height}×${s.width}`;
