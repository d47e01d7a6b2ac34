/**
 * Named regions of the engine's source: the code cells of the chapters show them. A region is
 * marked in an engine file by two comment lines,
 *
 *     // #region conv-forward
 *     …the code the chapter shows…
 *     // #endregion conv-forward
 *
 * and a chapter asks for it by file and name (<EngineCode file="layers/conv.ts" region="conv-forward">).
 * The excerpt is read when the site is built, so the page always shows the code that runs; a
 * region that is missing, empty or never closed stops the build with a RegionError.
 */

export class RegionError extends Error {
  constructor(file: string, region: string, problem: string) {
    super(`engine/${file}: region "${region}" ${problem}`);
    this.name = 'RegionError';
  }
}

export interface Region {
  /** The file below engine/, e.g. 'layers/conv.ts'. */
  file: string;
  name: string;
  /** The lines between the markers, with their common indentation removed. */
  code: string;
  /** 1-based line numbers, in the file, of the first and the last line of `code`. */
  firstLine: number;
  lastLine: number;
}

const OPEN = /^\s*\/\/ #region ([\w-]+)\s*$/;
const CLOSE = /^\s*\/\/ #endregion(?: ([\w-]+))?\s*$/;

/** The names of the regions a source file marks, in order. */
export function regionNames(source: string): string[] {
  return source.split('\n').flatMap((line) => OPEN.exec(line)?.[1] ?? []);
}

/** Region `name` of `source` (the text of engine/`file`); throws a RegionError naming what is wrong. */
export function findRegion(source: string, file: string, name: string): Region {
  const lines = source.split('\n');
  const opens = lines.flatMap((line, i) => (OPEN.exec(line)?.[1] === name ? [i] : []));
  if (opens.length === 0) {
    const known = regionNames(source);
    throw new RegionError(file, name, `is not marked (regions in this file: ${known.length ? known.join(', ') : 'none'})`);
  }
  if (opens.length > 1) throw new RegionError(file, name, `is marked ${opens.length} times (lines ${opens.map((i) => i + 1).join(', ')})`);
  const start = opens[0] + 1;
  let end = start;
  while (end < lines.length) {
    const close = CLOSE.exec(lines[end]);
    if (close && (close[1] === undefined || close[1] === name)) break;
    end++;
  }
  if (end === lines.length) throw new RegionError(file, name, `opened on line ${start} is never closed with // #endregion ${name}`);
  let body = lines.slice(start, end);
  let first = start;
  while (body.length > 0 && body[0].trim() === '') { body = body.slice(1); first++; }
  while (body.length > 0 && body[body.length - 1].trim() === '') body = body.slice(0, -1);
  if (body.length === 0) {
    throw new RegionError(file, name, `on lines ${start}–${end + 1} is empty`);
  }
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return { file, name, code: body.map((l) => l.slice(indent)).join('\n'), firstLine: first + 1, lastLine: first + body.length };
}
