import { z } from 'zod';
import { ga4PropertyId } from '../integrations/ga4/report.js';
import { GoogleClientProblem, isGoogleRefreshToken } from '../integrations/google/oauth.js';
import { PublishError } from '../integrations/publisher.js';
import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, type L10n } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { EXPENSIVE } from '../src/core/rate-limit.js';
import { context, reply, table, text } from '../src/core/reply.js';
import { maskSecrets } from '../src/lib/text.js';
import { formatLocal } from '../src/lib/when.js';
import { Ga4NeedsRefreshToken, PROVIDERS, type Provider } from '../src/workspace/integrations.js';

const m = defineMessages(
  'connect',
  {
    connected: (p: { provider: string; name: string }) =>
      `${p.provider} connected: ${p.name}. The token is stored encrypted.`,
    refused: (p: { provider: string; reason: string }) =>
      `${p.provider} refused the token (${p.reason}). Nothing was saved. Create a fresh token and try again.`,
    failed: (p: { provider: string; reason: string }) =>
      `Could not verify the ${p.provider} account: ${p.reason}. Nothing was saved.`,
    statusTitle: 'Integrations',
    provider: 'Service',
    account: 'Account',
    health: 'Health',
    detail: 'Detail',
    since: 'Checked',
    ok: 'ok',
    reauth: 'needs reconnecting',
    error: 'error',
    notConnected: 'not connected',
    reminderAlways:
      'The reminder channel needs no connection: the bot posts the content in the team channel at the due time.',
    howTo: 'Connect with /connect facebook account:PAGE_ID token:PAGE_TOKEN (also instagram, youtube, mailchimp, ga4).',
    ga4NeedsRefresh:
      'GA4 needs a Google refresh token (starting 1//) with the analytics.readonly scope: metrics are read once a day, and an access token expires within the hour. Nothing was saved.',
    ga4BadProperty:
      'A GA4 property id is a number such as 123456789 (Admin → Property details), not the G-XXXX measurement id. Nothing was saved.',
    googleClientMissing:
      'A Google refresh token (YouTube, Google Analytics) needs the server’s Google OAuth client: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (the client the refresh token was issued to) and restart the bot. Nothing was saved.',
    googleClientRejected:
      'Google refused the server’s OAuth client: GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong. Fix them and restart the bot. Nothing was saved.',
    accessTokenExpires:
      'This is an access token: Google expires it in about an hour, and then scheduled uploads and comment reading stop. Connect with a refresh token (starting 1//) to keep them working.',
  },
  {
    connected: (p) => `تم ربط ${iso(p.provider)}: ${iso(p.name)}. الرمز محفوظ مشفّرًا.`,
    refused: (p) => `رفض ${iso(p.provider)} الرمز (${iso(p.reason)}). لم يُحفظ شيء. أنشئ رمزًا جديدًا وحاول مرة أخرى.`,
    failed: (p) => `تعذّر التحقق من حساب ${iso(p.provider)}: ${iso(p.reason)}. لم يُحفظ شيء.`,
    statusTitle: 'الربط بالخدمات',
    provider: 'الخدمة',
    account: 'الحساب',
    health: 'الحالة',
    detail: 'التفاصيل',
    since: 'آخر تحقق',
    ok: 'سليم',
    reauth: 'يحتاج إعادة ربط',
    error: 'خطأ',
    notConnected: 'غير مربوط',
    reminderAlways: 'قناة التذكير لا تحتاج ربطًا: ينشر البوت المحتوى في قناة الفريق في الموعد.',
    howTo: 'اربط بالأمر /connect facebook account:PAGE_ID token:PAGE_TOKEN (وكذلك instagram وyoutube وmailchimp وga4).',
    ga4NeedsRefresh: `يحتاج ${iso('GA4')} إلى رمز تحديث من Google (يبدأ بـ ${iso('1//')}) بصلاحية ${iso('analytics.readonly')}: تُقرأ المقاييس مرة في اليوم، ورمز الوصول تنتهي صلاحيته خلال ساعة. لم يُحفظ شيء.`,
    ga4BadProperty: `معرّف خاصية ${iso('GA4')} رقم مثل ${iso('123456789')} (المشرف ← تفاصيل الخاصية)، وليس معرّف القياس ${iso('G-XXXX')}. لم يُحفظ شيء.`,
    googleClientMissing: `يحتاج رمز التحديث (refresh token) من Google (يوتيوب، Google Analytics) إلى عميل Google OAuth على الخادم: اضبط ${iso('GOOGLE_CLIENT_ID')} و${iso('GOOGLE_CLIENT_SECRET')} (العميل الذي صدر له الرمز) ثم أعد تشغيل البوت. لم يُحفظ شيء.`,
    googleClientRejected: `رفضت Google عميل OAuth الخاص بالخادم: قيمة ${iso('GOOGLE_CLIENT_ID')} أو ${iso('GOOGLE_CLIENT_SECRET')} خاطئة. صحّحهما ثم أعد تشغيل البوت. لم يُحفظ شيء.`,
    accessTokenExpires: `هذا رمز وصول (access token): تنهي Google صلاحيته بعد ساعة تقريبًا، فتتوقف بعدها الرفعات المجدولة وقراءة التعليقات. اربط برمز تحديث (يبدأ بـ ${iso('1//')}) لتستمر في العمل.`,
  },
);

const NAMES: Record<Provider, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  mailchimp: 'Mailchimp',
  ga4: 'Google Analytics',
};

const ACCOUNT_HELP: Record<Provider, { account: L10n; token: L10n }> = {
  facebook: {
    account: { en: 'The Facebook Page id', ar: 'معرّف صفحة فيسبوك' },
    token: { en: 'A Page access token with pages_manage_posts', ar: 'رمز وصول للصفحة بصلاحية pages_manage_posts' },
  },
  instagram: {
    account: { en: 'The Instagram business account id', ar: 'معرّف حساب إنستغرام التجاري' },
    token: { en: 'A token with instagram_content_publish', ar: 'رمز بصلاحية instagram_content_publish' },
  },
  youtube: {
    account: { en: 'The YouTube channel id (UC…)', ar: 'معرّف قناة يوتيوب (UC…)' },
    token: {
      en: 'A Google refresh token (1//…) with youtube.upload; an access token works for an hour',
      ar: 'رمز تحديث من Google (1//…) بصلاحية youtube.upload؛ رمز الوصول يعمل ساعة فقط',
    },
  },
  ga4: {
    account: {
      en: 'The GA4 property id (a number, Admin → Property details)',
      ar: 'معرّف خاصية GA4 (رقم، من تفاصيل الخاصية)',
    },
    token: {
      en: 'A Google refresh token (1//…) with analytics.readonly',
      ar: 'رمز تحديث من Google (1//…) بصلاحية analytics.readonly',
    },
  },
  mailchimp: {
    account: { en: 'The audience (list) id to send to', ar: 'معرّف الجمهور (القائمة) للإرسال إليه' },
    token: {
      en: 'An API key ending in its data centre, e.g. …-us19',
      ar: 'مفتاح API ينتهي بمركز البيانات، مثل …-us19',
    },
  },
};

function connectSub(provider: Provider) {
  const help = ACCOUNT_HELP[provider];
  return sub({
    description: { en: `Connect ${NAMES[provider]} (admins)`, ar: `ربط ${NAMES[provider]} (للمسؤولين)` },
    allow: ['admin'],
    slow: true,
    limit: EXPENSIVE,
    examples: [`${provider} account:1234567890 token:…`],
    options: {
      account: required(
        opt.string({ label: { en: 'Account id', ar: 'معرّف الحساب' }, description: help.account, maxLength: 100 }),
      ),
      token: required(opt.secret({ label: { en: 'Token', ar: 'الرمز' }, description: help.token, maxLength: 4000 })),
    },
    async handler({ account, token }, ctx) {
      return connect(provider, account, token, ctx);
    },
  });
}

async function connect(provider: Provider, account: string, token: string, ctx: Context) {
  const t = ctx.t(m);
  const name = NAMES[provider];
  if (provider === 'ga4' && !ga4PropertyId.safeParse(account).success) throw new UserError(t.ga4BadProperty);
  try {
    const r = await ctx.services.integrations.connect(ctx.workspace, provider, { accountId: account, token });
    await ctx.services.audit.record(ctx, 'integration.connect', `${provider}:${account}`);
    const expires = provider === 'youtube' && !isGoogleRefreshToken(token);
    return reply(
      undefined,
      [text(t.connected({ provider: name, name: r.name })), ...(expires ? [context(t.accessTokenExpires)] : [])],
      { tone: 'success', ephemeral: true },
    );
  } catch (err) {
    if (err instanceof Ga4NeedsRefreshToken) throw new UserError(t.ga4NeedsRefresh);
    if (err instanceof GoogleClientProblem) {
      throw new UserError(err.problem === 'missing' ? t.googleClientMissing : t.googleClientRejected);
    }
    const reason = redact(err instanceof Error ? err.message : String(err), token);
    if (err instanceof PublishError && err.reauth) throw new UserError(t.refused({ provider: name, reason }));
    if (err instanceof PublishError || err instanceof z.ZodError || err instanceof Error) {
      throw new UserError(t.failed({ provider: name, reason: err instanceof z.ZodError ? 'invalid answer' : reason }));
    }
    throw err;
  }
}

/** A service that quotes the token back in an error must not make us echo it. */
/** The provider's reason without the token typed, nor anything else token-shaped (a token typed as the account). */
function redact(message: string, token: string): string {
  return maskSecrets(token.length >= 4 ? message.split(token).join('***') : message);
}

export default defineCommand({
  name: 'connect',
  description: {
    en: 'Connect Facebook, Instagram, YouTube, Mailchimp or Google Analytics',
    ar: 'ربط فيسبوك أو إنستغرام أو يوتيوب أو Mailchimp أو Google Analytics',
  },
  defaultSubcommand: 'status',
  subcommands: {
    status: sub({
      description: { en: 'Show each integration and its health', ar: 'عرض كل ربط وحالته' },
      options: {},
      async handler(_input, ctx) {
        const t = ctx.t(m);
        const rows = await ctx.services.integrations.list(ctx.workspace.id);
        const health = (s: string) => (s === 'ok' ? t.ok : s === 'reauth' ? t.reauth : t.error);
        const lines = PROVIDERS.flatMap((p) => {
          const mine = rows.filter((r) => r.provider === p);
          if (mine.length === 0) return [[iso(NAMES[p]), '-', t.notConnected, '', '']];
          return mine.map((r) => [
            iso(NAMES[p]),
            iso(r.accountId),
            health(r.status),
            r.statusMessage ?? '',
            iso(formatLocal(r.updatedAt, ctx.timezone)),
          ]);
        });
        return reply(
          t.statusTitle,
          [
            table([t.provider, t.account, t.health, t.detail, t.since], lines),
            context(t.reminderAlways),
            context(t.howTo),
          ],
          { ephemeral: true },
        );
      },
    }),
    facebook: connectSub('facebook'),
    instagram: connectSub('instagram'),
    youtube: connectSub('youtube'),
    mailchimp: connectSub('mailchimp'),
    ga4: connectSub('ga4'),
  },
});
