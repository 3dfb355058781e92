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
    // What a network refused and what to do about it (integrations/*/: each mapping cites its source).
    duplicatePost: (p: { provider: string; name: string }) =>
      `${p.name} refused the post because this account already published the same text. Reword it before trying again.`,
    postingLimit: (p: { provider: string; name: string }) =>
      `${p.name} limits how many posts an account may publish in a given period, and this account has reached that limit. The post can go out once the limit resets; nothing in it needs changing.`,
    dailyQuotaSpent: (p: { provider: string; name: string }) =>
      `The bot has used up its daily allowance of ${p.name} requests (the API quota), which renews at midnight Pacific time. Uploads can go out again after that; a team that uploads many videos a day can ask Google for a larger quota.`,
    missingPermission: (p: { provider: string; name: string }) =>
      `The ${p.name} connection lacks the permission to publish. An admin should run /connect ${p.provider} again and accept every permission asked for.`,
    postingBlocked: (p: { provider: string; name: string }) =>
      `${p.name} has blocked this account from posting. The account owner should check the account’s standing with ${p.name}; the bot cannot lift this.`,
    privateAccountsOnly: (p: { provider: string; name: string }) =>
      `${p.name} lets this app post only to private accounts until ${p.name} has reviewed the app. Make the account private, or ask whoever runs the bot to have the app reviewed (audited) by ${p.name}.`,
    privacyOptionRefused: (p: { provider: string; name: string }) =>
      `${p.name} refused the audience the bot chose for this post: the account’s privacy options may have changed since the bot read them. Trying again reads them afresh.`,
    mediaSourceUnverified: (p: { provider: string; name: string }) =>
      `${p.name} takes media only from web addresses the app has verified. An admin should add the media link’s domain (or its address prefix) to the app’s verified addresses in the ${p.name} developer portal.`,
    mediaNotReady: (p: { provider: string; name: string }) =>
      `${p.name} was still processing the media when the post was sent; it can go out once the media is ready.`,
    imageShape: (p: { provider: string; name: string }) =>
      `${p.name} does not take a picture of this shape: it takes from 4:5 (upright) to 1.91:1 (wide). Crop the picture, then schedule it again.`,
    campaignNotReady: (p: { provider: string; name: string }) =>
      `${p.name} will not send this campaign yet: its send checklist is not complete. Fix what the checklist names in ${p.name}, then try again.`,
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
    duplicatePost: (p) =>
      `رفضت ${iso(p.name)} المنشور لأن هذا الحساب نشر النص نفسه من قبل. غيّر صياغته قبل إعادة المحاولة.`,
    postingLimit: (p) =>
      `تحدّ ${iso(p.name)} من عدد المنشورات التي ينشرها الحساب في مدة معيّنة، وقد بلغ هذا الحساب الحدّ. يمكن نشر المنشور حين يتجدّد الحدّ، ولا يلزم تغيير شيء فيه.`,
    dailyQuotaSpent: (p) =>
      `استنفد البوت حصته اليومية من طلبات ${iso(p.name)} (حصة واجهة البرمجة)، وتتجدّد عند منتصف الليل بتوقيت المحيط الهادئ. يمكن الرفع من جديد بعد ذلك، ويستطيع الفريق الذي يرفع فيديوهات كثيرة كل يوم أن يطلب من جوجل حصة أكبر.`,
    missingPermission: (p) =>
      `لا يملك الاتصال بـ ${iso(p.name)} إذن النشر. على المسؤول تشغيل /connect ${iso(p.provider)} من جديد والموافقة على كل الأذونات المطلوبة.`,
    postingBlocked: (p) =>
      `منعت ${iso(p.name)} هذا الحساب من النشر. على صاحب الحساب مراجعة وضع حسابه لدى ${iso(p.name)}؛ لا يستطيع البوت رفع هذا المنع.`,
    privateAccountsOnly: (p) =>
      `لا تسمح ${iso(p.name)} لهذا التطبيق بالنشر إلا على الحسابات الخاصة إلى أن تراجعه. اجعل الحساب خاصًا، أو اطلب ممن يدير البوت أن يقدّم التطبيق لمراجعة ${iso(p.name)}.`,
    privacyOptionRefused: (p) =>
      `رفضت ${iso(p.name)} الجمهور الذي اختاره البوت لهذا المنشور، فربما تغيّرت خيارات الخصوصية في الحساب منذ أن قرأها البوت. عند إعادة المحاولة يقرؤها من جديد.`,
    mediaSourceUnverified: (p) =>
      `لا تأخذ ${iso(p.name)} الوسائط إلا من عناوين ويب وثّقها التطبيق. على المسؤول إضافة نطاق رابط الوسائط (أو بداية عنوانه) إلى العناوين الموثّقة للتطبيق في بوابة مطوّري ${iso(p.name)}.`,
    mediaNotReady: (p) => `كانت ${iso(p.name)} لا تزال تعالج الوسائط حين أُرسل المنشور؛ يمكن نشره حين تجهز الوسائط.`,
    imageShape: (p) =>
      `لا تقبل ${iso(p.name)} صورة بهذه الأبعاد: تقبل النسب من ${iso('4:5')} (طولية) إلى ${iso('1.91:1')} (عرضية). قُصّ الصورة ثم جدولها من جديد.`,
    campaignNotReady: (p) =>
      `لن ترسل ${iso(p.name)} هذه الحملة بعد، فقائمة التحقق قبل الإرسال غير مكتملة. أصلح ما تذكره القائمة في ${iso(p.name)} ثم أعد المحاولة.`,
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
