/**
 * The RBF widgets' pure model: the ten code bitmaps as grids of cells, an F6 state the reader can
 * edit cell by cell, and the ten distances the output layer computes from it, read as "the
 * smallest wins". The distances themselves come from the engine (see `distancesOf`); this module
 * only arranges them for the page.
 */
import { CODE_HEIGHT, CODE_WIDTH, codeBitmaps, lenet5, Model, rbfCodes, rbfLoss, rbfTerms, type NetworkSpec } from '../../../engine/index.ts';

/** One cell of a 7×12 code: its place in F6's 84 units and whether it is ink (+1). */
export interface CodeCell {
  index: number;
  row: number;
  col: number;
  ink: boolean;
}

/** Code `digit` as rows of cells, top row first, read in the same order as F6's units. */
export function codeCells(digit: number): CodeCell[][] {
  const code = rbfCodes[digit];
  if (!code) throw new Error(`No RBF code for digit ${digit} (codes: 0 to ${rbfCodes.length - 1})`);
  return Array.from({ length: CODE_HEIGHT }, (_, row) => Array.from({ length: CODE_WIDTH }, (_, col) => {
    const index = row * CODE_WIDTH + col;
    return { index, row, col, ink: code[index] > 0 };
  }));
}

/** The number of classes the output layer tells apart (one code per digit). */
export const CLASSES = codeBitmaps.length;

/** An F6 state equal to code `digit`: +1 on ink, −1 on paper. */
export function stateFromCode(digit: number): Float32Array {
  const code = rbfCodes[digit];
  if (!code) throw new Error(`No RBF code for digit ${digit}`);
  return Float32Array.from(code);
}

/** Where an explorer's F6 state comes from: a code, or a real test digit's F6 state. */
export type Source = { kind: 'code'; digit: number } | { kind: 'sample'; digit: number };

/** 'code:3' or 'sample:3', as the explorer's select writes it. */
export function parseSource(value: string): Source {
  const m = /^(code|sample):(\d)$/.exec(value);
  if (!m) throw new Error(`Not an F6 state source: ${value} (expected code:0…9 or sample:0…9)`);
  return { kind: m[1] as Source['kind'], digit: Number(m[2]) };
}

/** The same state with unit `index` flipped to the other sign (x → −x), as a new array. */
export function flipUnit(state: ArrayLike<number>, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= state.length) {
    throw new Error(`F6 unit ${index} does not exist (units: 0 to ${state.length - 1})`);
  }
  const next = Float32Array.from(state);
  next[index] = -next[index];
  return next;
}

/**
 * LeNet-5's output layer on its own: its input is F6's state (84 values, as 84 planes of 1×1),
 * its layer the paper's RBF with the project's codes — taken from lenet5(), not rebuilt here.
 */
function outputLayerOnly(): NetworkSpec {
  const spec = lenet5();
  const rbf = spec.layers[spec.layers.length - 1];
  if (rbf.kind !== 'rbf') throw new Error('LeNet-5’s last layer should be the RBF output');
  return { input: { size: 1, channels: rbf.codes[0].length }, layers: [rbf] };
}

let outputLayer: Model | undefined;

/** The ten RBF outputs yᵢ = Σⱼ (xⱼ − wᵢⱼ)² for an F6 state, computed by the engine's forward pass. */
export function distancesOf(state: ArrayLike<number>): number[] {
  outputLayer ??= new Model(outputLayerOnly());
  if (state.length !== outputLayer.inputUnits) throw new Error(`An F6 state has ${outputLayer.inputUnits} units, not ${state.length}`);
  return Array.from(outputLayer.forward(state).output);
}

/** What the output layer says: the ten distances, the winner (the smallest) and any digit tied with it. */
export interface Reading {
  distances: number[];
  /** The answer: the digit whose code is nearest. */
  winner: number;
  /** Every digit at the winner's distance (just [winner] unless there is a tie). */
  tied: number[];
}

export function readDistances(distances: readonly number[]): Reading {
  if (distances.length === 0 || !distances.every(Number.isFinite)) {
    throw new Error(`RBF distances must be finite numbers, got [${distances.join(', ')}]`);
  }
  // The answer is the engine's reading of the output (the smallest distance, the first on a tie).
  const winner = rbfLoss().predict(distances);
  const tied = distances.flatMap((d, i) => (d === distances[winner] ? [i] : []));
  return { distances: [...distances], winner, tied };
}

/** The reading of an F6 state. */
export function readState(state: ArrayLike<number>): Reading {
  return readDistances(distancesOf(state));
}

/** A distance as the page prints it: whole numbers as they are, others to one decimal. */
export function formatDistance(d: number): string {
  return Number.isInteger(d) ? d.toLocaleString('en-US') : d.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The bar chart's data: one bar per digit, the winner (and any tie) in the highlight colour. */
export function chartData(reading: Reading, colours: { bar: string; winner: string }): { labels: string[]; values: number[]; colours: string[] } {
  return {
    labels: reading.distances.map((_, i) => String(i)),
    values: reading.distances,
    colours: reading.distances.map((_, i) => (reading.tied.includes(i) ? colours.winner : colours.bar)),
  };
}

/** F6's state beside a code — the nearest one, or a chosen one — with their distance and its 84 terms. */
export interface Comparison {
  /** The nearest code's digit: the network's answer. */
  nearest: number;
  /** The digit whose code is shown: `nearest`, or the target asked for. */
  digit: number;
  /** Whether `digit` was asked for (the probe's right answer) rather than found nearest. */
  targeted: boolean;
  /** y_digit = Σⱼ terms[j]. */
  distance: number;
  code: number[];
  /** (xⱼ − wⱼ)² for each of F6's units, from the engine (`rbfTerms`). */
  terms: number[];
}

/**
 * `distances`, when the caller has them already (the output of the same forward pass, as the
 * Training worker and the Playground do), saves running the output layer again.
 */
export function compareWithNearest(state: ArrayLike<number>, target?: number, distances?: readonly number[]): Comparison {
  const reading = distances ? readDistances(distances) : readState(state);
  const digit = target ?? reading.winner;
  const code = rbfCodes[digit];
  if (!code) throw new Error(`No RBF code for digit ${digit}`);
  return { nearest: reading.winner, digit, targeted: target !== undefined, distance: reading.distances[digit], code, terms: rbfTerms(state, code) };
}

/** A subscript number for the page's formulas: 3 → "₃". */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
