/**
 * The layer calculator's pure model: a reader's settings for one layer of LeNet-5 become a
 * one-layer network that the engine analyses. No formula is re-derived here — the counts and
 * the formulas come from `analyze` and `explainLayer`.
 */
import { analyze, explainLayer, lenet5, SpecError, ENGLISH_FORMULA_WORDS, type FormulaWords, type Formula, type LayerReport, type LayerSpec, type NetworkSpec } from '../../../engine/index.ts';

/** The settings a reader can change, by the name of their control. */
export type Control = 'inputSize' | 'inputMaps' | 'kernel' | 'window' | 'stride' | 'padding' | 'maps' | 'units';
export type Settings = Partial<Record<Control, number>>;

/** Which engine setting each control drives, so an engine error lands next to the right control. */
const SETTING_OF: Record<string, Control> = {
  'input size': 'inputSize', channels: 'inputMaps', 'kernel size': 'kernel', 'window size': 'window',
  stride: 'stride', padding: 'padding', 'feature maps': 'maps', units: 'units',
};

export interface Paper {
  layer: LayerSpec;
  /** The input this layer sees in LeNet-5. */
  inputSize: number;
  inputMaps: number;
}

/** The paper's layer `name` and the input it sees in LeNet-5. */
export function paperLayer(name: string): Paper {
  const spec = lenet5();
  const index = spec.layers.findIndex((l) => l.name === name);
  if (index < 0) throw new Error(`No layer named ${name} in LeNet-5`);
  const input = analyze(spec).layers[index].input;
  return { layer: spec.layers[index], inputSize: input.height, inputMaps: input.maps };
}

/** The settings that reproduce the paper's layer: the reset values of every control. */
export function paperSettings(paper: Paper): Settings {
  const l = paper.layer;
  const s: Settings = { inputSize: paper.inputSize, inputMaps: paper.inputMaps };
  if (l.kind === 'conv') Object.assign(s, { kernel: l.kernel, stride: l.stride ?? 1, padding: l.padding ?? 0, maps: l.maps });
  if (l.kind === 'subsample') Object.assign(s, { window: l.window, stride: l.stride ?? l.window });
  if (l.kind === 'full') s.units = l.units;
  return s;
}

/** The one-layer network the settings describe. A connection table only survives while its shape still fits. */
export function networkFor(paper: Paper, settings: Settings): NetworkSpec {
  const base = paper.layer;
  const s = { ...paperSettings(paper), ...settings };
  let layer: LayerSpec;
  if (base.kind === 'conv') {
    const keepTable = base.table !== undefined && s.maps === base.maps && s.inputMaps === paper.inputMaps;
    layer = { ...base, kernel: s.kernel!, stride: s.stride, padding: s.padding, maps: s.maps!, table: keepTable ? base.table : undefined };
  } else if (base.kind === 'subsample') {
    layer = { ...base, window: s.window!, stride: s.stride };
  } else if (base.kind === 'full') {
    layer = { ...base, units: s.units! };
  } else {
    layer = base;
  }
  return { input: { size: s.inputSize!, channels: s.inputMaps! }, layers: [layer] };
}

export type Result =
  | { ok: true; report: LayerReport; formulas: Formula[]; usesTable: boolean }
  | { ok: false; error: SpecError; control: Control | undefined };

export function compute(paper: Paper, settings: Settings, words: FormulaWords = ENGLISH_FORMULA_WORDS): Result {
  const net = networkFor(paper, settings);
  try {
    const report = analyze(net).layers[0];
    const layer = net.layers[0];
    return { ok: true, report, formulas: explainLayer(layer, report, words), usesTable: layer.kind === 'conv' && layer.table !== undefined };
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return { ok: false, error: err, control: SETTING_OF[err.setting] };
  }
}
