/**
 * Convolution layer (C1, C3, C5 — section II.B of the paper). Each output map applies one
 * kernel per input map it is connected to, at every position, plus one bias for the map:
 * its units share those weights, which is why C1 has 122,304 connections but only 156
 * parameters.
 */
import { SpecError, wholeNumber, type ConvSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';

/** The input maps feeding each output map: the spec's table, or every input map. */
export function inputMapsOf(spec: ConvSpec, inMaps: number): number[][] {
  return spec.table ?? Array.from({ length: spec.maps }, () => Array.from({ length: inMaps }, (_, i) => i));
}

/**
 * For one axis: how many of the kernel's taps land on real (not padding) input, summed over all
 * output positions along that axis. Without padding this is simply outSize·kernel.
 */
export function realTapsAlong(inSize: number, outSize: number, kernel: number, stride: number, padding: number): number {
  let taps = 0;
  for (let o = 0; o < outSize; o++) {
    const first = o * stride - padding;
    taps += Math.min(first + kernel, inSize) - Math.max(first, 0);
  }
  return taps;
}

export function convCounts(spec: ConvSpec, input: Shape): LayerCounts {
  const name = spec.name;
  const maps = wholeNumber(name, 'feature maps', spec.maps, 1);
  const kernel = wholeNumber(name, 'kernel size', spec.kernel, 1);
  const stride = wholeNumber(name, 'stride', spec.stride ?? 1, 1);
  const padding = wholeNumber(name, 'padding', spec.padding ?? 0, 0);
  const paddedH = input.height + 2 * padding;
  const paddedW = input.width + 2 * padding;
  if (kernel > Math.min(paddedH, paddedW)) {
    throw new SpecError(name, 'kernel size', kernel, `1 to ${Math.min(paddedH, paddedW)}`,
      `is larger than the padded input ${paddedH}×${paddedW}`);
  }
  if (padding >= kernel) {
    // A receptive field made only of padding would see no input at all.
    throw new SpecError(name, 'padding', padding, `0 to ${kernel - 1} for a ${kernel}×${kernel} kernel`,
      'would give units that see nothing but padding');
  }
  validateTable(spec, input.maps);
  const height = Math.floor((paddedH - kernel) / stride) + 1;
  const width = Math.floor((paddedW - kernel) / stride) + 1;
  const positions = height * width;
  const taps = realTapsAlong(input.height, height, kernel, stride, padding) *
    realTapsAlong(input.width, width, kernel, stride, padding);
  let params = 0;
  let macs = 0;
  for (const sources of inputMapsOf(spec, input.maps)) {
    params += sources.length * kernel * kernel + 1;
    macs += sources.length * taps;
  }
  return { output: { maps, height, width }, params, fixedParams: 0, connections: macs + maps * positions, macs };
}

/** Table I of the paper is one row per output map listing its input maps; check that shape. */
function validateTable(spec: ConvSpec, inMaps: number): void {
  const { table, name } = spec;
  if (table === undefined) return;
  const allowed = `one row per feature map (${spec.maps}), each listing 1 to ${inMaps} distinct input maps from 0 to ${inMaps - 1}`;
  if (!Array.isArray(table) || table.length !== spec.maps) {
    throw new SpecError(name, 'connection table rows', Array.isArray(table) ? table.length : table, allowed,
      'do not match the number of feature maps');
  }
  table.forEach((row, o) => {
    if (!Array.isArray(row) || row.length === 0) {
      throw new SpecError(name, `connection table row ${o}`, row, allowed,
        'gives this output map no input map, so it could only ever output its bias');
    }
    const seen = new Set<number>();
    for (const source of row) {
      if (!Number.isInteger(source) || source < 0 || source >= inMaps || seen.has(source)) {
        throw new SpecError(name, `connection table row ${o}`, row, allowed,
          seen.has(source) ? 'lists an input map twice' : 'names an input map that does not exist');
      }
      seen.add(source);
    }
  });
}
