// The engine's hot loops in WebAssembly SIMD (AssemblyScript; built by scripts/build-kernels.mjs
// into kernels-wasm.ts). Every kernel works on float32 buffers of the model's own memory,
// given as byte addresses, and ADDS into its output, exactly like the JavaScript loops in
// engine/layers/ (which stay as the reference and the fallback). Four output columns are
// computed at once with f32x4. When a row's width is not a multiple of 4 (C3 and S4 maps are
// 10 wide), its last four columns are computed once more with the columns already done masked
// to zero; rows narrower than 4 go one column at a time.
//
// Why the order of every sum is fixed. Float32 addition is not associative: the same terms
// added in another order or grouping round differently, a trained network drifts by a bit
// here and there, and the shipped weights (public/weights/*.bin, each promised to come out bit
// for bit of the command in its record) could no longer be reproduced. So each kernel below
// states, per output element, the exact chain of multiplications and additions it has always
// performed, and changes only what is free: the order of work across DIFFERENT elements,
// partial sums kept in registers rather than memory (a register holds the same float32), one
// weight or input vector loaded once for several elements. Multiply then add — never a fused
// multiply-add (relaxed SIMD), which rounds once instead of twice. The JavaScript loops agree
// only up to rounding (test/engine/kernels.test.ts); the exact bits are held by the golden
// trajectories of test/engine/trajectory.test.ts, which a single reordered sum fails.

// The lanes of the last, overlapping vector of a row that are new: the last (outW mod 4).
function tailMask(outW: i32): v128 {
  const rem = outW & 3;
  if (rem === 1) return f32x4(0, 0, 0, 1);
  if (rem === 2) return f32x4(0, 0, 1, 1);
  if (rem === 3) return f32x4(0, 1, 1, 1);
  return f32x4(0, 0, 0, 0);
}

// ─── Forward: correlateAdd ───────────────────────────────────────────────────────────────────
// out[y·outW + x] += Σ_{ky,kx < k} w[ky·k + kx] · inp[(y + ky)·inW + x + kx]
// (one input map's contribution to one output map of a convolution, stride 1, no padding).
//
// The sum of one output element, exactly as the kernels have always formed it (the shipped
// weights were trained with these roundings; test/engine/trajectory.test.ts holds their bits):
// - columns x < x8 (x8 = outW rounded down to a multiple of 8): one chain
//       acc = ((0 + w₀₀·in) + w₀₁·in) + … in tap order (ky, kx), then out = out + acc;
// - columns x8 ≤ x < outW (the last vector when outW mod 8 is 4 to 7, and the overlapping last
//   vector when outW is not a multiple of 4): two chains, even kernel rows into acc0 and odd rows
//   into acc1, each in tap order, then out = out + (acc0 + acc1)·mask — mask 1 for these
//   columns; the overlapping vector's columns already done get + (acc0 + acc1)·0, i.e. ± 0,
//   which changes nothing (they hold out + acc, and acc, a sum from +0, is never −0, so neither
//   is out + acc). When the new columns are two (outW mod 4 = 2, C3's 10), they are instead
//   packed two rows to a vector and the columns already done are not touched at all.
//   (test/engine/kernels-exact.test.ts checks this order bit for bit on every width remainder.)
// Only the order of work across DIFFERENT output elements is free: four or five output rows
// are computed at once, which gives 8 or 10 independent chains per weight splat instead of 2.
export function correlateAdd(out: usize, outH: i32, outW: i32, inp: usize, inW: i32, w: usize, k: i32): void {
  if (outW < 4) {
    correlateAddNarrow(out, outH, outW, inp, inW, w, k);
    return;
  }
  const vecW = outW & ~3;
  const x8 = vecW & ~7;
  const ones = f32x4.splat(1);
  for (let y = 0; y < outH; y += blockRows(outH - y)) {
    const rows = blockRows(outH - y);
    for (let x = 0; x < x8; x += 8) correlate8(out, outW, inp, inW, w, k, y, rows, x);
    if (x8 < vecW) correlateSplit(out, outW, inp, inW, w, k, y, rows, x8, ones);
  }
  // The overlapping last vector of every row, after all rows: reading back a vector that was
  // stored a moment ago at an overlapping address would stall the processor.
  if (vecW === outW) return;
  let y = 0;
  if ((outW & 3) === 2) {
    // Two new columns: rows taken in pairs, a pair in one vector (five pairs at a time).
    for (; y + 2 <= outH; y += 10) correlateSplitPairs(out, outW, inp, inW, w, k, y, min(5, (outH - y) >> 1), outW - 2, ones);
    y = outH & ~1;
  }
  const mask = tailMask(outW);
  for (; y < outH; y += blockRows(outH - y)) {
    correlateSplit(out, outW, inp, inW, w, k, y, blockRows(outH - y), outW - 4, mask);
  }
}

// How many of the `left` output rows the next block takes: 4 while they divide evenly (C1's 28),
// else 5 (C3's 10 = 5 + 5) or whatever is left.
function blockRows(left: i32): i32 {
  return left % 4 === 0 ? 4 : min(5, left);
}

// Columns x … x + 7 of output rows y … y + rows − 1 (rows ≤ 5), one chain per element. A block
// of fewer than 4 rows computes its last row again in the missing ones and stores only its own;
// the fifth row is computed only in a block of 5 (each its own inlined copy of the loop, so that
// no flag is tested per tap).
function correlate8(out: usize, outW: i32, inp: usize, inW: i32, w: usize, k: i32, y: i32, rows: i32, x: i32): void {
  if (rows > 4) correlate8Rows(out, outW, inp, inW, w, k, y, rows, x, true);
  else correlate8Rows(out, outW, inp, inW, w, k, y, rows, x, false);
}

@inline function correlate8Rows(out: usize, outW: i32, inp: usize, inW: i32, w: usize, k: i32, y: i32, rows: i32, x: i32,
  five: bool): void {
  const rowBytes = (<usize>inW) << 2;
  const in0 = inp + ((<usize>(y * inW + x)) << 2);
  const in1 = rows > 1 ? in0 + rowBytes : in0;
  const in2 = rows > 2 ? in1 + rowBytes : in1;
  const in3 = rows > 3 ? in2 + rowBytes : in2;
  const in4 = in3 + rowBytes;
  let a0 = f32x4.splat(0), b0 = f32x4.splat(0);
  let a1 = f32x4.splat(0), b1 = f32x4.splat(0);
  let a2 = f32x4.splat(0), b2 = f32x4.splat(0);
  let a3 = f32x4.splat(0), b3 = f32x4.splat(0);
  let a4 = f32x4.splat(0), b4 = f32x4.splat(0);
  for (let ky = 0; ky < k; ky++) {
    const wRow = w + ((<usize>(ky * k)) << 2);
    const r = (<usize>ky) * rowBytes;
    for (let kx = 0; kx < k; kx++) {
      const weight = f32x4.splat(load<f32>(wRow + ((<usize>kx) << 2)));
      const q = r + ((<usize>kx) << 2);
      a0 = f32x4.add(a0, f32x4.mul(weight, v128.load(in0 + q)));
      b0 = f32x4.add(b0, f32x4.mul(weight, v128.load(in0 + q + 16)));
      a1 = f32x4.add(a1, f32x4.mul(weight, v128.load(in1 + q)));
      b1 = f32x4.add(b1, f32x4.mul(weight, v128.load(in1 + q + 16)));
      a2 = f32x4.add(a2, f32x4.mul(weight, v128.load(in2 + q)));
      b2 = f32x4.add(b2, f32x4.mul(weight, v128.load(in2 + q + 16)));
      a3 = f32x4.add(a3, f32x4.mul(weight, v128.load(in3 + q)));
      b3 = f32x4.add(b3, f32x4.mul(weight, v128.load(in3 + q + 16)));
      if (five) {
        a4 = f32x4.add(a4, f32x4.mul(weight, v128.load(in4 + q)));
        b4 = f32x4.add(b4, f32x4.mul(weight, v128.load(in4 + q + 16)));
      }
    }
  }
  const outBytes = (<usize>outW) << 2;
  const p = out + ((<usize>(y * outW + x)) << 2);
  v128.store(p, f32x4.add(v128.load(p), a0));
  v128.store(p + 16, f32x4.add(v128.load(p + 16), b0));
  if (rows < 2) return;
  const p1 = p + outBytes;
  v128.store(p1, f32x4.add(v128.load(p1), a1));
  v128.store(p1 + 16, f32x4.add(v128.load(p1 + 16), b1));
  if (rows < 3) return;
  const p2 = p1 + outBytes;
  v128.store(p2, f32x4.add(v128.load(p2), a2));
  v128.store(p2 + 16, f32x4.add(v128.load(p2 + 16), b2));
  if (rows < 4) return;
  const p3 = p2 + outBytes;
  v128.store(p3, f32x4.add(v128.load(p3), a3));
  v128.store(p3 + 16, f32x4.add(v128.load(p3 + 16), b3));
  if (!five) return;
  const p4 = p3 + outBytes;
  v128.store(p4, f32x4.add(v128.load(p4), a4));
  v128.store(p4 + 16, f32x4.add(v128.load(p4 + 16), b4));
}

// One vector (columns x … x + 3) of output rows y … y + rows − 1 (rows ≤ 5), with the even/odd
// kernel-row split described above, its sums multiplied by `mask` before adding (a block of 5 rows
// and a smaller one each have their own inlined copy of the loop).
function correlateSplit(out: usize, outW: i32, inp: usize, inW: i32, w: usize, k: i32, y: i32, rows: i32, x: i32,
  mask: v128): void {
  if (rows > 4) correlateSplitRows(out, outW, inp, inW, w, k, y, rows, x, mask, true, false);
  else correlateSplitRows(out, outW, inp, inW, w, k, y, rows, x, mask, false, false);
}

// The same sums for the last two columns (x, x + 1) of `pairs` pairs of rows from y on (pairs ≤ 5),
// a pair in one vector: lanes 0–1 row y + 2j, lanes 2–3 row y + 2j + 1. On a 10-wide map (C3)
// the overlapping last vector had two lanes of four already done; packed, none is wasted.
function correlateSplitPairs(out: usize, outW: i32, inp: usize, inW: i32, w: usize, k: i32, y: i32, pairs: i32, x: i32,
  ones: v128): void {
  if (pairs > 4) correlateSplitRows(out, outW, inp, inW, w, k, y, pairs, x, ones, true, true);
  else correlateSplitRows(out, outW, inp, inW, w, k, y, pairs, x, ones, false, true);
}

@inline function correlateSplitRows(out: usize, outW: i32, inp: usize, inW: i32, w: usize, k: i32, y: i32, rows: i32,
  x: i32, mask: v128, five: bool, packed: bool): void {
  const rowBytes = (<usize>inW) << 2;
  const step = packed ? rowBytes << 1 : rowBytes; // from one vector's (first) row to the next's
  const in0 = inp + ((<usize>(y * inW + x)) << 2);
  const in1 = rows > 1 ? in0 + step : in0;
  const in2 = rows > 2 ? in1 + step : in1;
  const in3 = rows > 3 ? in2 + step : in2;
  let e0 = f32x4.splat(0), o0 = f32x4.splat(0);
  let e1 = f32x4.splat(0), o1 = f32x4.splat(0);
  let e2 = f32x4.splat(0), o2 = f32x4.splat(0);
  let e3 = f32x4.splat(0), o3 = f32x4.splat(0);
  let e4 = f32x4.splat(0), o4 = f32x4.splat(0);
  const in4 = in3 + step;
  for (let ky = 0; ky < k; ky += 2) {
    // Even kernel row ky into e, odd row ky + 1 (if any) into o.
    let wRow = w + ((<usize>(ky * k)) << 2);
    let r = (<usize>ky) * rowBytes;
    for (let kx = 0; kx < k; kx++) {
      const weight = f32x4.splat(load<f32>(wRow + ((<usize>kx) << 2)));
      const q = r + ((<usize>kx) << 2);
      e0 = f32x4.add(e0, f32x4.mul(weight, splitLoad(in0 + q, rowBytes, packed)));
      e1 = f32x4.add(e1, f32x4.mul(weight, splitLoad(in1 + q, rowBytes, packed)));
      e2 = f32x4.add(e2, f32x4.mul(weight, splitLoad(in2 + q, rowBytes, packed)));
      e3 = f32x4.add(e3, f32x4.mul(weight, splitLoad(in3 + q, rowBytes, packed)));
      if (five) e4 = f32x4.add(e4, f32x4.mul(weight, splitLoad(in4 + q, rowBytes, packed)));
    }
    if (ky + 1 === k) break;
    wRow += (<usize>k) << 2;
    r += rowBytes;
    for (let kx = 0; kx < k; kx++) {
      const weight = f32x4.splat(load<f32>(wRow + ((<usize>kx) << 2)));
      const q = r + ((<usize>kx) << 2);
      o0 = f32x4.add(o0, f32x4.mul(weight, splitLoad(in0 + q, rowBytes, packed)));
      o1 = f32x4.add(o1, f32x4.mul(weight, splitLoad(in1 + q, rowBytes, packed)));
      o2 = f32x4.add(o2, f32x4.mul(weight, splitLoad(in2 + q, rowBytes, packed)));
      o3 = f32x4.add(o3, f32x4.mul(weight, splitLoad(in3 + q, rowBytes, packed)));
      if (five) o4 = f32x4.add(o4, f32x4.mul(weight, splitLoad(in4 + q, rowBytes, packed)));
    }
  }
  const outBytes = (<usize>outW) << 2;
  const outStep = packed ? outBytes << 1 : outBytes;
  const p = out + ((<usize>(y * outW + x)) << 2);
  splitAdd(p, outBytes, f32x4.mul(f32x4.add(e0, o0), mask), packed);
  if (rows < 2) return;
  const p1 = p + outStep;
  splitAdd(p1, outBytes, f32x4.mul(f32x4.add(e1, o1), mask), packed);
  if (rows < 3) return;
  const p2 = p1 + outStep;
  splitAdd(p2, outBytes, f32x4.mul(f32x4.add(e2, o2), mask), packed);
  if (rows < 4) return;
  const p3 = p2 + outStep;
  splitAdd(p3, outBytes, f32x4.mul(f32x4.add(e3, o3), mask), packed);
  if (!five) return;
  const p4 = p3 + outStep;
  splitAdd(p4, outBytes, f32x4.mul(f32x4.add(e4, o4), mask), packed);
}

// Four floats at p, or (packed) two at p and two a row further on.
@inline function splitLoad(p: usize, rowBytes: usize, packed: bool): v128 {
  return packed ? v128.load64_lane(p + rowBytes, v128.load64_zero(p), 1) : v128.load(p);
}

// Adds v to the four floats at p, or (packed) to two at p and two a row further on.
@inline function splitAdd(p: usize, rowBytes: usize, v: v128, packed: bool): void {
  if (!packed) {
    v128.store(p, f32x4.add(v128.load(p), v));
    return;
  }
  const sum = f32x4.add(splitLoad(p, rowBytes, true), v);
  v128.store64_lane(p, sum, 0);
  v128.store64_lane(p + rowBytes, sum, 1);
}

function correlateAddNarrow(out: usize, outH: i32, outW: i32, inp: usize, inW: i32, w: usize, k: i32): void {
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let sum: f32 = 0;
      for (let ky = 0; ky < k; ky++) {
        const inRow = inp + ((<usize>((y + ky) * inW + x)) << 2);
        const wRow = w + ((<usize>(ky * k)) << 2);
        for (let kx = 0; kx < k; kx++) sum += load<f32>(wRow + ((<usize>kx) << 2)) * load<f32>(inRow + ((<usize>kx) << 2));
      }
      const p = out + ((<usize>(y * outW + x)) << 2);
      store<f32>(p, load<f32>(p) + sum);
    }
  }
}

function horizontalSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

// g[ky·k + kx] += Σ_{y,x} d[y·outW + x] · inp[(y + ky)·inW + x + kx]
// (the gradient of one kernel: the input correlated with the output's ∂E/∂pre).
export function kernelGradientAdd(g: usize, k: i32, inp: usize, inW: i32, d: usize, outH: i32, outW: i32): void {
  if (k === 5 && outW >= 4) {
    kernelGradientAdd5(g, inp, inW, d, outH, outW, 0);
    return;
  }
  for (let ky = 0; ky < k; ky++) {
    for (let kx = 0; kx < k; kx++) {
      let sum: f32 = 0;
      for (let y = 0; y < outH; y++) {
        const dRow = d + ((<usize>(y * outW)) << 2);
        const inRow = inp + ((<usize>((y + ky) * inW + kx)) << 2);
        for (let x = 0; x < outW; x++) sum += load<f32>(dRow + ((<usize>x) << 2)) * load<f32>(inRow + ((<usize>x) << 2));
      }
      const p = g + ((<usize>(ky * k + kx)) << 2);
      store<f32>(p, load<f32>(p) + sum);
    }
  }
}

// 5×5 kernels (all of LeNet-5's). The sum of one gradient element g[ky·5 + kx], exactly as
// the kernels have always formed it (test/engine/trajectory.test.ts holds the bits): four lane
// chains, lane j summing d·inp over output rows y in order and, within a row, over the vectors
// at columns 0, 4, … and last the overlapping vector at outW − 4 with its columns already done
// masked to zero (d·0 adds ±0); then g += ((lane0 + lane1) + lane2) + lane3. Kernel rows 0–1
// and 2–3 are done in pairs (ten independent chains, each ∂E/∂pre vector loaded once for all
// ten), row 4 alone.
//
// The bias's sum (see biasGradientAdd) rides along when gb is not 0: a chain of float64 additions
// that each wait for the one before, hidden behind the vector work of the two paired passes (two
// terms per vector of the row, in order), the rest after them.
function kernelGradientAdd5(g: usize, inp: usize, inW: i32, d: usize, outH: i32, outW: i32, gb: usize): void {
  const vecW = outW & ~3;
  const mask = tailMask(outW);
  if (!gb) {
    gradientPass(g, inp, inW, d, outH, outW, vecW, mask, 0, true, false, 0, 0);
    gradientPass(g, inp, inW, d, outH, outW, vecW, mask, 2, true, false, 0, 0);
    gradientPass(g, inp, inW, d, outH, outW, vecW, mask, 4, false, false, 0, 0);
    return;
  }
  const half = (<usize>(2 * (vecW >> 2) * outH)) << 2; // bytes of d each paired pass sums
  let db = gradientPass(g, inp, inW, d, outH, outW, vecW, mask, 0, true, true, 0, d);
  db = gradientPass(g, inp, inW, d, outH, outW, vecW, mask, 2, true, true, db, d + half);
  gradientPass(g, inp, inW, d, outH, outW, vecW, mask, 4, false, false, 0, 0);
  const end = d + ((<usize>(outH * outW)) << 2);
  for (let q = d + 2 * half; q < end; q += 4) db += <f64>load<f32>(q);
  store<f32>(gb, <f32>(<f64>load<f32>(gb) + db));
}

// Kernel row ky (and ky + 1 if `pair`) of kernelGradientAdd5; with `bias`, also adds to db, in
// order, two floats from `from` on per whole vector, and returns it. Inlined with its flags
// constant, so that each copy of the loop runs without a test.
@inline function gradientPass(g: usize, inp: usize, inW: i32, d: usize, outH: i32, outW: i32, vecW: i32, mask: v128,
  ky: i32, pair: bool, bias: bool, db: f64, from: usize): f64 {
  const inRowBytes = (<usize>inW) << 2;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0), a4 = f32x4.splat(0);
  let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0), b4 = f32x4.splat(0);
  let sum = db;
  let stream = from;
  for (let y = 0; y < outH; y++) {
    const dRow = d + ((<usize>(y * outW)) << 2);
    const inRow = inp + ((<usize>((y + ky) * inW)) << 2);
    for (let x = 0; x < vecW; x += 4) {
      const col = (<usize>x) << 2;
      const dv = v128.load(dRow + col);
      const q = inRow + col;
      a0 = f32x4.add(a0, f32x4.mul(dv, v128.load(q)));
      a1 = f32x4.add(a1, f32x4.mul(dv, v128.load(q + 4)));
      a2 = f32x4.add(a2, f32x4.mul(dv, v128.load(q + 8)));
      a3 = f32x4.add(a3, f32x4.mul(dv, v128.load(q + 12)));
      a4 = f32x4.add(a4, f32x4.mul(dv, v128.load(q + 16)));
      if (bias) {
        const two = f64x2.promote_low_f32x4(v128.load64_zero(stream));
        sum = sum + f64x2.extract_lane(two, 0);
        sum = sum + f64x2.extract_lane(two, 1);
        stream += 8;
      }
      if (pair) {
        const r = q + inRowBytes;
        b0 = f32x4.add(b0, f32x4.mul(dv, v128.load(r)));
        b1 = f32x4.add(b1, f32x4.mul(dv, v128.load(r + 4)));
        b2 = f32x4.add(b2, f32x4.mul(dv, v128.load(r + 8)));
        b3 = f32x4.add(b3, f32x4.mul(dv, v128.load(r + 12)));
        b4 = f32x4.add(b4, f32x4.mul(dv, v128.load(r + 16)));
      }
    }
    if (vecW !== outW) {
      // The overlapping last vector, its columns already done masked to zero.
      const col = (<usize>(outW - 4)) << 2;
      const dv = f32x4.mul(v128.load(dRow + col), mask);
      const q = inRow + col;
      a0 = f32x4.add(a0, f32x4.mul(dv, v128.load(q)));
      a1 = f32x4.add(a1, f32x4.mul(dv, v128.load(q + 4)));
      a2 = f32x4.add(a2, f32x4.mul(dv, v128.load(q + 8)));
      a3 = f32x4.add(a3, f32x4.mul(dv, v128.load(q + 12)));
      a4 = f32x4.add(a4, f32x4.mul(dv, v128.load(q + 16)));
      if (pair) {
        const r = q + inRowBytes;
        b0 = f32x4.add(b0, f32x4.mul(dv, v128.load(r)));
        b1 = f32x4.add(b1, f32x4.mul(dv, v128.load(r + 4)));
        b2 = f32x4.add(b2, f32x4.mul(dv, v128.load(r + 8)));
        b3 = f32x4.add(b3, f32x4.mul(dv, v128.load(r + 12)));
        b4 = f32x4.add(b4, f32x4.mul(dv, v128.load(r + 16)));
      }
    }
  }
  const p = g + ((<usize>(ky * 5)) << 2);
  store<f32>(p, load<f32>(p) + horizontalSum(a0));
  store<f32>(p + 4, load<f32>(p + 4) + horizontalSum(a1));
  store<f32>(p + 8, load<f32>(p + 8) + horizontalSum(a2));
  store<f32>(p + 12, load<f32>(p + 12) + horizontalSum(a3));
  store<f32>(p + 16, load<f32>(p + 16) + horizontalSum(a4));
  if (pair) {
    store<f32>(p + 20, load<f32>(p + 20) + horizontalSum(b0));
    store<f32>(p + 24, load<f32>(p + 24) + horizontalSum(b1));
    store<f32>(p + 28, load<f32>(p + 28) + horizontalSum(b2));
    store<f32>(p + 32, load<f32>(p + 32) + horizontalSum(b3));
    store<f32>(p + 36, load<f32>(p + 36) + horizontalSum(b4));
  }
  return sum;
}

// gb += Σ d[i], i < n, the sum formed in float64 from +0 in order of i and added once (conv.ts's
// bias gradient: a JavaScript number summing float32 values, then stored into a float32 array).
function biasGradientAdd(gb: usize, d: usize, n: i32): void {
  let db: f64 = 0;
  for (let i = 0; i < n; i++) db += <f64>load<f32>(d + ((<usize>i) << 2));
  store<f32>(gb, <f32>(<f64>load<f32>(gb) + db));
}

// dx[(y + ky)·inW + x + kx] += w[ky·k + kx] · d[y·outW + x]
// (∂E/∂input of one input map through one kernel: the "full" convolution; inW = outW + k − 1).
//
// The sum of one dx element, exactly as the kernels have always formed it (the shipped weights
// depend on it; test/engine/trajectory.test.ts holds their bits): from its value, it adds w·d
// one term at a time — first every term whose d column x is below vecW (outW rounded down to a
// multiple of 4) in tap order (ky, kx), then the terms with vecW ≤ x < outW, again in tap
// order. Each tap reads, adds to and writes back dx, two rows at a time — except on 10-wide maps
// with 5×5 kernels (C3's), where convolveFullAdd10x5 below gathers each dx row in registers. It
// does a third more multiply-adds (a 14-wide dx row in vectors, its edges zeroed by shuffles) but
// no per-tap read-add-write of overlapping vectors, and measured 15–20 % faster on the whole
// modern training step (a first gather form, with masks and per-tap loads, was 2.6 times slower).
export function convolveFullAdd(dx: usize, inW: i32, d: usize, outH: i32, outW: i32, w: usize, k: i32): void {
  if (outW < 4) {
    convolveFullAddNarrow(dx, inW, d, outH, outW, w, k);
    return;
  }
  if (outW === 10 && k === 5) {
    convolveFullAdd10x5(dx, d, outH, w);
    return;
  }
  const vecW = outW & ~3;
  const x8 = vecW & ~7;
  const dxRowBytes = (<usize>inW) << 2;
  const dRowBytes = (<usize>outW) << 2;
  for (let ky = 0; ky < k; ky++) {
    for (let kx = 0; kx < k; kx++) {
      const weight = f32x4.splat(load<f32>(w + ((<usize>(ky * k + kx)) << 2)));
      let dRow = d;
      let dxRow = dx + ((<usize>(ky * inW + kx)) << 2);
      // Two output rows per step: twice the independent read-add-writes in flight.
      let y = 0;
      for (; y + 2 <= outH; y += 2) {
        const dRow1 = dRow + dRowBytes;
        const dxRow1 = dxRow + dxRowBytes;
        let x = 0;
        for (; x < x8; x += 8) {
          const o = (<usize>x) << 2;
          const a = v128.load(dxRow + o);
          const b = v128.load(dxRow + o + 16);
          const c = v128.load(dxRow1 + o);
          const e = v128.load(dxRow1 + o + 16);
          v128.store(dxRow + o, f32x4.add(a, f32x4.mul(weight, v128.load(dRow + o))));
          v128.store(dxRow + o + 16, f32x4.add(b, f32x4.mul(weight, v128.load(dRow + o + 16))));
          v128.store(dxRow1 + o, f32x4.add(c, f32x4.mul(weight, v128.load(dRow1 + o))));
          v128.store(dxRow1 + o + 16, f32x4.add(e, f32x4.mul(weight, v128.load(dRow1 + o + 16))));
        }
        if (x < vecW) {
          const o = (<usize>x) << 2;
          const a = v128.load(dxRow + o);
          const c = v128.load(dxRow1 + o);
          v128.store(dxRow + o, f32x4.add(a, f32x4.mul(weight, v128.load(dRow + o))));
          v128.store(dxRow1 + o, f32x4.add(c, f32x4.mul(weight, v128.load(dRow1 + o))));
        }
        dRow += dRowBytes << 1;
        dxRow += dxRowBytes << 1;
      }
      if (y < outH) {
        for (let x = 0; x < vecW; x += 4) {
          const o = (<usize>x) << 2;
          v128.store(dxRow + o, f32x4.add(v128.load(dxRow + o), f32x4.mul(weight, v128.load(dRow + o))));
        }
      }
    }
  }
  // The overlapping last vectors after everything else, for the reason given in correlateAdd.
  // Their weight is multiplied by the mask (w·1 = w exactly), so the lanes already done add ±0.
  if (vecW === outW) return;
  const mask = tailMask(outW);
  const t = (<usize>(outW - 4)) << 2;
  for (let ky = 0; ky < k; ky++) {
    for (let kx = 0; kx < k; kx++) {
      const weight = f32x4.mul(f32x4.splat(load<f32>(w + ((<usize>(ky * k + kx)) << 2))), mask);
      let dRow = d + t;
      let p = dx + ((<usize>(ky * inW + kx)) << 2) + t;
      let y = 0;
      for (; y + 2 <= outH; y += 2) {
        const a = v128.load(p);
        const b = v128.load(p + dxRowBytes);
        v128.store(p, f32x4.add(a, f32x4.mul(weight, v128.load(dRow))));
        v128.store(p + dxRowBytes, f32x4.add(b, f32x4.mul(weight, v128.load(dRow + dRowBytes))));
        dRow += dRowBytes << 1;
        p += dxRowBytes << 1;
      }
      if (y < outH) v128.store(p, f32x4.add(v128.load(p), f32x4.mul(weight, v128.load(dRow))));
    }
  }
}

// C3's case, 10-wide output maps and 5×5 kernels (dx rows 14 wide), with every dx element's sum
// exactly as above but gathered: each dx row is loaded once into four vectors (columns 0–3, 4–7,
// 8–11, 12–13), receives all its terms in registers and is stored once, instead of being read,
// added to and written back by each of the 25 taps (whose overlapping, shifted vectors made every
// tap wait for the previous tap's stores). Its terms come in the same order: first those from d
// columns 0–7 (below vecW = 8) in tap order (ky, kx), then those from columns 8–9 in tap order.
// The d vectors shifted by kx are built from the row's aligned vectors and zeros (columns outside
// the pass); the lanes they zero add w·0 = ±0, and adding ±0 leaves a float32 sum unchanged — a
// sum that starts from +0 (convBackward zeroes dx) is never −0, so not even a zero's sign moves.
function convolveFullAdd10x5(dx: usize, d: usize, outH: i32, w: usize): void {
  fullAdd10x5(dx, 0, d, outH, w, 0, false);
}

// Two connections of one output map at once (the same d, two input maps dx and dx2 through kernels
// w and w2): the shifted d vectors are built once for both, and the two sets of sums, which
// belong to different input maps, give the processor twice the independent additions.
function convolveFullAdd10x5Pair(dx: usize, dx2: usize, d: usize, outH: i32, w: usize, w2: usize): void {
  fullAdd10x5(dx, dx2, d, outH, w, w2, true);
}

@inline function fullAdd10x5(dx: usize, dx2: usize, d: usize, outH: i32, w: usize, w2: usize, pair: bool): void {
  const zero = f32x4.splat(0);
  for (let Y = 0; Y < outH + 4; Y++) {
    const kyLo = max(0, Y - outH + 1);
    const kyHi = min(4, Y);
    const row = (<usize>(Y * 14)) << 2;
    const dxRow = dx + row;
    const dxRow2 = dx2 + row;
    let a0 = v128.load(dxRow), a1 = v128.load(dxRow + 16), a2 = v128.load(dxRow + 32);
    let a3 = v128.load64_zero(dxRow + 48);
    let b0 = zero, b1 = zero, b2 = zero, b3 = zero;
    if (pair) {
      b0 = v128.load(dxRow2); b1 = v128.load(dxRow2 + 16); b2 = v128.load(dxRow2 + 32); b3 = v128.load64_zero(dxRow2 + 48);
    }
    for (let ky = kyLo; ky <= kyHi; ky++) {
      const dRow = d + ((<usize>((Y - ky) * 10)) << 2);
      const d0 = v128.load(dRow), d1 = v128.load(dRow + 16);
      // Column-block vectors of d shifted right by kx (zeros coming in), kx = 1 … 3.
      const s01 = v128.shuffle<f32>(zero, d0, 3, 4, 5, 6), s02 = v128.shuffle<f32>(zero, d0, 2, 3, 4, 5);
      const s03 = v128.shuffle<f32>(zero, d0, 1, 2, 3, 4);
      const s11 = v128.shuffle<f32>(d0, d1, 3, 4, 5, 6), s12 = v128.shuffle<f32>(d0, d1, 2, 3, 4, 5);
      const s13 = v128.shuffle<f32>(d0, d1, 1, 2, 3, 4);
      const s21 = v128.shuffle<f32>(d1, zero, 3, 4, 5, 6), s22 = v128.shuffle<f32>(d1, zero, 2, 3, 4, 5);
      const s23 = v128.shuffle<f32>(d1, zero, 1, 2, 3, 4);
      const wRow = w + ((<usize>(ky * 5)) << 2);
      a0 = taps(a0, wRow, 0, 5, d0, s01, s02, s03, zero);
      a1 = taps(a1, wRow, 0, 5, d1, s11, s12, s13, d0);
      a2 = taps(a2, wRow, 1, 5, zero, s21, s22, s23, d1);
      if (!pair) continue;
      const vRow = w2 + ((<usize>(ky * 5)) << 2);
      b0 = taps(b0, vRow, 0, 5, d0, s01, s02, s03, zero);
      b1 = taps(b1, vRow, 0, 5, d1, s11, s12, s13, d0);
      b2 = taps(b2, vRow, 1, 5, zero, s21, s22, s23, d1);
    }
    for (let ky = kyLo; ky <= kyHi; ky++) {
      const t = v128.load64_zero(d + ((<usize>((Y - ky) * 10 + 8)) << 2));
      const t1 = v128.shuffle<f32>(zero, t, 3, 4, 5, 6), t2 = v128.shuffle<f32>(zero, t, 2, 3, 4, 5);
      const t3 = v128.shuffle<f32>(zero, t, 1, 2, 3, 4), u3 = v128.shuffle<f32>(t, zero, 1, 2, 3, 4);
      const wRow = w + ((<usize>(ky * 5)) << 2);
      a2 = taps(a2, wRow, 0, 4, t, t1, t2, t3, zero);
      a3 = taps(a3, wRow, 3, 5, zero, zero, zero, u3, t);
      if (!pair) continue;
      const vRow = w2 + ((<usize>(ky * 5)) << 2);
      b2 = taps(b2, vRow, 0, 4, t, t1, t2, t3, zero);
      b3 = taps(b3, vRow, 3, 5, zero, zero, zero, u3, t);
    }
    v128.store(dxRow, a0);
    v128.store(dxRow + 16, a1);
    v128.store(dxRow + 32, a2);
    v128.store64_lane(dxRow + 48, a3, 0);
    if (!pair) continue;
    v128.store(dxRow2, b0);
    v128.store(dxRow2 + 16, b1);
    v128.store(dxRow2 + 32, b2);
    v128.store64_lane(dxRow2 + 48, b3, 0);
  }
}

// acc + w[kx]·v_kx for kx = from … to − 1 in order, w the kernel row at wRow (inlined with from and
// to constant, so only those terms are there).
@inline function taps(acc: v128, wRow: usize, from: i32, to: i32, v0: v128, v1: v128, v2: v128, v3: v128, v4: v128): v128 {
  let a = acc;
  if (from <= 0 && to > 0) a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(wRow)), v0));
  if (from <= 1 && to > 1) a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(wRow + 4)), v1));
  if (from <= 2 && to > 2) a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(wRow + 8)), v2));
  if (from <= 3 && to > 3) a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(wRow + 12)), v3));
  if (from <= 4 && to > 4) a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(wRow + 16)), v4));
  return a;
}

// The same sums for rows narrower than 4, as they have always been computed: scalar, tap by tap.
function convolveFullAddNarrow(dx: usize, inW: i32, d: usize, outH: i32, outW: i32, w: usize, k: i32): void {
  for (let ky = 0; ky < k; ky++) {
    for (let kx = 0; kx < k; kx++) {
      const wk = load<f32>(w + ((<usize>(ky * k + kx)) << 2));
      for (let y = 0; y < outH; y++) {
        const dRow = d + ((<usize>(y * outW)) << 2);
        const dxRow = dx + ((<usize>((y + ky) * inW + kx)) << 2);
        for (let x = 0; x < outW; x++) {
          const p = dxRow + ((<usize>x) << 2);
          store<f32>(p, load<f32>(p) + wk * load<f32>(dRow + ((<usize>x) << 2)));
        }
      }
    }
  }
}

// ─── One output map with all its connections, in one call ────────────────────────────────────
// conv.ts called the three kernels above once per connection (96 times per layer pass in a
// dense C3), each call a crossing from JavaScript into WebAssembly, and filled every output map
// with its bias in a JavaScript loop. These two do the same work for one output map, in the
// same order: `sources` has bit m set for each input map m the map is connected to, and the
// connections are taken in increasing m — the order of the connection table's row, which is
// why conv.ts uses them only for tables whose rows are increasing (LeNet-5's Table I is) and
// at most 32 input maps. The t-th connection's kernel is w + t·k·k (and its gradient g + t·k·k);
// input map m starts at inp + m·inH·inW, inH = outH + k − 1.

// out = bias, then out += correlation of each connected input map with its kernel, in order.
export function convolveMap(out: usize, outH: i32, outW: i32, inp: usize, inW: i32, w: usize, k: i32,
  sources: u32, bias: f32): void {
  const n = outH * outW;
  const b = f32x4.splat(bias);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + ((<usize>i) << 2), b);
  for (; i < n; i++) store<f32>(out + ((<usize>i) << 2), bias);
  const mapBytes = (<usize>((outH + k - 1) * inW)) << 2;
  const kernelBytes = (<usize>(k * k)) << 2;
  let kernel = w;
  for (let bits = sources; bits !== 0; bits &= bits - 1) {
    correlateAdd(out, outH, outW, inp + (<usize>ctz(bits)) * mapBytes, inW, kernel, k);
    kernel += kernelBytes;
  }
}

// The map's bias gradient at gb (biasGradientAdd; with 5×5 kernels inside the first kernel's
// gradient loop), then for each connected input map in order: its kernel's gradient, then (unless
// dx is 0) its ∂E/∂input through that kernel — kernelGradientAdd and convolveFullAdd as conv.ts
// called them.
export function convolveMapBackward(g: usize, inp: usize, inW: i32, d: usize, outH: i32, outW: i32, w: usize,
  dx: usize, k: i32, sources: u32, gb: usize): void {
  const mapBytes = (<usize>((outH + k - 1) * inW)) << 2;
  const kernelBytes = (<usize>(k * k)) << 2;
  const alongside = k === 5 && outW >= 4 && sources !== 0;
  if (!alongside) biasGradientAdd(gb, d, outH * outW);
  let t: usize = 0;
  for (let bits = sources; bits !== 0; bits &= bits - 1) {
    const m = <usize>ctz(bits);
    if (alongside) kernelGradientAdd5(g + t, inp + m * mapBytes, inW, d, outH, outW, t === 0 ? gb : 0);
    else kernelGradientAdd(g + t, k, inp + m * mapBytes, inW, d, outH, outW);
    t += kernelBytes;
  }
  if (!dx) return;
  // ∂E/∂input after all the kernel gradients (each reads only its own input map and kernel, so
  // the order between the two kinds of work is free), C3's 10-wide maps two connections at a time.
  const pairs = outW === 10 && k === 5;
  t = 0;
  for (let bits = sources; bits !== 0; bits &= bits - 1) {
    const m = <usize>ctz(bits);
    const rest = bits & (bits - 1);
    if (pairs && rest !== 0) {
      const m2 = <usize>ctz(rest);
      convolveFullAdd10x5Pair(dx + m * mapBytes, dx + m2 * mapBytes, d, outH, w + t, w + t + kernelBytes);
      t += 2 * kernelBytes;
      bits = rest;
      continue;
    }
    convolveFullAdd(dx + m * mapBytes, inW, d, outH, outW, w + t, k);
    t += kernelBytes;
  }
}

// ─── C5 on 5×5 maps: every output unit one dot product over all input maps ───────────────────
// pre[o] = bias[o] + dot(w + o·n, x, n) for o < count: what conv.ts did with one `dot` call per
// unit (and the bias added to its result: in JavaScript a double sum of two float32 values, which
// rounded to float32 is exactly float32 addition). Each row's dot keeps dot's own sums — two
// vector chains over i in steps of 8, their lane-wise sum, ((l0 + l1) + l2) + l3, then the
// scalar tail in order — four rows at a time share each x vector and give 8 chains in flight.
export function dotRows(pre: usize, w: usize, bias: usize, x: usize, n: i32, count: i32): void {
  const rowBytes = (<usize>n) << 2;
  for (let o = 0; o < count; o += 4) {
    const rows = min(4, count - o);
    const r0 = w + (<usize>o) * rowBytes;
    const r1 = rows > 1 ? r0 + rowBytes : r0;
    const r2 = rows > 2 ? r1 + rowBytes : r1;
    const r3 = rows > 3 ? r2 + rowBytes : r2;
    let a0 = f32x4.splat(0), b0 = f32x4.splat(0);
    let a1 = f32x4.splat(0), b1 = f32x4.splat(0);
    let a2 = f32x4.splat(0), b2 = f32x4.splat(0);
    let a3 = f32x4.splat(0), b3 = f32x4.splat(0);
    let i = 0;
    for (; i + 8 <= n; i += 8) {
      const p = (<usize>i) << 2;
      const x0 = v128.load(x + p);
      const x1 = v128.load(x + p + 16);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(r0 + p), x0));
      b0 = f32x4.add(b0, f32x4.mul(v128.load(r0 + p + 16), x1));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(r1 + p), x0));
      b1 = f32x4.add(b1, f32x4.mul(v128.load(r1 + p + 16), x1));
      a2 = f32x4.add(a2, f32x4.mul(v128.load(r2 + p), x0));
      b2 = f32x4.add(b2, f32x4.mul(v128.load(r2 + p + 16), x1));
      a3 = f32x4.add(a3, f32x4.mul(v128.load(r3 + p), x0));
      b3 = f32x4.add(b3, f32x4.mul(v128.load(r3 + p + 16), x1));
    }
    let s0 = horizontalSum(f32x4.add(a0, b0));
    let s1 = horizontalSum(f32x4.add(a1, b1));
    let s2 = horizontalSum(f32x4.add(a2, b2));
    let s3 = horizontalSum(f32x4.add(a3, b3));
    for (; i < n; i++) {
      const p = (<usize>i) << 2;
      const xi = load<f32>(x + p);
      s0 += load<f32>(r0 + p) * xi;
      s1 += load<f32>(r1 + p) * xi;
      s2 += load<f32>(r2 + p) * xi;
      s3 += load<f32>(r3 + p) * xi;
    }
    const q = (<usize>o) << 2;
    store<f32>(pre + q, load<f32>(bias + q) + s0);
    if (rows > 1) store<f32>(pre + q + 4, load<f32>(bias + q + 4) + s1);
    if (rows > 2) store<f32>(pre + q + 8, load<f32>(bias + q + 8) + s2);
    if (rows > 3) store<f32>(pre + q + 12, load<f32>(bias + q + 12) + s3);
  }
}

// Its back-propagation, for o < count whose d[o] is not zero (a silent unit adds nothing):
//   g[o·n + i] += d[o]·x[i]   and, unless dx is 0,   dx[i] += d[o]·w[o·n + i]
// — conv.ts's two `axpy` calls per unit (full.ts's too), with the same products and sums. Each dx
// element adds its terms one unit o at a time in order. The units are taken four live ones at a
// time, and for each vector of four inputs the four rows' terms go into dx at once (read and
// written once per four units); the rows stream through memory in order, which the processor's
// prefetcher follows (a column-by-column walk down all 120 rows of C5 did not).
//
// With g = 0 the weights take their step at once instead (the trainer's batch of one sample,
// see ops.ts's InlineStep): each weight's gradient is the single term 0 + d[o]·x[i], rounded as it
// would have been stored into the zeroed gradient, and the weight moves exactly as the optimiser's
// pass would then have moved it — by SGD (gains = 0) w + alpha·grad in float32 (axpyClear), by
// SDLM w − (rate·gain)·grad in doubles (sdlmUpdate, gains at the weights' place in `gains`). dx
// reads each weight before its step. This saves writing every gradient and the optimiser's second
// pass over them (C5 and F6 hold 97 % of LeNet-5's parameters); the weights of a silent unit take
// no step, as alpha·0 (−0: alpha < 0) and (rate·gain)·0 leave any float unchanged.
export function axpyRows(g: usize, w: usize, x: usize, dx: usize, d: usize, n: i32, count: i32,
  alpha: f32, rate: f64, gains: usize): void {
  const rowBytes = (<usize>n) << 2;
  let o = 0;
  while (true) {
    // The next (up to) four live units, in order.
    while (o < count && load<f32>(d + ((<usize>o) << 2)) === 0) o++;
    if (o >= count) return;
    const o0 = o++;
    while (o < count && load<f32>(d + ((<usize>o) << 2)) === 0) o++;
    const o1 = o < count ? o++ : -1;
    while (o < count && load<f32>(d + ((<usize>o) << 2)) === 0) o++;
    const o2 = o < count ? o++ : -1;
    while (o < count && load<f32>(d + ((<usize>o) << 2)) === 0) o++;
    const o3 = o < count ? o++ : -1;
    if (o3 >= 0) rows4(g, w, x, dx, d, n, rowBytes, o0, o1, o2, o3, alpha, rate, gains);
    else {
      rows4(g, w, x, dx, d, n, rowBytes, o0, -1, -1, -1, alpha, rate, gains);
      if (o1 >= 0) rows4(g, w, x, dx, d, n, rowBytes, o1, -1, -1, -1, alpha, rate, gains);
      if (o2 >= 0) rows4(g, w, x, dx, d, n, rowBytes, o2, -1, -1, -1, alpha, rate, gains);
    }
  }
}

// axpyRows for units o0 < o1 < o2 < o3, or o0 alone (o1 = −1). Each combination of the flags
// gets its own copy of the loop (rowsLoop is inlined with them constant), so that the loop runs
// without a test.
function rows4(g: usize, w: usize, x: usize, dx: usize, d: usize, n: i32, rowBytes: usize, o0: i32, o1: i32, o2: i32,
  o3: i32, alpha: f32, rate: f64, gains: usize): void {
  const four = o1 >= 0;
  const r0 = (<usize>o0) * rowBytes;
  const r1 = four ? (<usize>o1) * rowBytes : r0;
  const r2 = four ? (<usize>o2) * rowBytes : r0;
  const r3 = four ? (<usize>o3) * rowBytes : r0;
  const d0 = load<f32>(d + ((<usize>o0) << 2));
  const d1 = four ? load<f32>(d + ((<usize>o1) << 2)) : 0;
  const d2 = four ? load<f32>(d + ((<usize>o2) << 2)) : 0;
  const d3 = four ? load<f32>(d + ((<usize>o3) << 2)) : 0;
  if (!four) rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, false, g !== 0, dx !== 0, gains !== 0);
  else if (g) {
    if (dx) rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, true, true, true, false);
    else rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, true, true, false, false);
  } else if (gains) {
    if (dx) rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, true, false, true, true);
    else rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, true, false, false, true);
  } else if (dx) rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, true, false, true, false);
  else rowsLoop(g, w, x, dx, n, r0, r1, r2, r3, d0, d1, d2, d3, alpha, rate, gains, true, false, false, false);
}

@inline function rowsLoop(g: usize, w: usize, x: usize, dx: usize, n: i32, r0: usize, r1: usize, r2: usize, r3: usize,
  d0: f32, d1: f32, d2: f32, d3: f32, alpha: f32, rate: f64, gains: usize, four: bool, hasG: bool, hasDx: bool,
  sdlm: bool): void {
  const a0 = f32x4.splat(d0), a1 = f32x4.splat(d1), a2 = f32x4.splat(d2), a3 = f32x4.splat(d3);
  const av = f32x4.splat(alpha);
  const rv = f64x2.splat(rate);
  const vecN = n & ~3;
  let i = 0;
  for (; i < vecN; i += 4) {
    const p = (<usize>i) << 2;
    const xv = v128.load(x + p);
    const w0 = v128.load(w + r0 + p);
    let s = hasDx ? f32x4.add(v128.load(dx + p), f32x4.mul(a0, w0)) : w0;
    if (hasG) v128.store(g + r0 + p, f32x4.add(v128.load(g + r0 + p), f32x4.mul(a0, xv)));
    else step4(w + r0 + p, w0, f32x4.mul(a0, xv), av, rv, sdlm, gains + r0 + p);
    if (four) {
      const w1 = v128.load(w + r1 + p), w2 = v128.load(w + r2 + p), w3 = v128.load(w + r3 + p);
      if (hasDx) {
        s = f32x4.add(s, f32x4.mul(a1, w1));
        s = f32x4.add(s, f32x4.mul(a2, w2));
        s = f32x4.add(s, f32x4.mul(a3, w3));
      }
      if (hasG) {
        v128.store(g + r1 + p, f32x4.add(v128.load(g + r1 + p), f32x4.mul(a1, xv)));
        v128.store(g + r2 + p, f32x4.add(v128.load(g + r2 + p), f32x4.mul(a2, xv)));
        v128.store(g + r3 + p, f32x4.add(v128.load(g + r3 + p), f32x4.mul(a3, xv)));
      } else {
        step4(w + r1 + p, w1, f32x4.mul(a1, xv), av, rv, sdlm, gains + r1 + p);
        step4(w + r2 + p, w2, f32x4.mul(a2, xv), av, rv, sdlm, gains + r2 + p);
        step4(w + r3 + p, w3, f32x4.mul(a3, xv), av, rv, sdlm, gains + r3 + p);
      }
    }
    if (hasDx) v128.store(dx + p, s);
  }
  for (; i < n; i++) {
    const p = (<usize>i) << 2;
    rowTail(g, w, x, dx, p, r0, d0, alpha, rate, gains);
    if (!four) continue;
    rowTail(g, w, x, dx, p, r1, d1, alpha, rate, gains);
    rowTail(g, w, x, dx, p, r2, d2, alpha, rate, gains);
    rowTail(g, w, x, dx, p, r3, d3, alpha, rate, gains);
  }
}

// One weight of axpyRows past the last whole vector of its row: at byte p of the row starting at r.
@inline function rowTail(g: usize, w: usize, x: usize, dx: usize, p: usize, r: usize, dO: f32, alpha: f32, rate: f64,
  gains: usize): void {
  const xi = load<f32>(x + p);
  const wi = load<f32>(w + r + p);
  if (dx) store<f32>(dx + p, load<f32>(dx + p) + dO * wi);
  if (g) store<f32>(g + r + p, load<f32>(g + r + p) + dO * xi);
  else if (gains) store<f32>(w + r + p, <f32>(<f64>wi - rate * <f64>load<f32>(gains + r + p) * <f64>(<f32>0 + dO * xi)));
  else store<f32>(w + r + p, wi + alpha * (<f32>0 + dO * xi));
}

// Four weights at wp (their values w) take their step (axpyRows with g = 0): `product` is d·x,
// the gradient 0 + d·x; by SDLM with their gains at `gains` (each half of two read straight into
// doubles), else by SGD.
@inline function step4(wp: usize, w: v128, product: v128, alpha: v128, rate: v128, sdlm: bool, gains: usize): void {
  const grad = f32x4.add(f32x4.splat(0), product);
  if (!sdlm) {
    v128.store(wp, f32x4.add(w, f32x4.mul(alpha, grad)));
    return;
  }
  store2(wp, f64x2.sub(load2(wp), f64x2.mul(f64x2.mul(rate, load2(gains)), f64x2.promote_low_f32x4(grad))));
  store2(wp + 8, f64x2.sub(load2(wp + 8),
    f64x2.mul(f64x2.mul(rate, load2(gains + 8)), f64x2.promote_low_f32x4(v128.shuffle<f32>(grad, grad, 2, 3, 2, 3)))));
}

// Σᵢ a[i]·b[i] over n floats (two accumulators, so additions need not wait for each other).
export function dot(a: usize, b: usize, n: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = (<usize>i) << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + p), v128.load(b + p)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + p + 16), v128.load(b + p + 16)));
  }
  let sum = horizontalSum(f32x4.add(acc0, acc1));
  for (; i < n; i++) sum += load<f32>(a + ((<usize>i) << 2)) * load<f32>(b + ((<usize>i) << 2));
  return sum;
}

// y[i] += alpha·x[i] over n floats.
export function axpy(y: usize, alpha: f32, x: usize, n: i32): void {
  const a = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = (<usize>i) << 2;
    v128.store(y + p, f32x4.add(v128.load(y + p), f32x4.mul(a, v128.load(x + p))));
  }
  for (; i < n; i++) {
    const p = y + ((<usize>i) << 2);
    store<f32>(p, load<f32>(p) + alpha * load<f32>(x + ((<usize>i) << 2)));
  }
}

// SGD's step and the gradient's reset in one pass: y[i] += alpha·x[i], exactly as axpy, then
// x[i] = 0 — the trainer zeroed the summed gradient in a second pass over all the parameters.
export function axpyClear(y: usize, alpha: f32, x: usize, n: i32): void {
  const a = f32x4.splat(alpha);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = (<usize>i) << 2;
    v128.store(y + p, f32x4.add(v128.load(y + p), f32x4.mul(a, v128.load(x + p))));
    v128.store(x + p, zero);
  }
  for (; i < n; i++) {
    const p = y + ((<usize>i) << 2);
    const q = x + ((<usize>i) << 2);
    store<f32>(p, load<f32>(p) + alpha * load<f32>(q));
    store<f32>(q, 0);
  }
}

// ─── Outside the convolutions: the optimiser's update, the unit non-linearities, pooling ───
// These kernels replace JavaScript loops whose arithmetic is float64 (JavaScript numbers),
// rounded to float32 only when stored into a Float32Array. To give the very same bits — the
// shipped weights files are reproduced bit for bit — they do the same operations in the same
// order in f64 (two lanes of f64x2 at a time: promote two floats, compute, demote on store),
// never in f32. Only where one f32 operation provably equals the JavaScript's double one and its
// rounding (a lone addition of two floats, a comparison, a choice) do they stay in f32.

// Two floats at p as f64x2 (lane 0 = p[0]).
@inline function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

// f64x2 rounded to two floats at p.
@inline function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

// SDLM's step (appendix C): params[k] −= rate·gains[k]·grads[k], computed as JavaScript does it,
// p − ((rate·gain)·grad) in doubles, one rounding at the end.
export function sdlmUpdate(params: usize, rate: f64, gains: usize, grads: usize, n: i32): void {
  const r = f64x2.splat(rate);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    const step = f64x2.mul(f64x2.mul(r, load2(gains + o)), load2(grads + o));
    store2(params + o, f64x2.sub(load2(params + o), step));
  }
  if (i < n) {
    const o = (<usize>i) << 2;
    const p = <f64>load<f32>(params + o) - rate * <f64>load<f32>(gains + o) * <f64>load<f32>(grads + o);
    store<f32>(params + o, <f32>p);
  }
}

// The squashing function's tanh (activation.ts): the same rational function with the same
// constants, operation for operation, on two doubles at a time. The clamp to ±7.9053… keeps NaN
// as JavaScript's `if (x > c) x = c; else if (x < −c) x = −c` does: pmin(x, c) is c < x ? c : x.
@inline function tanh2(x0: v128): v128 {
  const c = constant(0);
  const x = f64x2.pmax(f64x2.pmin(x0, c), f64x2.neg(c));
  const x2 = f64x2.mul(x, x);
  let p = f64x2.add(f64x2.mul(x2, constant(1)), constant(2));
  p = f64x2.sub(f64x2.mul(x2, p), constant(3));
  p = f64x2.add(f64x2.mul(x2, p), constant(4));
  p = f64x2.add(f64x2.mul(x2, p), constant(5));
  p = f64x2.add(f64x2.mul(x2, p), constant(6));
  p = f64x2.add(f64x2.mul(x2, p), constant(7));
  let q = f64x2.add(f64x2.mul(x2, constant(8)), constant(9));
  q = f64x2.add(f64x2.mul(x2, q), constant(10));
  q = f64x2.add(f64x2.mul(x2, q), constant(11));
  return f64x2.div(f64x2.mul(x, p), q);
}

// The kernels' own bytes at the start of every arena (kernels.ts, SCRATCH): the squash's twelve
// constants, written by squashConstants before each use.
const CONSTANTS: usize = 16;

// activation.ts's constants: the clamp, then p's coefficients from the highest power down (the
// third is subtracted), then q's.
function squashConstants(): void {
  store<f64>(CONSTANTS, 7.90531110763549805);
  store<f64>(CONSTANTS + 8, -2.76076847742355e-16);
  store<f64>(CONSTANTS + 16, 2.00018790482477e-13);
  store<f64>(CONSTANTS + 24, 8.60467152213735e-11);
  store<f64>(CONSTANTS + 32, 5.12229709037114e-8);
  store<f64>(CONSTANTS + 40, 1.48572235717979e-5);
  store<f64>(CONSTANTS + 48, 6.37261928875436e-4);
  store<f64>(CONSTANTS + 56, 4.89352455891786e-3);
  store<f64>(CONSTANTS + 64, 1.19825839466702e-6);
  store<f64>(CONSTANTS + 72, 1.18534705686654e-4);
  store<f64>(CONSTANTS + 80, 2.268434632439e-3);
  store<f64>(CONSTANTS + 88, 4.89352518554385e-3);
}

// Constant k as two doubles, read from memory, which the compiler cannot turn back into a constant.
@inline function constant(k: i32): v128 {
  return f64x2.splat(load<f64>(CONSTANTS + ((<usize>k) << 3)));
}

// out[i] = a·tanh(s·pre[i]), i < n (the paper's squash; the model passes A = 1.7159, S = 2/3).
// The last two or three units go through tanh2 alone; an odd last one through lane 0 of a pair
// whose lane 1 holds the same value.
//
// Four units that share one input give one output: on C1 (and S2) the windows that see only the
// paper's blank background all have the same weighted sum, and nearly half of C1's vectors of four
// are such runs. The last two such inputs and their outputs are remembered (bit patterns: +0 and
// −0 differ), so those vectors cost a comparison instead of two divisions and thirty operations.
//
// Its fourteen constants are read from memory before the loop (squashConstants): written as
// constants in the loop, each use became three instructions (V8 builds a two-double constant in
// an integer register, moves it over and duplicates it), half the loop's work.
export function squashForward(pre: usize, out: usize, n: i32, a: f64, s: f64): void {
  const av = f64x2.splat(a);
  const sv = f64x2.splat(s);
  let i = 0;
  // Four units per iteration as two pairs whose operations alternate, so that the processor
  // always has one pair's next step ready while the other's waits for its previous result.
  squashConstants();
  const c = constant(0);
  const nc = f64x2.neg(c);
  const p6 = constant(1), p5 = constant(2), p4 = constant(3), p3 = constant(4), p2 = constant(5), p1 = constant(6);
  const p0 = constant(7), q3 = constant(8), q2 = constant(9), q1 = constant(10), q0 = constant(11);
  let seen0: i32 = 0, seen1: i32 = 0; // the inputs +0, +0 …
  let made0 = squash1(0, av, sv), made1 = made0; // … and their output, four times
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const raw = v128.load(pre + o);
    const first = i32x4.extract_lane(raw, 0);
    if (i32x4.all_true(i32x4.eq(raw, i32x4.splat(first)))) {
      if (first !== seen0) {
        if (first === seen1) {
          seen1 = seen0; seen0 = first;
          const t = made1; made1 = made0; made0 = t;
        } else {
          seen1 = seen0; made1 = made0;
          seen0 = first; made0 = squash1(f32x4.extract_lane(raw, 0), av, sv);
        }
      }
      v128.store(out + o, made0);
      continue;
    }
    const xa = f64x2.pmax(f64x2.pmin(f64x2.mul(sv, load2(pre + o)), c), nc);
    const xb = f64x2.pmax(f64x2.pmin(f64x2.mul(sv, load2(pre + o + 8)), c), nc);
    const ya = f64x2.mul(xa, xa);
    const yb = f64x2.mul(xb, xb);
    let pa = f64x2.add(f64x2.mul(ya, p6), p5);
    let pb = f64x2.add(f64x2.mul(yb, p6), p5);
    let qa = f64x2.add(f64x2.mul(ya, q3), q2);
    let qb = f64x2.add(f64x2.mul(yb, q3), q2);
    pa = f64x2.sub(f64x2.mul(ya, pa), p4);
    pb = f64x2.sub(f64x2.mul(yb, pb), p4);
    qa = f64x2.add(f64x2.mul(ya, qa), q1);
    qb = f64x2.add(f64x2.mul(yb, qb), q1);
    pa = f64x2.add(f64x2.mul(ya, pa), p3);
    pb = f64x2.add(f64x2.mul(yb, pb), p3);
    qa = f64x2.add(f64x2.mul(ya, qa), q0);
    qb = f64x2.add(f64x2.mul(yb, qb), q0);
    pa = f64x2.add(f64x2.mul(ya, pa), p2);
    pb = f64x2.add(f64x2.mul(yb, pb), p2);
    pa = f64x2.add(f64x2.mul(ya, pa), p1);
    pb = f64x2.add(f64x2.mul(yb, pb), p1);
    pa = f64x2.add(f64x2.mul(ya, pa), p0);
    pb = f64x2.add(f64x2.mul(yb, pb), p0);
    store2(out + o, f64x2.mul(av, f64x2.div(f64x2.mul(xa, pa), qa)));
    store2(out + o + 8, f64x2.mul(av, f64x2.div(f64x2.mul(xb, pb), qb)));
  }
  if (i + 2 <= n) {
    const o = (<usize>i) << 2;
    store2(out + o, f64x2.mul(av, tanh2(f64x2.mul(sv, load2(pre + o)))));
    i += 2;
  }
  if (i < n) {
    const o = (<usize>i) << 2;
    const v = f64x2.splat(<f64>load<f32>(pre + o));
    store<f32>(out + o, <f32>f64x2.extract_lane(f64x2.mul(av, tanh2(f64x2.mul(sv, v))), 0));
  }
}

// a·tanh(s·v) for one float v, as four floats.
@inline function squash1(v: f32, av: v128, sv: v128): v128 {
  return f32x4.splat(<f32>f64x2.extract_lane(f64x2.mul(av, tanh2(f64x2.mul(sv, f64x2.splat(<f64>v)))), 0));
}

// dPre[i] = dOut[i]·k·(aa − out[i]²), or with `second` (the curvature pass) dOut[i]·d·d with
// d = k·(aa − out[i]²): the squash's f′ read from its output, k = S/A and aa = A² (activation.ts).
export function squashBackward(out: usize, dOut: usize, dPre: usize, n: i32, k: f64, aa: f64, second: bool): void {
  const kv = f64x2.splat(k);
  const aav = f64x2.splat(aa);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    const y = load2(out + o);
    const g = f64x2.sub(aav, f64x2.mul(y, y));
    const dv = load2(dOut + o);
    if (second) {
      const d = f64x2.mul(kv, g);
      store2(dPre + o, f64x2.mul(f64x2.mul(dv, d), d));
    } else {
      store2(dPre + o, f64x2.mul(f64x2.mul(dv, kv), g));
    }
  }
  if (i < n) {
    const o = (<usize>i) << 2;
    const y = <f64>load<f32>(out + o);
    const dv = <f64>load<f32>(dOut + o);
    if (second) {
      const d = k * (aa - y * y);
      store<f32>(dPre + o, <f32>(dv * d * d));
    } else {
      store<f32>(dPre + o, <f32>(dv * k * (aa - y * y)));
    }
  }
}

// ReLU: out[i] = pre[i] > 0 ? pre[i] : 0 — a comparison and a choice, exact in f32 (−0 and NaN give +0).
export function reluForward(pre: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const v = v128.load(pre + o);
    v128.store(out + o, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(pre + o);
    store<f32>(out + o, v > 0 ? v : 0);
  }
}

// dPre[i] = pre[i] > 0 ? dOut[i] : 0.
export function reluBackward(pre: usize, dOut: usize, dPre: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(dPre + o, v128.and(v128.load(dOut + o), f32x4.gt(v128.load(pre + o), zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(dPre + o, load<f32>(pre + o) > 0 ? load<f32>(dOut + o) : 0);
  }
}

// Max pooling of `maps` maps (subsample.ts): each unit takes the largest input of its win×win
// window, the first in row order among equals (a later one must be strictly larger), and
// records its index in `argmax` (int32).
export function maxPoolForward(x: usize, pre: usize, argmax: usize, maps: i32, inW: i32, inHW: i32,
  outH: i32, outW: i32, win: i32, stride: i32): void {
  if (win === 2 && stride === 2 && outW >= 4) {
    maxPool2Forward(x, pre, argmax, maps, inW, inHW, outH, outW);
    return;
  }
  let u: usize = 0;
  for (let m = 0; m < maps; m++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, u++) {
        const first = m * inHW + oy * stride * inW + ox * stride;
        let best = first;
        let top = load<f32>(x + ((<usize>first) << 2));
        for (let wy = 0; wy < win; wy++) {
          const row = first + wy * inW;
          for (let wx = 0; wx < win; wx++) {
            const v = load<f32>(x + ((<usize>(row + wx)) << 2));
            if (v > top) { top = v; best = row + wx; }
          }
        }
        store<f32>(pre + (u << 2), top);
        store<i32>(argmax + (u << 2), best);
      }
    }
  }
}

// dX[argmax[u]] += dPre[u], u < n, in order (windows that overlap may share a winner). dX was
// zeroed; one f32 addition of two floats rounds exactly as JavaScript's double one then stored.
export function maxPoolBackward(dPre: usize, argmax: usize, dX: usize, n: i32): void {
  for (let u = 0; u < n; u++) {
    const p = dX + ((<usize>load<i32>(argmax + ((<usize>u) << 2))) << 2);
    store<f32>(p, load<f32>(p) + load<f32>(dPre + ((<usize>u) << 2)));
  }
}

// One map of 2×2 windows two apart (S2, S4): pre = coefficient·(x₀ + x₁ + x₂ + x₃) + bias in
// doubles, the four added in row order as subsample.ts does, two units at a time.
export function pool2Forward(x: usize, pre: usize, inW: i32, outH: i32, outW: i32, coefficient: f64, bias: f64): void {
  const cv = f64x2.splat(coefficient);
  const bv = f64x2.splat(bias);
  for (let oy = 0; oy < outH; oy++) {
    const r0 = x + ((<usize>(2 * oy * inW)) << 2);
    const r1 = r0 + ((<usize>inW) << 2);
    const o = pre + ((<usize>(oy * outW)) << 2);
    let ox = 0;
    for (; ox + 2 <= outW; ox += 2) {
      const c = (<usize>(2 * ox)) << 2;
      const a = v128.load(r0 + c);
      const b = v128.load(r1 + c);
      // Lane 0 the window of unit ox, lane 1 that of ox + 1.
      const a0 = f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 0, 2, 0, 2));
      const a1 = f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 1, 3, 1, 3));
      const b0 = f64x2.promote_low_f32x4(v128.shuffle<f32>(b, b, 0, 2, 0, 2));
      const b1 = f64x2.promote_low_f32x4(v128.shuffle<f32>(b, b, 1, 3, 1, 3));
      const sum = f64x2.add(f64x2.add(f64x2.add(a0, a1), b0), b1);
      store2(o + ((<usize>ox) << 2), f64x2.add(f64x2.mul(cv, sum), bv));
    }
    if (ox < outW) {
      const c = (<usize>(2 * ox)) << 2;
      const sum = <f64>load<f32>(r0 + c) + <f64>load<f32>(r0 + c + 4) + <f64>load<f32>(r1 + c) + <f64>load<f32>(r1 + c + 4);
      store<f32>(o + ((<usize>ox) << 2), <f32>(coefficient * sum + bias));
    }
  }
}

// 2×2 windows two apart, four units at a time: the four candidates of each window in row
// order, each taking over only if strictly larger — the same choice as the scalar loop. A row
// whose width is not a multiple of 4 ends with an overlapping vector that recomputes the same
// values for units already done.
function maxPool2Forward(x: usize, pre: usize, argmax: usize, maps: i32, inW: i32, inHW: i32, outH: i32, outW: i32): void {
  const one = i32x4.splat(1);
  const below = i32x4.splat(inW);
  const right = i32x4.splat(inW + 1);
  const columns = i32x4(0, 2, 4, 6);
  for (let m = 0; m < maps; m++) {
    for (let oy = 0; oy < outH; oy++) {
      const first = m * inHW + 2 * oy * inW;
      const r0 = x + ((<usize>first) << 2);
      const r1 = r0 + ((<usize>inW) << 2);
      const u = (<usize>((m * outH + oy) * outW)) << 2;
      for (let ox = 0; ox < outW; ox += 4) {
        const o = ox + 4 <= outW ? ox : outW - 4;
        const c = (<usize>(2 * o)) << 2;
        const a0 = v128.load(r0 + c);
        const a1 = v128.load(r0 + c + 16);
        const b0 = v128.load(r1 + c);
        const b1 = v128.load(r1 + c + 16);
        let best = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6);
        let at = i32x4.splat(0);
        const topRight = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
        const bottomLeft = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        const bottomRight = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        let win = f32x4.gt(topRight, best);
        best = v128.bitselect(topRight, best, win);
        at = v128.bitselect(one, at, win);
        win = f32x4.gt(bottomLeft, best);
        best = v128.bitselect(bottomLeft, best, win);
        at = v128.bitselect(below, at, win);
        win = f32x4.gt(bottomRight, best);
        best = v128.bitselect(bottomRight, best, win);
        at = v128.bitselect(right, at, win);
        const p = (<usize>o) << 2;
        v128.store(pre + u + p, best);
        v128.store(argmax + u + p, i32x4.add(i32x4.add(i32x4.splat(first + 2 * o), columns), at));
      }
    }
  }
}

// The backward of pool2Forward for one map, in subsample.ts's double arithmetic: each input of a
// window gets coefficient·d (added to dX unless `hasDX` is false), and when `grads` is not 0,
// grads[0] += Σ d·(window sum) and grads[1] += Σ d — the coefficient's and the bias's gradients,
// both sums added one unit after another in row order, as the JavaScript does (the products
// two at a time, the additions one by one).
export function pool2Backward(x: usize, dPre: usize, dX: usize, hasDX: bool, inW: i32, outH: i32, outW: i32,
  coefficient: f64, gc: usize, gb: usize): void {
  const cv = f64x2.splat(coefficient);
  let dc: f64 = 0;
  let db: f64 = 0;
  for (let oy = 0; oy < outH; oy++) {
    const offset = (<usize>(2 * oy * inW)) << 2;
    const r0 = x + offset;
    const r1 = r0 + ((<usize>inW) << 2);
    const o = dPre + ((<usize>(oy * outW)) << 2);
    let ox = 0;
    for (; ox + 2 <= outW; ox += 2) {
      const c = (<usize>(2 * ox)) << 2;
      const a = v128.load(r0 + c);
      const b = v128.load(r1 + c);
      const sum = f64x2.add(f64x2.add(f64x2.add(
        f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 0, 2, 0, 2)), f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 1, 3, 1, 3))),
        f64x2.promote_low_f32x4(v128.shuffle<f32>(b, b, 0, 2, 0, 2))), f64x2.promote_low_f32x4(v128.shuffle<f32>(b, b, 1, 3, 1, 3)));
      const d = load2(o + ((<usize>ox) << 2));
      const product = f64x2.mul(d, sum);
      dc += f64x2.extract_lane(product, 0);
      dc += f64x2.extract_lane(product, 1);
      db += f64x2.extract_lane(d, 0);
      db += f64x2.extract_lane(d, 1);
      if (hasDX) {
        const g = f64x2.mul(cv, d);
        const g0 = v128.shuffle<f64>(g, g, 0, 0);
        const g1 = v128.shuffle<f64>(g, g, 1, 1);
        const p0 = dX + offset + c;
        const p1 = p0 + ((<usize>inW) << 2);
        store2(p0, f64x2.add(load2(p0), g0));
        store2(p0 + 8, f64x2.add(load2(p0 + 8), g1));
        store2(p1, f64x2.add(load2(p1), g0));
        store2(p1 + 8, f64x2.add(load2(p1 + 8), g1));
      }
    }
    if (ox < outW) {
      const c = (<usize>(2 * ox)) << 2;
      const d = <f64>load<f32>(o + ((<usize>ox) << 2));
      dc += d * (<f64>load<f32>(r0 + c) + <f64>load<f32>(r0 + c + 4) + <f64>load<f32>(r1 + c) + <f64>load<f32>(r1 + c + 4));
      db += d;
      if (hasDX) {
        const g = coefficient * d;
        const p0 = dX + offset + c;
        const p1 = p0 + ((<usize>inW) << 2);
        store<f32>(p0, <f32>(<f64>load<f32>(p0) + g));
        store<f32>(p0 + 4, <f32>(<f64>load<f32>(p0 + 4) + g));
        store<f32>(p1, <f32>(<f64>load<f32>(p1) + g));
        store<f32>(p1 + 4, <f32>(<f64>load<f32>(p1 + 4) + g));
      }
    }
  }
  if (gc !== 0) {
    store<f32>(gc, <f32>(<f64>load<f32>(gc) + dc));
    store<f32>(gb, <f32>(<f64>load<f32>(gb) + db));
  }
}

// out[i] = a[i]² (the second-order pass squares weights and inputs). JavaScript squares in
// doubles, where the product of two floats is exact, then rounds once: the f32 product is
// that very rounding.
export function square(a: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const v = v128.load(a + o);
    v128.store(out + o, f32x4.mul(v, v));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(a + o);
    store<f32>(out + o, v * v);
  }
}

// The RBF output (rbf.ts): pre[i] = Σⱼ (x[j] − codes[i·n + j])², each class's sum added in
// doubles in order of j as the JavaScript does; two classes share an f64x2 (one per lane), and
// four classes run side by side so that their additions need not wait for each other.
@inline function codePair(codes: usize, i: i32, k: i32, n: i32, j: i32): v128 {
  const a = <f64>load<f32>(codes + ((<usize>(i * n + j)) << 2));
  const b = <f64>load<f32>(codes + ((<usize>(k * n + j)) << 2));
  return f64x2.replace_lane(f64x2.splat(a), 1, b);
}

export function rbfForward(x: usize, codes: usize, pre: usize, n: i32, classes: i32): void {
  let i = 0;
  for (; i + 4 <= classes; i += 4) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    for (let j = 0; j < n; j++) {
      const xv = f64x2.splat(<f64>load<f32>(x + ((<usize>j) << 2)));
      const e0 = f64x2.sub(xv, codePair(codes, i, i + 1, n, j));
      const e1 = f64x2.sub(xv, codePair(codes, i + 2, i + 3, n, j));
      s0 = f64x2.add(s0, f64x2.mul(e0, e0));
      s1 = f64x2.add(s1, f64x2.mul(e1, e1));
    }
    store2(pre + ((<usize>i) << 2), s0);
    store2(pre + ((<usize>(i + 2)) << 2), s1);
  }
  for (; i < classes; i += 2) {
    // The last one or two classes (a lone one twice, its second lane dropped).
    const k = i + 1 < classes ? i + 1 : i;
    let s = f64x2.splat(0);
    for (let j = 0; j < n; j++) {
      const e = f64x2.sub(f64x2.splat(<f64>load<f32>(x + ((<usize>j) << 2))), codePair(codes, i, k, n, j));
      s = f64x2.add(s, f64x2.mul(e, e));
    }
    store<f32>(pre + ((<usize>i) << 2), <f32>f64x2.extract_lane(s, 0));
    if (k !== i) store<f32>(pre + ((<usize>k) << 2), <f32>f64x2.extract_lane(s, 1));
  }
}

// dX[j] += d·(x[j] − code[j]) for one class's code, in doubles (rbf.ts's backward).
export function rbfBackwardAdd(x: usize, code: usize, dX: usize, n: i32, d: f64): void {
  const dv = f64x2.splat(d);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = (<usize>j) << 2;
    store2(dX + o, f64x2.add(load2(dX + o), f64x2.mul(dv, f64x2.sub(load2(x + o), load2(code + o)))));
  }
  if (j < n) {
    const o = (<usize>j) << 2;
    store<f32>(dX + o, <f32>(<f64>load<f32>(dX + o) + d * (<f64>load<f32>(x + o) - <f64>load<f32>(code + o))));
  }
}
