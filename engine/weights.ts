/**
 * The weights file: a small versioned binary format, little-endian, that works on bytes so the
 * browser can load a fetched ArrayBuffer.
 *
 *   offset  size  field
 *   0       4     magic "LNW5"
 *   4       2     format version (1)
 *   6       2     length V of the variant name
 *   8       4     spec fingerprint: FNV-1a 32 of the spec's canonical JSON (specFingerprint)
 *   12      4     parameter count P
 *   16      4     length M of the metadata (UTF-8 JSON: how the weights were made)
 *   20      V     variant name (ASCII, e.g. "faithful")
 *   20+V    M     metadata
 *   …       4·P   parameters, float32, after zero padding to a multiple of 4 bytes
 *   end−4   4     CRC-32 of every byte before it
 *
 * Loading refuses a file that is not one of ours (magic), is from a newer format (version),
 * is cut short (length), is damaged (checksum), or was made for another network (fingerprint
 * or parameter count), and says which.
 */
import type { NetworkSpec } from './spec.ts';
import type { Model } from './model.ts';
import { tooDeep } from './json.ts';

export const WEIGHTS_MAGIC = 'LNW5';
export const WEIGHTS_VERSION = 1;
const HEADER = 20;

export class WeightsError extends Error {
  override name = 'WeightsError';
  /** 'foreign' | 'version' | 'truncated' | 'corrupt' | 'mismatch' */
  readonly reason: 'foreign' | 'version' | 'truncated' | 'corrupt' | 'mismatch';
  constructor(reason: WeightsError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** JSON with object keys sorted, so the same spec always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a (32 bit) of the spec's canonical JSON: any change to any layer changes it. */
export function specFingerprint(spec: NetworkSpec): number {
  const text = canonical(spec);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, the one zip and PNG use). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface WeightsFile {
  variant: string;
  fingerprint: number;
  params: Float32Array;
  /** Free-form: the command, seed, passes and test error that produced the weights. */
  meta: Record<string, unknown>;
}

export function encodeWeights(model: Model, variant: string, meta: object = {}): Uint8Array {
  // Only what decodeWeights accepts back: 1 to 64 printable ASCII characters.
  if (!/^[!-~]{1,64}$/.test(variant)) throw new RangeError(`encodeWeights: variant name "${variant}" is not 1 to 64 printable ASCII characters`);
  const name = new TextEncoder().encode(variant);
  const metaBytes = new TextEncoder().encode(JSON.stringify(meta));
  const paramsAt = align4(HEADER + name.length + metaBytes.length);
  const total = paramsAt + 4 * model.paramCount + 4;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = WEIGHTS_MAGIC.charCodeAt(i);
  view.setUint16(4, WEIGHTS_VERSION, true);
  view.setUint16(6, name.length, true);
  view.setUint32(8, specFingerprint(model.spec), true);
  view.setUint32(12, model.paramCount, true);
  view.setUint32(16, metaBytes.length, true);
  bytes.set(name, HEADER);
  bytes.set(metaBytes, HEADER + name.length);
  for (let k = 0; k < model.paramCount; k++) view.setFloat32(paramsAt + 4 * k, model.params[k], true);
  view.setUint32(total - 4, crc32(bytes.subarray(0, total - 4)), true);
  return bytes;
}

/**
 * Rounds up to a multiple of 4 in plain double arithmetic: the lengths come from the file and
 * may be forged, and `(n + 3) & ~3` would wrap them around 2^32 (a 4 GB metadata length
 * becoming an offset of 0, and the header read as parameters).
 */
const align4 = (n: number): number => Math.ceil(n / 4) * 4;

/** The longest variant name a file may declare; ours are "faithful" and "modern". */
const MAX_VARIANT_NAME = 64;
/** How deep the metadata may nest (lenet train's record nests 3 levels: record, history, pass). */
const MAX_META_DEPTH = 16;

/**
 * Parses and checks a weights file (magic, version, length, checksum); does not look at any
 * model. Every length in the header is checked against the file's size before anything it
 * points to is read, so a forged header is refused, never read from the wrong offset.
 */
export function decodeWeights(data: Uint8Array | ArrayBuffer, what = 'weights file'): WeightsFile {
  if (!(data instanceof Uint8Array) && !(data instanceof ArrayBuffer)) {
    throw new WeightsError('foreign', `${what}: not a LeNet-5 weights file (expected bytes, got ${data === null ? 'null' : typeof data})`);
  }
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < 4 || magic !== WEIGHTS_MAGIC) {
    throw new WeightsError('foreign', `${what}: not a LeNet-5 weights file (it does not start with "${WEIGHTS_MAGIC}")`);
  }
  if (bytes.length < HEADER + 4) throw new WeightsError('truncated', `${what}: truncated: ${bytes.length} bytes, shorter than the header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== WEIGHTS_VERSION) {
    throw new WeightsError('version', `${what}: format version ${version}, this engine reads version ${WEIGHTS_VERSION}`);
  }
  const nameLength = view.getUint16(6, true);
  const fingerprint = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const metaLength = view.getUint32(16, true);
  // Each field against what is left of the file, in order; all sums stay below 2^35, exact in a double.
  const room = bytes.length - HEADER - 4;
  if (nameLength === 0 || nameLength > MAX_VARIANT_NAME) {
    throw new WeightsError('corrupt', `${what}: corrupt: the header declares a variant name of ${nameLength} bytes (allowed: 1 to ${MAX_VARIANT_NAME})`);
  }
  if (nameLength + metaLength > room) {
    throw new WeightsError('truncated', `${what}: truncated: the header declares ${nameLength + metaLength} bytes of name and metadata, the file has room for ${room}`);
  }
  const paramsAt = align4(HEADER + nameLength + metaLength);
  const total = paramsAt + 4 * count + 4;
  if (bytes.length < total) {
    throw new WeightsError('truncated', `${what}: truncated: the header announces ${count} parameters (${total} bytes), the file has ${bytes.length} bytes`);
  }
  if (bytes.length > total) throw new WeightsError('corrupt', `${what}: ${bytes.length - total} unexpected bytes after the end`);
  const stored = view.getUint32(total - 4, true);
  const actual = crc32(bytes.subarray(0, total - 4));
  if (stored !== actual) {
    throw new WeightsError('corrupt', `${what}: corrupt: checksum ${hex(actual)} does not match the stored ${hex(stored)}`);
  }
  const nameBytes = bytes.subarray(HEADER, HEADER + nameLength);
  if (!nameBytes.every((b) => b >= 0x21 && b <= 0x7e)) {
    throw new WeightsError('corrupt', `${what}: corrupt: the variant name is not printable ASCII`);
  }
  const variant = String.fromCharCode(...nameBytes);
  let meta: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER + nameLength, HEADER + nameLength + metaLength));
    if (tooDeep(text, MAX_META_DEPTH)) throw new Error('too deep');
    meta = JSON.parse(text || '{}');
  } catch {
    throw new WeightsError('corrupt', `${what}: corrupt: its metadata is not UTF-8 JSON nested at most ${MAX_META_DEPTH} levels deep`);
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new WeightsError('corrupt', `${what}: corrupt: its metadata is not a JSON object`);
  }
  const params = new Float32Array(count);
  for (let k = 0; k < count; k++) params[k] = view.getFloat32(paramsAt + 4 * k, true);
  return { variant, fingerprint, params, meta: meta as Record<string, unknown> };
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** Decodes `data` and copies its parameters into `model`, refusing weights made for another network. */
export function loadWeights(model: Model, data: Uint8Array | ArrayBuffer, what = 'weights file'): WeightsFile {
  const file = decodeWeights(data, what);
  const expected = specFingerprint(model.spec);
  if (file.fingerprint !== expected || file.params.length !== model.paramCount) {
    throw new WeightsError('mismatch', `${what}: made for another network (variant "${file.variant}", spec fingerprint ` +
      `${hex(file.fingerprint)}, ${file.params.length} parameters); this model has fingerprint ${hex(expected)} and ${model.paramCount} parameters`);
  }
  for (let k = 0; k < file.params.length; k++) {
    if (!Number.isFinite(file.params[k])) throw new WeightsError('corrupt', `${what}: corrupt: parameter ${k} is ${file.params[k]}`);
  }
  model.params.set(file.params);
  return file;
}
