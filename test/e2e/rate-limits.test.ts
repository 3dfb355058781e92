/** The expensive commands carry the per-person limit: the 21st run in ten minutes waits, others do not. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { EXPENSIVE } from '../../src/core/rate-limit.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.cleanup());

it('limits brainstorm, persona create, plan create, seo audit and connect per person', () => {
  const limited = commands.flatMap((c) =>
    c.subcommands.filter((s) => s.limit).map((s) => `${c.name} ${s.name}`.trim()),
  );
  expect(limited.sort()).toEqual(
    [
      'brainstorm',
      'connect facebook',
      'connect ga4',
      'connect instagram',
      'connect linkedin',
      'connect mailchimp',
      'connect tiktok',
      'connect x',
      'connect youtube',
    ].concat(['persona create', 'plan create', 'seo audit']),
  );
});

it('refuses the run past the limit with the wait, counting each person on their own', async () => {
  const sara = identity({ user: 'U-sara' });
  const line = '/brainstorm product:"cold brew" goal:awareness budget:2000';
  for (let i = 0; i < EXPENSIVE.max; i++) expect((await app.say(line, sara)).tone).not.toBe('error');
  const before = await app.db.prisma.brainstorm.count();
  const refused = await app.say(line, sara);
  expect(textOf(refused)).toMatch(/which is the limit\. Try again in \d+ seconds/);
  expect(await app.db.prisma.brainstorm.count()).toBe(before);
  expect((await app.say(line, identity({ user: 'U-omar' }))).tone).not.toBe('error');
  app.clock.advance(EXPENSIVE.perMinutes * 60_000 + 1000);
  expect((await app.say(line, sara)).tone).not.toBe('error');
}, 60_000);
