/** The engine's public surface: import from here. */
export * from './spec.ts';
export * from './analyze.ts';
export * from './lenet5.ts';
export { inputMapsOf } from './layers/conv.ts';
export * from './explain.ts';
