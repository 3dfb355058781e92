/**
 * No English in Arabic replies (issue 21): every command's help, read in Arabic, has Latin words only
 * where the reader types them (command and sub-command names, option keys, the values an option
 * accepts) or where they are names (networks, products, standards, KPI acronyms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { allowedLatin, latinWords } from '../helpers/arabic.js';

const DOUBLED = /(?<![\p{L}])(\p{L}{3,})[ \t]+\1(?![\p{L}])/u;

describe('Arabic help has no English', () => {
  let app: TestApp;
  const ar = identity({ user: 'U-ar', locale: 'ar' });
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.cleanup();
  });

  it.each(commands.map((c) => c.name))('/help %s', async (name) => {
    const ok = allowedLatin();
    const shown = textOf(await app.say(`/help ${name}`, ar));
    const leaks = latinWords(shown).filter((w) => !ok.has(w.toLowerCase()));
    expect(leaks, shown).toEqual([]);
  });

  it.each([
    '/config',
    '/roles',
    '/audit',
    '/brainstorm product:"قهوة باردة" goal:وعي budget:2000 currency:SAR',
    '/brainstorm product:"برنامج موارد بشرية" goal:leads budget:20000 currency:SAR market:"السعودية"',
    '/brainstorm product:"عيادة أسنان" goal:sales budget:9000 currency:AED',
    '/plan list',
    '/persona list',
    '/draft channel:instagram topic:"قهوة باردة"',
    '/schedule instagram غدًا 9 صباحًا media:https://example.com/a.jpg | قهوتنا الباردة وصلت',
    '/schedule list',
    '/report 7d',
    '/digest',
    '/alerts',
    '/connect status',
    '/help',
  ])('a reply: %s', async (line) => {
    const ok = allowedLatin();
    const shown = textOf(await app.say(line, ar));
    const leaks = latinWords(shown).filter((w) => !ok.has(w.toLowerCase()));
    expect(leaks, shown).toEqual([]);
    // A word written twice in a row («إعلانات إعلانات») is a template joined to a name that has it.
    expect(shown).not.toMatch(DOUBLED);
  });
});
