/**
 * The paper's network, exactly (LeCun, Bottou, Bengio, Haffner 1998, section II.B), as data.
 */
import type { NetworkSpec } from './spec.ts';

/**
 * Table I of the paper: the S2 maps that feed each of C3's 16 maps. The first six take three
 * neighbouring maps, the next six four neighbours, three take four non-neighbours and the last
 * takes all six — 1,516 parameters instead of 2,416, and broken symmetry, so that the maps are
 * forced to learn different features.
 */
// #region c3-table
export const c3Table: number[][] = [
  [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [0, 4, 5], [0, 1, 5],
  [0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [0, 3, 4, 5], [0, 1, 4, 5], [0, 1, 2, 5],
  [0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5],
  [0, 1, 2, 3, 4, 5],
];
// #endregion c3-table

/** Width and height of an RBF code bitmap: 7×12 = 84, the number of F6 units. */
export const CODE_WIDTH = 7;
export const CODE_HEIGHT = 12;

/**
 * Our own stylised 7×12 bitmaps of the ten digits ('#' = ink = +1, '.' = paper = −1). The
 * paper drew its codes by hand (figure 3) but did not publish them as data, so the project drew
 * these and says so; what matters is that they are distinct ±1 patterns that resemble digits.
 */
export const codeBitmaps: readonly string[][] = [
  ['..###..', '.#...#.', '#.....#', '#.....#', '#.....#', '#.....#', '#.....#', '#.....#', '#.....#', '#.....#', '.#...#.', '..###..'],
  ['...#...', '..##...', '.#.#...', '...#...', '...#...', '...#...', '...#...', '...#...', '...#...', '...#...', '...#...', '.#####.'],
  ['.####..', '#....#.', '......#', '......#', '.....#.', '....#..', '...#...', '..#....', '.#.....', '#......', '#......', '#######'],
  ['.#####.', '#.....#', '......#', '......#', '.....#.', '..###..', '.....#.', '......#', '......#', '......#', '#.....#', '.#####.'],
  ['....##.', '...#.#.', '..#..#.', '.#...#.', '#....#.', '#....#.', '#######', '.....#.', '.....#.', '.....#.', '.....#.', '.....#.'],
  ['#######', '#......', '#......', '#......', '#####..', '.....#.', '......#', '......#', '......#', '......#', '#....#.', '.####..'],
  ['...###.', '..#....', '.#.....', '#......', '#......', '#.###..', '##...#.', '#.....#', '#.....#', '#.....#', '.#...#.', '..###..'],
  ['#######', '......#', '......#', '.....#.', '.....#.', '....#..', '....#..', '...#...', '...#...', '..#....', '..#....', '..#....'],
  ['..###..', '.#...#.', '#.....#', '#.....#', '.#...#.', '..###..', '.#...#.', '#.....#', '#.....#', '#.....#', '.#...#.', '..###..'],
  ['..###..', '.#...#.', '#.....#', '#.....#', '#.....#', '.#...##', '..###.#', '......#', '......#', '.....#.', '....#..', '.###...'],
];

/** The fixed RBF weights: code i is bitmap i read row by row, ink +1 and paper −1. */
export const rbfCodes: number[][] = codeBitmaps.map((rows) => rows.join('').split('').map((c) => (c === '#' ? 1 : -1)));

/** LeNet-5 as published: 32×32 input, C1-S2-C3-S4-C5-F6 with scaled tanh, RBF output. */
export function lenet5(): NetworkSpec {
  return {
    input: { size: 32, channels: 1 },
    layers: [
      { kind: 'conv', name: 'C1', maps: 6, kernel: 5, activation: 'squash' },
      { kind: 'subsample', name: 'S2', pool: 'trainable', window: 2, activation: 'squash' },
      { kind: 'conv', name: 'C3', maps: 16, kernel: 5, table: c3Table.map((row) => [...row]), activation: 'squash' },
      { kind: 'subsample', name: 'S4', pool: 'trainable', window: 2, activation: 'squash' },
      { kind: 'conv', name: 'C5', maps: 120, kernel: 5, activation: 'squash' },
      { kind: 'full', name: 'F6', units: 84, activation: 'squash' },
      { kind: 'rbf', name: 'OUTPUT', codes: rbfCodes.map((code) => [...code]) },
    ],
  };
}

/**
 * The same shape with today's habits: ReLU, max pooling, a dense C3, and ten plain output units
 * read through a softmax with cross-entropy loss instead of the RBF codes.
 */
export function modernLenet5(): NetworkSpec {
  return {
    input: { size: 32, channels: 1 },
    layers: [
      { kind: 'conv', name: 'C1', maps: 6, kernel: 5, activation: 'relu' },
      { kind: 'subsample', name: 'S2', pool: 'max', window: 2, activation: 'none' },
      { kind: 'conv', name: 'C3', maps: 16, kernel: 5, activation: 'relu' },
      { kind: 'subsample', name: 'S4', pool: 'max', window: 2, activation: 'none' },
      { kind: 'conv', name: 'C5', maps: 120, kernel: 5, activation: 'relu' },
      { kind: 'full', name: 'F6', units: 84, activation: 'relu' },
      { kind: 'full', name: 'OUTPUT', units: 10, activation: 'none' },
    ],
  };
}
