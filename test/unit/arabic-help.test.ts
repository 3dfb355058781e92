/**
 * No English in Arabic replies (issue 21): every command's help, read in Arabic, has Latin words only
 * where the reader types them (command and sub-command names, option keys, the values an option
 * accepts) or where they are names (networks, products, standards, KPI acronyms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

/** Names and acronyms an Arabic marketer reads as they are. */
const NAMES = [
  'ROI',
  'ROAS',
  'CTR',
  'CPC',
  'CPM',
  'CPL',
  'CPA',
  'KPI',
  'KPIs',
  'SEO',
  'CSV',
  'UTC',
  'IANA',
  'ISO',
  'URL',
  'cron',
  'Slack',
  'Discord',
  'Google',
  'Mailchimp',
  'OpenAI',
  'LinkedIn',
  'TikTok',
  'ID',
  'UC',
  'Analytics',
  'https',
  'http',
  // Range words typed as they are (their Arabic forms belong to /report's ranges).
  'ytd',
  'last-week',
  'last-quarter',
  // Standards and token prefixes shown as the network writes them (TikTok tokens start "act.").
  'OAuth',
  'act',
  // A custom metrics channel id in an example, typed as it is.
  'tiktok-shop',
  // Permission and job-role names typed after /roles set (the reply names them in Arabic too).
  'admin',
  'manager',
  'social',
  'member',
  'seo',
  'content',
  'automation',
  'none',
  // The person asking (names people chose) and the terminal's program name.
  'Test',
  'User',
  'U-ar',
  'mktbot',
  'import-metrics',
  'demo',
  'this-month',
  'last-month',
];

function allowed(): Set<string> {
  const words = new Set(NAMES.map((w) => w.toLowerCase()));
  for (const c of commands) {
    words.add(c.name);
    for (const s of c.subcommands) {
      if (s.name) words.add(s.name);
      for (const [key, o] of Object.entries(s.options)) {
        words.add(key.toLowerCase());
        for (const choice of o.choices ?? []) words.add(choice.toLowerCase());
      }
    }
  }
  return words;
}

/**
 * Latin words a reader would have to translate. Left out: what is typed as it is shown (URLs,
 * #channels, @people, IANA zones, ISO codes, durations such as 6w, date patterns such as
 * YYYY-MM-DD and HH:MM, commands and paths such as mktbot import-metrics) and technical identifiers (permission scopes, ids: a dot, an underscore or a
 * digit inside the word).
 */
function latinWords(text: string): string[] {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#@<][\w.-]+>?/g, ' ')
    .replace(/\b[A-Z][a-z]+\/[A-Z][A-Za-z_]+\b/g, ' ')
    .replace(/\b[A-Z]{3}\b/g, ' ')
    .replace(/\/[\w/.-]+/g, ' ')
    .replace(/\b\d+[hdwm]\b/g, ' ')
    .replace(/\b(YYYY-MM-DD|HH:MM)\b/g, ' ');
  return [...stripped.matchAll(/[A-Za-z][\w.-]*/g)]
    .map((m) => m[0].replace(/\.+$/, ''))
    .filter((w) => !/[._\d]/.test(w));
}

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
    const ok = allowed();
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
    const ok = allowed();
    const shown = textOf(await app.say(line, ar));
    const leaks = latinWords(shown).filter((w) => !ok.has(w.toLowerCase()));
    expect(leaks, shown).toEqual([]);
    // A word written twice in a row («إعلانات إعلانات») is a template joined to a name that has it.
    expect(shown).not.toMatch(DOUBLED);
  });
});
