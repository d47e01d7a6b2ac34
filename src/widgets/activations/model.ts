/**
 * The unit drill-down's pure model: moving the selected unit, finding the unit under a pointer,
 * and writing a unit's computation out as lines of text. Every number comes from the engine's
 * `receptiveField` and `unitComputation`; nothing here adds anything up.
 */
import { SQUASH_A, type FieldLevel, type Shape, type Unit, type UnitComputation } from '../../../engine/index.ts';
import { say } from './words.ts';
import type { Lang } from '../../i18n.ts';

/** A number as the page prints it: fixed decimals, a true minus sign, no "−0.000". */
export function fmt(v: number, digits = 3): string {
  const text = Math.abs(v).toFixed(digits);
  return v < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** A negative number in brackets, so that "+ (−0.2)" reads as arithmetic. */
const term = (v: number, digits = 3) => (v < 0 && fmt(v, digits).startsWith('−') ? `(${fmt(v, digits)})` : fmt(v, digits));

/**
 * How a layer's units are laid out for picking: a map of height×width units, or — for a layer of
 * 1×1 maps such as C5 and F6 — one grid of `columns` units per row, unit n at (n / columns, n % columns).
 */
export interface Layout {
  shape: Shape;
  /** Vector layers only: units per row of the drawn grid. */
  columns?: number;
}

const isVector = (l: Layout) => l.columns !== undefined;

/** Rows and columns of the plane the reader picks in. */
export function planeOf(l: Layout): { rows: number; cols: number } {
  if (l.columns === undefined) return { rows: l.shape.height, cols: l.shape.width };
  return { rows: Math.ceil(l.shape.maps / l.columns), cols: l.columns };
}

/** Where the unit sits in that plane. */
export function cellOf(l: Layout, u: Unit): { row: number; col: number } {
  return l.columns === undefined ? { row: u.y, col: u.x } : { row: Math.floor(u.map / l.columns), col: u.map % l.columns };
}

/** The unit at a cell of the plane (for a vector layer, null past the last unit); `map` is the map shown. */
export function unitAtCell(l: Layout, map: number, row: number, col: number): Unit | null {
  const { rows, cols } = planeOf(l);
  const r = Math.min(Math.max(row, 0), rows - 1);
  const c = Math.min(Math.max(col, 0), cols - 1);
  if (l.columns === undefined) return { map, y: r, x: c };
  const n = r * l.columns + c;
  return n < l.shape.maps ? { map: n, y: 0, x: 0 } : null;
}

/** The unit under a pointer at fractions (fx, fy) ∈ [0, 1) of the drawn plane's width and height. */
export function unitAtPointer(l: Layout, map: number, fx: number, fy: number): Unit | null {
  const { rows, cols } = planeOf(l);
  return unitAtCell(l, map, Math.floor(fy * rows), Math.floor(fx * cols));
}

const STEPS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The unit one arrow key away, kept inside the map (or the grid); null for any other key. */
export function moveUnit(l: Layout, u: Unit, key: string): Unit | null {
  const step = STEPS[key];
  if (!step) return null;
  const { row, col } = cellOf(l, u);
  return unitAtCell(l, u.map, row + step[0], col + step[1]) ?? u;
}

/** The accessible (and visible) name of a unit. */
export function unitName(l: Layout, layer: string, u: Unit, lang: Lang): string {
  return isVector(l) ? say('unitNameVector', lang, { layer, map: u.map }) : say('unitName', lang, { layer, ...u });
}

/** One level of the receptive field in words: which maps, which rectangle. */
export function describeLevel(level: FieldLevel, lang: Lang): string {
  const { maps, height, width } = level.shape;
  const h = level.rows[1] - level.rows[0] + 1;
  const w = level.cols[1] - level.cols[0] + 1;
  const rect = say('levelRect', lang, { r0: level.rows[0], r1: level.rows[1], c0: level.cols[0], c1: level.cols[1], h, w });
  if (level.name === 'input') return `${say('levelInput', lang, { h: height, w: width })}: ${rect}`;
  if (height === 1 && width === 1) return say('levelUnits', lang, { name: level.name, total: maps });
  const which = level.maps.length === maps ? say('levelAllMaps', lang, { name: level.name, total: maps })
    : say(level.maps.length === 1 ? 'levelMap' : 'levelMaps', lang, { name: level.name, maps: level.maps.join(', '), total: maps });
  return `${which}; ${rect}`;
}

/** The lines that write a unit's computation out, and its a and y as printed. */
export interface Steps {
  lines: string[];
  a: string;
  y: string;
  /** Trainable subsampling with a negative coefficient: what that does. */
  note?: string;
}

function squashLine(c: UnitComputation, lang: Lang): string {
  if (c.activation === 'squash') return `y = f(a) = ${SQUASH_A}·tanh(⅔ · ${term(c.a)}) = ${fmt(c.y)}`;
  if (c.activation === 'relu') return `y = max(0, a) = ${fmt(c.y)}`;
  return say('noSquash', lang);
}

/** The computation of one unit as text, from `unitComputation`. */
export function computationSteps(c: UnitComputation, lang: Lang): Steps {
  const lines: string[] = [];
  let note: string | undefined;
  if (c.kind === 'conv') {
    const sums = c.terms.map((t) => term(t.sum)).join(' + ');
    const total = c.terms.reduce((s, t) => s + t.sum, 0);
    if (c.terms.length > 1) lines.push(`${say('sumTerms', lang, { n: c.terms.length })}: ${sums} = ${fmt(total)}`);
    lines.push(`a = ${c.terms.length > 1 ? fmt(total) : `${say('patch', lang)} ⊙ ${say('kernelOf', lang)}`} + ${say('bias', lang)} = ${term(total)} + ${term(c.bias)} = ${fmt(c.a)}`);
  } else if (c.kind === 'subsample') {
    const sum = `${say('windowSum', lang)} = ${c.window.map((v) => term(v)).join(' + ')} = ${fmt(c.sum)}`;
    if (c.pool === 'max') {
      lines.push(`a = ${say('maxOf', lang, { k: c.winner ?? 0 })} = ${fmt(c.a)}`);
    } else if (c.bias === null) {
      lines.push(sum, `a = ${say('average', lang, { c: fmt(c.coefficient ?? 0, 4) })} = ${fmt(c.a)}`);
    } else {
      lines.push(sum, `a = ${say('coefficient', lang)} · ${say('windowSum', lang)} + ${say('bias', lang)} = ${term(c.coefficient ?? 0)} · ${term(c.sum)} + ${term(c.bias)} = ${fmt(c.a)}`);
      if ((c.coefficient ?? 0) < 0) note = say('flipped', lang);
    }
  } else {
    const parts = [...c.top.map((t) => term(t.term)), term(c.rest)];
    lines.push(`a = Σ w·x + ${say('bias', lang)} = ${parts.join(' + ')} + ${term(c.bias)} = ${fmt(c.a)}`);
  }
  lines.push(squashLine(c, lang));
  return { lines, a: fmt(c.a), y: fmt(c.y), note };
}
