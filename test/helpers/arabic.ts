/**
 * What counts as English in an Arabic reply (issue 21), shared by the help test and the console
 * session test: Latin words outside an allow-list of what the reader types as it is (command and
 * sub-command names, option keys and choices) or reads as a name (networks, products, acronyms).
 */
import { commands } from '../../commands/index.js';

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
  // The publisher of the best-time study /schedule best-times cites.
  'Sprout',
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

export function allowedLatin(): Set<string> {
  const words = new Set(NAMES.map((w) => w.toLowerCase()));
  for (const c of commands) {
    words.add(c.name);
    for (const s of c.subcommands) {
      if (s.name) words.add(s.name);
      for (const alias of s.aliases) words.add(alias);
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
export function latinWords(text: string): string[] {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b(?:Google )?Search Console\b/g, ' ')
    .replace(/[#@][\w.-]+/g, ' ')
    .replace(/<[@#!][\w|.-]+>/g, ' ')
    .replace(/\b[A-Z][a-z]+\/[A-Z][A-Za-z_]+\b/g, ' ')
    .replace(/\b[A-Z]{3}\b/g, ' ')
    .replace(/\/[\w/.-]+/g, ' ')
    .replace(/\b\d+[hdwm]\b/g, ' ')
    .replace(/\b(YYYY-MM-DD|HH:MM)\b/g, ' ');
  return [...stripped.matchAll(/[A-Za-z][\w.-]*/g)]
    .map((m) => m[0].replace(/\.+$/, ''))
    .filter((w) => !/[._\d]/.test(w));
}
