/**
 * The weekly digest: the last 7 full days' KPIs with week-over-week arrows, goal progress, top
 * channel and campaign, open alerts and a spend/revenue chart, posted to the digest channel once
 * per ISO week on the workspace's digestCron, in its time zone (docs/architecture.md §5).
 *
 * Once per period: the DigestRun row (unique workspace + period) is inserted BEFORE posting, so of
 * two processes only the one whose insert succeeds sends. A run that failed is re-claimed with a
 * conditional update. A run missed while the process was down is sent at the next tick, because
 * the job looks for the latest scheduled time not yet covered, not for "now == 09:00".
 *
 * A job role with its own digest (/digest subscribe, analysis/role-digests.ts) is claimed the same
 * way under its own period, e.g. `2026-W48:seo`, so each role's message also goes out once a week.
 */
import { Prisma, type Workspace } from '@prisma/client';
import type { DateTime } from 'luxon';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { type Block, context, fields, list, type Reply, reply, text } from '../core/reply.js';
import { latestFire, parseCron } from '../lib/cron.js';
import { digitStyleOf, imageFigure } from '../lib/digits.js';
import { arrow, formatChange, formatFigure, formatMoney } from '../lib/format.js';
import { previousRange, type ResolvedRange } from '../lib/periods.js';
import { count } from '../lib/plural.js';
import { openAlertsOf } from '../listening/comments.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { JobRole } from '../workspace/job-roles.js';
import { buildRoleDigest, roleDigestsOf } from './analysis/role-digests.js';
import { type PartScope, roleParts } from './analysis/role-parts.js';
import { lineChartSvg, renderPng } from './charts.js';
import { type KpiId, NA } from './kpi.js';
import {
  coverageLines,
  performerLines,
  rangeLabel,
  recommendationText,
  summaryRows,
  targetLines,
} from './report-view.js';

const m = defineMessages(
  'digest',
  {
    title: (p: { range: string }) => `Weekly digest: ${p.range}`,
    kpis: 'This week against last week',
    goals: (p: { plan: string }) => `Goals of the plan "${p.plan}"`,
    top: 'Top performers',
    alerts: (p: { n: number }) =>
      p.n === 0
        ? 'No open alerts: every negative comment has been handled.'
        : `${count(p.n, 'alert', 'en')} on negative comments: see /alerts.`,
    next: 'Recommendations',
    noData: 'No metrics were recorded this week. Import them with mktbot import-metrics FILE.csv.',
    chartTitle: 'Spend and revenue per day',
    spend: 'Spend',
    revenue: 'Revenue',
    chartAlt: (p: { range: string }) => `Line chart of spend and revenue per day, ${p.range}`,
    footer: 'Rates compare with the 7 days before. Change the schedule with /digest schedule.',
  },
  {
    title: (p) => `الملخص الأسبوعي: ${p.range}`,
    kpis: 'هذا الأسبوع مقارنة بالأسبوع الماضي',
    goals: (p) => `أهداف الخطة «${iso(p.plan)}»`,
    top: 'الأفضل أداءً',
    alerts: (p) =>
      p.n === 0
        ? 'لا توجد تنبيهات مفتوحة: عولجت كل التعليقات السلبية.'
        : // After «إلى» the counted noun is genitive, which count() writes («تنبيهين», never «تنبيهان»).
          p.n === 1
          ? 'انتبه إلى تنبيه مفتوح واحد على تعليق سلبي: راجعه بالأمر /alerts.'
          : `انتبه إلى ${count(p.n, 'alert', 'ar')} على تعليقات سلبية: راجعها بالأمر /alerts.`,
    next: 'التوصيات',
    noData: 'لم تُسجّل مقاييس هذا الأسبوع. استوردها بالأمر mktbot import-metrics FILE.csv.',
    chartTitle: 'الإنفاق والإيرادات يوميًا',
    spend: 'الإنفاق',
    revenue: 'الإيرادات',
    chartAlt: (p) => `رسم خطي للإنفاق والإيرادات يوميًا، ${p.range}`,
    footer: 'تُقارن المؤشرات بالأيام السبعة السابقة. غيّر الموعد بالأمر /digest schedule.',
  },
);

/** What the digest shows first, in this order, when the figure exists. */
const HEADLINE: ReadonlyArray<KpiId | 'spend' | 'revenue' | 'conversions' | 'leads'> = [
  'revenue',
  'spend',
  'roas',
  'conversions',
  'leads',
  'cpa',
  'ctr',
  'open_rate',
  'engagement_rate',
  'web_engagement_rate',
];

/**
 * The digest's week: `7d` as /report reads it on `day` (the 7 full days before it, a Monday digest
 * covering Monday to Sunday, or up to the last day with data), so the digest and `/report 7d` run
 * the same day show the same figures.
 */
export async function digestWeek(services: Services, ws: Workspace, day: DateTime): Promise<ResolvedRange> {
  const r = await services.reports.resolve(ws, '7d', day.toJSDate(), ws.timezone);
  // '7d' always has a complete day before `day`; a problem here would be a bug in periods.ts.
  if (typeof r === 'string') throw new Error(`digest week: ${r}`);
  return r;
}

/** ISO week of a local date, e.g. 2026-W48: the DigestRun period. */
export function periodOf(day: DateTime): string {
  return day.toFormat("kkkk-'W'WW");
}

export async function buildDigest(services: Services, ws: Workspace, day: DateTime, locale: Locale): Promise<Reply> {
  const t = m[locale];
  const range = await digestWeek(services, ws, day);
  const label = rangeLabel(range, locale);
  const d = await services.reports.build(ws, range, {}, { daily: true });
  const openAlerts = await services.db.comment.count({ where: openAlertsOf(ws.id) });
  const blocks: Block[] = [];
  if (d.rows === 0) {
    blocks.push(text(t.noData), text(t.alerts({ n: openAlerts })));
    return reply(t.title({ range: label }), blocks, { tone: 'warning', rtl: locale === 'ar' });
  }
  const rows = summaryRows(d, locale);
  const headline = HEADLINE.flatMap((id) => rows.filter((r) => r.id === id && r.now !== NA));
  const coverage = coverageLines(d, locale);
  if (coverage.length > 0) blocks.push(context(coverage.join(' ')));
  blocks.push(
    text(t.kpis),
    fields(
      headline.map((r) => ({
        label: r.name,
        value: `${formatFigure(r.kind, r.now, d.currency, locale)}  ${arrow(r.change)} ${formatChange(r.change, locale)}`,
      })),
    ),
  );
  if (d.plan && d.targets.length > 0) blocks.push(text(t.goals({ plan: d.plan.name })), list(targetLines(d, locale)));
  const top = performerLines(d, locale);
  if (top.length > 0) blocks.push(text(t.top), list(top));
  blocks.push(text(t.alerts({ n: openAlerts })));
  if (d.recommendations.length > 0) {
    blocks.push(
      text(t.next),
      list(
        d.recommendations.map((r) => recommendationText(r, d.currency, locale)),
        true,
      ),
    );
  }
  // Each job role's part, addressed to its people (nothing when nobody has a job role); a role with
  // its own digest gets a pointer to it instead.
  const parts = await roleParts(partScope(services, ws, range, day, locale), roleDigestsOf(ws));
  blocks.push(...parts.blocks);
  if (d.daily) {
    // A chart is an image: its figures take the workspace's digits, without the isolates text needs.
    const chartFigure = (s: string) => imageFigure(s, locale === 'ar', digitStyleOf(ws));
    const png = renderPng(
      lineChartSvg({
        title: t.chartTitle,
        subtitle: `${label} · ${ws.currency}`,
        rtl: locale === 'ar',
        xLabels: d.daily.map((x) => chartFigure(x.date.slice(5))),
        series: [
          { label: t.spend, values: d.daily.map((x) => x.spendMinor) },
          { label: t.revenue, values: d.daily.map((x) => x.revenueMinor) },
        ],
        formatY: (v) => chartFigure(formatMoney(Math.round(v), ws.currency, locale, true)),
      }),
    );
    blocks.push({ kind: 'image', png, alt: t.chartAlt({ range: label }), filename: `digest-${range.to}.png` });
  }
  blocks.push(context(t.footer));
  return reply(t.title({ range: label }), blocks, {
    rtl: locale === 'ar',
    ...(parts.people.length > 0 ? { mention: parts.people } : {}),
  });
}

function partScope(services: Services, ws: Workspace, range: ResolvedRange, day: DateTime, locale: Locale): PartScope {
  return { db: services.db, ws, week: range, previous: previousRange(range), day, now: services.clock.now(), locale };
}

/** A job role's own weekly digest for the digest's week on `day`. */
export async function buildRoleDigestOn(
  services: Services,
  ws: Workspace,
  role: JobRole,
  day: DateTime,
  locale: Locale,
): Promise<Reply> {
  const range = await digestWeek(services, ws, day);
  const d = await services.reports.build(ws, range);
  return buildRoleDigest(role, partScope(services, ws, range, day, locale), d, rangeLabel(range, locale));
}

/**
 * Posts into a role's channel: the notifier resolves 'digest' through channelFor, so the role's
 * channel stands in for the digest channel ('' keeps the digest channel itself).
 */
function intoChannel(ws: Workspace, channel: string): Workspace {
  return channel === '' ? ws : { ...ws, digestChannel: channel };
}

export interface DueDigest {
  period: string;
  firedAt: DateTime;
}

/** The scheduled time this workspace's digest is owed for, if the schedule has fired this week. */
export function dueDigest(ws: Workspace, now: Date): DueDigest | undefined {
  const cron = parseCron(ws.digestCron);
  if (!cron) return undefined;
  const fired = latestFire(cron, now, ws.timezone);
  return fired ? { period: periodOf(fired), firedAt: fired } : undefined;
}

/** Inserts the claim row first; true when this process owns the period now. */
async function claim(services: Services, workspaceId: number, period: string): Promise<boolean> {
  try {
    await services.db.digestRun.create({ data: { workspaceId, period, status: 'sending' } });
    return true;
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
  }
  // Someone has the row: take it over only if its send failed, and only one taker can win.
  const retaken = await services.db.digestRun.updateMany({
    where: { workspaceId, period, status: 'failed' },
    data: { status: 'sending' },
  });
  return retaken.count === 1;
}

/**
 * Sends one period's message unless it went out already: the claim row first, then the post, then
 * the row marked sent (or failed, to be retried at the next tick). True when this call sent it.
 */
async function sendOnce(
  services: Services,
  log: Logger,
  ws: Workspace,
  due: DueDigest & { key: string },
  send: () => Promise<{ messageId?: string }>,
  ready: () => Promise<boolean> = async () => true,
): Promise<boolean> {
  const where = { workspaceId_period: { workspaceId: ws.id, period: due.key } };
  const known = await services.db.digestRun.findUnique({ where });
  if (known && known.status !== 'failed') return false;
  if (!(await ready())) return false;
  if (!(await claim(services, ws.id, due.key))) return false;
  try {
    const posted = await send();
    await services.db.digestRun.update({
      where,
      data: { status: 'sent', sentAt: services.clock.now(), messageRef: posted.messageId ?? null },
    });
    services.telemetry.digests.inc({ outcome: 'sent' });
    const late = services.clock.now().getTime() - due.firedAt.toMillis() > 15 * 60_000;
    log.info({ workspaceId: ws.id, period: due.key, late }, 'digest sent');
    return true;
  } catch (err) {
    await services.db.digestRun.update({ where, data: { status: 'failed' } });
    services.telemetry.digests.inc({ outcome: 'failed' });
    log.error({ err, workspaceId: ws.id, period: due.key }, 'digest failed; will retry next tick');
    return false;
  }
}

/** One tick of the digest job: send every digest (and role digest) that is due and not yet sent. Returns how many. */
export async function runDueDigests(services: Services, log: Logger): Promise<number> {
  const now = services.clock.now();
  const workspaces = await services.db.workspace.findMany();
  let sent = 0;
  for (const ws of workspaces) {
    const due = dueDigest(ws, now);
    if (!due) continue;
    const locale = ws.locale === 'ar' ? 'ar' : 'en';
    const main = await sendOnce(
      services,
      log,
      ws,
      { ...due, key: due.period },
      async () => services.notifier.post(ws, 'digest', await buildDigest(services, ws, due.firedAt, locale)),
      // A workspace that has never recorded a metric gets no empty digests.
      async () =>
        (await services.db.metricDaily.findFirst({ where: { workspaceId: ws.id }, select: { id: true } })) !== null,
    );
    if (main) sent++;
    // A role that asked for its own digest gets it even without metrics: the social part reads comments.
    for (const [role, channel] of roleDigestsOf(ws)) {
      const own = await sendOnce(services, log, ws, { ...due, key: `${due.period}:${role}` }, async () =>
        services.notifier.post(
          intoChannel(ws, channel),
          'digest',
          await buildRoleDigestOn(services, ws, role, due.firedAt, locale),
        ),
      );
      if (own) sent++;
    }
  }
  return sent;
}
