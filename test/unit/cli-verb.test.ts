import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { defineVerb, type VerbContext } from '../../src/cli/verb.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

const seen: unknown[] = [];
const sample = defineVerb({
  name: 'sample',
  summary: 'do a sample thing',
  positionals: [{ name: 'FILE', required: true, description: 'the file' }],
  options: {
    format: { type: 'string', choices: ['a', 'b'], default: 'a', description: 'the format' },
    key: { type: 'string', valueName: 'KEY|-', description: 'a key; - reads standard input' },
    dry: { type: 'boolean', description: 'only print' },
  },
  async run({ values, positionals, lang }) {
    // Typed: format is 'a' | 'b', key string | undefined, dry boolean, FILE string.
    const format: 'a' | 'b' = values.format;
    const dry: boolean = values.dry;
    const file: string = positionals.FILE;
    seen.push({ format, key: values.key, dry, file, lang });
    return 0;
  },
});

async function run(args: string[], extra: Partial<VerbContext> = {}) {
  const out: string[] = [];
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  seen.length = 0;
  try {
    const code = await sample.run({
      config: loadConfig({}),
      log: createLogger('silent'),
      args,
      stdout: (t) => void out.push(t),
      stdin: Readable.from([]),
      ...extra,
    });
    return { code, out: out.join(''), err: err.mock.calls.map((c) => String(c[0])).join(''), seen: seen[0] };
  } finally {
    err.mockRestore();
  }
}

describe('defineVerb', () => {
  it('gives run the parsed values, with defaults, = or spaced values, and "-" as a value', async () => {
    expect((await run(['f.csv'])).seen).toEqual({ format: 'a', key: undefined, dry: false, file: 'f.csv' });
    expect((await run(['--format=b', '--key', '-', '--dry', 'g.csv', '--lang', 'ar'])).seen).toEqual({
      format: 'b',
      key: '-',
      dry: true,
      file: 'g.csv',
      lang: 'ar',
    });
    // The language main resolved wins over the words.
    expect((await run(['f.csv', '--lang=ar'], { lang: 'en' })).seen).toMatchObject({ lang: 'en' });
  });

  it('refuses bad usage with one line and exit 2, without running', async () => {
    const cases: Array<[string[], string]> = [
      [['f.csv', '--nope'], 'unknown option --nope'],
      [['f.csv', '-x'], 'unknown option -x'],
      [['f.csv', '--key'], '--key needs a value'],
      [['f.csv', '--key', '--dry'], '--key needs a value (write --key=VALUE for one that starts with "-")'],
      [['f.csv', '--dry=1'], '--dry takes no value'],
      [['f.csv', 'g.csv'], 'unexpected argument "g.csv"'],
      [[], 'missing FILE'],
      [['f.csv', '--format', 'c'], '"c" is not a value of --format a|b'],
      [['f.csv', '--lang', 'fr'], '"fr" is not a value of --lang en|ar'],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toBe(`mktbot sample: ${message}. See 'mktbot sample --help'.\n`);
      expect(r.seen).toBeUndefined();
    }
    expect(sample.parse(['f.csv', '--nope'])).toMatchObject({ kind: 'error' });
    expect(sample.parse(['f.csv', '--lang', 'ar'])).toEqual({ kind: 'ok', lang: 'ar' });
  });

  it('--help (or -h, even beside a bad flag) prints the help on stdout instead of running', async () => {
    for (const args of [['--help'], ['-h'], ['f.csv', '--nope', '-h']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${sample.help()}\n`);
      expect(r.seen).toBeUndefined();
    }
    expect(sample.parse(['--', '-h'])).toMatchObject({ kind: 'ok' });
    expect(sample.help()).toBe(
      [
        'Usage: mktbot sample FILE [--format a|b] [--key KEY|-] [--dry] [--lang en|ar]',
        '',
        'Do a sample thing.',
        '',
        'Arguments:',
        '  FILE  the file',
        '',
        'Options:',
        '  --format a|b  the format (default: a)',
        '  --key KEY|-   a key; - reads standard input',
        '  --dry         only print',
        '  --lang en|ar  language of the messages for this run',
        '  -h, --help    show this help and exit',
      ].join('\n'),
    );
  });

  it('a verb may not redeclare a global option', () => {
    expect(() =>
      defineVerb({
        name: 'bad',
        summary: 'x',
        options: { lang: { type: 'string', description: 'x' } },
        run: async () => 0,
      }),
    ).toThrow('--lang is a global option');
  });
});
