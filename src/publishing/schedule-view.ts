/**
 * How scheduled posts are shown in chat: a post's card (channel, account, status, local and UTC time, media,
 * attempts, last error, link), the approval buttons, the 14-day calendar of /schedule list, and the
 * text of the problems found when a post is checked (a time that cannot be read, a channel's
 * rules). commands/schedule.ts parses what people type, calls SchedulerService and shows its
 * answers with these.
 */

import type { MediaItem } from '../../integrations/publisher.js';
import { defineMessages, formatNumber, iso, isoIn } from '../core/i18n.js';
import type { Viewer } from '../core/identity.js';
import { type Action, actions, type Block, context, fields, list, type Reply, reply, text } from '../core/reply.js';
import { count } from '../lib/plural.js';
import {
  dateFigure,
  dayFigure,
  formatLocal,
  localDay,
  localTime,
  nextQuarterHour,
  type WhenProblem,
} from '../lib/when.js';
import { channelLabel } from '../reporting/channel-names.js';
import { preview } from './dispatcher.js';
import { reasonText } from './failure-reason.js';
import { fileProblemText, PAGE, typeName } from './media/rules.js';
import { retryAction } from './publish-notices.js';
import { type Draft, mediaOf, postOptions, type RuleProblem, type ScheduledPost } from './scheduler.js';

const m = defineMessages(
  'schedule-view',
  {
    post: 'Post',
    reminder: 'Reminder',
    channel: 'Channel',
    account: 'Account',
    local: 'Local time',
    utc: 'UTC',
    status: 'Status',
    title: 'Title / subject',
    media: 'Media',
    attempts: 'Attempts',
    lastError: 'Last error',
    nextAttempt: (p: { when: string }) => `next attempt ${p.when}`,
    link: 'Link',
    approve: 'Approve',
    reject: 'Reject',
    whenUnreadable: (p: { value: string }) =>
      `"${p.value}" is not a time I can read. Try "tomorrow 9am", "next monday 10:00", "in 2 hours" or 2026-12-01 09:00.`,
    whenNoTime: 'Say a time of day too, e.g. "tomorrow 9am".',
    whenPast: (p: { local: string; zone: string }) => `${p.local} (${p.zone}) is in the past. Choose a later time.`,
    whenGap: (p: { local: string; zone: string }) =>
      `${p.local} does not exist in ${p.zone}: clocks skip that hour for daylight saving. Choose a time outside the gap.`,
    whenTooFar: (p: { limit: string }) =>
      `That is more than two years away. Posts can be scheduled up to ${p.limit}; choose an earlier time.`,
    whenBadOffset: (p: { offset: string }) =>
      `${p.offset} is not a real UTC offset: offsets run from -12:00 to +14:00. Leave it out to use the workspace's time zone.`,
    needsMedia: (p: { channel: string }) =>
      `${p.channel} needs an image or video: add media:https://… or attach the file to the message.`,
    needsVideo: (p: { channel: string }) => `${p.channel} needs a video URL (media:https://…/video.mp4).`,
    imagesOnly: (p: { channel: string }) => `${p.channel} takes images here, not videos: use a JPEG, PNG or GIF.`,
    videosOnly: (p: { channel: string }) => `${p.channel} takes videos, not images: use an MP4 or MOV.`,
    imagesAndDocuments: (p: { channel: string }) =>
      `${p.channel} takes images and PDF documents here, not videos: use a JPEG, PNG or GIF, or a PDF.`,
    noDocuments: (p: { channel: string; publisher: string }) =>
      `${p.channel} does not publish PDF documents; ${p.publisher} does.`,
    needsTitle: (p: { channel: string; subject: boolean }) =>
      p.subject ? 'Mailchimp needs a subject: add title:"…".' : `${p.channel} needs a title: add title:"…".`,
    needsText: (p: { channel: string }) => `${p.channel} needs text: add text:"…" or write it after " | ".`,
    tooLong: (p: { what: string; max: number; got: number }) =>
      `The ${p.what} is ${count(p.got, 'character', 'en')}; the limit is ${formatNumber(p.max, 'en')}.`,
    tooLongPart: (p: { max: number; got: number; part: number }) =>
      `Post ${p.part} of the thread is ${count(p.got, 'character', 'en')} as the network counts them; the limit is ${formatNumber(p.max, 'en')}.`,
    threadHint: 'To post it as a thread, put a line with only --- where each post should end.',
    tooManyParts: (p: { max: number; got: number }) => `A thread can have ${p.max} posts; this one has ${p.got}.`,
    tooManyHashtags: (p: { channel: string; max: number; got: number }) =>
      `${p.channel} allows ${count(p.max, 'hashtag', 'en')}; this has ${p.got}.`,
    notQuarterHour: (p: { suggestion: string }) =>
      `Mailchimp sends only on the quarter hour (:00, :15, :30, :45 UTC). The next one is ${p.suggestion}.`,
    noFirstComment: (p: { channel: string }) =>
      `${p.channel} posts take no first comment: only Instagram posts one right after the post.`,
    firstComment: 'First comment',
    previewText: 'Preview text',
    listTitle: 'Scheduled posts, next 14 days',
    listEmpty: 'Nothing scheduled in the next 14 days. Try /schedule instagram tomorrow 9am media:https://… | Caption',
    needsAttention: 'Needs attention',
    attentionHow: (p: { id: number }) =>
      `A failed post stays here until it is retried (/schedule retry ${p.id}) or dismissed (/schedule cancel ${p.id}); a post whose outcome is unknown is settled with /schedule resolve and its number.`,
    retry: (p: { id: number }) => `Retry #${p.id}`,
    zoneNote: (p: { zone: string; id: number }) =>
      `Times in ${p.zone}. /schedule show ${p.id} shows post #${p.id} in full (any post by its number).`,
    s_pending: 'scheduled',
    s_awaiting_approval: 'awaiting approval',
    s_publishing: 'publishing',
    s_published: 'published',
    s_failed: 'failed',
    s_cancelled: 'cancelled',
    s_unknown: 'outcome unknown',
    w_caption: 'caption',
    w_title: 'title',
    w_subject: 'subject',
    w_text: 'text',
    w_description: 'description',
  },
  {
    post: 'المنشور',
    reminder: 'تذكير',
    channel: 'القناة',
    account: 'الحساب',
    local: 'الوقت المحلي',
    utc: 'التوقيت العالمي UTC',
    status: 'الحالة',
    title: 'العنوان / الموضوع',
    media: 'الوسائط',
    attempts: 'المحاولات',
    lastError: 'آخر خطأ',
    nextAttempt: (p) => `المحاولة التالية ${p.when}`,
    link: 'الرابط',
    approve: 'موافقة',
    reject: 'رفض',
    whenUnreadable: (p) =>
      `لم أفهم الوقت «${iso(p.value)}». جرّب «غدًا ${iso(9)} صباحًا» أو «الخميس القادم ${iso('10:00')}» أو «بعد ساعتين» أو ${iso('2026-12-01 09:00')}.`,
    whenNoTime: `اذكر الساعة أيضًا، مثل «غدًا ${iso(9)} صباحًا».`,
    whenPast: (p) => `${iso(p.local)} (${iso(p.zone)}) في الماضي. اختر وقتًا لاحقًا.`,
    whenGap: (p) =>
      `الوقت ${iso(p.local)} غير موجود في ${iso(p.zone)}: تُقدَّم الساعة في التوقيت الصيفي. اختر وقتًا خارج هذه الفجوة.`,
    whenTooFar: (p) => `هذا الموعد بعد أكثر من سنتين من الآن. يمكن جدولة المنشورات حتى ${p.limit}؛ اختر موعدًا أقرب.`,
    whenBadOffset: (p) =>
      `${iso(p.offset)} ليس فرق توقيت حقيقيًا عن UTC: يتراوح الفرق بين ${iso('-12:00')} و${iso('+14:00')}. احذفه لتُستخدم المنطقة الزمنية لمساحة العمل.`,
    needsMedia: (p) => `${iso(p.channel)} يحتاج صورة أو فيديو: أضف media:https://… أو أرفق الملف بالرسالة.`,
    needsVideo: (p) => `${iso(p.channel)} يحتاج رابط فيديو (media:https://…/video.mp4).`,
    imagesOnly: (p) => `${iso(p.channel)} يقبل هنا الصور لا الفيديو: استخدم صورة JPEG أو PNG أو GIF.`,
    videosOnly: (p) => `${iso(p.channel)} يقبل الفيديو لا الصور: استخدم ملف MP4 أو MOV.`,
    imagesAndDocuments: (p) =>
      `يقبل ${iso(p.channel)} هنا الصور ومستندات PDF لا الفيديو: استخدم صورة JPEG أو PNG أو GIF، أو ملف PDF.`,
    noDocuments: (p) => `لا ينشر ${iso(p.channel)} مستندات PDF، وينشرها ${iso(p.publisher)}.`,
    needsTitle: (p) =>
      p.subject ? 'Mailchimp يحتاج موضوعًا: أضف title:"…".' : `${iso(p.channel)} يحتاج عنوانًا: أضف title:"…".`,
    needsText: (p) => `${iso(p.channel)} يحتاج نصًا: أضف text:"…" أو اكتبه بعد " | ".`,
    tooLong: (p) => `طول ${p.what} ${count(p.got, 'character', 'ar')}، والحد ${formatNumber(p.max, 'ar')}.`,
    tooLongPart: (p) =>
      `طول المنشور ${iso(p.part)} من السلسلة ${count(p.got, 'character', 'ar')} بحسب طريقة عدّ الشبكة، والحد ${formatNumber(p.max, 'ar')}.`,
    threadHint: 'لنشره سلسلةً من المنشورات، ضع في نهاية كل منشور سطرًا لا يحوي إلا ---.',
    tooManyParts: (p) => `يمكن أن تضم السلسلة ${iso(p.max)} منشورًا على الأكثر؛ وهذه فيها ${iso(p.got)}.`,
    tooManyHashtags: (p) => `${p.channel} يسمح بـ${count(p.max, 'hashtag', 'ar')}؛ وهنا ${iso(p.got)}.`,
    notQuarterHour: (p) =>
      `يرسل Mailchimp فقط عند أرباع الساعة (:00 و:15 و:30 و:45 بتوقيت UTC). أقرب موعد ${iso(p.suggestion)}.`,
    noFirstComment: (p) => `لا تأخذ منشورات ${iso(p.channel)} تعليقًا أول: إنستغرام وحده ينشره بعد المنشور مباشرة.`,
    firstComment: 'التعليق الأول',
    previewText: 'نص المعاينة',
    listTitle: 'المنشورات المجدولة في الأيام الأربعة عشر القادمة',
    listEmpty: `لا شيء مجدول في الأيام الأربعة عشر القادمة. جرّب ${iso('/schedule instagram')} غدًا 9 صباحًا ${iso('media:https://…')} | نص المنشور`,
    needsAttention: 'يحتاج إلى متابعة',
    attentionHow: (p) =>
      `يبقى المنشور الذي فشل هنا حتى تعيد محاولة نشره (${iso(`/schedule retry ${p.id}`)}) أو تستبعده (${iso(`/schedule cancel ${p.id}`)})؛ أما المنشور غير المعروفة نتيجته فيُحسم بالأمر /schedule resolve متبوعًا برقمه.`,
    retry: (p) => `إعادة المحاولة #${iso(p.id)}`,
    zoneNote: (p) =>
      `الأوقات بتوقيت ${iso(p.zone)}. الأمر ${iso(`/schedule show ${p.id}`)} يعرض المنشور ${iso(`#${p.id}`)} كاملًا (وأي منشور برقمه).`,
    s_pending: 'مجدول',
    s_awaiting_approval: 'بانتظار الموافقة',
    s_publishing: 'قيد النشر',
    s_published: 'منشور',
    s_failed: 'فشل',
    s_cancelled: 'ملغى',
    s_unknown: 'النتيجة غير معروفة',
    w_caption: 'التعليق',
    w_title: 'العنوان',
    w_subject: 'الموضوع',
    w_text: 'النص',
    w_description: 'الوصف',
  },
);

type T = (typeof m)['en'];

/** The network's name as the reader says it («يوتيوب»), or the stored value for a channel this version does not know. */
export const channelName = (c: string, v: Pick<Viewer, 'locale'>): string =>
  // A reminder is not a network (and not a metrics channel): its name is this catalog's.
  c === 'reminder' ? m[v.locale].reminder : isoIn(channelLabel(c, v.locale), v.locale);

/** A post status in the reader's language ("awaiting approval"), or as stored when unknown. */
export function statusName(status: string, v: Viewer): string {
  const t = v.t(m);
  const value = t[`s_${status}` as keyof T];
  return typeof value === 'string' ? value : status;
}

/** Approve and Reject, under a post that waits for a manager. */
export function approvalButtons(id: number, v: Viewer): Action[] {
  const t = v.t(m);
  return [
    { id: 'schedule.approve', label: t.approve, payload: String(id), style: 'primary' },
    { id: 'schedule.reject', label: t.reject, payload: String(id), style: 'danger' },
  ];
}

/** Retry, under a failed post: it goes back in the queue (SchedulerService.retry). */
export function retryButton(id: number, v: Viewer): Action {
  return retryAction(id, v.t(m).retry({ id }));
}

/** Buttons a list shows at most, so a long list of failures stays one message. */
const MAX_RETRY_BUTTONS = 5;

/** A post's card: its fields, then its text. */
export function postDetails(post: ScheduledPost, v: Viewer): Block[] {
  const t = v.t(m);
  const rows = [
    { label: t.post, value: iso(`#${post.id}`) },
    { label: t.channel, value: channelName(post.channel, v) },
    ...(post.accountId ? [{ label: t.account, value: iso(post.accountId) }] : []),
    { label: t.status, value: statusName(post.status, v) },
    { label: t.local, value: iso(`${localTime(post.publishAt, v.timezone, v.locale)} (${v.timezone})`) },
    // The label says UTC; in Arabic the figure alone is marked, so it takes the workspace's digits.
    { label: t.utc, value: dateFigure(post.publishAt, 'UTC', v.locale, 'moment') },
  ];
  if (post.title) rows.push({ label: t.title, value: post.title });
  for (const item of mediaOf(post)) rows.push({ label: t.media, value: mediaLine(item, v) });
  const { firstComment, previewText } = postOptions(post);
  if (previewText) rows.push({ label: t.previewText, value: previewText });
  if (firstComment) rows.push({ label: t.firstComment, value: firstComment });
  if (post.attempts > 0) rows.push({ label: t.attempts, value: iso(post.attempts) });
  if (post.lastError) rows.push({ label: t.lastError, value: reasonText(post.lastError, v.locale) });
  if (post.url) rows.push({ label: t.link, value: iso(post.url) });
  return [fields(rows), ...(post.content ? [text(post.content)] : [])];
}

/**
 * The calendar of /schedule list, from SchedulerService.window: posts that need a person first
 * (failed, with the reason and a Retry button; outcome unknown; still awaiting approval past its
 * time), then one list per local day.
 */
export function calendar(posts: readonly ScheduledPost[], now: Date, v: Viewer): Reply {
  const t = v.t(m);
  const zone = v.timezone;
  if (posts.length === 0) return reply(t.listTitle, [text(t.listEmpty)]);
  // The account shows when the post records one: with several pages connected, which one matters.
  const where = (p: ScheduledPost) =>
    p.accountId ? `${channelName(p.channel, v)} ${iso(p.accountId)}` : channelName(p.channel, v);
  const time = (d: Date) => iso(formatLocal(d, zone).slice(11));
  // A post the network refused for now (a limit, media still processing) waits: when, and why.
  const retrying = (p: ScheduledPost) => {
    if (p.status !== 'pending' || !p.nextAttemptAt || !p.lastError) return '';
    const at = p.nextAttemptAt;
    const when =
      localDay(at, zone) === localDay(p.publishAt, zone)
        ? time(at)
        : `${dateFigure(at, zone, v.locale, 'day')} ${time(at)}`;
    return ` · ${t.nextAttempt({ when })}: ${preview(reasonText(p.lastError, v.locale), 200)}`;
  };
  const line = (p: ScheduledPost) =>
    `${time(p.publishAt)} · ${iso(`#${p.id}`)} ${where(p)} · ${statusName(p.status, v)} · ${preview(p.content || p.title || '', 60)}${retrying(p)}`;
  const blocks: Block[] = [];
  const attention = posts.filter(
    (p) => p.status === 'failed' || p.status === 'unknown' || (p.publishAt < now && p.status === 'awaiting_approval'),
  );
  if (attention.length > 0) {
    // The reason is what someone needs to decide between retrying and dismissing.
    const why = (p: ScheduledPost) =>
      (p.status === 'failed' || p.status === 'unknown') && p.lastError
        ? ` · ${preview(reasonText(p.lastError, v.locale), 200)}`
        : '';
    const failed = attention.filter((p) => p.status === 'failed').slice(0, MAX_RETRY_BUTTONS);
    blocks.push(
      text(t.needsAttention),
      list(attention.map((p) => `${dateFigure(p.publishAt, zone, v.locale, 'day')} · ${line(p)}${why(p)}`)),
      context(t.attentionHow({ id: (failed[0] ?? (attention[0] as ScheduledPost)).id })),
      ...(failed.length > 0 ? [actions(failed.map((p) => retryButton(p.id, v)))] : []),
    );
  }
  const days = new Map<string, ScheduledPost[]>();
  for (const p of posts) {
    if (attention.includes(p)) continue;
    const day = localDay(p.publishAt, zone);
    days.set(day, [...(days.get(day) ?? []), p]);
  }
  for (const [, dayPosts] of days) {
    const first = dayPosts[0] as ScheduledPost;
    blocks.push(text(dateFigure(first.publishAt, zone, v.locale, 'day')), list(dayPosts.map(line)));
  }
  blocks.push(context(t.zoneNote({ zone, id: (posts[0] as ScheduledPost).id })));
  return reply(t.listTitle, blocks);
}

/** Why a typed time was refused (`value` as typed, read in the viewer's zone). */
export function whenProblemText(p: WhenProblem, value: string, v: Viewer): string {
  const t = v.t(m);
  const zone = v.timezone;
  switch (p.kind) {
    case 'unreadable':
      return t.whenUnreadable({ value });
    case 'noTime':
      return t.whenNoTime;
    case 'past':
      return t.whenPast({ local: p.local, zone });
    case 'dstGap':
      return t.whenGap({ local: p.local, zone: p.zone });
    case 'tooFar':
      return t.whenTooFar({ limit: dayFigure(p.limit, v.locale) });
    case 'badOffset':
      return t.whenBadOffset({ offset: p.offset });
  }
}

/** The channel rules a draft breaks (checkRules), one line each. */
export function ruleProblemsText(problems: readonly RuleProblem[], d: Draft, v: Viewer): string {
  return problems.map((p) => ruleProblemText(p, d, v)).join('\n');
}

function ruleProblemText(p: RuleProblem, d: Draft, v: Viewer): string {
  const t = v.t(m);
  switch (p.kind) {
    case 'needsMedia':
      return t.needsMedia({ channel: channelName(p.channel, v) });
    case 'needsVideo':
      return t.needsVideo({ channel: channelName(p.channel, v) });
    case 'mediaKind': {
      const channel = channelName(p.channel, v);
      if (p.got === 'document') return t.noDocuments({ channel, publisher: channelName('linkedin', v) });
      if (p.takes.includes('document')) return t.imagesAndDocuments({ channel });
      return p.takes.includes('image') ? t.imagesOnly({ channel }) : t.videosOnly({ channel });
    }
    case 'needsTitle':
      return t.needsTitle({ channel: channelName(p.channel, v), subject: p.channel === 'mailchimp' });
    case 'needsText':
      return t.needsText({ channel: channelName(p.channel, v) });
    case 'tooLong': {
      if (p.part !== undefined) return t.tooLongPart({ max: p.max, got: p.got, part: p.part });
      const line = t.tooLong({ what: t[`w_${p.what}`], max: p.max, got: p.got });
      return p.threadable ? `${line} ${t.threadHint}` : line;
    }
    case 'tooManyParts':
      return t.tooManyParts({ max: p.max, got: p.got });
    case 'tooManyHashtags':
      return t.tooManyHashtags({ channel: channelName(p.channel, v), max: p.max, got: p.got });
    case 'noFirstComment':
      return t.noFirstComment({ channel: channelName(p.channel, v) });
    case 'file':
      return fileProblemText(p.file, channelName(p.file.channel, v), v);
    case 'notQuarterHour': {
      const next = nextQuarterHour(d.publishAt);
      return t.notQuarterHour({ suggestion: `${formatLocal(next, v.timezone)} (${v.timezone})` });
    }
  }
}

/**
 * A pasted link as it was; a file from chat by its name, type and picture size ("cup.jpg · JPEG ·
 * 1080×1350"), or a PDF's page count ("deck.pdf · PDF · 12 pages").
 */
function mediaLine(item: MediaItem, v: Viewer): string {
  const f = item.file;
  if (!f) return iso(item.url);
  const facts = iso(
    [f.name, typeName(f.mime), f.width && f.height ? `${f.width}×${f.height}` : undefined].filter(Boolean).join(' · '),
  );
  return f.pages ? `${facts} · ${count(f.pages, PAGE, v.locale)}` : facts;
}
