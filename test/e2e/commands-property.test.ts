/**
 * Every command, every sub-action, with generated option values (real option names, so the
 * handlers are reached, and hostile values), as an admin. Each line gets a reply that is never an
 * internal error, and a reply that is an error has written nothing: no row in any table changed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const ADMIN = identity({ workspace: 'T-prop', user: 'U-prop-admin', name: 'Prop Admin' });
// Outside services point at a closed local port, so /connect fails fast instead of leaving the machine.
const CLOSED = 'http://127.0.0.1:9';
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ META_GRAPH_URL: CLOSED, YOUTUBE_API_URL: CLOSED, MAILCHIMP_API_URL: CLOSED });
  // Some data to act on, and the admin known to the workspace.
  await app.say('/persona create bakers in Jeddah', ADMIN);
  await app.say('/plan create product:"bread" goal:sales budget:1000', ADMIN);
  await app.say('/schedule reminder in 2 hours | Bread day', ADMIN);
});
afterAll(() => app.cleanup());

/** Every row of every table, so an error reply that changed anything shows. */
async function everything(): Promise<string> {
  const db = app.db.prisma;
  const all = await Promise.all([
    db.workspace.findMany(),
    db.member.findMany({ select: { id: true, workspaceId: true, externalId: true, role: true } }),
    db.persona.findMany(),
    db.plan.findMany(),
    db.planPersona.findMany(),
    db.brainstorm.findMany(),
    db.campaign.findMany(),
    db.scheduledPost.findMany(),
    db.integration.findMany(),
    db.comment.findMany(),
    db.metricDaily.findMany(),
    db.digestRun.findMany(),
    db.auditLog.findMany(),
  ]);
  return JSON.stringify(all);
}

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '1',
    '0',
    '-1',
    '2',
    '99999999999999',
    '1e309',
    'NaN',
    'on',
    'off',
    'ar',
    'en',
    'SAR',
    'Asia/Riyadh',
    'tomorrow 9am',
    'in 2 hours',
    'yesterday',
    '2026-11-01..2026-11-30',
    '30d',
    '#social',
    '@sara',
    '<@U123>',
    '__proto__',
    'constructor',
    '\u202e\u200f',
    '\u0000',
    '"quoted words"',
    '%',
    '-',
    'x'.repeat(5000),
  ),
);

/** A line for one command: a sub-action (real or not) and a handful of options (real keys mostly). */
const line = fc.constantFrom(...commands).chain((c) => {
  const subs = c.subcommands.map((s) => s.name);
  return fc
    .oneof({ weight: 5, arbitrary: fc.constantFrom(...subs) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) })
    .chain((subName) => {
      const sub = c.subcommands.find((s) => s.name === subName);
      const keys = Object.keys(sub?.options ?? {});
      const value = (key: string | undefined) => {
        const choices = key ? (sub?.options[key]?.choices ?? []) : [];
        return choices.length > 0 ? fc.oneof(fc.constantFrom(...choices), hostile) : hostile;
      };
      const part =
        keys.length > 0
          ? fc.oneof(
              fc.constantFrom(...keys).chain((k) => value(k).map((v) => `${k}:${quote(v)}`)),
              hostile.map(quote),
            )
          : hostile.map(quote);
      return fc
        .tuple(fc.array(part, { maxLength: 4 }), fc.option(hostile, { nil: undefined }))
        .map(([parts, piped]) =>
          [`/${c.name}`, subName, ...parts, ...(piped === undefined ? [] : ['|', piped])].join(' '),
        );
    });
});

function quote(v: string): string {
  return /[\s"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v;
}

describe('every command under generated input', () => {
  it('answers, never with an internal error, and an error reply writes nothing', async () => {
    let errors = 0;
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(line, async (l) => {
        const before = await everything();
        const r = await app.router.handleText(l, ADMIN);
        expect(r.blocks.length, l).toBeGreaterThan(0);
        expect(textOf(r), l).not.toMatch(/Something went wrong|حدث خطأ/);
        if (r.tone === 'error') {
          errors++;
          expect(await everything(), `error reply changed data: ${l}\n${textOf(r)}`).toBe(before);
        } else successes++;
      }),
      // A fixed seed keeps CI repeatable (about 3% of generated lines succeed, so a random seed
      // sometimes produced too few successes for the check below); FC_SEED=n explores further.
      { numRuns: 500, seed: Number(process.env.FC_SEED ?? 20261126) },
    );
    // Both kinds of answer were exercised: the property is not vacuous.
    expect(errors).toBeGreaterThan(20);
    // Each command added changes what the fixed seed generates: at least five successes is not vacuous.
    expect(successes).toBeGreaterThanOrEqual(5);
  }, 300_000);
});
