/**
 * The `lenet` command under bad input (issue 13): every bad file or value ends in exit code 2
 * and one or two lines that name the culprit — never a stack trace, never a hang, never a
 * silently wrong result. The command runs in this process through `main`, its output captured.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../bin/main.ts';
import { crc32, decodeWeights, encodeWeights, lenet5, MAX_SIZE, Model, VARIANTS } from '../../engine/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'lenet-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run { code: number; out: string; err: string }

async function lenet(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  try {
    const code = await main(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Exit code 2, nothing on stdout, one or two short lines on stderr matching `culprit`, no stack trace. */
function expectRefused(run: Run, culprit: RegExp): void {
  expect(run.err).toMatch(culprit);
  expect(run.code).toBe(2);
  expect(run.out).toBe('');
  expect(run.err.split('\n').length).toBeLessThanOrEqual(2);
  expect(run.err.length).toBeLessThan(400);
  expect(run.err).not.toMatch(/\n\s+at |Maximum call stack/);
}

/**
 * The real command in a child process, killed after 20 s: for the inputs that used to hang
 * (a named pipe), so a regression fails this test instead of hanging the whole run.
 */
function lenetProcess(...argv: string[]): Run & { timedOut: boolean } {
  const bin = new URL('../../bin/lenet.mjs', import.meta.url).pathname;
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status ?? -1, out: r.stdout.trimEnd(), err: r.stderr.trimEnd(), timedOut: r.signal !== null };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const spec = (layers: object[], input: object = { size: 32, channels: 1 }) => JSON.stringify({ input, layers });
const conv = (over: object = {}) => ({ kind: 'conv', name: 'C1', maps: 6, kernel: 5, activation: 'squash', ...over });

describe('lenet summary --spec: counts and limits', () => {
  it('refuses a spec whose counts a double cannot hold exactly (the issue’s 8,191×8,191 convolution)', async () => {
    const path = file('inexact.json', spec([{ kind: 'conv', name: 'C', maps: 32, kernel: 4096, padding: 4095, activation: 'none' }], { size: 4096, channels: 1 }));
    expectRefused(await lenet('summary', '--spec', path), /^C: connections ≈ 9\.0 × 10\^15 is too large to count exactly \(allowed: at most 2\^53 − 1/);
  });

  it('refuses units past the limit every size has, and the README states that limit', async () => {
    const path = file('units.json', spec([{ kind: 'full', name: 'F', units: 1_000_000, activation: 'none' }]));
    expectRefused(await lenet('summary', '--spec', path), /^F: units 1000000 is not a whole number in range \(allowed: a whole number from 1 to 4096\)$/);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`Every size — \`size\`, \`channels\`, \`maps\`, \`kernel\`, \`window\`, \`stride\`, \`units\` — is a whole number from 1 to ${MAX_SIZE.toLocaleString('en-US')}`);
  });
});

describe('lenet summary --spec: values too deep or too large', () => {
  it('a value nested 10,000 levels deep: refused as too deep, not a stack overflow', async () => {
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const path = file('deep.json', `{"input":{"size":${deep},"channels":1},"layers":[]}`);
    expectRefused(await lenet('summary', '--spec', path), /^lenet: spec file .*deep\.json nests arrays and objects more than 32 levels deep \(line 1, column \d+\); a spec needs 5$/);
  });

  it('a 1 MB string and a 10 MB array: refused with a cut echo', async () => {
    const string = file('string.json', spec([conv({ name: 'x'.repeat(1_000_000) })]));
    expectRefused(await lenet('summary', '--spec', string), /^layer 1: name x{40}… \(1,000,000 characters\) is not allowed/);
    const array = file('array.json', spec([conv({ kernel: new Array(5_000_000).fill(1) })]));
    expectRefused(await lenet('summary', '--spec', array), /^C1: kernel size \[1,1,1,.*… \(5,000,000 items\)\] is not a whole number in range/);
  });
});

describe('lenet summary --spec: the file itself', () => {
  it('accepts a UTF-8 byte-order mark', async () => {
    const path = file('bom.json', `\ufeff${JSON.stringify(lenet5())}`);
    const run = await lenet('summary', '--spec', path, '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).total.params).toBe(60_000);
  });

  it('refuses a named pipe at once instead of waiting for a writer, and a directory', async () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const run = lenetProcess('summary', '--spec', fifo);
    expect(run.timedOut).toBe(false);
    expectRefused(run, /^lenet: spec file .*pipe\.json is a named pipe \(FIFO\); only a regular file can be read$/);
    expectRefused(await lenet('summary', '--spec', dir), /is a directory; only a regular file can be read$/);
    expectRefused(await lenet('summary', '--spec', join(dir, 'missing.json')), /^lenet: cannot read spec file .*missing\.json: ENOENT$/);
  });

  it('refuses a misspelt setting with a "did you mean" instead of ignoring it', async () => {
    const path = file('typo.json', spec([conv({ strides: 2 })]));
    expectRefused(await lenet('summary', '--spec', path), /^C1: strides 2 is not a setting of a conv layer; did you mean "stride"\? \(allowed: kind, name, maps, kernel, stride, padding, table, activation\)$/);
  });

  it('refuses null for a setting, saying to leave it out for the default', async () => {
    const path = file('null.json', spec([conv({ padding: null })]));
    expectRefused(await lenet('summary', '--spec', path), /^C1: padding null is not a value: leave the setting out for its default \(allowed: a whole number from 0 to one less than the kernel; left out: 0\)$/);
  });

  it('refuses a layer without an activation, naming the setting as missing', async () => {
    const path = file('noactivation.json', spec([{ kind: 'full', name: 'F6', units: 84 }]));
    expectRefused(await lenet('summary', '--spec', path), /^F6: activation is missing \(allowed: squash, relu, sigmoid, none\)$/);
  });

  it('refuses text that is not UTF-8, and JSON that is not JSON', async () => {
    expectRefused(await lenet('summary', '--spec', file('latin1.json', Uint8Array.from([0x7b, 0xe9, 0x7d]))), /^lenet: spec file .* is not UTF-8 text$/);
    expectRefused(await lenet('summary', '--spec', file('cut.json', JSON.stringify(lenet5()).slice(0, 50))), /^lenet: spec file .* is not valid JSON: /);
  });

  it('summary --help lists every field of --json, fixedParams included', async () => {
    const run = await lenet('summary', '--help');
    expect(run.code).toBe(0);
    for (const field of ['"params"', '"fixedParams"', '"connections"', '"macs"']) expect(run.out).toContain(field);
  });
});

/** A weights file for `variant` with `meta`, made by the engine's own writer. */
function weightsFile(name: string, variant: string, meta: object = {}): string {
  const model = new Model((VARIANTS[variant as 'faithful'] ?? VARIANTS.faithful).spec(), 1);
  return file(name, encodeWeights(model, variant, meta));
}

describe('lenet eval and train --resume: weights files', () => {
  it.each(['constructor', '__proto__', 'toString'])('a file whose variant is "%s" is refused by both, not a crash', async (variant) => {
    const path = weightsFile(`${variant}.bin`, variant);
    const unknown = new RegExp(`^lenet: .*: unknown variant "${variant}" \\(known: faithful, modern\\)$`);
    expectRefused(await lenet('eval', '--weights', path), unknown);
    expectRefused(await lenet('train', '--resume', path), unknown);
  });

  it('a forged header (a 4 GB metadata length that 32-bit arithmetic wrapped to offset 0) is refused before reading', async () => {
    const bytes = readFileSync(weightsFile('honest.bin', 'faithful'));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint32(16, 2 ** 32 - 20 - view.getUint16(6, true), true);
    view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
    const path = file('forged.bin', bytes);
    expectRefused(await lenet('eval', '--weights', path), /^lenet: .*forged\.bin: truncated: the header declares 4294967276 bytes of name and metadata, the file has room for \d+$/);
  });

  it('a record that no option would accept cannot be resumed (a forged file with a valid checksum)', async () => {
    const path = weightsFile('badrecord.bin', 'modern', { seed: 'abc', passesPlanned: 3, history: [] });
    expectRefused(await lenet('train', '--resume', path), /^lenet: .*badrecord\.bin: its record's seed abc cannot be resumed \(allowed: a whole number from 0 to 4294967295\)$/);
    const history = weightsFile('badhistory.bin', 'modern', { seed: 1, passesPlanned: 3, history: 'x'.repeat(100_000) });
    expectRefused(await lenet('train', '--resume', history), /its record's history x{40}… \(100,000 characters\) cannot be resumed/);
  });

  it('a FIFO in place of a weights file is refused at once', async () => {
    const fifo = join(dir, 'pipe.bin');
    execFileSync('mkfifo', [fifo]);
    const run = lenetProcess('eval', '--weights', fifo);
    expect(run.timedOut).toBe(false);
    expectRefused(run, /^lenet: weights file .*pipe\.bin is a named pipe \(FIFO\)/);
  });
});

describe('lenet eval --json', () => {
  it('carries the file’s own record and an error rate counted, not subtracted', async () => {
    const run = await lenet('eval', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.errorRate).toBe((result.samples - result.correct) / result.samples);
    // Rounded as a count over 10,000 is: at most four decimals, not 0.009800000000000031.
    expect(String(result.errorRate)).toMatch(/^0\.\d{1,4}$/);
    const shipped = decodeWeights(readFileSync(new URL('../../public/weights/faithful.bin', import.meta.url))).meta;
    expect(result.record).toEqual(shipped);
    expect(result.record.command).toMatch(/^lenet train --variant faithful /);
    expect(result.record.history).toHaveLength(result.record.passes);
    expect(result.record.history.at(-1).testError).toBe(result.errorRate);
  });
});

describe('lenet train without --out', () => {
  it('saves into the per-user data directory it prints, never into the current directory', async () => {
    const data = join(dir, 'xdg-data');
    mkdirSync(data);
    const before = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = data;
    try {
      const run = await lenet('train', '--variant', 'modern', '--epochs', '1', '--train-size', '20');
      expect(run.code).toBe(0);
      const saved = join(data, 'lenet', 'weights-modern.bin');
      expect(run.out).toContain(`saving the weights to ${saved} after every pass`);
      expect(decodeWeights(readFileSync(saved)).meta.trainSize).toBe(20);
      expect(existsSync(join(process.cwd(), 'weights-modern.bin'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = before;
    }
    expect((await lenet('train', '--help')).out).toMatch(/--out FILE .*\n.*\$XDG_DATA_HOME\/lenet.*~\/\.local\/share\/lenet/);
  });

  it('refuses an --out whose directory does not exist before training, not after the first pass', async () => {
    expectRefused(await lenet('train', '--out', join(dir, 'no', 'such', 'w.bin')), /^lenet train: cannot save to .*w\.bin: the directory .*such does not exist$/);
  });
});

describe('lenet bench --spec: any network that reads MNIST digits', () => {
  // Two full layers on the 28×28 digit: 784·20 + 20·10 = 15,880 multiply-adds forward. A training
  // sample adds the weight gradients of both layers and the input gradient of the second only:
  // 2·15,680 + 3·200 = 31,960 multiply-adds, 63,920 FLOPs.
  const small = spec([
    { kind: 'full', name: 'F1', units: 20, activation: 'squash' },
    { kind: 'full', name: 'F2', units: 10, activation: 'none' },
  ], { size: 28, channels: 1 });

  it('measures a spec file by SDLM and SGD and counts its FLOPs per training sample', async () => {
    const run = await lenet('bench', '--spec', file('small.json', small), '--samples', '100', '--rounds', '1', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.networks).toHaveLength(1);
    const [net] = report.networks;
    expect(net).toMatchObject({ network: 'small.json', macs: 15_880, trainingFlops: 63_920 });
    expect(net.training.map((t: { optimizer: string }) => t.optimizer)).toEqual(['sdlm', 'sgd']);
    expect(net.training[0].curvatureSamples).toBe(100);
    expect(net.training[1].curvatureMs).toBeNull();
    for (const t of net.training) expect(t.train).toBeGreaterThan(0);
    expect(net.infer).toBeGreaterThan(0);
  });

  it('refuses a network that cannot read a digit or name ten classes, and says what it needs', async () => {
    const colour = file('colour.json', spec([{ kind: 'full', name: 'F', units: 10, activation: 'none' }], { size: 32, channels: 3 }));
    expectRefused(await lenet('bench', '--spec', colour), /^lenet bench: spec file .*colour\.json reads 3@32×32 inputs; bench feeds it MNIST digits, so it needs 1 input map, square, at least 28×28$/);
    const tiny = file('tiny.json', spec([{ kind: 'full', name: 'F', units: 10, activation: 'none' }], { size: 16, channels: 1 }));
    expectRefused(await lenet('bench', '--spec', tiny), /reads 1@16×16 inputs; .* at least 28×28$/);
    const five = file('five.json', spec([{ kind: 'full', name: 'F', units: 5, activation: 'none' }]));
    expectRefused(await lenet('bench', '--spec', five), /^lenet bench: spec file .*five\.json ends in F with 5 outputs; bench trains it on the 10 digit classes, so it needs at least 10$/);
    expectRefused(await lenet('bench', '--spec', file('bad.json', spec([conv({ kernel: 0 })]))), /^C1: kernel size 0 is not a whole number in range/);
    expectRefused(await lenet('bench', '--spec', join(dir, 'missing.json')), /^lenet: cannot read spec file .*missing\.json: ENOENT$/);
  });

  it('bench --help names --spec and every field of --json', async () => {
    const run = await lenet('bench', '--help');
    for (const field of ['--spec FILE', '"trainingFlops"', '"curvatureMs"', '"optimizer"', '"inferCpu"']) expect(run.out).toContain(field);
  });
});
