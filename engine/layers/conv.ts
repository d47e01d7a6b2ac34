/**
 * Convolution layer (C1, C3, C5 — section II.B of the paper). Each output map applies one
 * kernel per input map it is connected to, at every position, plus one bias for the map:
 * its units share those weights, which is why C1 has 122,304 connections but only 156
 * parameters.
 */
import { SpecError, wholeNumber, type ConvSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';
import { stepping, type InlineStep, type LayerOps } from './ops.ts';
import { rowsBackward } from './full.ts';
import type { Random } from '../random.ts';
import { at, kernelsFor } from '../kernels/kernels.ts';

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
    // Speak of a padded input only when there is padding: with none, the input is what it is.
    throw new SpecError(name, 'kernel size', kernel, `1 to ${Math.min(paddedH, paddedW)}`,
      `is larger than the ${padding > 0 ? 'padded ' : ''}input ${paddedH}×${paddedW}`);
  }
  if (padding >= kernel) {
    // A receptive field made only of padding would see no input at all.
    throw new SpecError(name, 'padding', padding, `0 to ${kernel - 1} for a ${kernel}×${kernel} kernel`,
      'would give units that see nothing but padding');
  }
  validateTable(spec, input.maps);
  // #region conv-shape
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
  // #endregion conv-shape
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

/**
 * The numerics of a convolution layer. Parameters: for each output map o, one k×k kernel per
 * input map in its row of the connection table (in table order, row by row), then one bias per
 * output map after all kernels. The connection table is unrolled once into index arrays, so the
 * hot loops never look at the spec. Zero padding, if any, is done by copying the input into a
 * padded buffer owned by the layer.
 */
export function convOps(spec: ConvSpec, input: Shape, output: Shape): LayerOps {
  const k = spec.kernel;
  const kk = k * k;
  const stride = spec.stride ?? 1;
  const pad = spec.padding ?? 0;
  const inH = input.height + 2 * pad;
  const inW = input.width + 2 * pad;
  const inHW = inH * inW;
  const outH = output.height;
  const outW = output.width;
  const maps = output.maps;
  // #region conv-table
  const sources = inputMapsOf(spec, input.maps);
  // connStart[o] … connStart[o+1]: the connections of output map o; connSource[c]: its input map.
  const connStart = new Int32Array(maps + 1);
  const connSource = new Int32Array(sources.reduce((n, row) => n + row.length, 0));
  sources.forEach((row, o) => {
    connStart[o + 1] = connStart[o] + row.length;
    row.forEach((src, t) => { connSource[connStart[o] + t] = src; });
  });
  // #endregion conv-table
  const weightCount = connSource.length * kk;
  const padded = pad > 0 ? new Float32Array(input.maps * inHW) : null;
  const dPadded = pad > 0 ? new Float32Array(input.maps * inHW) : null;
  // C5 of LeNet-5: 1×1 outputs, each kernel covering a whole input map, every output map fed by
  // every input map in order — then the whole layer is one matrix of dot products.
  const dense1x1 = outH * outW === 1 && inW === k && sources.every((row) => row.length === input.maps &&
    row.every((src, i) => src === i));
  // Each output map's input maps as a bit set, for the kernels that take a whole map per call:
  // only when every row of the table is increasing (its connections in the bits' order) and
  // there are at most 32 input maps; otherwise null and one kernel call per connection.
  const increasing = sources.every((row) => row.every((src, i) => i === 0 || src > row[i - 1]));
  const sourceBits = increasing && input.maps <= 32 ?
    Int32Array.from(sources, (row) => row.reduce((bits, src) => bits | (1 << src), 0)) : null;
  const g: ConvGeometry = {
    maps, connStart, connSource, k, stride, inW, inHW, outH, outW, weightCount, dense1x1, sourceBits,
  };

  /** Copies x into the middle of the zero-bordered buffer (its border is never written). */
  function padInput(x: Float32Array, into: Float32Array): Float32Array {
    const h = input.height;
    const w = input.width;
    for (let m = 0; m < input.maps; m++) {
      for (let y = 0; y < h; y++) {
        into.set(x.subarray((m * h + y) * w, (m * h + y + 1) * w), m * inHW + (y + pad) * inW + pad);
      }
    }
    return into;
  }

  return {
    paramCount: weightCount + maps,

    init(params: Float32Array, offset: number, rng: Random): void {
      // Uniform in ±2.4/Fᵢ, Fᵢ the fan-in of the unit (section II.B / appendix A); ReLU units use
      // He's ±√(6/Fᵢ) instead, since the paper's range is far too small without the squash's gain.
      for (let o = 0; o < maps; o++) {
        const fanIn = (connStart[o + 1] - connStart[o]) * kk;
        const limit = spec.activation === 'relu' ? Math.sqrt(6 / fanIn) : 2.4 / fanIn;
        for (let i = connStart[o] * kk; i < connStart[o + 1] * kk; i++) params[offset + i] = rng.symmetric(limit);
        params[offset + weightCount + o] = rng.symmetric(limit);
      }
    },

    forward(params: Float32Array, offset: number, x: Float32Array, pre: Float32Array): void {
      convForward(g, params, offset, padded ? padInput(x, padded) : x, pre);
    },

    // A dense C5 with every array in the kernels' memory moves its weights at once (full.ts, rowsBackward).
    ...stepping(backwardWith),
  };

  function backwardWith(params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
    grads: Float32Array, step: InlineStep | null): number {
    const into = dX === null ? null : dPadded ?? dX;
    const moved = convBackward(g, params, offset, padded ? padInput(x, padded) : x, dPre, into, grads, step);
    if (dX && dPadded) {
      // Crop the padded gradient back to the input: the border's gradient belongs to no unit.
      const h = input.height;
      const w = input.width;
      for (let m = 0; m < input.maps; m++) {
        for (let y = 0; y < h; y++) {
          const from = m * inHW + (y + pad) * inW + pad;
          dX.set(dPadded.subarray(from, from + w), (m * h + y) * w);
        }
      }
    }
    return moved;
  }
}

/** Everything the hot loops need, computed once per layer. */
interface ConvGeometry {
  maps: number;
  connStart: Int32Array;
  connSource: Int32Array;
  k: number;
  stride: number;
  /** Width and area of a (padded) input map. */
  inW: number;
  inHW: number;
  outH: number;
  outW: number;
  weightCount: number;
  /** Every output 1×1 and a dot product of all inputs in order with its kernels (dense C5). */
  dense1x1: boolean;
  /** Bit m of sourceBits[o]: output map o is connected to input map m (null: not usable). */
  sourceBits: Int32Array | null;
}

// Where all arrays live in the model's WebAssembly memory (K not null) the SIMD kernels of
// kernels/kernels.as.ts do the multiply-adds; the JavaScript below is the reference and the
// fallback. A kernel call does a whole output map with all its connections (convolveMap,
// convolveMapBackward) or, for a dense C5, the whole layer (dotRows, axpyRows); each computes
// every sum exactly as the per-connection calls before it did, so the shipped weights stay
// reproducible (test/engine/trajectory.test.ts). The JavaScript below is plain top-level
// functions of numbers and typed arrays, so that V8 compiles one fast version of each. Loop
// order: for one kernel tap (o, source map, ky, kx) the weight is a constant and the innermost
// loop runs along an output row — unit stride, 28 long in C1 and 10 in C3. C5's output is 1×1,
// so there the innermost loop runs along a kernel row instead.

function convForward(g: ConvGeometry, params: Float32Array, offset: number, x: Float32Array, pre: Float32Array): void {
  const { maps, connStart, connSource, k, stride, inW, inHW, outH, outW, weightCount } = g;
  const kk = k * k;
  const outHW = outH * outW;
  const K = stride === 1 ? kernelsFor(params, x, pre) : null;
  if (K && g.dense1x1) {
    // The loop below, one unit at a time (a single run of input maps: sum = bias + dot), done
    // for all units in one call.
    K.dotRows(at(pre, 0), at(params, offset), at(params, offset + weightCount), at(x, 0), connStart[1] * kk, maps);
    return;
  }
  for (let o = 0; o < maps; o++) {
    const outBase = o * outHW;
    const bias = params[offset + weightCount + o];
    // #region conv-forward-1x1
    if (outHW === 1) {
      let sum = bias;
      for (let c = connStart[o]; c < connStart[o + 1]; c++) {
        const inBase = connSource[c] * inHW;
        let w = offset + c * kk;
        if (inW === k) {
          // The kernel covers whole input rows (C5 on 5×5 maps), so kernel and input are both
          // contiguous; over a run of consecutive input maps (all of them for a dense C5) the
          // whole run is one unit-stride dot product.
          let end = c + 1;
          while (end < connStart[o + 1] && connSource[end] === connSource[end - 1] + 1) end++;
          const n = (end - c) * kk;
          if (K) sum += K.dot(at(params, w), at(x, inBase), n);
          else for (let t = 0; t < n; t++) sum += params[w + t] * x[inBase + t];
          c = end - 1;
          continue;
        }
        for (let ky = 0; ky < k; ky++) {
          const row = inBase + ky * inW;
          for (let kx = 0; kx < k; kx++) sum += params[w++] * x[row + kx];
        }
      }
      pre[outBase] = sum;
      continue;
    }
    // #endregion conv-forward-1x1
    if (K && g.sourceBits) {
      // Bias, then every connection in table order: the lines below in one call.
      K.convolveMap(at(pre, outBase), outH, outW, at(x, 0), inW, at(params, offset + connStart[o] * kk), k,
        g.sourceBits[o], bias);
      continue;
    }
    for (let p = 0; p < outHW; p++) pre[outBase + p] = bias;
    if (K) {
      for (let c = connStart[o]; c < connStart[o + 1]; c++) {
        K.correlateAdd(at(pre, outBase), outH, outW, at(x, connSource[c] * inHW), inW, at(params, offset + c * kk), k);
      }
      continue;
    }
    if (k === 5 && stride === 1) {
      convForward5(connStart[o], connStart[o + 1], connSource, params, offset, x, pre, inW, inHW, outBase, outH, outW);
      continue;
    }
    // #region conv-forward
    for (let c = connStart[o]; c < connStart[o + 1]; c++) {
      const inBase = connSource[c] * inHW;
      let w = offset + c * kk;
      for (let ky = 0; ky < k; ky++) {
        for (let kx = 0; kx < k; kx++) {
          const weight = params[w++];
          let inRow = inBase + ky * inW + kx;
          let outRow = outBase;
          for (let oy = 0; oy < outH; oy++) {
            if (stride === 1) {
              for (let ox = 0; ox < outW; ox++) pre[outRow + ox] += weight * x[inRow + ox];
            } else {
              for (let ox = 0; ox < outW; ox++) pre[outRow + ox] += weight * x[inRow + ox * stride];
            }
            inRow += stride * inW;
            outRow += outW;
          }
        }
      }
    }
    // #endregion conv-forward
  }
}

/** Back-propagation; returns how many weights it moved at once by `step` (see full.ts, rowsBackward). */
function convBackward(g: ConvGeometry, params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array,
  dX: Float32Array | null, grads: Float32Array, step: InlineStep | null): number {
  const { maps, connStart, connSource, k, stride, inW, inHW, outH, outW, weightCount } = g;
  const kk = k * k;
  const outHW = outH * outW;
  if (dX) dX.fill(0);
  const K = stride !== 1 ? null : dX ? kernelsFor(params, x, dPre, dX, grads) : kernelsFor(params, x, dPre, grads);
  if (K && g.dense1x1) {
    // The 1×1 branch below (two axpy per unit, silent units skipped) for all units in one call.
    // Bias gradients as below: db = 0 + ∂E/∂pre (the 0 + turns a −0 into +0, as the loop's did).
    for (let o = 0; o < maps; o++) grads[offset + weightCount + o] += 0 + dPre[o];
    return rowsBackward(K, params, offset, connStart[1] * kk, maps, x, dPre, dX, grads, step);
  }
  for (let o = 0; o < maps; o++) {
    const outBase = o * outHW;
    if (K && g.sourceBits && outHW > 1) {
      // The bias gradient below, then every connection in table order: the kernel calls of the
      // loop below, in one call.
      const w = offset + connStart[o] * kk;
      K.convolveMapBackward(at(grads, w), at(x, 0), inW, at(dPre, outBase), outH, outW, at(params, w),
        dX ? at(dX, 0) : 0, k, g.sourceBits[o], at(grads, offset + weightCount + o));
      continue;
    }
    let db = 0;
    for (let p = 0; p < outHW; p++) db += dPre[outBase + p];
    grads[offset + weightCount + o] += db;
    if (db === 0 && outHW === 1) continue; // a silent ReLU unit
    for (let c = connStart[o]; c < connStart[o + 1]; c++) {
      const inBase = connSource[c] * inHW;
      let w = offset + c * kk;
      if (outHW === 1) {
        const d = dPre[outBase];
        if (inW === k) {
          let end = c + 1;
          while (end < connStart[o + 1] && connSource[end] === connSource[end - 1] + 1) end++;
          const n = (end - c) * kk;
          if (K) {
            K.axpy(at(grads, w), d, at(x, inBase), n);
            if (dX) K.axpy(at(dX, inBase), d, at(params, w), n);
          } else if (dX) {
            for (let t = 0; t < n; t++) { grads[w + t] += d * x[inBase + t]; dX[inBase + t] += d * params[w + t]; }
          } else {
            for (let t = 0; t < n; t++) grads[w + t] += d * x[inBase + t];
          }
          c = end - 1;
          continue;
        }
        for (let ky = 0; ky < k; ky++) {
          const row = inBase + ky * inW;
          if (dX) {
            for (let kx = 0; kx < k; kx++, w++) { grads[w] += d * x[row + kx]; dX[row + kx] += d * params[w]; }
          } else {
            for (let kx = 0; kx < k; kx++, w++) grads[w] += d * x[row + kx];
          }
        }
        continue;
      }
      if (K) {
        K.kernelGradientAdd(at(grads, w), k, at(x, inBase), inW, at(dPre, outBase), outH, outW);
        if (dX) K.convolveFullAdd(at(dX, inBase), inW, at(dPre, outBase), outH, outW, at(params, w), k);
        continue;
      }
      if (k === 5 && stride === 1) {
        convBackward5(inBase, w, params, x, dPre, dX, grads, inW, outBase, outH, outW);
        continue;
      }
      // #region conv-backward
      for (let ky = 0; ky < k; ky++) {
        for (let kx = 0; kx < k; kx++, w++) {
          const weight = params[w];
          let sum = 0;
          let inRow = inBase + ky * inW + kx;
          let outRow = outBase;
          for (let oy = 0; oy < outH; oy++) {
            if (dX && stride === 1) {
              for (let ox = 0; ox < outW; ox++) {
                const d = dPre[outRow + ox];
                sum += d * x[inRow + ox];
                dX[inRow + ox] += weight * d;
              }
            } else if (dX) {
              for (let ox = 0; ox < outW; ox++) {
                const d = dPre[outRow + ox];
                sum += d * x[inRow + ox * stride];
                dX[inRow + ox * stride] += weight * d;
              }
            } else {
              for (let ox = 0; ox < outW; ox++) sum += dPre[outRow + ox] * x[inRow + ox * stride];
            }
            inRow += stride * inW;
            outRow += outW;
          }
          grads[w] += sum;
        }
      }
      // #endregion conv-backward
    }
  }
  return 0;
}

// 5×5 kernels with stride 1 — every convolution of LeNet-5 — get their own loops: the five
// weights of a kernel row sit in registers and each output is read and written once per five
// multiply-adds, instead of once per multiply-add.

function convForward5(first: number, last: number, connSource: Int32Array, params: Float32Array, offset: number,
  x: Float32Array, pre: Float32Array, inW: number, inHW: number, outBase: number, outH: number, outW: number): void {
  for (let c = first; c < last; c++) {
    const inBase = connSource[c] * inHW;
    for (let ky = 0; ky < 5; ky++) {
      const w = offset + c * 25 + ky * 5;
      const w0 = params[w], w1 = params[w + 1], w2 = params[w + 2], w3 = params[w + 3], w4 = params[w + 4];
      for (let oy = 0; oy < outH; oy++) {
        const r = inBase + (oy + ky) * inW;
        const out = outBase + oy * outW;
        for (let ox = 0; ox < outW; ox++) {
          const i = r + ox;
          pre[out + ox] += w0 * x[i] + w1 * x[i + 1] + w2 * x[i + 2] + w3 * x[i + 3] + w4 * x[i + 4];
        }
      }
    }
  }
}

function convBackward5(inBase: number, w: number, params: Float32Array, x: Float32Array, dPre: Float32Array,
  dX: Float32Array | null, grads: Float32Array, inW: number, outBase: number, outH: number, outW: number): void {
  for (let ky = 0; ky < 5; ky++, w += 5) {
    const w0 = params[w], w1 = params[w + 1], w2 = params[w + 2], w3 = params[w + 3], w4 = params[w + 4];
    let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
    for (let oy = 0; oy < outH; oy++) {
      const r = inBase + (oy + ky) * inW;
      const out = outBase + oy * outW;
      if (dX) {
        for (let ox = 0; ox < outW; ox++) {
          const d = dPre[out + ox];
          const i = r + ox;
          g0 += d * x[i]; g1 += d * x[i + 1]; g2 += d * x[i + 2]; g3 += d * x[i + 3]; g4 += d * x[i + 4];
          dX[i] += w0 * d; dX[i + 1] += w1 * d; dX[i + 2] += w2 * d; dX[i + 3] += w3 * d; dX[i + 4] += w4 * d;
        }
      } else {
        for (let ox = 0; ox < outW; ox++) {
          const d = dPre[out + ox];
          const i = r + ox;
          g0 += d * x[i]; g1 += d * x[i + 1]; g2 += d * x[i + 2]; g3 += d * x[i + 3]; g4 += d * x[i + 4];
        }
      }
    }
    grads[w] += g0; grads[w + 1] += g1; grads[w + 2] += g2; grads[w + 3] += g3; grads[w + 4] += g4;
  }
}
