/**
 * The social media manager's part of the weekly digest, from what the Comment table records: the
 * alerts the week raised (urgent at once, review in the summaries), how many were handled and how
 * fast (median from the comment's arrival to "Handled"), replies sent through the bot, escalations,
 * and what is still open now with the oldest of it. Nothing here is estimated: a comment handled
 * without the bot (a reply typed in the network's own app) counts only once someone presses Handled.
 */
import type { Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import { defineMessages, formatNumber, iso, type Locale } from '../../core/i18n.js';
import type { Db } from '../../db/client.js';
import { arrow, formatChange, naText } from '../../lib/format.js';
import type { DateRange } from '../../lib/periods.js';
import { count } from '../../lib/plural.js';
import { openAlertsOf } from '../../listening/comments.js';
import { channelLabel } from '../channel-names.js';
import { change } from '../kpi.js';

/** How much of the oldest open comment is quoted. */
const QUOTE_CHARS = 80;

const m = defineMessages(
  'digest-social',
  {
    raised: (p: { urgent: string; review: string; total: string; before: string }) =>
      `Alerts this week: urgent ${p.urgent}, to review ${p.review} (${p.total} in all, against ${p.before} the week before).`,
    noneRaised: 'No comment raised an alert this week.',
    handled: (p: { handled: string; total: string; median: string; replies: string }) =>
      `Handled: ${p.handled} of ${p.total}, median time to handle ${p.median}; replies sent through the bot: ${p.replies}.`,
    noneHandled: (p: { total: string }) => `None of this week's ${p.total} alerts has been handled yet.`,
    escalated: (p: { n: string }) => `Escalated to the managers: ${p.n}.`,
    open: (p: { alerts: string; questions: string }) =>
      `Now: ${p.alerts}; questions among them waiting for an answer: ${p.questions} (/alerts).`,
    noneOpen: 'No alert is open now: every one has been handled.',
    oldest: (p: { author: string; network: string; age: string; quote: string }) =>
      `Oldest unhandled: ${p.author} on ${p.network}, waiting ${p.age}: “${p.quote}”`,
    someone: 'someone',
    alertsWeek: 'Alerts this week',
    openNow: 'Open now',
    median: 'Median time to handle',
  },
  {
    raised: (p) =>
      `تنبيهات هذا الأسبوع: عاجلة ${p.urgent}، وللمراجعة ${p.review} (المجموع ${p.total} مقابل ${p.before} في الأسبوع السابق).`,
    noneRaised: 'لم يُثر أي تعليق تنبيهًا هذا الأسبوع.',
    handled: (p) =>
      `عولج ${p.handled} من ${p.total}، وكانت المدة الوسيطة حتى المعالجة ${p.median}؛ الردود المرسلة عبر البوت: ${p.replies}.`,
    noneHandled: (p) => `لم يُعالج بعد أي من تنبيهات هذا الأسبوع (${p.total}).`,
    escalated: (p) => `صُعّد إلى المديرين: ${p.n}.`,
    open: (p) => `الآن: ${p.alerts}؛ منها أسئلة تنتظر الرد: ${p.questions} (/alerts).`,
    noneOpen: 'لا تنبيه مفتوحًا الآن: عولجت كلها.',
    oldest: (p) => `أقدمها دون معالجة: ${iso(p.author)} على ${p.network}، ينتظر منذ ${p.age}: «${iso(p.quote)}»`,
    someone: 'شخص ما',
    alertsWeek: 'تنبيهات هذا الأسبوع',
    openNow: 'المفتوحة الآن',
    median: 'المدة الوسيطة حتى المعالجة',
  },
);

export interface SocialPart {
  lines: string[];
  /** The headline figures of the role's own digest. */
  fields: Array<{ label: string; value: string }>;
}

/** A wait as people say it: minutes under 90, hours under two days, then days. */
export function elapsed(ms: number, locale: Locale): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return count(minutes, 'minute', locale);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return count(hours, 'hour', locale);
  return count(Math.round(hours / 24), 'day', locale);
}

/** The instants a range of local dates covers in the workspace's time zone. */
function instants(r: DateRange, zone: string): { gte: Date; lt: Date } {
  const start = DateTime.fromISO(r.from, { zone }).startOf('day');
  const end = DateTime.fromISO(r.to, { zone }).plus({ days: 1 }).startOf('day');
  return { gte: start.toJSDate(), lt: end.toJSDate() };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function socialPart(
  db: Db,
  ws: Workspace,
  week: DateRange,
  previous: DateRange,
  now: Date,
  locale: Locale,
): Promise<SocialPart> {
  const t = m[locale];
  const n = (x: number) => formatNumber(x, locale);
  const raisedIn = (r: DateRange) => ({
    workspaceId: ws.id,
    alertTier: { not: null },
    createdAt: instants(r, ws.timezone),
  });
  const [alerts, before, escalated, open, questions, oldest] = await Promise.all([
    db.comment.findMany({
      where: raisedIn(week),
      select: { alertTier: true, status: true, createdAt: true, handledAt: true, repliedAt: true },
    }),
    db.comment.count({ where: raisedIn(previous) }),
    db.comment.count({ where: { workspaceId: ws.id, escalatedAt: instants(week, ws.timezone) } }),
    db.comment.count({ where: openAlertsOf(ws.id) }),
    db.comment.count({ where: { ...openAlertsOf(ws.id), isQuestion: true } }),
    db.comment.findFirst({ where: openAlertsOf(ws.id), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  ]);
  const lines: string[] = [];
  const total = alerts.length;
  if (total === 0) lines.push(t.noneRaised);
  else {
    lines.push(
      t.raised({
        urgent: n(alerts.filter((a) => a.alertTier === 'urgent').length),
        review: n(alerts.filter((a) => a.alertTier === 'review').length),
        total: n(total),
        before: n(before),
      }),
    );
  }
  // Time to handle runs from the comment's arrival: what the commenter waited, whatever the tier.
  const handled = alerts.filter((a) => a.status === 'handled' && a.handledAt);
  const mid = median(handled.map((a) => (a.handledAt as Date).getTime() - a.createdAt.getTime()));
  if (total > 0) {
    lines.push(
      mid === undefined
        ? t.noneHandled({ total: n(total) })
        : t.handled({
            handled: n(handled.length),
            total: n(total),
            median: elapsed(mid, locale),
            replies: n(alerts.filter((a) => a.repliedAt).length),
          }),
    );
  }
  if (escalated > 0) lines.push(t.escalated({ n: n(escalated) }));
  if (open === 0) lines.push(t.noneOpen);
  else {
    lines.push(t.open({ alerts: count(open, 'alert', locale), questions: n(questions) }));
    if (oldest) {
      const quote = oldest.text.replace(/\s+/g, ' ').trim();
      lines.push(
        t.oldest({
          author: oldest.author || t.someone,
          network: channelLabel(oldest.provider, locale),
          age: elapsed(now.getTime() - oldest.createdAt.getTime(), locale),
          quote: quote.length > QUOTE_CHARS ? `${quote.slice(0, QUOTE_CHARS - 1)}…` : quote,
        }),
      );
    }
  }
  const moved = change(total, before);
  return {
    lines,
    fields: [
      { label: t.alertsWeek, value: `${n(total)}  ${arrow(moved)} ${formatChange(moved, locale)}` },
      { label: t.openNow, value: n(open) },
      { label: t.median, value: mid === undefined ? naText(locale) : elapsed(mid, locale) },
    ],
  };
}
