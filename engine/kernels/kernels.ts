/**
 * The WebAssembly SIMD kernels (kernels.as.ts) at run time.
 *
 * An `Arena` is a block of WebAssembly memory with the kernels bound to it. A model allocates
 * its parameters, gradients and activations there; a layer whose arrays all live in one arena
 * calls the kernels (four multiply-adds per instruction) instead of its JavaScript loops. Any
 * other array — a caller's own buffer, a padded copy — simply takes the JavaScript loops, which
 * compute the same sums in another order. Where WebAssembly SIMD is missing or may not be
 * compiled synchronously, arenas hand out ordinary Float32Arrays and everything runs in
 * JavaScript.
 *
 * Addresses are byte offsets into the memory: `at(array, index)` is where array[index] lives.
 */
import { KERNELS_WASM } from './kernels-wasm.ts';

export interface Kernels {
  /** out[y·outW + x] += Σ w[ky·k + kx] · inp[(y + ky)·inW + x + kx] (one map pair of a stride-1 convolution). */
  correlateAdd(out: number, outH: number, outW: number, inp: number, inW: number, w: number, k: number): void;
  /** g[ky·k + kx] += Σ d[y·outW + x] · inp[(y + ky)·inW + x + kx] (one kernel's gradient). */
  kernelGradientAdd(g: number, k: number, inp: number, inW: number, d: number, outH: number, outW: number): void;
  /** dx[(y + ky)·inW + x + kx] += w[ky·k + kx] · d[y·outW + x] (∂E/∂input through one kernel). */
  convolveFullAdd(dx: number, inW: number, d: number, outH: number, outW: number, w: number, k: number): void;
  /**
   * One output map: out = bias, then correlateAdd of each input map m whose bit is set in
   * `sources` (increasing m, input map m at inp + m·inH·inW) with the next kernel from w on.
   */
  convolveMap(out: number, outH: number, outW: number, inp: number, inW: number, w: number, k: number, sources: number,
    bias: number): void;
  /**
   * Its back-propagation: the bias's gradient gb += Σ d (summed in doubles, in order), then per
   * connection in the same order, kernelGradientAdd, then convolveFullAdd unless dx is 0.
   */
  convolveMapBackward(g: number, inp: number, inW: number, d: number, outH: number, outW: number, w: number, dx: number,
    k: number, sources: number, gb: number): void;
  /** pre[o] = bias[o] + Σ w[o·n + i]·x[i], o < count (a dense layer of 1×1 outputs, e.g. C5). */
  dotRows(pre: number, w: number, bias: number, x: number, n: number, count: number): void;
  /**
   * For o < count with d[o] ≠ 0: g[o·n + i] += d[o]·x[i] and, unless dx is 0, dx[i] += d[o]·w[o·n + i].
   * With g = 0 the weights step at once instead: w += alpha·(0 + d[o]·x[i]) (SGD, gains 0), or
   * w −= rate·gain·(0 + d[o]·x[i]) in doubles (SDLM, the gains at w's place in the gains array).
   */
  axpyRows(g: number, w: number, x: number, dx: number, d: number, n: number, count: number, alpha: number, rate: number,
    gains: number): void;
  /** Σ a[i]·b[i], i < n. */
  dot(a: number, b: number, n: number): number;
  /** y[i] += alpha·x[i], i < n. */
  axpy(y: number, alpha: number, x: number, n: number): void;
  /** axpy, then x = 0 (SGD's step and the gradient's reset in one pass). */
  axpyClear(y: number, alpha: number, x: number, n: number): void;
  // Outside the convolutions: bit for bit the float64 arithmetic of the JavaScript loops they replace.
  /** params[k] −= rate·gains[k]·grads[k], k < n, in doubles as JavaScript computes it (SDLM's step). */
  sdlmUpdate(params: number, rate: number, gains: number, grads: number, n: number): void;
  /** out[i] = a·tanh(s·pre[i]), i < n, tanh the rational function of activation.ts, in doubles. */
  squashForward(pre: number, out: number, n: number, a: number, s: number): void;
  /** dPre[i] = dOut[i]·k·(aa − out[i]²), or with `second` dOut[i]·d·d, d = k·(aa − out[i]²), in doubles. */
  squashBackward(out: number, dOut: number, dPre: number, n: number, k: number, aa: number, second: boolean): void;
  /** out[i] = pre[i] > 0 ? pre[i] : 0. */
  reluForward(pre: number, out: number, n: number): void;
  /** dPre[i] = pre[i] > 0 ? dOut[i] : 0. */
  reluBackward(pre: number, dOut: number, dPre: number, n: number): void;
  /** Max pooling of `maps` maps with the winners' indices into `argmax` (int32), the first among equals. */
  maxPoolForward(x: number, pre: number, argmax: number, maps: number, inW: number, inHW: number, outH: number, outW: number,
    win: number, stride: number): void;
  /** dX[argmax[u]] += dPre[u], u < n, in order. */
  maxPoolBackward(dPre: number, argmax: number, dX: number, n: number): void;
  /** One map of 2×2 windows two apart: pre = coefficient·(sum of the window) + bias, in doubles. */
  pool2Forward(x: number, pre: number, inW: number, outH: number, outW: number, coefficient: number, bias: number): void;
  /** pool2Forward's backward for one map: dX (if hasDX) and, if gc is not 0, the coefficient's and bias's gradients at gc, gb. */
  pool2Backward(x: number, dPre: number, dX: number, hasDX: boolean, inW: number, outH: number, outW: number, coefficient: number,
    gc: number, gb: number): void;
  /** out[i] = a[i]², i < n. */
  square(a: number, out: number, n: number): void;
  /** pre[i] = Σⱼ (x[j] − codes[i·n + j])², i < classes, each sum in doubles in order of j. */
  rbfForward(x: number, codes: number, pre: number, n: number, classes: number): void;
  /** dX[j] += d·(x[j] − code[j]), j < n, in doubles. */
  rbfBackwardAdd(x: number, code: number, dX: number, n: number, d: number): void;
}

/** The byte address of array[index] in its memory. */
export function at(array: Float32Array | Int32Array, index: number): number {
  return array.byteOffset + 4 * index;
}

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const binary = atob(KERNELS_WASM);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null; // no WebAssembly SIMD here: JavaScript loops everywhere
    }
  }
  return compiled;
}

/**
 * An arena's kernels ride on its memory's buffer itself (a WebAssembly memory that never grows
 * keeps one buffer): a property read, cheaper than a WeakMap lookup a dozen times per digit.
 */
const KERNELS = Symbol('kernels');
type Bound = ArrayBufferLike & { [KERNELS]?: Kernels };

/**
 * The kernels of the memory that holds all these arrays, or null if they are not all in one arena.
 * (A fixed list of parameters rather than `...arrays`: the layers ask a dozen times per digit, and
 * a rest parameter would build an array each time.)
 */
export function kernelsFor(a: Float32Array, b: Float32Array, c?: Float32Array, d?: Float32Array, e?: Float32Array,
  f?: Float32Array): Kernels | null {
  const buffer = a.buffer;
  if (b.buffer !== buffer || (c && c.buffer !== buffer) || (d && d.buffer !== buffer) || (e && e.buffer !== buffer) ||
    (f && f.buffer !== buffer)) return null;
  return (buffer as Bound)[KERNELS] ?? null;
}

const PAGE = 65536;
/** Arrays start on 16-byte boundaries (one f32x4); the first bytes are left unused. */
const ALIGN = 16;
/** Bytes from ALIGN on that the kernels keep for themselves (kernels.as.ts, CONSTANTS). */
const SCRATCH = 96;
/** Room for the rounding of up to 256 arrays to ALIGN (a LeNet-5 model makes about 100). */
const SLACK = 256 * ALIGN;

export class Arena {
  /** Null when the kernels are unavailable or turned off: then `alloc` gives ordinary arrays. */
  readonly kernels: Kernels | null;
  private readonly memory: WebAssembly.Memory | null;
  private next = ALIGN + SCRATCH;
  private readonly end: number;

  /** Room for `floats` float32 values (the memory never grows, so views stay valid). */
  constructor(floats: number, useKernels = true) {
    const module = useKernels ? kernelModule() : null;
    this.end = ALIGN + SCRATCH + floats * 4 + SLACK;
    if (!module) {
      this.kernels = null;
      this.memory = null;
      return;
    }
    const memory = new WebAssembly.Memory({ initial: Math.ceil(this.end / PAGE) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.kernels = instance.exports as unknown as Kernels;
    this.memory = memory;
    (memory.buffer as Bound)[KERNELS] = this.kernels;
  }

  /** n zeroed floats: in the arena while it has room, otherwise an ordinary array. */
  alloc(n: number): Float32Array {
    const at = this.claim(n);
    return at < 0 ? new Float32Array(n) : new Float32Array(this.memory!.buffer, at, n);
  }

  /** n zeroed 32-bit integers (max pooling's winners), counted as n floats of room. */
  allocInt32(n: number): Int32Array {
    const at = this.claim(n);
    return at < 0 ? new Int32Array(n) : new Int32Array(this.memory!.buffer, at, n);
  }

  /** The byte address of room for n four-byte values, or −1 if there is none. */
  private claim(n: number): number {
    const bytes = Math.ceil((n * 4) / ALIGN) * ALIGN;
    if (!this.memory || this.next + bytes > this.end) return -1;
    const at = this.next;
    this.next += bytes;
    return at;
  }
}
