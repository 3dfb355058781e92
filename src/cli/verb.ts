/**
 * A CLI verb is declared once, like a chat command: its name, a one-line summary, its positionals and
 * its options. From that declaration come the parser (`node:util` parseArgs, strict), the refusal of
 * an unknown flag, a missing value or a surplus word (exit 2, nothing done), and `mktbot <verb> --help`
 * (docs/architecture.md §6). Every verb also understands the global `--lang en|ar` and `--help`/`-h`.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { LOCALES, type Locale } from '../core/i18n.js';
import type { Logger } from '../log.js';

export interface VerbContext {
  config: Config;
  log: Logger;
  /** The words after the verb, flags included: the verb parses them against its declaration. */
  args: string[];
  lang?: Locale;
  stdout: (text: string) => void;
  stdin: NodeJS.ReadableStream;
}

/** What `parse` makes of the words: the help text was asked for, a refusal, or the parsed values. */
export type Parsed = { kind: 'help' } | { kind: 'error'; message: string } | { kind: 'ok'; lang?: Locale };

export interface Verb {
  name: string;
  summary: string;
  /** `mktbot <verb> --help`: synopsis, summary, arguments and options. */
  help(): string;
  /** Parses the words without doing anything: main refuses bad usage before loading the configuration. */
  parse(args: readonly string[]): Parsed;
  /** Parses `v.args` and runs; resolves to the exit code (2 and a one-line message on wrong usage). */
  run(v: VerbContext): Promise<number>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** A one-letter alias, only where one exists already. */
  short?: string;
  description: string;
  /** The value's placeholder in the usage (`--png FILE`); choices are shown instead when given. */
  valueName?: string;
  /** The only values accepted; anything else is refused like an unknown flag. */
  choices?: readonly string[];
  /** For a string option; a boolean one is false unless given. */
  default?: string;
  /** Refused when absent (a boolean one: when not given). */
  required?: boolean;
}

export interface PositionalSpec {
  /** Key in the parsed positionals and placeholder in the usage (`FILE.csv`). */
  name: string;
  description: string;
  required?: boolean;
}

type OptionMap = Record<string, OptionSpec>;

type Given<S extends OptionSpec, T> = S extends { default: string } | { required: true } ? T : T | undefined;

type OptionValue<S extends OptionSpec> = S extends { type: 'boolean' }
  ? boolean
  : S extends { choices: readonly (infer C)[] }
    ? Given<S, C>
    : Given<S, string>;

export type OptionValues<O extends OptionMap> = { [K in keyof O]: OptionValue<O[K]> };

export type PositionalValues<P extends readonly PositionalSpec[]> = {
  [E in P[number] as E['name']]: E extends { required: true } ? string : string | undefined;
};

export interface VerbRun<O extends OptionMap, P extends readonly PositionalSpec[]> extends Omit<VerbContext, 'args'> {
  values: OptionValues<O>;
  positionals: PositionalValues<P>;
  /** Writes `mktbot <verb>: <message>` and the pointer to `--help` on stderr; resolves to exit code 2. */
  usageError(message: string): number;
}

export interface VerbSpec<O extends OptionMap, P extends readonly PositionalSpec[]> {
  name: string;
  /** Lower-case phrase, shown in `mktbot help` and (capitalised) in `mktbot <verb> --help`. */
  summary: string;
  /** More lines for `--help`, after the summary. */
  details?: readonly string[];
  positionals?: P;
  options?: O;
  run(v: VerbRun<O, P>): Promise<number>;
}

/** `--lang` and `--help`, which every verb understands (main reads `--lang` from the parsed values). */
const GLOBAL_OPTIONS = {
  lang: { type: 'string', choices: LOCALES, description: 'language of the messages for this run' },
  help: { type: 'boolean', short: 'h', description: 'show this help and exit' },
} as const satisfies OptionMap;

/** `--workspace platform:id`, shared by the verbs that work on one workspace's data. */
export const workspaceOption = {
  type: 'string',
  valueName: 'PLATFORM:ID',
  description: 'the workspace to work on, e.g. slack:T0123 (it must exist); default: the console workspace',
} as const satisfies OptionSpec;

export function defineVerb<
  const O extends OptionMap = Record<never, OptionSpec>,
  const P extends readonly PositionalSpec[] = [],
>(spec: VerbSpec<O, P>): Verb {
  const own: OptionMap = spec.options ?? {};
  for (const key of Object.keys(own))
    if (key in GLOBAL_OPTIONS) throw new Error(`verb ${spec.name}: --${key} is a global option`);
  const options: OptionMap = { ...own, ...GLOBAL_OPTIONS };
  const positionals: readonly PositionalSpec[] = spec.positionals ?? [];
  const refusal = (message: string) => `mktbot ${spec.name}: ${message}. See 'mktbot ${spec.name} --help'.`;

  type Result =
    | Exclude<Parsed, { kind: 'ok' }>
    | { kind: 'values'; values: Record<string, string | boolean | undefined>; words: string[] };
  const parse = (args: readonly string[]): Result => {
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({
        args: [...args],
        options: Object.fromEntries(
          Object.entries(options).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
        ),
        strict: true,
        allowPositionals: positionals.length > 0,
      });
    } catch (err) {
      if (asksForHelp(args)) return { kind: 'help' };
      return { kind: 'error', message: refusal(describeParseError(err)) };
    }
    const { values, positionals: words } = parsed;
    if (values.help) return { kind: 'help' };
    if (words.length > positionals.length)
      return { kind: 'error', message: refusal(`unexpected argument "${words[positionals.length]}"`) };
    const missing = positionals.find((p, i) => p.required && words[i] === undefined);
    if (missing) return { kind: 'error', message: refusal(`missing ${missing.name}`) };
    for (const [key, o] of Object.entries(options)) {
      const value = values[key];
      if (o.choices && typeof value === 'string' && !o.choices.includes(value))
        return { kind: 'error', message: refusal(`"${value}" is not a value of ${flagLabel(key, o)}`) };
      if (o.required && (value === undefined || value === false))
        return { kind: 'error', message: refusal(`${flagLabel(key, o)} is required`) };
      if (value === undefined) values[key] = o.type === 'boolean' ? false : o.default;
    }
    return { kind: 'values', values, words };
  };

  return {
    name: spec.name,
    summary: spec.summary,
    help: () => helpText(spec, own, positionals),
    parse(args) {
      const r = parse(args);
      if (r.kind !== 'values') return r;
      return { kind: 'ok', ...(r.values.lang ? { lang: r.values.lang as Locale } : {}) };
    },
    async run(v) {
      const r = parse(v.args);
      if (r.kind === 'help') {
        v.stdout(`${helpText(spec, own, positionals)}\n`);
        return 0;
      }
      if (r.kind === 'error') {
        process.stderr.write(`${r.message}\n`);
        return 2;
      }
      const { args: _, ...rest } = v;
      const lang = v.lang ?? (r.values.lang as Locale | undefined);
      return spec.run({
        ...rest,
        ...(lang ? { lang } : {}),
        values: r.values as OptionValues<O>,
        positionals: Object.fromEntries(positionals.map((p, i) => [p.name, r.words[i]])) as PositionalValues<P>,
        usageError(message) {
          process.stderr.write(`${refusal(message)}\n`);
          return 2;
        },
      });
    },
  };
}

/** `--help` or `-h` among the options (before a `--`): help wins over a refusal, as most tools do. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** parseArgs's error, said in one short clause that names the flag or word. */
export function describeParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = String(e.message ?? err);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  // "-n, --name <value>" names the option by both forms: keep the long one.
  const flag =
    quoted
      .replace(/ <value>$/, '')
      .split(', ')
      .at(-1) ?? quoted;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${flag}" (this verb takes none)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `${flag} takes no value`;
      if (/ambiguous/.test(message)) return `${flag} needs a value (write ${flag}=VALUE for one that starts with "-")`;
      return `${flag} needs a value`;
    default:
      return message.split('\n')[0] ?? message;
  }
}

function flagLabel(key: string, o: OptionSpec): string {
  if (o.type === 'boolean') return `--${key}`;
  return `--${key} ${o.choices ? o.choices.join('|') : (o.valueName ?? 'VALUE')}`;
}

function synopsis(name: string, own: OptionMap, positionals: readonly PositionalSpec[]): string {
  const words = [
    ...positionals.map((p) => (p.required ? p.name : `[${p.name}]`)),
    ...Object.entries(own).map(([k, o]) => (o.required ? flagLabel(k, o) : `[${flagLabel(k, o)}]`)),
    '[--lang en|ar]',
  ];
  return `mktbot ${name} ${words.join(' ')}`;
}

const LINE = 100;

/** Words joined into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Two columns, the second wrapped; a label too wide for the first puts its description below it. */
function table(rows: ReadonlyArray<[string, string]>): string[] {
  const width = Math.min(26, Math.max(...rows.map(([l]) => l.length)));
  const indent = ' '.repeat(width + 4);
  return rows.flatMap(([label, text]) => {
    const [first = '', ...more] = wrap(text, LINE - indent.length);
    const head = label.length > width ? [`  ${label}`, `${indent}${first}`] : [`  ${label.padEnd(width)}  ${first}`];
    return [...head, ...more.map((l) => `${indent}${l}`)];
  });
}

function helpText(
  spec: { name: string; summary: string; details?: readonly string[] },
  own: OptionMap,
  positionals: readonly PositionalSpec[],
): string {
  const summary = `${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.`;
  const optionRows: Array<[string, string]> = Object.entries<OptionSpec>({ ...own, ...GLOBAL_OPTIONS }).map(
    ([k, o]) => [
      `${o.short ? `-${o.short}, ` : ''}${flagLabel(k, o)}`,
      `${o.description}${o.default !== undefined ? ` (default: ${o.default})` : ''}`,
    ],
  );
  const lines = [
    `Usage: ${synopsis(spec.name, own, positionals)}`,
    '',
    ...wrap([summary, ...(spec.details ?? [])].join(' '), LINE),
  ];
  if (positionals.length > 0) lines.push('', 'Arguments:', ...table(positionals.map((p) => [p.name, p.description])));
  lines.push('', 'Options:', ...table(optionRows));
  return lines.join('\n');
}
