/** `lenet summary`: the per-layer table of sizes and counts, for the paper's network or a spec file. */
import { analyze, lenet5, type Analysis } from '../../engine/index.ts';
import { parseOptions } from '../args.ts';
import { readSpecFile } from '../spec-file.ts';

export const SUMMARY_HELP = `Print each layer's output shape, trainable parameters, connections and multiply-accumulates.

Usage: lenet summary [--spec FILE] [--json]

Options:
  --spec FILE  analyse the network described in a JSON spec file instead of the paper's
               LeNet-5 (format: see README, "Network spec files"); a file that cannot be
               read, is not JSON or is not a valid spec exits with code 2 and says why
  --json       print {"layers":[{"name","kind","output":[maps,h,w],"params","fixedParams",
               "connections","macs"}],"total":{"params","fixedParams","connections","macs"}}
               instead of a table (fixedParams: parameters that are never trained, the RBF codes)
  --help       show this help`;

export function summary(argv: string[]): void {
  const opts = parseOptions(argv, { spec: { type: 'string' }, json: { type: 'flag' } }, 'summary');
  const spec = typeof opts.spec === 'string' ? readSpecFile(opts.spec) : lenet5();
  const analysis = analyze(spec);
  console.log(opts.json ? JSON.stringify(toJson(analysis)) : table(analysis));
}

export function toJson(a: Analysis) {
  return {
    layers: a.layers.map((l) => ({
      name: l.name, kind: l.kind, output: [l.output.maps, l.output.height, l.output.width],
      params: l.params, fixedParams: l.fixedParams, connections: l.connections, macs: l.macs,
    })),
    total: { params: a.total.params, fixedParams: a.total.fixedParams, connections: a.total.connections, macs: a.total.macs },
  };
}

const group = (n: number) => n.toLocaleString('en-US');

export function table(a: Analysis): string {
  const head = ['layer', 'kind', 'output', 'params', 'fixed', 'connections', 'MACs'];
  const rows = a.layers.map((l) => [l.name, l.kind, `${l.output.maps}@${l.output.height}×${l.output.width}`,
    group(l.params), group(l.fixedParams), group(l.connections), group(l.macs)]);
  const input = ['input', '', `${a.input.maps}@${a.input.height}×${a.input.width}`, '', '', '', ''];
  const total = ['total', '', '', group(a.total.params), group(a.total.fixedParams), group(a.total.connections), group(a.total.macs)];
  const all = [head, input, ...rows, total];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [fmt(head), rule, fmt(input), ...rows.map(fmt), rule, fmt(total)].join('\n');
}
