/**
 * Build time only (Node): the pretrained networks the site ships in public/weights/ (made by
 * `lenet train`; the browser fetches the same files through src/lib/pretrained.ts). Pages that
 * show a real digit's numbers compute them here, and the Training chapter quotes the run that
 * made the file from the metadata the file carries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWeights, loadWeights, Model, VARIANTS, type VariantName, type WeightsFile } from '../../engine/index.ts';

const path = (variant: VariantName) => join(process.cwd(), 'public', 'weights', `${variant}.bin`);
const models = new Map<VariantName, Model>();

/** The shipped network of `variant`, weights loaded (one model per build, shared by every page). */
export function shippedModel(variant: VariantName): Model {
  let model = models.get(variant);
  if (!model) {
    model = new Model(VARIANTS[variant].spec());
    loadWeights(model, new Uint8Array(readFileSync(path(variant))), path(variant));
    models.set(variant, model);
  }
  return model;
}

/** What the weights file records about the run that made it (command, seed, per-pass history). */
export function shippedRun(variant: VariantName): WeightsFile['meta'] {
  return decodeWeights(new Uint8Array(readFileSync(path(variant))), path(variant)).meta;
}

/** The record of another file in public/weights/ (e.g. the networks trained with distortions). */
export function weightsFileRun(file: string): WeightsFile['meta'] {
  const at = join(process.cwd(), 'public', 'weights', file);
  return decodeWeights(new Uint8Array(readFileSync(at)), at).meta;
}
