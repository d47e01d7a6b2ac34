/**
 * Reading a network spec file (README, "Network spec files"): UTF-8 JSON, with or without a
 * byte-order mark. What the JSON says is then checked by the engine's `analyze`; this file
 * only makes sure there is JSON to check, and refuses early what JSON.parse would take but no
 * spec can be: values nested deeper than any spec nests.
 */
import { tooDeep, type NetworkSpec } from '../engine/index.ts';
import { InputFileError, readRegularFile } from './files.ts';

/**
 * How deep a spec file may nest arrays and objects. A spec itself needs 5 levels (the spec, its
 * layers, a layer, a connection table or its codes, a row); the rest is room for a wrong value
 * to be named by `analyze` rather than refused here.
 */
export const MAX_SPEC_DEPTH = 32;

/** Control characters of a message escaped, so a hostile file cannot rewrite the terminal. */
const printable = (text: string): string =>
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Parses the bytes of a spec file; `what` names it in refusals. The result still needs `analyze`. */
export function parseSpecBytes(bytes: Uint8Array, what: string): NetworkSpec {
  let text: string;
  try {
    // The default decoder drops a leading byte-order mark, which some editors write.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(`lenet: spec file ${what} is not UTF-8 text`);
  }
  const deep = tooDeep(text, MAX_SPEC_DEPTH);
  if (deep) {
    throw new InputFileError(`lenet: spec file ${what} nests arrays and objects more than ${MAX_SPEC_DEPTH} levels deep ` +
      `(line ${deep.line}, column ${deep.column}); a spec needs 5`);
  }
  try {
    return JSON.parse(text) as NetworkSpec;
  } catch (err) {
    throw new InputFileError(`lenet: spec file ${what} is not valid JSON: ${printable((err as Error).message)}`);
  }
}

export function readSpecFile(path: string): NetworkSpec {
  return parseSpecBytes(readRegularFile(path, 'spec file'), path);
}
