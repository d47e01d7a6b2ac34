/** Shared by the engine tests: a finite-difference gradient check and small random inputs. */
import { Model, Random, type Loss } from '../../engine/index.ts';

export function randomInput(model: Model, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: model.inputUnits }, () => rng.symmetric(1));
}

export interface GradCheck {
  /** ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) over the checked parameters, per layer. */
  errors: Record<string, number>;
  worst: number;
  checked: number;
}

/**
 * Compares `Model.backward` with central differences (E(p+h) − E(p−h)) / 2h on up to
 * `perLayer` parameters of every layer that has any. Parameters are float32, so h is not tiny.
 */
export function gradCheck(model: Model, loss: Loss, input: Float32Array, label: number, perLayer = 25, h = 1e-3,
  grads: Float32Array = new Float32Array(model.paramCount)): GradCheck {
  const trace = model.forward(input);
  const dOut = new Float32Array(model.outputUnits);
  loss.gradient(trace.output, label, dOut);
  grads.fill(0);
  model.backward(trace, dOut, grads);
  const rng = new Random(99);
  const errors: Record<string, number> = {};
  let worst = 0;
  let checked = 0;
  for (const layer of model.layers) {
    if (layer.paramCount === 0) continue;
    let diff = 0;
    let norm = 0;
    const n = Math.min(perLayer, layer.paramCount);
    for (let s = 0; s < n; s++) {
      // The first and last parameters (kernel corner, a bias), then random ones.
      const k = layer.offset + (s === 0 ? 0 : s === 1 ? layer.paramCount - 1 : rng.int(layer.paramCount));
      const keep = model.params[k];
      model.params[k] = keep + h;
      const plus = loss.value(model.forward(input).output, label);
      model.params[k] = keep - h;
      const minus = loss.value(model.forward(input).output, label);
      model.params[k] = keep;
      const numeric = (plus - minus) / (2 * h);
      diff += (grads[k] - numeric) ** 2;
      norm += grads[k] ** 2 + numeric ** 2;
      checked++;
    }
    const error = norm === 0 ? 0 : Math.sqrt(diff) / Math.sqrt(norm);
    errors[layer.name] = error;
    worst = Math.max(worst, error);
  }
  return { errors, worst, checked };
}

/**
 * A 28×28 MNIST digit enlarged `scale` times with bilinear interpolation, as if drawn on a pad of
 * 28·scale pixels: the Playground's pad is 280 px, so 10 by default.
 */
export function enlargeAsDrawn(pixels: ArrayLike<number>, scale = 10): Uint8Array {
  const W = 28 * scale;
  const out = new Uint8Array(W * W);
  const at = (r: number, c: number): number => (r >= 0 && r < 28 && c >= 0 && c < 28 ? pixels[r * 28 + c] : 0);
  for (let y = 0; y < W; y++) {
    const sy = (y + 0.5) / scale - 0.5;
    const y0 = Math.floor(sy), fy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = (x + 0.5) / scale - 0.5;
      const x0 = Math.floor(sx), fx = sx - x0;
      out[y * W + x] = Math.round((1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1)));
    }
  }
  return out;
}
