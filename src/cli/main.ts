/**
 * `mktbot [--version] [help [VERB]] [<verb>] [args] [--lang en|ar] [--help]` (docs/architecture.md §6).
 * Exit codes: 0 done, 1 failure, 2 wrong usage or configuration. Wrong usage is refused before the
 * configuration is read or anything is done; configuration errors name the variable and never echo a
 * secret.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { packageRoot } from '../paths.js';
import { describeParseError, type Verb } from './verb.js';
import { verbs } from './verbs.js';

function usage(): string {
  const w = Math.max(...verbs.map((v) => v.name.length));
  const lines = verbs.map((v) => `  ${v.name.padEnd(w)}  ${v.summary}`);
  return [
    'Usage: mktbot [verb] [options] [--lang en|ar]',
    '',
    'Verbs:',
    ...lines,
    `  ${'help'.padEnd(w)}  show this text; help VERB (or VERB --help) shows that verb's options`,
    '',
    'mktbot --version prints the version.',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The verb and its words. Flags before the verb are global ones: `--lang X` is handed on to the verb,
 * `--help`/`-h` and `--version`/`-v` are main's own. Without a verb word, the words go to `start`.
 */
function locate(argv: readonly string[]): { name?: string; args: string[]; help: boolean; version: boolean } {
  const args: string[] = [];
  let help = false;
  let wantsVersion = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--version' || a === '-v') wantsVersion = true;
    else if (a === '--lang' && i + 1 < argv.length) args.push(a, argv[++i] as string);
    else if (a.startsWith('--lang=')) args.push(a);
    else break;
  }
  const word = argv[i];
  const rest = argv.slice(i);
  if (word === undefined || word.startsWith('-')) return { args: [...args, ...rest], help, version: wantsVersion };
  return { name: word, args: [...args, ...rest.slice(1)], help, version: wantsVersion };
}

function unknownVerb(name: string): number {
  process.stderr.write(`mktbot: unknown verb "${name}".\n\n${usage()}\n`);
  return 2;
}

/** `mktbot help [VERB]`: the list of verbs, or one verb's own help. */
function help(args: readonly string[]): number {
  let parsed: { positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`mktbot help: ${describeParseError(err)}. See 'mktbot help'.\n`);
    return 2;
  }
  const [asked, extra] = parsed.positionals;
  if (extra !== undefined) {
    process.stderr.write(`mktbot help: unexpected argument "${extra}". See 'mktbot help'.\n`);
    return 2;
  }
  if (asked === undefined) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const verb = verbs.find((v) => v.name === asked);
  if (!verb) return unknownVerb(asked);
  process.stdout.write(`${verb.help()}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const at = locate(argv);
  if (at.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (at.name === 'help' || (at.help && at.name === undefined)) return help(at.args);
  const name = at.name ?? 'start';
  const verb: Verb | undefined = verbs.find((v) => v.name === name);
  if (!verb) return unknownVerb(name);
  const parsed = verb.parse(at.help ? [...at.args, '--help'] : at.args);
  if (parsed.kind === 'help') {
    process.stdout.write(`${verb.help()}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // In console mode the terminal is the conversation: keep routine logs out of it unless asked. A
  // `start` with Slack or Discord configured is a server, and logs as configured (its port included).
  const consoleMode = name === 'console' || (name === 'start' && !config.slack && !config.discord);
  const quiet = consoleMode;
  const log = createLogger(process.env.LOG_LEVEL || !quiet ? config.LOG_LEVEL : 'warn');
  try {
    return await verb.run({
      config,
      log,
      args: at.args,
      ...(parsed.lang ? { lang: parsed.lang } : {}),
      stdout: (t) => void process.stdout.write(t),
      stdin: process.stdin,
    });
  } catch (err) {
    log.fatal({ err }, 'mktbot stopped');
    process.stderr.write(`mktbot: ${(err as Error).message}\n`);
    return 1;
  }
}
