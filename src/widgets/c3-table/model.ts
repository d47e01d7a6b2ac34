/**
 * The C3 connection table's pure model: which S2 maps feed each of C3's 16 maps, the paper's
 * table and two alternatives, and what the engine says such a table costs. No count is derived
 * here — parameters, connections and formulas come from `analyze` and `explainLayer` on the
 * paper's network with only C3's table replaced.
 */
import { analyze, c3Table, explainLayer, lenet5, SpecError, ENGLISH_FORMULA_WORDS, type FormulaWords, type Formula, type LayerReport, type NetworkSpec, type Totals } from '../../../engine/index.ts';

/** `table[o]` lists the S2 maps feeding C3 map `o`, in increasing order (the engine's format). */
export type Table = number[][];

const C3_INDEX = lenet5().layers.findIndex((l) => l.name === 'C3');
const paperAnalysis = analyze(lenet5());
/** How many maps C3 has and how many S2 maps it can draw from: 16 and 6 in the paper. */
export const C3_MAPS = paperAnalysis.layers[C3_INDEX].output.maps;
export const S2_MAPS = paperAnalysis.layers[C3_INDEX].input.maps;

const allS2 = (): number[] => Array.from({ length: S2_MAPS }, (_, i) => i);

/** Table I of the paper. */
export const paperTable = (): Table => c3Table.map((row) => [...row]);

/** Every C3 map sees every S2 map: what a modern, dense C3 does. */
export const denseTable = (): Table => Array.from({ length: C3_MAPS }, allS2);

/** A small, seeded generator (mulberry32), so "random table 3" is the same table for every reader. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random table: each cell is on with probability ½; a map drawn with no input draws again. */
export function randomTable(seed: number): Table {
  const next = mulberry32(seed);
  return Array.from({ length: C3_MAPS }, () => {
    for (;;) {
      const row = allS2().filter(() => next() < 0.5);
      if (row.length > 0) return row;
    }
  });
}

export const isConnected = (table: Table, c3: number, s2: number): boolean => table[c3].includes(s2);

/** The table with one cell flipped. An emptied row is allowed here: the engine explains why it cannot be built. */
export function toggle(table: Table, c3: number, s2: number): Table {
  return table.map((row, o) => {
    if (o !== c3) return [...row];
    return isConnected(table, c3, s2) ? row.filter((i) => i !== s2) : [...row, s2].sort((x, y) => x - y);
  });
}

export type Preset = 'paper' | 'dense';

/** Which preset the table equals, if any. */
export function presetOf(table: Table): Preset | undefined {
  const same = (other: Table) => other.every((row, o) => row.length === table[o].length && row.every((v, i) => v === table[o][i]));
  if (same(paperTable())) return 'paper';
  if (same(denseTable())) return 'dense';
  return undefined;
}

/** The paper's network with C3's table replaced. */
export function networkWith(table: Table): NetworkSpec {
  const spec = lenet5();
  const c3 = spec.layers[C3_INDEX];
  if (c3.kind !== 'conv') throw new Error('LeNet-5’s C3 is expected to be a convolution');
  c3.table = table.map((row) => [...row]);
  return spec;
}

export type Evaluation =
  | { ok: true; c3: LayerReport; formulas: Formula[]; total: Totals }
  | { ok: false; error: SpecError; emptyMaps: number[] };

/** What the engine says about a network whose C3 uses `table`; the formulas' words in the page's language. */
export function evaluate(table: Table, words: FormulaWords = ENGLISH_FORMULA_WORDS): Evaluation {
  const spec = networkWith(table);
  try {
    const a = analyze(spec);
    const c3 = a.layers[C3_INDEX];
    return { ok: true, c3, formulas: explainLayer(spec.layers[C3_INDEX], c3, words), total: a.total };
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return { ok: false, error: err, emptyMaps: table.flatMap((row, o) => (row.length === 0 ? [o] : [])) };
  }
}

/**
 * The paper's four families of C3 maps (section II.B): a map takes 3 or 4 *contiguous* S2 maps,
 * 4 that are not contiguous, or all of them. Contiguous wraps around: S2 maps 4, 5, 0 are
 * neighbours, because the six S2 maps are thought of in a circle.
 */
export interface Family {
  inputs: number;
  /** null when the map takes every S2 map. */
  contiguous: boolean | null;
}

export function familyOf(row: number[], n = S2_MAPS): Family {
  if (row.length >= n) return { inputs: row.length, contiguous: null };
  // On a circle, a set is one unbroken arc exactly when only one of its members lacks a successor.
  const ends = row.filter((i) => !row.includes((i + 1) % n)).length;
  return { inputs: row.length, contiguous: ends === 1 };
}

/** Consecutive C3 maps of the same family, as the grid's header draws them. */
export function familyRuns(table: Table): { family: Family; first: number; count: number }[] {
  const runs: { family: Family; first: number; count: number }[] = [];
  table.forEach((row, o) => {
    const family = familyOf(row);
    const last = runs[runs.length - 1];
    if (last && last.family.inputs === family.inputs && last.family.contiguous === family.contiguous) last.count++;
    else runs.push({ family, first: o, count: 1 });
  });
  return runs;
}
