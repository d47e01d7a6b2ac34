/**
 * `lenet <command> [options]`: dispatches to one module per command. Exit codes: 0 success,
 * 1 failure while working, 2 bad usage or bad input file.
 */
import { UsageError } from './args.ts';
import { SpecError } from '../engine/index.ts';
import { summary, SUMMARY_HELP } from './commands/summary.ts';
import { train, TRAIN_HELP } from './commands/train.ts';
import { evalCommand, EVAL_HELP } from './commands/eval.ts';
import { bench, BENCH_HELP } from './commands/bench.ts';

interface Command {
  run: (argv: string[]) => Promise<void> | void;
  help: string;
}

const commands: Record<string, Command> = {
  summary: { run: summary, help: SUMMARY_HELP },
  train: { run: train, help: TRAIN_HELP },
  eval: { run: evalCommand, help: EVAL_HELP },
  bench: { run: bench, help: BENCH_HELP },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.help.split('\n')[0]}`);
  return ['Usage: lenet <command> [options]', '', 'Commands:', ...lines, '',
    'Run `lenet <command> --help` for the options of one command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`lenet: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof SpecError || (err as { exitCode?: number }).exitCode === 2) {
      console.error((err as Error).message);
      return 2;
    }
    console.error(`lenet ${name}: ${(err as Error).message ?? err}`);
    return 1;
  }
}
