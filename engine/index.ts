/** The engine's public surface: import from here. */
export * from './spec.ts';
export * from './analyze.ts';
export * from './lenet5.ts';
export { inputMapsOf } from './layers/conv.ts';
export * from './explain.ts';
export * from './random.ts';
export * from './model.ts';
export * from './loss.ts';
export { squash, tanh, SQUASH_A, SQUASH_S } from './layers/activation.ts';
export type { LayerOps } from './layers/ops.ts';
export * from './idx.ts';
export * from './input.ts';
export * from './optim.ts';
export * from './trainer.ts';
export * from './variants.ts';
export * from './weights.ts';
export * from './inspect.ts';
