/**
 * Build time only (Node): a greyscale image as a PNG data URL, so that a figure computed by the
 * engine at build time is an ordinary <img> (no script). 8-bit grey, filter 0 on every row, the
 * rows deflated by Node's zlib; chunk checksums from the engine's CRC-32.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../engine/index.ts';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Array.from(type, (c) => c.charCodeAt(0)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** `grey`: width×height levels, 0 = black … 255 = white, row by row. */
export function greyPng(grey: ArrayLike<number>, width: number, height: number): string {
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, colour type 0 (grey), deflate, filter method 0, no interlace
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = grey[y * width + x];
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array(0))];
  return `data:image/png;base64,${Buffer.concat(parts).toString('base64')}`;
}
