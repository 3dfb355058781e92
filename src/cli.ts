/**
 * `mktbot <verb>`: start (default), console, migrate. Other verbs arrive with their features.
 * Exit codes: 0 done, 1 failure, 2 wrong usage or configuration.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { isLocale, type Locale } from './core/i18n.js';
import { openDatabase } from './db/client.js';
import { createLogger } from './log.js';
import { start } from './main.js';

const USAGE = `Usage: mktbot [verb] [--lang en|ar]

Verbs:
  start      run the bot: Slack or Discord when configured, else console mode (default)
  console    run console mode even when Slack or Discord is configured
  migrate    apply pending database migrations and exit
  help       show this text`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { verb, lang } = parsed;
  if (verb === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
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
  const log = createLogger(config.LOG_LEVEL);
  try {
    switch (verb) {
      case 'migrate': {
        const db = await openDatabase(config.DATABASE_URL);
        const { applied, alreadyApplied } = db.migrated;
        process.stdout.write(
          applied.length > 0
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
            : `Database is up to date (${alreadyApplied} migration(s) applied).\n`,
        );
        await db.close();
        return 0;
      }
      case 'start':
      case 'console':
        await start({ config, log, console: verb === 'console', ...(lang ? { lang } : {}) });
        return 0;
    }
  } catch (err) {
    log.fatal({ err }, 'mktbot stopped');
    process.stderr.write(`mktbot: ${(err as Error).message}\n`);
    return 1;
  }
}

const VERBS = ['start', 'console', 'migrate', 'help'] as const;
type Verb = (typeof VERBS)[number];

function parse(argv: string[]): { verb: Verb; lang?: Locale } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { verb: 'help' };
  const word = positionals[0] ?? 'start';
  if (!(VERBS as readonly string[]).includes(word)) throw new Error(`mktbot: unknown verb "${word}".`);
  if (positionals.length > 1) throw new Error(`mktbot: unexpected "${positionals[1]}".`);
  if (values.lang !== undefined && !isLocale(values.lang)) throw new Error(`mktbot: --lang must be en or ar.`);
  return { verb: word as Verb, ...(values.lang ? { lang: values.lang as Locale } : {}) };
}
