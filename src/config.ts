/**
 * One zod schema over the environment (docs/architecture.md §6). A wrong value stops start-up with a message that
 * names the variable and what it expects; values of secrets are never printed.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const baseUrl = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v.trim()))
    .pipe(z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }));

const optionalUrl = optionalString.pipe(
  z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 'file:./data/mktbot.db' : v.trim()))
    .pipe(
      z.string().refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
        error: 'expected file:PATH (SQLite) or postgresql://USER:PASSWORD@HOST:PORT/DB',
      }),
    ),
  PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'expected a port number from 0 to 65535')
      .transform(Number)
      .pipe(z.number().max(65535, 'expected a port number from 0 to 65535'))
      .optional(),
  ),
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: baseUrl('https://slack.com/api/'),
  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{17,20}$/, 'expected a numeric application id')
      .optional(),
  ),
  DISCORD_PUBLIC_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters')
      .optional(),
  ),
  DISCORD_GUILD_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{17,20}$/, 'expected a numeric guild id')
      .optional(),
  ),
  DISCORD_API_URL: baseUrl('https://discord.com/api'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: optionalString,
  OPENAI_TIMEOUT_MS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{3,7}$/, 'expected milliseconds, from 100 to 9999999')
      .transform(Number)
      .optional(),
  ),
  META_GRAPH_URL: baseUrl('https://graph.facebook.com'),
  META_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: optionalString,
  /** With META_APP_SECRET, the Connect button for Facebook and Instagram (Facebook Login). */
  META_APP_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{5,20}$/, 'expected the numeric Meta app id')
      .optional(),
  ),
  META_LOGIN_URL: baseUrl('https://www.facebook.com'),
  YOUTUBE_API_URL: baseUrl('https://www.googleapis.com'),
  /** The Google project's daily YouTube Data API quota in units (10,000 unless Google granted more). */
  YOUTUBE_DAILY_QUOTA: optionalString.pipe(
    z
      .string()
      .regex(/^\d{3,9}$/, 'expected whole quota units, e.g. 10000')
      .transform(Number)
      .optional()
      .transform((v) => v ?? 10_000),
  ),
  /** The share of that quota comment polling may spend per channel (the rest: replies, figures). */
  YOUTUBE_POLL_QUOTA_SHARE: optionalString.pipe(
    z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'expected a share from 0.01 to 1, e.g. 0.5')
      .transform(Number)
      .pipe(z.number().min(0.01, 'expected a share from 0.01 to 1, e.g. 0.5'))
      .optional()
      .transform((v) => v ?? 0.5),
  ),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_OAUTH_URL: baseUrl('https://oauth2.googleapis.com'),
  GOOGLE_AUTHORIZE_URL: baseUrl('https://accounts.google.com/o/oauth2/v2/auth'),
  GA4_API_URL: baseUrl('https://analyticsdata.googleapis.com'),
  MAILCHIMP_API_URL: optionalUrl,
  LINKEDIN_API_URL: baseUrl('https://api.linkedin.com'),
  X_API_URL: baseUrl('https://api.x.com'),
  TIKTOK_API_URL: baseUrl('https://open.tiktokapis.com'),
  /** The bot's own public address (https://bot.example.com): the Connect button and OAuth callbacks use it. */
  LINKEDIN_CLIENT_ID: optionalString,
  LINKEDIN_CLIENT_SECRET: optionalString,
  LINKEDIN_OAUTH_URL: baseUrl('https://www.linkedin.com/oauth/v2'),
  X_CLIENT_ID: optionalString,
  X_CLIENT_SECRET: optionalString,
  X_AUTHORIZE_URL: baseUrl('https://x.com/i/oauth2/authorize'),
  TIKTOK_CLIENT_KEY: optionalString,
  TIKTOK_CLIENT_SECRET: optionalString,
  TIKTOK_AUTHORIZE_URL: baseUrl('https://www.tiktok.com/v2/auth/authorize/'),
  // LinkedIn keeps each monthly version for about a year and has no default: bump it as they sunset.
  LINKEDIN_VERSION: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? '202606' : v.trim()))
    .pipe(z.string().regex(/^20\d{2}(0[1-9]|1[0-2])$/, 'expected a LinkedIn API version as YYYYMM, e.g. 202606')),
  ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=?)$/, 'expected 32 bytes as 64 hex characters or base64')
      .optional(),
  ),
  OUTBOUND_ALLOW_HOSTS: optionalString.transform((v) =>
    v === undefined
      ? []
      : v
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
  ),
  /** Where console mode writes files a reply carries (/report format:csv); relative to the start directory. */
  EXPORT_DIR: optionalString.transform((v) => v ?? 'exports'),
  /**
   * The bot's public address: files from chat are served at PUBLIC_URL/media/<id> (docs/media.md), the
   * Connect button opens PUBLIC_URL/oauth/<network>/start (docs/networks/linkedin.md).
   */
  PUBLIC_URL: optionalUrl.transform((v) => v?.replace(/\/+$/, '')),
  /** Where files attached in chat are stored; default media/ in the data folder. */
  MEDIA_DIR: optionalString,
  MEDIA_RETENTION_DAYS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,4}$/, 'expected a number of days')
      .transform(Number)
      .optional(),
  ),
  WEBHOOK_SECRET: optionalString.pipe(z.string().min(16, 'expected at least 16 characters').optional()),
  AUDIT_RETENTION_DAYS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'expected a number of days (0 keeps the audit log forever)')
      .transform(Number)
      .optional(),
  ),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 'info' : v.trim().toLowerCase()))
    .pipe(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      }),
    ),
});

export type Env = z.output<typeof schema>;

/** Every variable the bot reads, in schema order (.env.example lists each; a test compares them). */
export const ENV_VARIABLES = Object.keys(schema.shape) as Array<keyof Env>;

export interface Config extends Env {
  slack: { mode: 'http' | 'socket' } | undefined;
  discord: { mode: 'gateway' | 'http' } | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Names of variables whose values must never reach a log or a reply. */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'DISCORD_PUBLIC_KEY',
  'OPENAI_API_KEY',
  'META_APP_SECRET',
  'META_VERIFY_TOKEN',
  'GOOGLE_CLIENT_SECRET',
  'LINKEDIN_CLIENT_SECRET',
  'X_CLIENT_SECRET',
  'TIKTOK_CLIENT_SECRET',
  'ENCRYPTION_KEY',
  'WEBHOOK_SECRET',
] as const;

/** Variables that only make sense together; checked on the raw values so every problem shows at once. */
function missingPartners(env: NodeJS.ProcessEnv): string[] {
  const has = (k: string) => (env[k] ?? '').trim() !== '';
  const problems: string[] = [];
  if (has('SLACK_BOT_TOKEN') && !has('SLACK_SIGNING_SECRET') && !has('SLACK_APP_TOKEN')) {
    problems.push('  SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((has('SLACK_SIGNING_SECRET') || has('SLACK_APP_TOKEN')) && !has('SLACK_BOT_TOKEN')) {
    problems.push('  SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  if ((has('DISCORD_TOKEN') || has('DISCORD_PUBLIC_KEY')) && !has('DISCORD_APP_ID')) {
    problems.push('  DISCORD_APP_ID: required with DISCORD_TOKEN or DISCORD_PUBLIC_KEY');
  }
  if (has('GOOGLE_CLIENT_ID') !== has('GOOGLE_CLIENT_SECRET')) {
    problems.push(
      '  GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET: set both (the OAuth client that refreshes YouTube and GA4 tokens)',
    );
  }
  if (has('LINKEDIN_CLIENT_ID') !== has('LINKEDIN_CLIENT_SECRET')) {
    problems.push(
      '  LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET: set both (the LinkedIn app behind the Connect button)',
    );
  }
  if (has('TIKTOK_CLIENT_KEY') !== has('TIKTOK_CLIENT_SECRET')) {
    problems.push('  TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET: set both (the TikTok app behind the Connect button)');
  }
  if (has('X_CLIENT_SECRET') && !has('X_CLIENT_ID')) {
    problems.push('  X_CLIENT_ID: required with X_CLIENT_SECRET');
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `  ${String(i.path[0] ?? '?')}: ${i.message}`)),
    ...missingPartners(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  const e = parsed.data;
  const slack: Config['slack'] = e.SLACK_BOT_TOKEN ? { mode: e.SLACK_APP_TOKEN ? 'socket' : 'http' } : undefined;
  const discord: Config['discord'] = e.DISCORD_PUBLIC_KEY
    ? { mode: 'http' }
    : e.DISCORD_TOKEN
      ? { mode: 'gateway' }
      : undefined;
  return { ...e, slack, discord };
}
