/**
 * JSON from files (spec files, a weights file's metadata) is checked for depth before it is
 * parsed: JSON.parse copes with any depth, but JSON.stringify and every recursive walk after it
 * overflow the stack somewhere past a few thousand levels, and no file of ours nests deeper than 5.
 */

/**
 * Where `text` first nests arrays and objects more than `limit` levels deep, as line and column
 * (from 1), or undefined if it never does. A scan that never recurses and skips strings; it
 * does not check the JSON otherwise (JSON.parse does that).
 */
export function tooDeep(text: string, limit: number): { line: number; column: number } | undefined {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: skip the character it escapes
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return undefined;
}
