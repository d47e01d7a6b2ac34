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
    if (!fitsRule(raw, rule)) throw new UsageError(`lenet ${command}: --${name} ${raw} is not ${allowedBy(rule)}`);
    return raw;
  }
  const value = Number(raw);
  if (raw.trim() === '' || !fitsRule(value, rule)) throw new UsageError(`lenet ${command}: --${name} ${raw} is not ${allowedBy(rule)}`);
  return value;
}

/** Whether a value (typed in, or read back from a file's record) is one the rule allows. */
export function fitsRule(value: unknown, rule: OptionRule): boolean {
  if (rule.type === 'flag') return typeof value === 'boolean';
  if (rule.type === 'string') return typeof value === 'string' && (!rule.choices || rule.choices.includes(value));
  return typeof value === 'number' && Number.isFinite(value) && (rule.type === 'number' || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);
}

/** What a rule allows, in words: "a whole number from 1 to 1000", "one of sdlm, sgd". */
export function allowedBy(rule: OptionRule): string {
  if (rule.type === 'flag') return 'a flag';
  if (rule.type === 'string') return rule.choices ? `one of ${rule.choices.join(', ')}` : 'a string';
  return `${rule.type === 'int' ? 'a whole number' : 'a number'} from ${rule.min ?? '-∞'} to ${rule.max ?? '∞'}`;
}
