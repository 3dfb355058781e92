import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/cli/verbs.js';
import { packageRoot } from '../../src/paths.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-verbs-'));
const dbFile = path.join(dir, 'data', 'mktbot.db');
/** A database that must never be created: a refused or help-only run does nothing. */
const env = { DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: 'silent' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const version = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('mktbot verbs declared with defineVerb (docs/architecture.md §6)', () => {
  it('--version and -v print the version from package.json and exit 0 without starting anything', async () => {
    for (const flag of ['--version', '-v']) {
      // Console input that would be answered if the bot started.
      const r = await runCli([flag], { env, input: '/help\n' });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
    }
    expect(existsSync(dbFile)).toBe(false);
  });

  it('import-metrics --help shows its own usage and every option, exit 0, even with a bad configuration', async () => {
    const r = await runCli(['import-metrics', '--help'], { env: { ...env, PORT: 'eighty' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: mktbot import-metrics FILE\.csv \[--format /);
    expect(r.stdout).toContain('Import daily metrics from a CSV file');
    expect(r.stdout).toContain('--format auto|metrics|google-ads|search-console');
    expect(r.stdout).toContain('(default: auto)');
    expect(r.stdout).toContain('--workspace PLATFORM:ID');
    expect(r.stdout).toContain('--lang en|ar');
    expect(r.stdout).toContain('-h, --help');
    // Not the global list of verbs.
    expect(r.stdout).not.toContain('rotate-key');
    expect(existsSync(dbFile)).toBe(false);
  });

  it('help import-metrics, -h and --help before the verb print the same text as import-metrics --help', async () => {
    const own = (await runCli(['import-metrics', '--help'], { env })).stdout;
    expect(own).toContain('--format auto|metrics|google-ads|search-console');
    for (const args of [
      ['help', 'import-metrics'],
      ['import-metrics', '-h'],
      ['--help', 'import-metrics'],
    ]) {
      const r = await runCli(args, { env });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(own);
    }
  });

  it('rotate-key --help and digest --help list their own options', async () => {
    const rotate = await runCli(['rotate-key', '--help'], { env });
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toContain('Usage: mktbot rotate-key [--new-key KEY|-]');
    expect(rotate.stdout).toMatch(/--new-key KEY\|- +the new key/);
    const digest = await runCli(['digest', '--help'], { env });
    expect(digest.code).toBe(0);
    expect(digest.stdout).toContain('Usage: mktbot digest --dry-run [--png FILE] [--workspace PLATFORM:ID]');
    expect(digest.stdout).toMatch(/--png FILE +also save the chart as a PNG file/);
    expect(existsSync(dbFile)).toBe(false);
  });

  it('mktbot help and --help still list every verb; help of an unknown verb exits 2 with that list', async () => {
    const list = await runCli(['help'], { env });
    expect(list.code).toBe(0);
    for (const v of verbs) expect(list.stdout).toContain(`  ${v.name}`);
    expect(list.stdout).toContain('--version');
    expect((await runCli(['--help'], { env })).stdout).toBe(list.stdout);
    const unknown = await runCli(['help', 'import-metric'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('mktbot: unknown verb "import-metric".');
    expect(unknown.stderr).toContain('Verbs:');
  });

  it('every verb refuses an unknown flag with one line naming it, exit 2, and does nothing', async () => {
    expect(verbs.length).toBeGreaterThanOrEqual(10);
    for (const v of verbs) {
      const r = await runCli([v.name, '--no-such-flag'], { env, input: '/help\n' });
      expect(r.code, v.name).toBe(2);
      expect(r.stderr, v.name).toBe(
        `mktbot ${v.name}: unknown option --no-such-flag. See 'mktbot ${v.name} --help'.\n`,
      );
      expect(r.stdout, v.name).toBe('');
    }
    expect(existsSync(dbFile)).toBe(false);
  }, 120_000);

  it('every verb refuses a surplus positional, exit 2, and does nothing', async () => {
    for (const v of verbs) {
      // import-metrics takes one word (the file); no verb takes two.
      const r = await runCli([v.name, 'one.csv', 'two'], { env, input: '/help\n' });
      expect(r.code, v.name).toBe(2);
      expect(r.stderr, v.name).toMatch(
        new RegExp(`^mktbot ${v.name}: unexpected argument "(one\\.csv|two)".* See 'mktbot ${v.name} --help'\\.\\n$`),
      );
      expect(r.stdout, v.name).toBe('');
    }
    expect(existsSync(dbFile)).toBe(false);
  }, 120_000);

  it('a flag without its value, a boolean flag with one and a value outside the choices are refused, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['import-metrics', 'x.csv', '--format'], 'mktbot import-metrics: --format needs a value.'],
      [['digest', '--dry-run', '--png'], 'mktbot digest: --png needs a value.'],
      [['rotate-key', '--new-key'], 'mktbot rotate-key: --new-key needs a value.'],
      [['slack-manifest', '--socket=yes'], 'mktbot slack-manifest: --socket takes no value.'],
      [['digest'], 'mktbot digest: --dry-run is required.'],
      [['import-metrics'], 'mktbot import-metrics: missing FILE.csv.'],
      [['migrate', '--lang', 'fr'], 'mktbot migrate: "fr" is not a value of --lang en|ar.'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`${message} See 'mktbot ${args[0]} --help'.\n`);
    }
    expect(existsSync(dbFile)).toBe(false);
  }, 60_000);

  it('import-metrics reads --workspace PLATFORM:ID, spaced or with =, and refuses it without a value', async () => {
    const file = path.join(dir, 'one.csv');
    writeFileSync(file, 'date,channel,spend\n2026-11-01,facebook,5\n');
    const env = { DATABASE_URL: `file:${path.join(dir, 'import', 'mktbot.db')}`, LOG_LEVEL: 'silent' };
    const missing = await runCli(['import-metrics', file, '--workspace', 'slack:T404'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No slack workspace with id "T404"');
    const bad = await runCli(['import-metrics', `--workspace=nowhere`, file], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--workspace expects PLATFORM:ID');
    const empty = await runCli(['import-metrics', file, '--workspace'], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      "mktbot import-metrics: --workspace needs a value. See 'mktbot import-metrics --help'.\n",
    );
    const ok = await runCli(['import-metrics', file, '--workspace=console:console', '--lang', 'en'], { env });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Imported 1 row:');
  }, 60_000);
});
