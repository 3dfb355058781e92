import { z } from 'zod';
import { GoogleClientProblem } from '../integrations/google/oauth.js';
import { missingScopes } from '../integrations/oauth.js';
import type { Provider } from '../integrations/provider.js';
import { PublishError, type PublishReason } from '../integrations/publisher.js';
import { isProviderId, PROVIDERS, type ProviderId, providerById } from '../integrations/registry.js';
import { action, defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, pick } from '../src/core/i18n.js';
import { opt, required } from '../src/core/options.js';
import { EXPENSIVE } from '../src/core/rate-limit.js';
import { actions, context, reply, table, text } from '../src/core/reply.js';
import { count } from '../src/lib/plural.js';
import { maskSecrets } from '../src/lib/text.js';
import { dateFigure, writtenDate } from '../src/lib/when.js';
import { reasonText } from '../src/publishing/failure-reason.js';
import { serviceLabel } from '../src/reporting/channel-names.js';
import { type GrantInfo, NeedsRefreshToken, statusDetail } from '../src/workspace/integrations.js';
import { STATE_MINUTES } from '../src/workspace/oauth/connect.js';
import { m as oauthText } from '../src/workspace/oauth/messages.js';

const m = defineMessages(
  'connect',
  {
    connected: (p: { provider: string; name: string }) =>
      `${p.provider} connected: ${p.name}. The token is stored encrypted.`,
    refused: (p: { provider: string; reason: string }) =>
      `${p.provider} refused the token (${p.reason}). Nothing was saved. Create a fresh token and try again.`,
    failed: (p: { provider: string; reason: string }) =>
      `Could not verify the ${p.provider} account. ${p.reason} Nothing was saved.`,
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
    howTo:
      'Connect with /connect facebook account:PAGE_ID token:PAGE_TOKEN (also instagram, linkedin, x, tiktok, youtube, mailchimp, ga4). Except for mailchimp, leave out token: to get a Connect button instead (for facebook and instagram, account: too: you pick among your Pages after signing in).',
    googleClientMissing:
      'A Google refresh token (YouTube, Google Analytics) needs the server’s Google OAuth client: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (the client the refresh token was issued to) and restart the bot. Nothing was saved.',
    googleClientRejected:
      'Google refused the server’s OAuth client: GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong. Fix them and restart the bot. Nothing was saved.',
    tokenNeeded: (p: { provider: string }) =>
      `${p.provider} has no Connect button: add token:… with the account’s token (/help connect says which).`,
    expires: 'Expires',
    accountNeeded: (p: { provider: string }) =>
      `A pasted token needs the account it is for: /connect ${p.provider} account:… token:…`,
  },
  {
    connected: (p) => `تم ربط ${iso(p.provider)}: ${iso(p.name)}. الرمز محفوظ مشفّرًا.`,
    refused: (p) => `رفض ${iso(p.provider)} الرمز (${iso(p.reason)}). لم يُحفظ شيء. أنشئ رمزًا جديدًا وحاول مرة أخرى.`,
    failed: (p) => `تعذّر التحقق من حساب ${iso(p.provider)}. ${p.reason} لم يُحفظ شيء.`,
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
    howTo:
      'اربط بالأمر /connect facebook account:PAGE_ID token:PAGE_TOKEN (وكذلك instagram وlinkedin وx وtiktok وyoutube وmailchimp وga4). ويمكنك مع كل الخدمات عدا mailchimp ترك token: لتحصل على زر ربط بدلًا من لصق الرمز (ومع facebook وinstagram يمكنك ترك account: أيضًا، فتختار من صفحاتك بعد تسجيل الدخول).',
    googleClientMissing: `يحتاج رمز التحديث (refresh token) من Google (يوتيوب، Google Analytics) إلى عميل Google OAuth على الخادم: اضبط ${iso('GOOGLE_CLIENT_ID')} و${iso('GOOGLE_CLIENT_SECRET')} (العميل الذي صدر له الرمز) ثم أعد تشغيل البوت. لم يُحفظ شيء.`,
    googleClientRejected: `رفضت Google عميل OAuth الخاص بالخادم: قيمة ${iso('GOOGLE_CLIENT_ID')} أو ${iso('GOOGLE_CLIENT_SECRET')} خاطئة. صحّحهما ثم أعد تشغيل البوت. لم يُحفظ شيء.`,
    tokenNeeded: (p) => `لا يوجد زر ربط لـ${iso(p.provider)}: أضف token:… برمز الحساب (يوضح /help connect أي رمز).`,
    expires: 'انتهاء الصلاحية',
    accountNeeded: (p) => `يحتاج الرمز الملصوق إلى الحساب الذي يخصه: /connect ${p.provider} account:… token:…`,
  },
);

/** "linkedin:2414183": the network and the account a Reconnect button is for. */
const reconnectPayload = z
  .string()
  .regex(/^[a-z0-9]{1,20}:\S{1,100}$/)
  .transform((s) => ({ provider: s.slice(0, s.indexOf(':')), account: s.slice(s.indexOf(':') + 1) }));
/**
 * The service as the reader names it: a network from the one channel-name table («إنستغرام»), any
 * other service (Google Analytics, Mailchimp) by its own name.
 */
/** One sub-action per registered network (integrations/registry.ts): what to paste comes from its provider. */
function connectSub(p: Provider) {
  const help = p.connect.help;
  const provider = p.id as ProviderId;
  // A login that lists the person's accounts (Facebook Login) needs no account id up front.
  const lists = p.oauth?.login !== undefined;
  const account = opt.string({
    label: { en: 'Account id', ar: 'معرّف الحساب' },
    description: help.account,
    maxLength: 100,
  });
  return sub({
    description: { en: `Connect ${p.name} (admins)`, ar: `ربط ${serviceLabel(p, 'ar')} (للمسؤولين)` },
    allow: ['admin'],
    slow: true,
    limit: EXPENSIVE,
    examples: lists ? [`${provider}`, `${provider} page:…`] : [`${provider} account:1234567890 token:…`],
    options: {
      account: lists ? account : required(account),
      token: opt.secret({ label: { en: 'Token', ar: 'الرمز' }, description: help.token, maxLength: 4000 }),
      ...(lists
        ? {
            page: opt.string({
              label: { en: 'Page', ar: 'الصفحة' },
              description: {
                en: 'After Connect: the name or id of one of the accounts your sign-in reached',
                ar: 'بعد الضغط على «ربط»: اسم أحد الحسابات التي وصل إليها تسجيل دخولك أو معرّفه',
              },
              maxLength: 100,
            }),
          }
        : {}),
    },
    async handler(input, ctx) {
      const { account, token } = input;
      const page = 'page' in input ? (input.page as string | undefined) : undefined;
      if (page) return pickAccount(p, provider, page, ctx);
      if (token) {
        if (!account) throw new UserError(ctx.t(m).accountNeeded({ provider }));
        return connect(p, provider, account, token, ctx);
      }
      return connectButton(p, provider, account ?? '', ctx);
    },
  });
}

/**
 * One of the accounts the person's latest Facebook sign-in reached (a button, or page:NAME),
 * connected with its own token and the permissions the person granted.
 */
async function pickAccount(p: Provider, provider: ProviderId, page: string, ctx: Context) {
  const o = ctx.t(oauthText);
  const picks = await ctx.services.oauth.pickable(ctx.workspace, ctx.member, provider);
  if (!picks) throw new UserError(o.pickNone({ id: provider }));
  const wanted = page.toLowerCase().replace(/^@/, '');
  const found = picks.accounts.find((a) => a.id === page || a.name.toLowerCase().replace(/^@/, '') === wanted);
  if (!found) {
    const names = new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(
      picks.accounts.map((a) => iso(a.name)),
    );
    throw new UserError(o.pickUnknown({ page, names }));
  }
  const missing = p.oauth ? missingScopes(p.oauth, picks.scopes) : [];
  return connect(p, provider, found.id, found.token, ctx, { scopes: picks.scopes }, missing);
}

async function connect(
  p: Provider,
  provider: ProviderId,
  account: string,
  token: string,
  ctx: Context,
  /** Set when the token came from the Connect button rather than a paste. */
  grant?: GrantInfo,
  missing: readonly string[] = [],
) {
  const t = ctx.t(m);
  const name = serviceLabel(p, ctx.locale);
  const accountId = p.connect.accountId;
  if (accountId && !accountId.schema.safeParse(account).success) {
    throw new UserError(pick(accountId.invalid, ctx.locale));
  }
  const refresh = p.tokenRefresh;
  try {
    const r = await ctx.services.integrations.connect(ctx.workspace, provider, { accountId: account, token }, grant);
    await ctx.services.audit.record(
      ctx,
      'integration.connect',
      `${provider}:${account}`,
      grant ? { via: 'oauth' } : undefined,
    );
    // An access token where a refresh token is wanted: it works, for about an hour.
    const expires = refresh?.accessToken.policy === 'warn' && !refresh.isRefreshToken(token);
    return reply(
      undefined,
      [
        text(t.connected({ provider: name, name: r.name })),
        ...(expires ? [context(pick(refresh.accessToken.message, ctx.locale))] : []),
        ...(missing.length > 0
          ? [context(ctx.t(oauthText).missingChat({ provider: name, scopes: missing.join(', ') }))]
          : []),
      ],
      { tone: 'success', ephemeral: true },
    );
  } catch (err) {
    if (err instanceof NeedsRefreshToken && refresh) {
      throw new UserError(pick(refresh.accessToken.message, ctx.locale));
    }
    if (err instanceof GoogleClientProblem) {
      throw new UserError(err.problem === 'missing' ? t.googleClientMissing : t.googleClientRejected);
    }
    const reason = redact(err instanceof Error ? err.message : String(err), token);
    if (err instanceof PublishError && err.reauth) throw new UserError(t.refused({ provider: name, reason }));
    if (err instanceof PublishError || err instanceof z.ZodError || err instanceof Error) {
      // Why, in the reader's language (failure-reason.ts); the network's own words quoted, the token never.
      const why: PublishReason =
        err instanceof z.ZodError
          ? { code: 'unexpectedAnswer', params: { service: name } }
          : err instanceof PublishError && err.reason
            ? { ...err.reason, ...(err.reason.detail ? { detail: redact(err.reason.detail, token) } : {}) }
            : { code: '', detail: reason };
      throw new UserError(t.failed({ provider: name, reason: reasonText(JSON.stringify(why), ctx.locale) }));
    }
    throw err;
  }
}

/**
 * No token typed: the Connect button (OAuth), a link for this person alone, or what the server
 * must set first; pasting a token keeps working either way.
 */
async function connectButton(p: Provider, provider: ProviderId, account: string, ctx: Context) {
  const t = ctx.t(m);
  const o = ctx.t(oauthText);
  if (!p.oauth) throw new UserError(t.tokenNeeded({ provider: p.name }));
  const parsed = p.connect.accountId ? p.connect.accountId.schema.safeParse(account) : { success: true, data: account };
  if (!parsed.success || parsed.data === undefined) {
    throw new UserError(pick(p.connect.accountId?.invalid ?? { en: '', ar: '' }, ctx.locale));
  }
  const begun = await ctx.services.oauth.begin(ctx.workspace, ctx.member, provider, parsed.data);
  const minutes = count(STATE_MINUTES, 'minute', ctx.locale);
  if (begun.kind === 'not-ready') {
    return reply(
      undefined,
      [
        text(o.notReady({ provider: p.name, variables: begun.variables.join(', ') })),
        context(o.pasteInstead({ provider })),
      ],
      { tone: 'warning', ephemeral: true },
    );
  }
  return reply(
    undefined,
    [
      text(
        parsed.data === '' && p.oauth.login
          ? o.connectLogin({ what: provider === 'instagram' ? o.whatInstagram : o.whatFacebook, minutes })
          : o.connectWhat({ provider: p.name, account: parsed.data, minutes }),
      ),
      actions([{ id: 'connect.link', label: o.connectButton, url: begun.url, style: 'primary' }]),
    ],
    { ephemeral: true },
  );
}

/** A service that quotes the token back in an error must not make us echo it. */
/** The provider's reason without the token typed, nor anything else token-shaped (a token typed as the account). */
function redact(message: string, token: string): string {
  return maskSecrets(token.length >= 4 ? message.split(token).join('***') : message);
}

export default defineCommand({
  name: 'connect',
  description: {
    en: 'Connect Facebook, Instagram, LinkedIn, X, TikTok, YouTube, Mailchimp or Google Analytics',
    ar: 'ربط فيسبوك أو إنستغرام أو لينكدإن أو إكس أو تيك توك أو يوتيوب أو Mailchimp أو Google Analytics',
  },
  defaultSubcommand: 'status',
  subcommands: {
    status: sub({
      description: { en: 'Show each integration and its health', ar: 'عرض كل ربط وحالته' },
      options: {},
      async handler(_input, ctx) {
        const t = ctx.t(m);
        const rows = await ctx.services.integrations.list(ctx.workspace.id);
        const o = ctx.t(oauthText);
        const health = (s: string) => (s === 'ok' ? t.ok : s === 'reauth' ? t.reauth : t.error);
        // A token the bot renews shows as such; one it cannot renew shows the day it lapses.
        const expiry = (r: (typeof rows)[number]) =>
          !r.expiresAt
            ? ''
            : ctx.services.integrations.refreshTokenOf(r)
              ? o.renewed
              : o.expiresOn({ date: writtenDate(r.expiresAt, ctx.timezone, ctx.locale) });
        const lines = PROVIDERS.flatMap((p) => {
          const mine = rows.filter((r) => r.provider === p.id);
          if (mine.length === 0) return [[iso(serviceLabel(p, ctx.locale)), '-', t.notConnected, '', '', '']];
          return mine.map((r) => [
            iso(serviceLabel(p, ctx.locale)),
            iso(r.accountId),
            health(r.status),
            statusDetail(r, ctx),
            expiry(r),
            dateFigure(r.updatedAt, ctx.timezone, ctx.locale, 'moment'),
          ]);
        });
        return reply(
          t.statusTitle,
          [
            table([t.provider, t.account, t.health, t.detail, t.expires, t.since], lines),
            context(t.reminderAlways),
            context(t.howTo),
          ],
          { ephemeral: true },
        );
      },
    }),
    ...Object.fromEntries(PROVIDERS.map((p) => [p.id, connectSub(p)])),
  },
  actions: {
    /** A button under the accounts a Facebook sign-in reached: connects that one. */
    pick: action({
      payload: reconnectPayload,
      allow: ['admin'],
      handler: ({ provider, account }, ctx) => {
        const p = providerById(provider);
        if (!p?.oauth?.login || !isProviderId(provider)) throw new UserError(ctx.t(m).howTo);
        return pickAccount(p, provider, account, ctx);
      },
    }),
    /** The Reconnect button of a lapse notice: a fresh Connect link for whoever pressed it. */
    reconnect: action({
      payload: reconnectPayload,
      allow: ['admin'],
      handler: ({ provider, account }, ctx) => {
        const p = providerById(provider);
        if (!p || !isProviderId(provider)) throw new UserError(ctx.t(m).howTo);
        return connectButton(p, provider, account, ctx);
      },
    }),
  },
});
