/**
 * The pure part of the run cells: how a snippet is compiled and run against a scope of names, and
 * how what it shows becomes notebook output (text, tables, images) — plain data that can cross
 * from the Web Worker to the page. No DOM here; the worker (worker.ts) and the tests use it alike.
 */
import { SQUASH_A } from '../../../engine/index.ts';

/** Compute time a snippet may take before the page stops it (downloads do not count). */
export const RUN_LIMIT_MS = 5000;

/** One piece of notebook output. Labels are the snippet's own; interface words are added by the page. */
export type OutputItem =
  | {
    kind: 'text'; label?: string; text: string;
    /** A line of console.log: consecutive ones are shown as one block, as a notebook does. */
    log?: true;
  }
  | { kind: 'table'; label?: string; columns: string[]; rows: string[][]; numeric: boolean[]; more: number }
  | {
    kind: 'images'; label?: string; height: number; width: number; count: number;
    /** count planes of height×width, one after the other, row by row. */
    values: Float32Array;
    /** Values are drawn on a diverging scale of ±limit. */
    limit: number;
    /** Feature maps (numbered from 0 under each image) rather than one matrix. */
    maps: boolean;
  }
  | {
    kind: 'error'; syntax: boolean; message: string; line: number | null;
    /** A syntax error only because the code stops before a bracket, brace, string or comment is closed. */
    unfinished?: boolean;
  };

/** Messages between the page and the worker. */
export interface CellDigits { count: number; rows: number; cols: number; pixels: Uint8Array; labels: Uint8Array }
export type ToCellWorker = { type: 'init'; digits: CellDigits } | { type: 'run'; id: number; code: string };
export type FromCellWorker =
  | { type: 'out'; id: number; item: OutputItem }
  | { type: 'fetching'; id: number; busy: boolean }
  | { type: 'done'; id: number; ok: boolean };

// ── Formatting ───────────────────────────────────────────────────────────────────────────────

/** Numbers as the site writes them: whole numbers with thousands separators, others to 4 significant digits. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const a = Math.abs(n);
  if (a >= 1000) return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (a < 1e-4) return n.toExponential(2);
  return String(Number(n.toPrecision(4)));
}

type NumberArray = ArrayLike<number> & { length: number };

function isTypedArray(v: unknown): v is Float32Array | Float64Array | Int32Array | Uint8Array {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function isShape(v: object): v is { maps: number; height: number; width: number } {
  const keys = Object.keys(v);
  return keys.length === 3 && ['maps', 'height', 'width'].every((k) => typeof (v as Record<string, unknown>)[k] === 'number');
}

const LIST_SHOWN = 10;
const KEYS_SHOWN = 8;

/** A value as one line of text, the way a notebook prints it; strings inside structures are quoted. */
export function formatValue(v: unknown, depth = 0): string {
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return `ƒ ${v.name || 'anonymous'}()`;
  if (v === null || typeof v !== 'object') return String(v);
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (depth > 2) return Array.isArray(v) || isTypedArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v) || isTypedArray(v)) {
    const list = v as ArrayLike<unknown>;
    const shown = Array.from({ length: Math.min(list.length, LIST_SHOWN) }, (_, i) => formatValue(list[i], depth + 1));
    if (list.length > LIST_SHOWN) shown.push(`… ${formatNumber(list.length - LIST_SHOWN)} more`);
    const prefix = isTypedArray(v) ? `${v.constructor.name}(${formatNumber(v.length)}) ` : '';
    return `${prefix}[${shown.join(', ')}]`;
  }
  // The project's notation for a shape: 6@28×28 (maps @ height × width).
  if (isShape(v)) return `${v.maps}@${v.height}×${v.width}`;
  const entries = Object.entries(v);
  const shown = entries.slice(0, KEYS_SHOWN).map(([k, x]) => `${k}: ${formatValue(x, depth + 1)}`);
  if (entries.length > KEYS_SHOWN) shown.push('…');
  return `{ ${shown.join(', ')} }`;
}

// ── From a value to notebook output ─────────────────────────────────────────────────────────

const TABLE_ROWS = 100;

function isNumberArray(v: unknown): v is NumberArray {
  return (isTypedArray(v) || (Array.isArray(v) && v.every((x) => typeof x === 'number'))) && (v as NumberArray).length > 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isTypedArray(v) && !(v instanceof Error);
}

/** The activations' scale: the squashing function's range ±1.7159 when the values fit in it (as the chapters draw maps), else their largest magnitude. */
function scaleOf(values: Float32Array): number {
  let max = 0;
  for (const v of values) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return max <= SQUASH_A ? SQUASH_A : max;
}

function images(values: Float32Array, height: number, width: number, count: number, maps: boolean, label?: string): OutputItem {
  return { kind: 'images', label, height, width, count, values, limit: scaleOf(values), maps };
}

/**
 * What `show(value)` displays: a layer's trace ({ shape, out }) as its feature maps, a 2-D array
 * of numbers as an image, an array of objects as a table, anything else as text.
 */
export function describe(value: unknown, label?: string): OutputItem {
  if (isPlainObject(value) && isPlainObject(value.shape) && isShape(value.shape) && isNumberArray(value.out)) {
    const { maps, height, width } = value.shape;
    const out = value.out;
    const name = label ?? (typeof value.name === 'string' ? value.name : undefined);
    if (out.length === maps * height * width && height * width > 1) return images(Float32Array.from(out), height, width, maps, true, name);
    return { kind: 'text', label: name, text: formatValue(out) };
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isNumberArray)) {
    const width = value[0].length;
    if (value.every((row) => row.length === width)) {
      const values = new Float32Array(value.length * width);
      value.forEach((row, y) => values.set(row, y * width));
      return images(values, value.length, width, 1, false, label);
    }
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    const kept = value.slice(0, TABLE_ROWS);
    return {
      kind: 'table', label, columns,
      rows: kept.map((row) => columns.map((c) => (c in row ? formatValue(row[c], 1).replace(/^"(.*)"$/, '$1') : ''))),
      numeric: columns.map((c) => kept.every((row) => typeof row[c] === 'number')),
      more: value.length - kept.length,
    };
  }
  return { kind: 'text', label, text: formatValue(value) };
}

// ── Compiling and running a snippet ─────────────────────────────────────────────────────────

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

/**
 * The snippet becomes the body of an async function whose parameters are the scope's names. It
 * sits in a block of its own, so it may declare a name of the scope again (const digits = …),
 * and it is named cell.js so that a stack trace points into it.
 */
const wrap = (code: string): string => `{\n${code}\n}\n//# sourceURL=cell.js`;
const CELL_FRAME = /cell\.js:(\d+):\d+/;

function compileError(code: string, names: string[]): string | null {
  try {
    new AsyncFunction(...names, wrap(code));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * The line of a syntax error. The engine's message has no position, so: the first line n at which
 * the code's first n lines fail in the same way whatever follows them (an error that depends on
 * what follows only means the code is not finished yet at line n). Failing that, the last line.
 */
export function syntaxErrorLine(code: string, names: string[]): number {
  const lines = code.split('\n');
  for (let n = 1; n < lines.length; n++) {
    const head = lines.slice(0, n).join('\n');
    const a = compileError(head, names);
    if (a !== null && !/end of input|Unterminated/i.test(a) && a === compileError(`${head}\n#`, names)) return n;
  }
  return lines.length;
}

let lineOffset: number | undefined;

/** How many lines the function wrapper adds above the snippet (measured once, on this JavaScript engine). */
async function wrapperLines(): Promise<number> {
  if (lineOffset === undefined) {
    try {
      await new AsyncFunction(wrap('throw new Error()'))();
    } catch (err) {
      const line = CELL_FRAME.exec(String((err as Error).stack));
      lineOffset = line ? Number(line[1]) - 1 : 0;
    }
  }
  return lineOffset ?? 0;
}

/** The snippet line an error was thrown from, if its stack names one. */
async function thrownLine(err: unknown, lineCount: number): Promise<number | null> {
  const frame = err instanceof Error ? CELL_FRAME.exec(String(err.stack)) : null;
  if (!frame) return null;
  const line = Number(frame[1]) - (await wrapperLines());
  return line >= 1 && line <= lineCount ? line : null;
}

/**
 * Runs `code` with `scope`'s names in reach; emits the value it returns (if any) and, on failure,
 * one error item with the message and the line. Returns whether it ran to the end.
 */
export async function runSnippet(code: string, scope: Record<string, unknown>, emit: (item: OutputItem) => void): Promise<boolean> {
  const names = Object.keys(scope);
  let fn: AsyncFn;
  try {
    fn = new AsyncFunction(...names, wrap(code));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // An error that changes with what follows the code is about its end: something is left open.
    const unfinished = compileError(`${code}\n#`, names) !== message;
    emit({ kind: 'error', syntax: true, message, line: syntaxErrorLine(code, names), unfinished });
    return false;
  }
  try {
    const value = await fn(...names.map((n) => scope[n]));
    if (value !== undefined) emit(describe(value));
    return true;
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : `thrown: ${formatValue(err)}`;
    emit({ kind: 'error', syntax: false, message, line: await thrownLine(err, code.split('\n').length) });
    return false;
  }
}
