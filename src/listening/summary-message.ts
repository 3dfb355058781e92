/**
 * The review summary: the review-tier comments of one workspace (likely negative, or questions
 * waiting for an answer) collected into one message every Workspace.reviewSummaryMinutes. Each
 * comment is listed with its number, where and who, the text, and the same actions as an alert
 * (Handled, Assign to me, Draft reply, Not negative; Ignore for a question). A press re-renders the
 * summary in place with that comment's new state. Urgent comments never wait for it: they are
 * posted at once by alert-message.ts.
 */
import type { Comment } from '@prisma/client';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { type Action, actions, type Block, context, type Reply, reply, text } from '../core/reply.js';
import { count } from '../lib/plural.js';
import { type AlertView, alertMessages, formatWhen, platformName, stateNotes, truncate } from './alert-message.js';

export const summaryMessages = defineMessages(
  'review-summary',
  {
    title: (p: { n: number }) => `${count(p.n, 'comment', 'en')} to review`,
    negative: 'likely negative',
    question: 'question waiting for a reply',
    item: (p: { id: number; platform: string; author: string; when: string; why: string }) =>
      `#${p.id} · ${p.platform} · ${p.author} · ${p.when} · ${p.why}`,
    footer: (p: { minutes: number }) =>
      `Not urgent, so collected here every ${count(p.minutes, 'minute', 'en')}; urgent comments are posted at once. Change the interval with /config review-minutes followed by a number of minutes, or act on a comment with /alerts.`,
    more: (p: { n: number }) => `…and ${count(p.n, 'comment', 'en')} more in the next summary.`,
  },
  {
    title: (p) => `${count(p.n, 'comment', 'ar')} للمراجعة`,
    negative: 'سلبي على الأرجح',
    question: 'سؤال ينتظر ردًا',
    item: (p) => `#${iso(p.id)} · ${iso(p.platform)} · ${iso(p.author)} · ${iso(p.when)} · ${p.why}`,
    footer: (p) =>
      `غير عاجلة، لذا تُجمع هنا كل ${count(p.minutes, 'minute', 'ar')}؛ التعليقات العاجلة تُنشر فورًا. غيّر المدة بالأمر ${iso('/config review-minutes')} متبوعًا بعدد الدقائق، أو تصرّف في تعليق بالأمر ${iso('/alerts')}.`,
    more: (p) => `…و${count(p.n, 'comment', 'ar')} أخرى في الملخص التالي.`,
  },
);

export interface SummaryItem {
  comment: Comment;
  /** Complaint kind found by the classifier (re-derived, not stored). */
  complaint?: string | undefined;
  /** The latest "Not negative" / "Correct" press on it. */
  feedback?: AlertView['feedback'];
  /** Extra lines under this comment: who just acted. */
  notes?: string[];
}

export interface SummaryView {
  items: SummaryItem[];
  locale: Locale;
  timezone: string;
  /** The workspace's interval, named in the footer. */
  minutes: number;
  /** Review comments left for the next summary (more than one message holds). */
  more?: number;
  replaceOriginal?: boolean;
}

/** Buttons of a summary carry ".s" after the comment id: a press re-renders the summary, not one alert. */
export const SUMMARY_PAYLOAD = /^(\d{1,10})\.s$/;
export const summaryPayload = (id: number) => `${id}.s`;

/** The actions of a comment in a summary: those of an alert, "Not negative" only on negative ones. */
export function summaryActions(c: Comment): string[] {
  const pendingDraft = Boolean(c.replyDraft && !c.repliedAt);
  const first = pendingDraft ? ['send', 'handle', 'assign'] : ['handle', 'assign', 'draft'];
  return [...first, c.sentiment === 'negative' ? 'notnegative' : 'ignore'];
}

export function renderReviewSummary(v: SummaryView): Reply {
  const t = summaryMessages[v.locale];
  const a = alertMessages[v.locale];
  const blocks: Block[] = [];
  for (const item of v.items) {
    const c = item.comment;
    const why = c.sentiment === 'negative' ? [t.negative, a.score({ score: (c.score ?? 0).toFixed(2) })] : [t.question];
    if (item.complaint) {
      const kind = a[`kind_${item.complaint}` as keyof typeof a];
      if (typeof kind === 'string') why.push(a.complaint({ kind }));
    }
    blocks.push(
      text(
        t.item({
          id: c.id,
          platform: platformName(c.provider, v.locale),
          author: c.author ?? a.unknownAuthor,
          when: formatWhen(c.createdAt, v.timezone, v.locale),
          why: why.join(' · '),
        }),
      ),
      text(`> ${truncate(c.text, 300).replace(/\n/g, '\n> ')}`),
    );
    const view: AlertView = { comment: c, locale: v.locale, timezone: v.timezone, feedback: item.feedback };
    for (const note of [...stateNotes(view), ...(item.notes ?? [])]) blocks.push(context(note));
    if (c.replyDraft && !c.repliedAt) blocks.push(context(`${a.send}: ${truncate(c.replyDraft, 300)}`));
    if (c.status === 'new' || c.status === 'escalated') {
      const buttons: Action[] = summaryActions(c).map((id, i) => ({
        id: `alerts.${id}`,
        label: a[id as keyof typeof a] as string,
        payload: summaryPayload(c.id),
        ...(i === 0 ? { style: 'primary' as const } : {}),
      }));
      blocks.push(actions(buttons));
    }
  }
  if (v.more) blocks.push(context(t.more({ n: v.more })));
  blocks.push(context(t.footer({ minutes: v.minutes })));
  return reply(t.title({ n: v.items.length }), blocks, {
    tone: 'info',
    ...(v.replaceOriginal ? { replaceOriginal: true } : {}),
    ...(v.locale === 'ar' ? { rtl: true } : {}),
  });
}
