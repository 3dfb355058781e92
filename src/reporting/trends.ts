/**
 * /report trends: what rose and fell in the team's own data over the last 8 full weeks (Monday to
 * Sunday in the workspace time zone), per channel, by weekday, and in audience size. The evidence
 * for keeping or dropping a tactic.
 */

import { defineMessages, iso } from '../core/i18n.js';
import type { Viewer } from '../core/identity.js';
import { context, list, type Reply, reply, table, text } from '../core/reply.js';
import type { Db } from '../db/client.js';
import { arrow, formatChange, formatCount, formatFigure, formatMoney, kpiNames } from '../lib/format.js';
import { type DateRange, today } from '../lib/periods.js';
import { andList, nounAfter } from '../lib/plural.js';
import { dateText, dayRange } from '../lib/when.js';
import { RATE_VOLUME, rateMoves, TREND_THRESHOLD, type TrendRate } from './analysis/rate-trends.js';
import { channelLabel, normalizeChannel, SITE_CHANNEL } from './channel-names.js';
import { addTotals, change, emptyTotals, KPIS, NA, type Ratio, type Totals } from './kpi.js';

type Volume = (typeof RATE_VOLUME)[TrendRate]['on'];
/** What a rate is measured on, as a reader says it (volumes are at least 20, so always plural). */
const VOLUME_NAMES: Record<Volume, { en: string; ar: string }> = {
  impressions: { en: 'impressions', ar: 'مرات الظهور' },
  clicks: { en: 'clicks', ar: 'النقرات' },
  leads: { en: 'leads', ar: 'العملاء المحتملون' },
  sessions: { en: 'sessions', ar: 'الجلسات' },
  emailsDelivered: { en: 'emails delivered', ar: 'رسائل البريد المسلَّمة' },
  reach: { en: 'people reached', ar: 'الوصول' },
};

const m = defineMessages(
  'trends',
  {
    title: (p: { range: string }) => `Trends over 8 weeks: ${p.range}`,
    noData: 'No metrics in the last 8 full weeks yet. Import some with mktbot import-metrics FILE.csv.',
    channel: 'Channel',
    first: 'Weeks 1-4',
    last: 'Weeks 5-8',
    trend: 'Trend',
    basis: (p: { what: string }) => `Compared by ${p.what}: the first four weeks against the last four.`,
    coverage: (p: { first: number; last: number }) =>
      `Weeks 1-4 have data on ${p.first} of their 28 days and weeks 5-8 on ${p.last}: totals are compared per day with data.`,
    revenue: 'revenue',
    engagements: 'engagements',
    rising: (p: { names: string }) => `Rising: ${p.names}`,
    falling: (p: { names: string }) => `Falling: ${p.names}`,
    steady: 'No channel and no rate moved more than 10% either way.',
    rates: 'Rates that moved most (by impact: the size of the move times the channel’s share of the volume):',
    rateMove: (p: {
      channel: string;
      kpi: string;
      before: string;
      now: string;
      change: string;
      n: string;
      on: Volume;
    }) => `${p.channel}, ${p.kpi}: ${p.before} → ${p.now} (${p.change}), on ${p.n} ${VOLUME_NAMES[p.on].en}`,
    minimums:
      'Rates are compared only on enough volume in both halves: 1,000 impressions (CTR), 100 clicks (CPC, ad conversion rate), 20 leads (CPL), 500 sessions (site conversion rate), 500 emails delivered (open and click rates), 1,000 reach (engagement rate).',
    weekdays: (p: { days: string; lift: string }) =>
      `Best days: ${p.days}, with ${p.lift} more conversions per day than the average day. Schedule key posts then.`,
    noWeekdays: 'Not enough conversions yet to tell which weekdays work best.',
    audience: (p: { channel: string; from: string; to: string; last: number; change: string }) =>
      `Audience on ${p.channel}: ${p.from} to ${p.to} ${nounAfter(p.last, 'follower', 'en')} (${p.change})`,
  },
  {
    title: (p) => `الاتجاهات خلال ${iso(8)} أسابيع: ${p.range}`,
    noData: `لا توجد مقاييس في آخر ${iso(8)} أسابيع كاملة بعد. استورد بعضها بالأمر ${iso('mktbot import-metrics FILE.csv')}.`,
    channel: 'القناة',
    first: `الأسابيع ${iso('1-4')}`,
    last: `الأسابيع ${iso('5-8')}`,
    trend: 'الاتجاه',
    basis: (p) => `المقارنة حسب ${p.what}: الأسابيع الأربعة الأولى مقابل الأربعة الأخيرة.`,
    coverage: (p) =>
      `في الأسابيع \u20681-4\u2069 بيانات في ${iso(String(p.first))} من أيامها الـ\u206828\u2069، وفي الأسابيع \u20685-8\u2069 في ${iso(String(p.last))}: تُقارن الإجماليات بالمتوسط اليومي للأيام التي فيها بيانات.`,
    revenue: 'الإيرادات',
    engagements: 'التفاعلات',
    rising: (p) => `في صعود: ${iso(p.names)}`,
    falling: (p) => `في هبوط: ${iso(p.names)}`,
    steady: `لم تتغير أي قناة ولا أي معدل بأكثر من ${iso('10%')} في أي اتجاه.`,
    rates: 'المعدلات الأكثر تغيرًا (حسب الأثر: حجم التغير مضروبًا في حصة القناة من الحجم):',
    rateMove: (p) =>
      `${iso(p.channel)}، ${p.kpi}: من ${p.before} إلى ${p.now} (${p.change})، والحجم ${VOLUME_NAMES[p.on].ar}: ${p.n}`,
    minimums:
      'لا تُقارن المعدلات إلا على حجم كافٍ في النصفين: \u20681,000\u2069 مرة ظهور (CTR)، و\u2068100\u2069 نقرة (CPC ومعدل التحويل من الإعلانات)، و\u206820\u2069 عميلًا محتملًا (CPL)، و\u2068500\u2069 جلسة (معدل التحويل في الموقع)، و\u2068500\u2069 رسالة بريد مسلَّمة (معدلا الفتح والنقر)، و\u20681,000\u2069 وصول (معدل التفاعل).',
    weekdays: (p) =>
      `أفضل الأيام: ${p.days}، بتحويلات يومية أكثر بنسبة ${p.lift} من متوسط الأيام. جدول المنشورات المهمة فيها.`,
    noWeekdays: 'لا توجد تحويلات كافية بعد لمعرفة أفضل أيام الأسبوع.',
    audience: (p) =>
      `الجمهور على ${iso(p.channel)}: من ${p.from} إلى ${p.to} ${nounAfter(p.last, 'follower', 'ar')} (${p.change})`,
  },
);

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
    _sum: {
      revenueMinor: true,
      engagements: true,
      conversions: true,
      impressions: true,
      clicks: true,
      spendMinor: true,
      leads: true,
      sessions: true,
      reach: true,
      emailsDelivered: true,
      emailsOpened: true,
      emailsClicked: true,
    },
    _max: { followers: true },
  });
  const title = t.title({ range: dayRange(range.from, range.to, ctx.locale) });
  if (rows.length === 0) return reply(title, [text(t.noData)], { tone: 'warning' });
  const useRevenue = rows.some((r) => (r._sum.revenueMinor ?? 0) > 0);
  const mid = addDays(range.from, 28);
  const halves = new Map<string, [number, number]>();
  const followers = new Map<string, Array<[string, number]>>();
  const weekday = Array.from({ length: 7 }, () => ({ conversions: 0, days: new Set<string>() }));
  // Each channel's figures in weeks 1-4 and 5-8, for the rates (analysis/rate-trends.ts).
  const figures = new Map<string, [Totals, Totals]>();
  for (const raw of rows) {
    // Older spellings (google_ads) are the same channel.
    const r = { ...raw, channel: normalizeChannel(raw.channel) };
    const v = useRevenue ? (r._sum.revenueMinor ?? 0) : (r._sum.engagements ?? 0);
    const h = halves.get(r.channel) ?? [0, 0];
    h[r.date < mid ? 0 : 1] += v;
    halves.set(r.channel, h);
    const f = figures.get(r.channel) ?? [emptyTotals(), emptyTotals()];
    const half = f[r.date < mid ? 0 : 1];
    addTotals(half, r._sum);
    // The site's conversions are GA4's, kept apart from the ad platforms' (kpi.ts, Totals).
    if (r.channel === SITE_CHANNEL) {
      half.siteConversions = (half.siteConversions ?? 0) + (r._sum.conversions ?? 0);
      half.conversions -= r._sum.conversions ?? 0;
    }
    figures.set(r.channel, f);
    if ((r._max.followers ?? 0) > 0)
      followers.set(r.channel, [...(followers.get(r.channel) ?? []), [r.date, r._max.followers ?? 0]]);
    const dow = (new Date(`${r.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const slot = weekday[dow] as { conversions: number; days: Set<string> };
    slot.conversions += r._sum.conversions ?? 0;
    slot.days.add(r.date);
  }
  const fmt = (v: number) =>
    useRevenue ? formatMoney(v, ctx.workspace.currency, ctx.locale) : formatCount(v, ctx.locale);
  // Days of each half between the first and last day with data: a half the data does not fully
  // cover (it started or stopped inside it) is compared per day, as /report does (docs/reports.md).
  const dates = rows.map((r) => r.date).sort();
  // rows is not empty here (no data returned above).
  const firstDay = dates[0] as string;
  const lastDay = dates.at(-1) as string;
  const covered = (from: string, to: string) =>
    Math.max(0, daysBetween(from > firstDay ? from : firstDay, to < lastDay ? to : lastDay));
  const cover = [covered(range.from, addDays(mid, -1)), covered(mid, range.to)] as const;
  const perDay = cover[0] !== 28 || cover[1] !== 28;
  const moved = (a: number, b: number): Ratio =>
    !perDay ? change(b, a) : cover[0] === 0 || cover[1] === 0 ? NA : change(b / cover[1], a / cover[0]);
  const trends = [...halves.entries()]
    // A channel with none of the measure in either half (the site, by revenue) has no trend to show.
    .filter(([, [a, b]]) => a !== 0 || b !== 0)
    .map(([channel, [a, b]]) => ({ channel, a, b, change: moved(a, b) }))
    .sort((x, y) => num(y.change) - num(x.change));
  const label = (channel: string) => channelLabel(channel, ctx.locale);
  const rising = trends.filter((x) => x.change !== NA && x.change >= TREND_THRESHOLD).map((x) => label(x.channel));
  const falling = trends.filter((x) => x.change !== NA && x.change <= -TREND_THRESHOLD).map((x) => label(x.channel));
  const join = (names: string[]) => andList(names, ctx.locale);
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
    ...(perDay ? [context(t.coverage({ first: cover[0], last: cover[1] }))] : []),
  ];
  const notes: string[] = [];
  if (rising.length > 0) notes.push(t.rising({ names: join(rising) }));
  if (falling.length > 0) notes.push(t.falling({ names: join(falling) }));
  const moves = rateMoves(figures).slice(0, 6);
  if (notes.length === 0 && moves.length === 0) notes.push(t.steady);
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
  if (moves.length > 0) {
    const names = kpiNames[ctx.locale];
    const rate = (v: number, kpi: TrendRate) => formatFigure(KPIS[kpi].kind, v, ctx.workspace.currency, ctx.locale);
    blocks.push(
      text(t.rates),
      list(
        moves.map((x) =>
          t.rateMove({
            channel: label(x.channel),
            kpi: names[x.kpi],
            before: rate(x.before, x.kpi),
            now: rate(x.now, x.kpi),
            change: `${arrow(x.change)} ${formatChange(x.change, ctx.locale)}`,
            n: formatCount(x.volume, ctx.locale),
            on: RATE_VOLUME[x.kpi].on,
          }),
        ),
      ),
    );
  }
  blocks.push(context(t.minimums));
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
    days: andList(names, ctx.locale === 'ar' ? 'ar' : 'en'),
    lift: formatChange(lift, ctx.locale).replace(/^\+/, ''),
  });
}

/** 0 = Monday. */
function weekdayName(i: number, locale: 'en' | 'ar'): string {
  // 2024-01-01 was a Monday.
  return dateText(new Date(Date.UTC(2024, 0, 1 + i)), 'UTC', locale, 'weekday');
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included; 0 when `to` is before `from`. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function num(r: Ratio): number {
  return r === NA ? Number.NEGATIVE_INFINITY : r;
}
