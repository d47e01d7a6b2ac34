/**
 * The reference run of the command line beside the reader's own: the paper's setting (the
 * faithful network, SDLM, 20 passes over all 60,000 training images). `measured` stays null
 * until the project has run `lenet train` with that setting and recorded the figures in the
 * README; the page then shows them. The paper's own result is from LeCun et al. 1998, §III.C.
 */
export interface ReferenceRun {
  command: string;
  passes: number;
  trainSize: number;
  /** Test error (fraction) after the last pass, and the time it took, when measured. */
  measured: { testError: number; minutes: number; machine: string } | null;
  paperTestError: number;
}

export const REFERENCE: ReferenceRun = {
  command: 'npx lenet train --variant faithful --epochs 20 --train-size 60000 --seed 1',
  passes: 20,
  trainSize: 60000,
  measured: null,
  paperTestError: 0.0095,
};
