/**
 * The starting code of every run cell, by name (<RunCell snippet="c1">). Code is code: the same in
 * both languages; the chapters say in their own language what to try. Each one is run by
 * test/widgets/notebook.test.ts, so no cell ships broken.
 */
export const snippets = {
  overview: `const report = analyze(lenet5());
show(report.layers.map((l) => ({
  layer: l.name,
  kind: l.kind,
  output: l.output,
  params: l.params,
  connections: l.connections,
  macs: l.macs,
})));
return report.total;`,

  input: `const x = prepareDigit(digits, 3, new Float32Array(32 * 32));
show(reshape(x, 32, 32), 'digit 3');
const mean = x.reduce((s, v) => s + v, 0) / x.length;
const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
return { min: Math.min(...x), max: Math.max(...x), mean, variance };`,

  c1: `const net = await pretrained('faithful');
const x = prepareDigit(digits, 7, new Float32Array(32 * 32));
const trace = net.forward(x);
show(trace.layers[0]);
return trace.layers[0].shape;`,

  s2: `const net = await pretrained('faithful');
const s2 = net.layers[1];
const p = net.params.subarray(s2.offset, s2.offset + s2.paramCount);
show([0, 1, 2, 3, 4, 5].map((m) => ({ map: m, coefficient: p[m], bias: p[6 + m] })));
const trace = net.forward(prepareDigit(digits, 7, new Float32Array(32 * 32)));
show(trace.layers[0]);
show(trace.layers[1]);`,

  c3: `const paper = analyze(lenet5()).layers[2];
const spec = lenet5();
spec.layers[2].table = c3Table.map((row) => [...row]);
spec.layers[2].table[15] = [0, 1, 2];
const edited = analyze(spec).layers[2];
return [
  { table: 'paper', params: paper.params, connections: paper.connections },
  { table: 'edited', params: edited.params, connections: edited.connections },
];`,

  s4: `const net = await pretrained('faithful');
const trace = net.forward(prepareDigit(digits, 4, new Float32Array(32 * 32)));
show(trace.layers[3]);
const spec = lenet5();
spec.layers[3].pool = 'max';
return { trainable: analyze(lenet5()).layers[3].params, max: analyze(spec).layers[3].params };`,

  c5: `const rows = [];
for (const size of [32, 36, 40]) {
  const spec = lenet5();
  spec.input.size = size;
  const c5 = analyze(spec).layers[4];
  rows.push({ input: size, output: c5.output, params: c5.params, connections: c5.connections });
}
return rows;`,

  f6: `const net = await pretrained('faithful');
const trace = net.forward(prepareDigit(digits, 4, new Float32Array(32 * 32)));
show(reshape(trace.layers[5].out, 12, 7), 'F6');
show(reshape(rbfCodes[4], 12, 7), 'rbfCodes[4]');`,

  output: `const net = await pretrained('faithful');
const trace = net.forward(prepareDigit(digits, 9, new Float32Array(32 * 32)));
show([...trace.output].map((distance, digit) => ({ digit, distance })));
return mapLoss().predict(trace.output);`,

  training: `const data = await trainingDigits(500);
const net = new Model(lenet5(), 1);
const trainer = new Trainer({
  model: net, loss: mapLoss(), data, optimizer: 'sgd', rate: 0.002, passes: 3, seed: 1,
});
for (let pass = 1; pass <= 3; pass++) {
  const p = trainer.step(500);
  console.log('pass', pass, 'mean loss', p.loss, 'training errors', p.errors);
}
return evaluate(net, mapLoss(), digits).correct;`,
} as const;

export type SnippetName = keyof typeof snippets;
