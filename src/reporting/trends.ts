/**
 * /report trends: what rose and fell in the team's own data over the last 8 full weeks (Monday to
 * Sunday in the workspace time zone), per channel, by weekday, and in audience size. The evidence
 * for keeping or dropping a tactic.
 */

import { defineMessages, iso } from '../core/i18n.js';
import type { Viewer } from '../core/identity.js';
import { context, list, type Reply, reply, table, text } from '../core/reply.js';
import type { Db } from '../db/client.js';
import { arrow, formatChange, formatCount, formatMoney } from '../lib/format.js';
import { type DateRange, today } from '../lib/periods.js';
import { nounAfter } from '../lib/plural.js';
import { channelLabel } from './channel-names.js';
import { change, NA, type Ratio } from './kpi.js';

const m = defineMessages(
  'trends',
  {
    title: (p: { from: string; to: string }) => `Trends over 8 weeks: ${p.from} to ${p.to}`,
    noData: 'No metrics in the last 8 full weeks yet. Import some with mktbot import-metrics FILE.csv.',
    channel: 'Channel',
    first: 'Weeks 1-4',
    last: 'Weeks 5-8',
    trend: 'Trend',
    basis: (p: { what: string }) => `Compared by ${p.what}: the first four weeks against the last four.`,
    revenue: 'revenue',
    engagements: 'engagements',
    rising: (p: { names: string }) => `Rising: ${p.names}`,
    falling: (p: { names: string }) => `Falling: ${p.names}`,
    steady: 'No channel moved more than 10% either way.',
    weekdays: (p: { days: string; lift: string }) =>
      `Best days: ${p.days}, with ${p.lift} more conversions per day than the average day. Schedule key posts then.`,
    noWeekdays: 'Not enough conversions yet to tell which weekdays work best.',
    audience: (p: { channel: string; from: string; to: string; last: number; change: string }) =>
      `Audience on ${p.channel}: ${p.from} to ${p.to} ${nounAfter(p.last, 'follower', 'en')} (${p.change})`,
  },
  {
    title: (p) => `الاتجاهات خلال ${iso(8)} أسابيع: من ${iso(p.from)} إلى ${iso(p.to)}`,
    noData: `لا توجد مقاييس في آخر ${iso(8)} أسابيع كاملة بعد. استورد بعضها بالأمر ${iso('mktbot import-metrics FILE.csv')}.`,
    channel: 'القناة',
    first: `الأسابيع ${iso('1-4')}`,
    last: `الأسابيع ${iso('5-8')}`,
    trend: 'الاتجاه',
    basis: (p) => `المقارنة حسب ${p.what}: الأسابيع الأربعة الأولى مقابل الأربعة الأخيرة.`,
    revenue: 'الإيرادات',
    engagements: 'التفاعلات',
    rising: (p) => `في صعود: ${iso(p.names)}`,
    falling: (p) => `في هبوط: ${iso(p.names)}`,
    steady: `لم تتغير أي قناة بأكثر من ${iso('10%')} في أي اتجاه.`,
    weekdays: (p) =>
      `أفضل الأيام: ${p.days}، بتحويلات يومية أكثر بنسبة ${p.lift} من متوسط الأيام. جدول المنشورات المهمة فيها.`,
    noWeekdays: 'لا توجد تحويلات كافية بعد لمعرفة أفضل أيام الأسبوع.',
    audience: (p) =>
      `الجمهور على ${iso(p.channel)}: من ${p.from} إلى ${p.to} ${nounAfter(p.last, 'follower', 'ar')} (${p.change})`,
  },
);

/** A move smaller than this over the 8 weeks is steady, not a trend. */
const TREND_THRESHOLD = 0.1;

export function lastEightWeeks(now: Date, zone: string): DateRange {
  const end = today(now, zone).startOf('week').minus({ days: 1 });
  const start = end.minus({ days: 55 });
  return { from: start.toISODate() as string, to: end.toISODate() as string, days: 56 };
}

export async function trendsReply(ctx: Viewer, db: Db): Promise<Reply> {
  const t = ctx.t(m);
  const range = lastEightWeeks(ctx.now(), ctx.timezone);
  const rows = await db.metricDaily.groupBy({
    by: ['date', 'channel'],
    where: { workspaceId: ctx.workspace.id, date: { gte: range.from, lte: range.to } },
    _sum: { revenueMinor: true, engagements: true, conversions: true },
    _max: { followers: true },
  });
  const title = t.title({ from: range.from, to: range.to });
  if (rows.length === 0) return reply(title, [text(t.noData)], { tone: 'warning' });
  const useRevenue = rows.some((r) => (r._sum.revenueMinor ?? 0) > 0);
  const mid = addDays(range.from, 28);
  const halves = new Map<string, [number, number]>();
  const followers = new Map<string, Array<[string, number]>>();
  const weekday = Array.from({ length: 7 }, () => ({ conversions: 0, days: new Set<string>() }));
  for (const r of rows) {
    const v = useRevenue ? (r._sum.revenueMinor ?? 0) : (r._sum.engagements ?? 0);
    const h = halves.get(r.channel) ?? [0, 0];
    h[r.date < mid ? 0 : 1] += v;
    halves.set(r.channel, h);
    if ((r._max.followers ?? 0) > 0)
      followers.set(r.channel, [...(followers.get(r.channel) ?? []), [r.date, r._max.followers ?? 0]]);
    const dow = (new Date(`${r.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const slot = weekday[dow] as { conversions: number; days: Set<string> };
    slot.conversions += r._sum.conversions ?? 0;
    slot.days.add(r.date);
  }
  const fmt = (v: number) =>
    useRevenue ? formatMoney(v, ctx.workspace.currency, ctx.locale) : formatCount(v, ctx.locale);
  const trends = [...halves.entries()]
    .map(([channel, [a, b]]) => ({ channel, a, b, change: change(b, a) }))
    .sort((x, y) => num(y.change) - num(x.change));
  const label = (channel: string) => channelLabel(channel, ctx.locale);
  const rising = trends.filter((x) => x.change !== NA && x.change >= TREND_THRESHOLD).map((x) => label(x.channel));
  const falling = trends.filter((x) => x.change !== NA && x.change <= -TREND_THRESHOLD).map((x) => label(x.channel));
  const join = (names: string[]) => names.join(ctx.locale === 'ar' ? '، ' : ', ');
  const blocks = [
    table(
      [t.channel, t.first, t.last, t.trend],
      trends.map((x) => [
        label(x.channel),
        fmt(x.a),
        fmt(x.b),
        `${arrow(x.change)} ${formatChange(x.change, ctx.locale)}`,
      ]),
    ),
    context(t.basis({ what: useRevenue ? t.revenue : t.engagements })),
  ];
  const notes: string[] = [];
  if (rising.length > 0) notes.push(t.rising({ names: join(rising) }));
  if (falling.length > 0) notes.push(t.falling({ names: join(falling) }));
  if (notes.length === 0) notes.push(t.steady);
  notes.push(bestWeekdays(weekday, ctx) ?? t.noWeekdays);
  for (const [channel, points] of followers) {
    points.sort((p, q) => p[0].localeCompare(q[0]));
    const first = points[0]?.[1] ?? 0;
    const last = points[points.length - 1]?.[1] ?? 0;
    notes.push(
      t.audience({
        channel: label(channel),
        from: formatCount(first, ctx.locale),
        to: formatCount(last, ctx.locale),
        last,
        change: formatChange(change(last, first), ctx.locale),
      }),
    );
  }
  blocks.push(list(notes));
  return reply(title, blocks);
}

function bestWeekdays(days: Array<{ conversions: number; days: Set<string> }>, ctx: Viewer): string | undefined {
  const perDay = days.map((d) => (d.days.size > 0 ? d.conversions / d.days.size : 0));
  const total = perDay.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const average = total / 7;
  const ranked = perDay.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const top = ranked.slice(0, 2).filter((x) => x.v > average);
  if (top.length === 0) return undefined;
  const names = top.map((x) => weekdayName(x.i, ctx.locale === 'ar' ? 'ar' : 'en'));
  const lift = change(top.reduce((a, x) => a + x.v, 0) / top.length, average);
  return ctx.t(m).weekdays({
    days: names.join(ctx.locale === 'ar' ? ' و' : ' and '),
    lift: formatChange(lift, ctx.locale).replace(/^\+/, ''),
  });
}

/** 0 = Monday. */
function weekdayName(i: number, locale: 'en' | 'ar'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, 1 + i)));
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function num(r: Ratio): number {
  return r === NA ? Number.NEGATIVE_INFINITY : r;
}
