/**
 * Build time only: the reference run of the command line beside the reader's own — the run that
 * made the shipped faithful weights, as recorded in the weights file itself (command, passes,
 * per-pass test error, wall time), so the page can never quote a run that did not happen. The
 * paper's own result is from LeCun et al. 1998, section III.C.
 */
import { shippedRun, weightsFileRun } from '../../data/pretrained.ts';

export interface ReferenceRun {
  command: string;
  passes: number;
  trainSize: number;
  /** Test error (fraction) after the last pass. */
  testError: number;
  /** Wall-clock minutes of the whole run. */
  minutes: number;
  paperTestError: number;
  /** Training and test error (fractions) after each pass, as `lenet train` measured them. */
  history: { pass: number; trainError: number; testError: number }[];
}

const run = shippedRun('faithful');

/** A fraction as the reference run's figures are quoted: 0.0098 → "0.98 %". */
export const percent2 = (fraction: number): string => `${(100 * fraction).toFixed(2)} %`;

export const REFERENCE: ReferenceRun = {
  command: `npx ${String(run.command)}`,
  passes: Number(run.passes),
  trainSize: Number(run.trainSize),
  testError: Number(run.testError),
  minutes: Number(run.wallSeconds) / 60,
  paperTestError: 0.0095,
  history: (run.history as { pass: number; trainError: number; testError: number }[])
    .map(({ pass, trainError, testError }) => ({ pass, trainError, testError })),
};

/**
 * The runs with the paper's distortions (section III.C: 0.8 % for LeNet-5 with 540,000 distorted
 * images added) that made the Playground's default weights, from their files' own records.
 */
export interface DistortedRun { command: string; passes: number; testError: number; minutes: number }
const distorted = (file: string): DistortedRun => {
  const r = weightsFileRun(file);
  return { command: `npx ${String(r.command)}`, passes: Number(r.passes), testError: Number(r.testError), minutes: Number(r.wallSeconds) / 60 };
};
export const DISTORTED = { faithful: distorted('faithful-distort.bin'), modern: distorted('modern-distort.bin'), paperTestError: 0.008 };
