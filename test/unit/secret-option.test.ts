/**
 * A token typed into /connect is never shown back: not in a validation error, not in a provider's
 * refusal, not in a Slack modal, not in a log line.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connect from '../../commands/connect.js';
import { buildModal } from '../../src/adapters/slack/modal.js';
import { findSubcommand } from '../../src/core/bind.js';
import { opt, required } from '../../src/core/options.js';
import { createLogger } from '../../src/log.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { LogLines } from '../helpers/log-lines.js';

describe('opt.secret', () => {
  const token = required(opt.secret({ label: { en: 'Token', ar: 'الرمز' }, description: { en: 'x', ar: 'x' } }));

  it('accepts printable tokens and refuses spaces, control characters and over-long values', () => {
    expect(token.schema.safeParse('  EAAG-abc_123.xyz  ').data).toBe('EAAG-abc_123.xyz');
    expect(token.schema.safeParse('abc def').success).toBe(false);
    expect(token.schema.safeParse('abc\u0000def').success).toBe(false);
    expect(token.schema.safeParse('توكن').success).toBe(false);
    expect(token.schema.safeParse('x'.repeat(4001)).success).toBe(false);
    expect(token.kind).toBe('secret');
  });
});

describe('a /connect token is never echoed', () => {
  const meta = new FakeMetaGraph();
  const GOOD = 'EAAGgood-page-token-777';
  let app: TestApp;
  let logs: LogLines;

  beforeAll(async () => {
    await meta.start();
    meta.addPage('111', GOOD, 'Cold Brew Co');
  });
  afterAll(() => meta.close());

  beforeEach(async () => {
    logs = new LogLines();
    app = await createTestApp({ META_GRAPH_URL: meta.url }, { log: createLogger('trace', logs) });
  });
  afterEach(() => app.cleanup());

  const secretsSeen = (value: string, replies: string[]) => {
    const everything = [...replies, ...logs.lines].join('\n');
    return everything.includes(value);
  };

  it('an invalid token value is refused without quoting it, in English and Arabic', async () => {
    const bad = 'SeCrEt-part-one SeCrEt-part-two';
    const en = textOf(await app.say(`/connect facebook account:111 token:"${bad}"`));
    const ar = textOf(
      await app.say(`/connect facebook account:111 token:"${bad}"`, identity({ user: 'U2', locale: 'ar' })),
    );
    expect(en).toMatch(/Token \(token\): the value given is not valid/);
    expect(ar).toMatch(/غير صالحة/);
    expect(secretsSeen('SeCrEt-part', [en, ar])).toBe(false);
    expect(await app.db.prisma.integration.count()).toBe(0);
  });

  it('a token typed without token: is not echoed, in a stray word, an action or another option', async () => {
    const typed = 'EAAGforgot-the-key-9911';
    for (const locale of ['en', 'ar'] as const) {
      const who = identity({ user: `U-${locale}`, locale });
      const replies = [
        textOf(await app.say(`/connect facebook account:111 ${typed}`, who)),
        textOf(await app.say(`/connect ${typed}`, who)),
        textOf(await app.say(`/connect facebook account:"${typed} x" token:${GOOD}`, who)),
      ];
      expect(secretsSeen('forgot-the-key', replies)).toBe(false);
      if (locale === 'en') {
        expect(replies[0]).toMatch(/not shown back.*put token: before it/);
        expect(replies[1]).toMatch(/has no such action.*Choose one of/);
      } else {
        expect(replies[0]).toMatch(/لا أعرضها/);
      }
    }
    expect(await app.db.prisma.integration.count()).toBe(0);
  });

  it('a control character in the token is refused and not shown', async () => {
    const bad = 'EAAGctl\u0007secret-value';
    const r = await app.router.handleStructured('connect', 'facebook', { account: '111', token: bad }, identity());
    expect(r.tone).toBe('error');
    expect(secretsSeen('secret-value', [textOf(r)])).toBe(false);
  });

  it('a token the provider refuses is not quoted in the reply or the logs', async () => {
    const refused = 'EAAGrefused-token-4242';
    const r = textOf(await app.say(`/connect facebook account:111 token:${refused}`));
    expect(r).toMatch(/refused the token/);
    expect(secretsSeen(refused, [r])).toBe(false);
  });

  it('a good token is stored sealed and never appears in replies, logs or the database in clear', async () => {
    const r = textOf(await app.say(`/connect facebook account:111 token:${GOOD}`));
    expect(r).toMatch(/Facebook connected: Cold Brew Co/);
    const status = textOf(await app.say('/connect status'));
    const audit = textOf(await app.say('/audit'));
    expect(secretsSeen(GOOD, [r, status, audit])).toBe(false);
    const row = await app.db.prisma.integration.findFirstOrThrow();
    expect(row.credentials).not.toContain(GOOD);
  });

  it('/connect status says "needs reconnecting" for a credential the current key cannot open', async () => {
    await app.say(`/connect facebook account:111 token:${GOOD}`);
    expect(textOf(await app.say('/connect status'))).toMatch(/Facebook.*111.*ok/s);
    // As after ENCRYPTION_KEY changed: the sealed value no longer opens.
    await app.db.prisma.integration.updateMany({ data: { credentials: 'v1:AAAAAAAAAAAAAAAA:BBBB:CCCC' } });
    const status = textOf(await app.say('/connect status'));
    expect(status).toMatch(/needs reconnecting/i);
    expect(status).toMatch(/cannot be decrypted/);
    expect((await app.db.prisma.integration.findFirstOrThrow()).status).toBe('reauth');
  });

  it('validation errors from the router never contain a secret value', () => {
    const sub = findSubcommand(connect, 'facebook');
    if (!sub) throw new Error('no facebook sub-action');
    const checked = app.router.validate(sub, { account: '111', token: 'has space-SECRET' }, 'en');
    expect(checked.ok).toBe(false);
    expect(JSON.stringify(checked)).not.toContain('SECRET');
  });

  it('the Slack modal never pre-fills a secret input', () => {
    const sub = findSubcommand(connect, 'facebook');
    if (!sub) throw new Error('no facebook sub-action');
    const view = buildModal(connect, sub, { account: '111', token: 'EAAGprefill-SECRET' }, 'en', {
      command: 'connect',
      sub: 'facebook',
    });
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_value":"111"');
    expect(json).not.toContain('SECRET');
  });
});
