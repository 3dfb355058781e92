/**
 * How an alert about a comment looks, posted by the pipeline and re-rendered in place when someone
 * acts on it (same document, new state line). Shared by the pipeline, the escalation job and
 * /alerts, so the three never drift apart.
 */
import type { Comment } from '@prisma/client';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { actions, context, fields, type Reply, reply, text } from '../core/reply.js';
import { count } from '../lib/plural.js';
import { dateText } from '../lib/when.js';
import { channelLabel } from '../reporting/channel-names.js';

/** A time limit as people say it: whole hours in hours (2 hours), anything else in minutes. */
const duration = (minutes: number, locale: Locale) =>
  minutes % 60 === 0 ? count(minutes / 60, 'hour', locale) : count(minutes, 'minute', locale);

export const alertMessages = defineMessages(
  'alerts',
  {
    negativeTitle: (p: { platform: string }) => `Negative comment on ${p.platform}`,
    questionTitle: (p: { platform: string }) => `Comment waiting for a reply on ${p.platform}`,
    escalatedTitle: (p: { platform: string; minutes: number }) =>
      `Escalated: nobody acted on this ${p.platform} comment within ${count(p.minutes, 'minute', 'en')}`,
    escalatedAssignedTitle: (p: { platform: string; who: string; minutes: number }) =>
      `Escalated: ${p.who} took this ${p.platform} comment and it is still open after ${duration(p.minutes, 'en')}`,
    reminderTitle: (p: { id: number; platform: string; minutes: number }) =>
      `Reminder: alert #${p.id} on ${p.platform} is still unanswered after ${duration(p.minutes, 'en')}`,
    reminderNote: (p: { id: number }) =>
      `It is assigned to you. Reply, or close it with /alerts handle ${p.id}; you are reminded once a day while it stays open.`,
    author: 'Author',
    platform: 'Platform',
    language: 'Language',
    severity: 'Severity',
    link: 'Link',
    noLink: 'no link',
    unknownAuthor: 'unknown',
    high: 'high',
    medium: 'medium',
    low: 'low (needs reply)',
    langAr: 'Arabic',
    langArabizi: 'Arabic (Latin letters)',
    langEn: 'English',
    langOther: 'other',
    score: (p: { score: string }) => `score ${p.score}`,
    complaint: (p: { kind: string }) => `complaint: ${p.kind}`,
    kind_delivery: 'late delivery',
    kind_refund: 'refund',
    kind_broken: 'broken or wrong product',
    kind_service: 'service',
    kind_scam: 'scam accusation',
    kind_sarcasm: 'sarcasm',
    handle: 'Handled',
    assign: 'Assign to me',
    draft: 'Draft reply',
    ignore: 'Ignore',
    handledBy: (p: { who: string; when: string }) => `✔ Handled by ${p.who} at ${p.when}.`,
    ignoredBy: (p: { who: string; when: string }) => `Ignored by ${p.who} at ${p.when}.`,
    assignedTo: (p: { who: string }) => `Assigned to ${p.who}.`,
    assignedAt: (p: { who: string; when: string }) => `${p.who} took this at ${p.when}.`,
    draftBy: (p: { who: string; when: string }) => `Reply drafted for ${p.who} at ${p.when}:`,
    draftNote: 'Press Send reply to post it under the comment, or Edit reply to change it first.',
    send: 'Send reply',
    edit: 'Edit reply',
    repliedBy: (p: { who: string; when: string }) => `↩ Reply posted under the comment by ${p.who} at ${p.when}:`,
    replyPending: (p: { who: string; when: string }) =>
      `Reply sent by ${p.who} at ${p.when}; the platform has not confirmed it (yet). Check the comment before sending again.`,
    escalatedAt: (p: { when: string }) => `Escalated at ${p.when}.`,
    notnegative: 'Not negative',
    correct: 'Correct',
    notNegativeBy: (p: { who: string; when: string }) =>
      `Marked not negative by ${p.who} at ${p.when}: the alert is closed, and comments like it will count as less negative here.`,
    correctBy: (p: { who: string; when: string }) => `Confirmed negative by ${p.who} at ${p.when}.`,
  },
  {
    negativeTitle: (p) => `تعليق سلبي على ${iso(p.platform)}`,
    questionTitle: (p) => `تعليق ينتظر ردًا على ${iso(p.platform)}`,
    escalatedTitle: (p) => `تصعيد: لم يتعامل أحد مع تعليق ${iso(p.platform)} خلال ${count(p.minutes, 'minute', 'ar')}`,
    escalatedAssignedTitle: (p) =>
      `تصعيد: تولّى ${iso(p.who)} تعليق ${iso(p.platform)} وما زال مفتوحًا بعد ${duration(p.minutes, 'ar')}`,
    reminderTitle: (p) =>
      `تذكير: التنبيه رقم ${iso(p.id)} على ${iso(p.platform)} ما زال بلا رد بعد ${duration(p.minutes, 'ar')}`,
    reminderNote: (p) =>
      `هذا التنبيه مُسند إليك. رُدّ عليه أو أغلقه بالأمر ${iso(`/alerts handle ${p.id}`)}؛ وسنذكّرك به مرة كل يوم ما دام مفتوحًا.`,
    author: 'الكاتب',
    platform: 'المنصة',
    language: 'اللغة',
    severity: 'الخطورة',
    link: 'الرابط',
    noLink: 'لا يوجد رابط',
    unknownAuthor: 'غير معروف',
    high: 'عالية',
    medium: 'متوسطة',
    low: 'منخفضة (يحتاج ردًا)',
    langAr: 'العربية',
    langArabizi: 'العربية (بحروف لاتينية)',
    langEn: 'الإنجليزية',
    langOther: 'أخرى',
    score: (p) => `الدرجة ${iso(p.score)}`,
    complaint: (p) => `الشكوى: ${p.kind}`,
    kind_delivery: 'تأخر التوصيل',
    kind_refund: 'استرجاع المبلغ',
    kind_broken: 'منتج تالف أو خاطئ',
    kind_service: 'الخدمة',
    kind_scam: 'اتهام بالاحتيال',
    kind_sarcasm: 'سخرية',
    handle: 'تمت المعالجة',
    assign: 'أسندها إليّ',
    draft: 'اقترح ردًا',
    ignore: 'تجاهل',
    handledBy: (p) => `✔ عالجها ${iso(p.who)} في ${iso(p.when)}.`,
    ignoredBy: (p) => `تجاهلها ${iso(p.who)} في ${iso(p.when)}.`,
    assignedTo: (p) => `أُسندت إلى ${iso(p.who)}.`,
    assignedAt: (p) => `تولّاها ${iso(p.who)} في ${iso(p.when)}.`,
    draftBy: (p) => `رد مقترح طلبه ${iso(p.who)} في ${iso(p.when)}:`,
    draftNote: 'اضغط «أرسل الرد» لنشره تحت التعليق، أو «عدّل الرد» لتغييره أولًا.',
    send: 'أرسل الرد',
    edit: 'عدّل الرد',
    repliedBy: (p) => `↩ نشر ${iso(p.who)} الرد تحت التعليق في ${iso(p.when)}:`,
    replyPending: (p) =>
      `أرسل ${iso(p.who)} الرد في ${iso(p.when)} ولم تؤكده المنصة (بعد). تحقّق من التعليق قبل الإرسال مرة أخرى.`,
    escalatedAt: (p) => `صُعّدت في ${iso(p.when)}.`,
    notnegative: 'ليس سلبيًا',
    correct: 'صحيح',
    notNegativeBy: (p) =>
      `وسمه ${iso(p.who)} بأنه ليس سلبيًا في ${iso(p.when)}: أُغلق التنبيه، وستُعدّ التعليقات المشابهة هنا أقل سلبية.`,
    correctBy: (p) => `أكّد ${iso(p.who)} أنه سلبي في ${iso(p.when)}.`,
  },
);

export type Severity = 'high' | 'medium' | 'low';

/** Open: raised and neither handled nor ignored (escalated alerts are still open). */
export const isOpen = (c: Pick<Comment, 'status'>): boolean => c.status === 'new' || c.status === 'escalated';

/** Scam and refund threats hurt the brand fastest; questions only need an answer. */
export function severityOf(c: Pick<Comment, 'sentiment' | 'score' | 'isQuestion'>, complaint?: string): Severity {
  if (c.sentiment !== 'negative') return 'low';
  if ((c.score ?? 0) <= -0.7 || complaint === 'scam' || complaint === 'refund') return 'high';
  return 'medium';
}

/** Keeps an alert readable: at most `max` characters, cut at a word boundary, with a visible "…". */
export function truncate(s: string, max = 500): string {
  const chars = [...s.trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The network as the reader says it («إنستغرام»), from the one channel-name table. */
export const platformName = (p: string, locale: Locale) => channelLabel(p, locale);

/** "26 Nov, 12:05 UTC+3" in the workspace's zone, for a catalog entry that marks it as a figure. */
export function formatWhen(date: Date, zone: string, locale: Locale): string {
  return dateText(date, zone, locale, 'short');
}

export interface AlertView {
  comment: Comment;
  locale: Locale;
  timezone: string;
  /** Complaint kind found by the classifier (not stored; re-derived when re-rendering). */
  complaint?: string | undefined;
  arabizi?: boolean;
  escalationMinutes?: number;
  /** The latest "Not negative" / "Correct" press on this comment, if any. */
  feedback?: { label: string; byUser: string; at: Date } | undefined;
  /** The assignee's name (Comment.assignedTo holds their platform id); the id itself when unknown. */
  assignee?: string | undefined;
  /** Extra lines under the alert: who acted and when. */
  notes?: string[];
  replaceOriginal?: boolean;
}

export const ALERT_ACTIONS = ['handle', 'assign', 'draft', 'ignore'] as const;
/** On negative alerts, in their own row: they teach the classifier this brand's comments. */
export const FEEDBACK_ACTIONS = ['notnegative', 'correct'] as const;
/**
 * Shown once a reply is drafted and not yet sent, in a row of their own after the others, so the
 * numbers the console gives the other buttons never move when a draft appears.
 */
export const REPLY_ACTIONS = ['send', 'edit'] as const;

export function renderAlert(v: AlertView): Reply {
  const t = alertMessages[v.locale];
  const c = v.comment;
  const platform = platformName(c.provider, v.locale);
  const severity = severityOf(c, v.complaint);
  const title =
    v.escalationMinutes !== undefined
      ? t.escalatedTitle({ platform, minutes: v.escalationMinutes })
      : c.sentiment === 'negative'
        ? t.negativeTitle({ platform })
        : t.questionTitle({ platform });
  const lang =
    c.language === 'ar' ? (v.arabizi ? t.langArabizi : t.langAr) : c.language === 'en' ? t.langEn : t.langOther;
  const severityText = [t[severity], t.score({ score: (c.score ?? 0).toFixed(2) })];
  if (v.complaint) {
    const kind = t[`kind_${v.complaint}` as keyof typeof t];
    if (typeof kind === 'string') severityText.push(t.complaint({ kind }));
  }
  const open = isOpen(c);
  // A closed alert's unsent draft will not be sent: it and its "Press Send reply" go with the buttons.
  const pendingDraft = open && c.replyDraft && !c.repliedAt ? c.replyDraft : undefined;
  const primary = pendingDraft ? 'send' : 'handle';
  const row = (ids: readonly (typeof ALERT_ACTIONS | typeof FEEDBACK_ACTIONS | typeof REPLY_ACTIONS)[number][]) =>
    actions(
      ids.map((id) => ({
        id: `alerts.${id}`,
        label: t[id],
        payload: String(c.id),
        ...(id === primary ? { style: 'primary' as const } : {}),
      })),
    );
  const blocks = [
    text(`> ${truncate(c.text).replace(/\n/g, '\n> ')}`),
    fields([
      { label: t.author, value: c.author ? iso(c.author) : t.unknownAuthor },
      { label: t.platform, value: iso(platform) },
      { label: t.language, value: lang },
      { label: t.severity, value: severityText.join(' · ') },
      { label: t.link, value: c.url ? iso(c.url) : t.noLink },
    ]),
  ];
  for (const note of stateNotes(v)) blocks.push(context(note));
  for (const note of v.notes ?? []) blocks.push(context(note));
  if (pendingDraft) blocks.push(text(pendingDraft), context(t.draftNote));
  else if (c.repliedAt && c.repliedBy) {
    const when = formatWhen(c.repliedAt, v.timezone, v.locale);
    if (c.replyId) blocks.push(context(t.repliedBy({ who: c.repliedBy, when })), text(c.replyDraft ?? ''));
    else blocks.push(context(t.replyPending({ who: c.repliedBy, when })));
  }
  if (open) blocks.push(row(ALERT_ACTIONS));
  // Questions are not judged negative or not: there is nothing to correct on them.
  if (open && c.sentiment === 'negative') blocks.push(row(FEEDBACK_ACTIONS));
  if (pendingDraft) blocks.push(row(REPLY_ACTIONS));
  return reply(title, blocks, {
    tone: severity === 'low' ? 'info' : 'warning',
    ...(v.replaceOriginal ? { replaceOriginal: true } : {}),
    ...(v.locale === 'ar' ? { rtl: true } : {}),
  });
}

/** The state the comment is in, from the stored columns (so a re-render after a restart is the same). */
export function stateNotes(v: AlertView): string[] {
  const t = alertMessages[v.locale];
  const c = v.comment;
  const when = (d: Date) => formatWhen(d, v.timezone, v.locale);
  const out: string[] = [];
  if (c.escalatedAt && v.escalationMinutes === undefined) out.push(t.escalatedAt({ when: when(c.escalatedAt) }));
  if (c.assignedTo && isOpen(c)) out.push(t.assignedTo({ who: v.assignee ?? c.assignedTo }));
  if (c.status === 'handled' && c.handledBy && c.handledAt) {
    out.push(t.handledBy({ who: c.handledBy, when: when(c.handledAt) }));
  }
  const falseAlarm = v.feedback?.label === 'not-negative';
  if (c.status === 'ignored' && c.handledBy && c.handledAt && !falseAlarm) {
    out.push(t.ignoredBy({ who: c.handledBy, when: when(c.handledAt) }));
  }
  if (v.feedback) {
    const p = { who: v.feedback.byUser, when: when(v.feedback.at) };
    out.push(falseAlarm ? t.notNegativeBy(p) : t.correctBy(p));
  }
  return out;
}
