/**
 * Why a post failed, stored so it reads in the reader's language (ScheduledPost.lastError): a code
 * from the known set below with its parameters, and, when the network said something, its own words,
 * quoted inside a sentence in the reader's language. The text is rendered when shown (the schedule
 * list, a failure notice, /home), so switching the workspace's language changes old reasons too.
 * Rows written before codes existed hold plain text: they are quoted the same way.
 */
import { z } from 'zod';
import type { PublishError, PublishReason } from '../../integrations/publisher.js';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { channelLabel } from '../reporting/channel-names.js';

export const m = defineMessages(
  'failure-reason',
  {
    unreachable: (p: { host: string }) => `The bot could not reach ${p.host}; nothing was sent.`,
    timedOut: (p: { host: string }) => `${p.host} did not answer in time; nothing was published.`,
    noAnswerAfterSend: (p: { host: string }) =>
      `${p.host} did not answer after the post was sent, so it may or may not be published.`,
    connectionFailed: (p: { host: string }) => `The connection to ${p.host} broke off; nothing was published.`,
    mediaUnavailable: (p: { status: number }) =>
      `The media link could not be fetched (the server answered ${p.status}).`,
    unknownChannel: (p: { channel: string }) => `The bot does not know how to publish to “${p.channel}”.`,
    notConnected: (p: { provider: string; name: string }) =>
      `${p.name} is not connected. An admin can run /connect ${p.provider}.`,
    accountGone: (p: { provider: string; name: string; account: string }) =>
      `The ${p.name} account ${p.account} this post was scheduled for is no longer connected, so nothing was published. An admin can connect it again (/connect ${p.provider} account:${p.account}), then schedule the post again.`,
    needsReconnect: (p: { provider: string; name: string }) =>
      `The ${p.name} connection needs to be renewed: an admin should run /connect ${p.provider}.`,
    leaseLost: 'Another copy of the bot took this post over while it was being sent.',
    stoppedBeforeSending: (p: { attempts: number; max: number }) =>
      `The bot stopped before it sent this post, on its last attempt (${p.attempts} of ${p.max}); nothing was published.`,
    diedAfterSending: 'The bot stopped after it sent the post, before it heard whether it was published.',
    reminderFailed: 'The reminder could not be posted in chat.',
    credentialsIncomplete: 'The stored credentials are incomplete; an admin should connect the account again.',
    credentialsUnreadable:
      'The stored credentials cannot be decrypted with the current key; an admin should connect the account again.',
    unexpectedAnswer: (p: { service: string }) => `${p.service} answered in a form the bot does not understand.`,
    quoted: (p: { detail: string }) => `The error, as reported: “${p.detail}”`,
  },
  {
    unreachable: (p) => `تعذّر على البوت الوصول إلى ${iso(p.host)}؛ لم يُرسل شيء.`,
    timedOut: (p) => `لم يردّ ${iso(p.host)} في الوقت المحدد؛ لم يُنشر شيء.`,
    noAnswerAfterSend: (p) => `لم يردّ ${iso(p.host)} بعد إرسال المنشور، فلا نعرف هل نُشر أم لا.`,
    connectionFailed: (p) => `انقطع الاتصال بـ ${iso(p.host)}؛ لم يُنشر شيء.`,
    mediaUnavailable: (p) => `تعذّر جلب رابط الوسائط (ردّ الخادم بالرمز ${iso(p.status)}).`,
    unknownChannel: (p) => `لا يعرف البوت كيف ينشر على «${iso(p.channel)}».`,
    notConnected: (p) => `${iso(p.name)} غير متصل. يستطيع المسؤول تشغيل /connect ${iso(p.provider)}.`,
    accountGone: (p) =>
      `حساب ${iso(p.name)} ${iso(p.account)} الذي جُدول له هذا المنشور لم يعد متصلًا، لذلك لم يُنشر شيء. يستطيع المسؤول ربطه من جديد (${iso(`/connect ${p.provider} account:${p.account}`)}) ثم جدولة المنشور مرة أخرى.`,
    needsReconnect: (p) => `يجب تجديد الاتصال بـ ${iso(p.name)}: على المسؤول تشغيل /connect ${iso(p.provider)}.`,
    leaseLost: 'تولّت نسخة أخرى من البوت هذا المنشور أثناء إرساله.',
    stoppedBeforeSending: (p) =>
      `توقف البوت قبل أن يرسل هذا المنشور في محاولته الأخيرة (${iso(p.attempts)} من ${iso(p.max)})؛ لم يُنشر شيء.`,
    diedAfterSending: 'توقف البوت بعد إرسال المنشور وقبل أن يعرف هل نُشر.',
    reminderFailed: 'تعذّر نشر التذكير في المحادثة.',
    credentialsIncomplete: 'بيانات الاتصال المحفوظة ناقصة؛ على المسؤول ربط الحساب من جديد.',
    credentialsUnreadable: 'تعذّر فك تشفير بيانات الاتصال المحفوظة بالمفتاح الحالي؛ على المسؤول ربط الحساب من جديد.',
    unexpectedAnswer: (p) => `ردّت ${iso(p.service)} بصيغة لا يفهمها البوت.`,
    quoted: (p) => `نص الخطأ كما ورد: «${iso(p.detail)}»`,
  },
);

export type ReasonCode = Exclude<keyof typeof m.en, 'quoted'>;

const stored = z.object({
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().optional(),
});
type Stored = z.infer<typeof stored>;

/** What to store in lastError: the reason's code and parameters, and the error's own words when they add something. */
export function storedReason(e: Pick<PublishError, 'message' | 'reason'>): string {
  return JSON.stringify(e.reason ?? { detail: e.message });
}

/** A reason of our own, with no words from a network. */
export function reasonOf(code: ReasonCode, params?: PublishReason['params']): string {
  return JSON.stringify({ code, ...(params ? { params } : {}) });
}

function parse(text: string): Stored {
  if (text.startsWith('{')) {
    try {
      const r = stored.safeParse(JSON.parse(text));
      if (r.success) return r.data;
    } catch {
      // Not JSON after all: plain text from before reasons were coded.
    }
  }
  return { detail: text };
}

/** The network's own words in a stored reason (or the whole of an old plain-text one), if any. */
export function detailOf(text: string | null | undefined): string | undefined {
  return text ? parse(text).detail : undefined;
}

/** The stored reason as one or two sentences in the reader's language; `null` reads as nothing. */
export function reasonText(text: string | null | undefined, locale: Locale): string {
  if (!text) return '';
  const t = m[locale] ?? m.en;
  const r = parse(text);
  const message = r.code && r.code !== 'quoted' && r.code in t ? t[r.code as ReasonCode] : undefined;
  // A network is named in the reader's language; `provider` stays the id that /connect takes.
  const params = { ...r.params };
  if (typeof params.provider === 'string') params.name = channelLabel(params.provider, locale);
  const sentence =
    typeof message === 'function' ? (message as (p: Record<string, string | number>) => string)(params) : message;
  const quoted = r.detail ? t.quoted({ detail: r.detail }) : undefined;
  return [sentence, quoted].filter(Boolean).join(' ');
}
