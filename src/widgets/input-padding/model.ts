/**
 * The input widget's pure model: an MNIST digit (28×28 grey levels, 0 = white paper, 255 = black
 * ink) placed in LeNet-5's 32×32 input with the paper's normalisation, and what a reader sees
 * when pointing at one pixel: its value and the C1 receptive field centred on it.
 */
import { BACKGROUND, FOREGROUND, analyze, lenet5, prepareDigit } from '../../../engine/index.ts';

/** Side of an MNIST image. */
export const MNIST_SIDE = 28;

const paper = analyze(lenet5());
const c1 = lenet5().layers[0];
if (c1.kind !== 'conv') throw new Error('LeNet-5’s first layer is expected to be the convolution C1');
/** Side of LeNet-5's input (32) and the frame of paper that puts a 28×28 digit in its middle (2). */
export const INPUT_SIDE = paper.input.height;
export const PAD = (INPUT_SIDE - MNIST_SIDE) / 2;
/** Side of C1's receptive field (5) and of its maps (28). */
export const KERNEL = c1.kernel;
export const C1_SIDE = paper.layers[0].output.height;

/** Turns 28×28 grey levels into the network's 32×32 input values, row by row. */
export type Prepare = (digit: ArrayLike<number>) => ArrayLike<number>;

/** The paper's two grey values, from the engine: white paper → −0.1, black ink → 1.175. */
export { BACKGROUND, FOREGROUND };

/**
 * The paper's preparation (section II.B), done by the engine: the digit centred in the 32×32
 * field, grey levels mapped linearly from paper (−0.1) to ink (1.175).
 */
export const preparePaper: Prepare = (digit) =>
  prepareDigit({ pixels: Uint8Array.from(digit), rows: MNIST_SIDE, cols: MNIST_SIDE }, 0, new Float32Array(INPUT_SIDE * INPUT_SIDE), INPUT_SIDE);

export interface InputCell {
  row: number;
  col: number;
  /** The digit's grey level 0–255, or null in the padding frame. */
  grey: number | null;
  /** The value the network sees. */
  value: number;
}

export interface InputView {
  side: number;
  pad: number;
  /** Row by row, `side`×`side` cells. */
  cells: InputCell[];
  mean: number;
  variance: number;
}

/** The 28×28 digit padded to 32×32 and normalised; the padding frame is white paper. */
export function inputView(digit: ArrayLike<number>, prepare: Prepare = preparePaper): InputView {
  if (digit.length !== MNIST_SIDE * MNIST_SIDE) {
    throw new RangeError(`An MNIST digit has ${MNIST_SIDE * MNIST_SIDE} grey levels, got ${digit.length}`);
  }
  for (let i = 0; i < digit.length; i++) {
    const grey = digit[i];
    if (!(Number.isInteger(grey) && grey >= 0 && grey <= 255)) {
      throw new RangeError(`Grey level ${i} of the digit must be a whole number from 0 to 255, got ${grey}`);
    }
  }
  const values = prepare(digit);
  const cells: InputCell[] = [];
  for (let row = 0; row < INPUT_SIDE; row++) {
    for (let col = 0; col < INPUT_SIDE; col++) {
      const r = row - PAD;
      const c = col - PAD;
      const inside = r >= 0 && r < MNIST_SIDE && c >= 0 && c < MNIST_SIDE;
      cells.push({ row, col, grey: inside ? digit[r * MNIST_SIDE + c] : null, value: values[row * INPUT_SIDE + col] });
    }
  }
  const mean = cells.reduce((s, x) => s + x.value, 0) / cells.length;
  const variance = cells.reduce((s, x) => s + (x.value - mean) ** 2, 0) / cells.length;
  return { side: INPUT_SIDE, pad: PAD, cells, mean, variance };
}

export const cellAt = (view: InputView, row: number, col: number): InputCell => view.cells[row * view.side + col];

/**
 * The C1 unit whose 5×5 receptive field is centred on input pixel (row, col), if there is one.
 * With 2 pixels of padding every pixel of the original digit is such a centre — the reason for
 * the padding — while the padding frame itself is not.
 */
export function c1UnitCentredAt(row: number, col: number): { row: number; col: number; top: number; left: number } | undefined {
  const half = Math.floor(KERNEL / 2);
  const r = row - half;
  const c = col - half;
  if (r < 0 || c < 0 || r >= C1_SIDE || c >= C1_SIDE) return undefined;
  return { row: r, col: c, top: r, left: c };
}

/** The values of the 5×5 window centred on (row, col), clipped to the input; null outside it. */
export function windowAround(view: InputView, row: number, col: number): (number | null)[][] {
  const half = Math.floor(KERNEL / 2);
  return Array.from({ length: KERNEL }, (_, i) => Array.from({ length: KERNEL }, (_, j) => {
    const r = row - half + i;
    const c = col - half + j;
    return r >= 0 && c >= 0 && r < view.side && c < view.side ? cellAt(view, r, c).value : null;
  }));
}

/** A value as the widget prints it: three decimals and a real minus sign, −0.100. */
export const formatValue = (v: number): string => (Math.abs(v) < 0.0005 ? 0 : v).toFixed(3).replace('-', '−');

/** Mean and variance of the prepared inputs over a whole set of digits (`count` digits of rows×cols grey levels). */
export function setStatistics(digits: { count: number; pixels: ArrayLike<number> }, prepare: Prepare = preparePaper): { mean: number; variance: number } {
  const size = MNIST_SIDE * MNIST_SIDE;
  if (digits.pixels.length !== digits.count * size) throw new RangeError(`Expected ${digits.count}×${size} grey levels, got ${digits.pixels.length}`);
  let sum = 0;
  let squares = 0;
  let n = 0;
  const one = new Uint8Array(size);
  for (let d = 0; d < digits.count; d++) {
    for (let i = 0; i < size; i++) one[i] = digits.pixels[d * size + i];
    const values = prepare(one);
    for (let i = 0; i < values.length; i++) {
      sum += values[i];
      squares += values[i] * values[i];
    }
    n += values.length;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
}
