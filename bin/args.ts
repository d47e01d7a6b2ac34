/**
 * A small, strict option parser for the `lenet` command: every option must be known, every
 * value well-formed, or the command stops with a message that names the option and the rule.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionRule {
  /** `flag` takes no value; the others take one. */
  type: 'flag' | 'string' | 'int' | 'number';
  min?: number;
  max?: number;
  choices?: readonly string[];
}

export type Parsed = Record<string, string | number | boolean | undefined>;

export function parseOptions(argv: string[], rules: Record<string, OptionRule>, command: string): Parsed {
  const out: Parsed = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const name = flag.replace(/^--/, '');
    const rule = flag.startsWith('--') ? rules[name] : undefined;
    if (!rule) {
      const known = Object.keys(rules).map((k) => `--${k}`).join(', ');
      throw new UsageError(`lenet ${command}: unknown option '${arg}' (known: ${known || 'none'})`);
    }
    if (rule.type === 'flag') {
      if (inline !== undefined) throw new UsageError(`lenet ${command}: --${name} takes no value`);
      out[name] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('--'))) {
      throw new UsageError(`lenet ${command}: --${name} needs a value`);
    }
    out[name] = convert(raw, name, rule, command);
  }
  return out;
}

function convert(raw: string, name: string, rule: OptionRule, command: string): string | number {
  if (rule.type === 'string') {
    if (rule.choices && !rule.choices.includes(raw)) {
      throw new UsageError(`lenet ${command}: --${name} ${raw} is not one of ${rule.choices.join(', ')}`);
    }
    return raw;
  }
  const value = Number(raw);
  const range = `${rule.min ?? '-∞'} to ${rule.max ?? '∞'}`;
  if (raw.trim() === '' || !Number.isFinite(value) || (rule.type === 'int' && !Number.isInteger(value)) ||
    (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    throw new UsageError(`lenet ${command}: --${name} ${raw} is not ${rule.type === 'int' ? 'a whole number' : 'a number'} from ${range}`);
  }
  return value;
}
