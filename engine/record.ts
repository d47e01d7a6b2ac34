/**
 * The record a training run keeps of itself, in its weights file's metadata (weights.ts): the
 * command, every setting that decides the weights, the test error after each pass and the wall
 * time. `lenet train` writes it after every pass and `lenet train --resume` reads its settings
 * back; the Training chapter's "Reproduce the paper" writes the same record, so a file from the
 * page and one from the command line can be evaluated, compared and resumed alike.
 */
import type { Evaluation, TrainProgress } from './trainer.ts';
import type { OptimizerName, ScheduleName } from './optim.ts';
import { trainCommand, type RunSettings, type VariantName } from './variants.ts';

/** One pass: its mean training loss and error (measured before each update) and the error on the test set after it. */
export interface PassRecord { pass: number; trainLoss: number; trainError: number; testError: number; seconds: number }

export interface RunRecord {
  command: string;
  variant: VariantName;
  seed: number;
  optimizer: OptimizerName;
  rate: number;
  /** Absent in files written before schedules could be chosen: those ran the paper's. */
  schedule?: ScheduleName;
  /** Absent in older files: 1. */
  batchSize?: number;
  momentum: number;
  /** SDLM's μ (absent in older files: the paper's 0.02). */
  mu?: number;
  loss: string;
  /** The MAP loss's j (faithful variant). */
  mapJ?: number;
  trainSize: number;
  /** Trained on distorted digits (absent: not). */
  distort?: boolean;
  passes: number;
  passesPlanned: number;
  history: PassRecord[];
  testError: number;
  wallSeconds: number;
  date: string;
}

/** Rounded as the records keep them: errors to 5 decimals (0.0098), seconds to a tenth. */
export const roundTo = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The entry of a pass that has just ended (`p`: the trainer's progress at its end; `test`: the whole test set). */
export function passRecord(p: TrainProgress, test: Evaluation, seconds: number): PassRecord {
  return {
    pass: p.pass + 1, trainLoss: roundTo(p.loss, 5), trainError: roundTo(p.errors / p.passSize, 5),
    testError: roundTo(1 - test.accuracy, 5), seconds: roundTo(seconds, 1),
  };
}

/** The record after the passes in `history`, for a run of these settings under this loss. */
export function runRecord(s: RunSettings, loss: string, history: PassRecord[], wallSeconds: number, date: Date): RunRecord {
  const last = history.at(-1);
  if (!last) throw new RangeError('a run is recorded after its first pass, not before');
  return {
    command: trainCommand(s), variant: s.variant, seed: s.seed, optimizer: s.optimizer, rate: s.rate, schedule: s.schedule,
    batchSize: s.batchSize, momentum: s.momentum, mu: s.mu, loss, ...(loss === 'map' ? { mapJ: s.mapJ } : {}), trainSize: s.trainSize,
    ...(s.distort ? { distort: true } : {}), passes: history.length, passesPlanned: s.passes,
    history, testError: last.testError, wallSeconds: roundTo(wallSeconds, 1), date: date.toISOString(),
  };
}
