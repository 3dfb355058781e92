import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { defineCommand } from '../../src/core/command.js';
import { opt } from '../../src/core/options.js';
import { tokenize } from '../../src/core/parse.js';
import { reply, text } from '../../src/core/reply.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

describe('per-person rate limits', () => {
  let app: TestApp;
  let router: Router;
  const expensive = defineCommand({
    name: 'expensive',
    description: { en: 'Costs money', ar: 'مكلف' },
    options: {
      topic: opt.string({ label: { en: 'Topic', ar: 'الموضوع' }, description: { en: 't', ar: 'م' }, positional: true }),
    },
    limit: { max: 2, perMinutes: 1 },
    handler: () => reply(undefined, [text('done')]),
  });
  beforeAll(async () => {
    app = await createTestApp();
    router = new Router([expensive], app.services, createLogger('silent'));
  });
  afterAll(() => app.cleanup());

  it('allows the limit, refuses the next with the wait, and counts each person separately', async () => {
    const sara = identity({ user: 'U1' });
    expect(textOf(await router.handleText('/expensive a', sara))).toBe('done');
    expect(textOf(await router.handleText('/expensive b', sara))).toBe('done');
    const third = await router.handleText('/expensive c', sara);
    expect(textOf(third)).toBe('You have used this 2 times in 1 minute, which is the limit. Try again in 60 seconds.');
    expect(textOf(await router.handleText('/expensive a', identity({ user: 'U2' })))).toBe('done');
    app.clock.advance(61_000);
    expect(textOf(await router.handleText('/expensive d', sara))).toBe('done');
  });
});

describe('log redaction', () => {
  it('censors tokens and secrets wherever they appear in a logged object', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        SLACK_BOT_TOKEN: 'xoxb-leak-1',
        integration: { accessToken: 'EAAB-leak-2', credentials: 'leak-3' },
        headers: { authorization: 'Bearer leak-4' },
      },
      'connected',
    );
    expect(out).toContain('connected');
    expect(out).not.toMatch(/leak-\d/);
    expect(out).toContain('[redacted]');
  });
});

describe('hostile input never crashes the parser, router or any command', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.cleanup());

  const nasty = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '\u202e',
      '\u200f',
      '\u2066',
      '\u200b',
      '\u0000',
      '\u001b[2J',
      '"',
      "'",
      '«',
      '|',
      ':',
      '=',
      '__proto__',
      'constructor',
      '\ud800',
    ),
    fc.string({ maxLength: 5000 }),
  );
  const line = fc
    .tuple(fc.constantFrom(...commands.map((c) => `/${c.name}`), '/', ''), fc.array(nasty, { maxLength: 6 }))
    .map(([c, parts]) => [c, ...parts].join(' '));

  it('tokenize accepts anything', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const t = tokenize(s);
        expect(Array.isArray(t.tokens)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every command answers every generated line with a reply and no internal error', async () => {
    await fc.assert(
      fc.asyncProperty(line, fc.boolean(), async (l, admin) => {
        const r = await app.router.handleText(l, identity({ admin, user: admin ? 'U-boss' : 'U-fuzz' }));
        expect(r.blocks.length).toBeGreaterThan(0);
        expect(textOf(r)).not.toContain('Something went wrong on our side');
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});
