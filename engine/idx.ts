/**
 * The IDX format of the MNIST files (yann.lecun.com/exdb/mnist): a big-endian header — two
 * zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions — then one 32-bit
 * size per dimension, then the data. Images files have magic 2051 (3 dimensions: count, rows,
 * cols), label files 2049 (1 dimension: count). Parsing works on bytes, so the browser can use
 * it on a fetched ArrayBuffer; reading files is the command line's job.
 */

export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

/** A file that is not what it should be; the message says what was expected and what was found. */
export class IdxError extends Error {
  override name = 'IdxError';
}

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count·rows·cols grey levels, 0 = paper (white) … 255 = ink (black), image after image. */
  pixels: Uint8Array;
}

function header(bytes: Uint8Array, what: string, magic: number, dims: number): number[] {
  if (!(bytes instanceof Uint8Array)) throw new IdxError(`${what}: expected bytes (a Uint8Array)`);
  const headerSize = 4 + 4 * dims;
  if (bytes.length < 4) throw new IdxError(`${what}: truncated: ${bytes.length} bytes, shorter than the ${headerSize}-byte IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    const hint = found === IMAGES_MAGIC ? ' (an images file)' : found === LABELS_MAGIC ? ' (a labels file)' : ' (not an IDX file of unsigned bytes?)';
    throw new IdxError(`${what}: wrong magic number ${found}${hint}, expected ${magic}`);
  }
  if (bytes.length < headerSize) {
    throw new IdxError(`${what}: truncated: ${bytes.length} bytes, shorter than the ${headerSize}-byte IDX header`);
  }
  return Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
}

function body(bytes: Uint8Array, what: string, offset: number, expected: number, sizes: string): Uint8Array {
  const have = bytes.length - offset;
  // count·rows·cols of a forged header can pass 2^53, where a double stops being exact: say so, not a wrong figure.
  const announced = Number.isSafeInteger(expected) ? String(expected) : 'more than 2^53';
  if (have < expected) throw new IdxError(`${what}: truncated: the header announces ${sizes} = ${announced} bytes of data, the file has ${have}`);
  if (have > expected) throw new IdxError(`${what}: ${have - expected} unexpected bytes after the ${sizes} = ${expected} bytes of data`);
  return bytes.subarray(offset);
}

/** Parses an images file (magic 2051). The returned pixels are a view on `bytes`, not a copy. */
export function parseIdxImages(bytes: Uint8Array, what = 'images file'): IdxImages {
  const [count, rows, cols] = header(bytes, what, IMAGES_MAGIC, 3);
  if (rows === 0 || cols === 0 || rows > 4096 || cols > 4096) throw new IdxError(`${what}: image size ${rows}×${cols} is not plausible (allowed: 1 to 4096 pixels a side)`);
  return { count, rows, cols, pixels: body(bytes, what, 16, count * rows * cols, `${count} images of ${rows}×${cols}`) };
}

/** Parses a labels file (magic 2049); every label must be a digit 0–9. */
export function parseIdxLabels(bytes: Uint8Array, what = 'labels file'): Uint8Array {
  const [count] = header(bytes, what, LABELS_MAGIC, 1);
  const labels = body(bytes, what, 8, count, `${count} labels`);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new IdxError(`${what}: label ${bad} is ${labels[bad]}, not a digit 0–9`);
  return labels;
}

/** A set of digits: images and their labels, checked to match. */
export interface Digits {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

export function parseDigits(imageBytes: Uint8Array, labelBytes: Uint8Array, what = 'MNIST'): Digits {
  const images = parseIdxImages(imageBytes, `${what} images`);
  const labels = parseIdxLabels(labelBytes, `${what} labels`);
  if (labels.length !== images.count) {
    throw new IdxError(`${what}: ${images.count} images but ${labels.length} labels`);
  }
  return { ...images, labels };
}
