/**
 * `mktbot <verb> [args] [--lang en|ar]`. Exit codes: 0 done, 1 failure, 2 wrong usage or
 * configuration. Configuration errors name the variable and never echo a secret.
 */
import { ConfigError, loadConfig } from '../config.js';
import { isLocale, type Locale } from '../core/i18n.js';
import { createLogger } from '../log.js';
import { verbs } from './verbs.js';

function usage(): string {
  const w = Math.max(...verbs.map((v) => v.name.length));
  const lines = verbs.map((v) => `  ${v.name.padEnd(w)}  ${v.summary}`);
  return `Usage: mktbot [verb] [--lang en|ar]\n\nVerbs:\n${lines.join('\n')}\n  ${'help'.padEnd(w)}  show this text`;
}

/** Takes out the global flags (--lang, --help); everything else belongs to the verb. */
function splitArgs(argv: string[]): { lang?: string; help: boolean; words: string[] } {
  const words: string[] = [];
  let lang: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--lang') lang = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else words.push(a);
  }
  return { ...(lang === undefined ? {} : { lang }), help, words };
}

export async function main(argv: string[]): Promise<number> {
  const { lang, help, words } = splitArgs(argv);
  const first = words[0];
  const name = first === undefined || first.startsWith('-') ? 'start' : first;
  const args = first === undefined || first.startsWith('-') ? words : words.slice(1);
  if (help || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const verb = verbs.find((v) => v.name === name);
  if (!verb) {
    process.stderr.write(`mktbot: unknown verb "${name}".\n\n${usage()}\n`);
    return 2;
  }
  if (lang !== undefined && !isLocale(lang)) {
    process.stderr.write('mktbot: --lang must be en or ar.\n');
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
  // In console mode the terminal is the conversation: keep routine logs out of it unless asked.
  const quiet = name === 'start' || name === 'console';
  const log = createLogger(process.env.LOG_LEVEL || !quiet ? config.LOG_LEVEL : 'warn');
  try {
    return await verb.run({
      config,
      log,
      args,
      ...(lang ? { lang: lang as Locale } : {}),
      stdout: (t) => void process.stdout.write(t),
      stdin: process.stdin,
    });
  } catch (err) {
    log.fatal({ err }, 'mktbot stopped');
    process.stderr.write(`mktbot: ${(err as Error).message}\n`);
    return 1;
  }
}
