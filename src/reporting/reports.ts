/**
 * The numbers behind /report and the digest: totals and KPIs for a range and the period before it,
 * per channel and per campaign, the linked plan's targets, best and worst performers and ranked
 * recommendations with the figures that justify them. Rendering is the caller's job.
 */
import type { Plan, Prisma, Workspace } from '@prisma/client';
import type { Viewer } from '../core/identity.js';
import type { Reply } from '../core/reply.js';
import type { DatabaseKind, Db } from '../db/client.js';
import { type DateRange, daysOf, overlapDays, previousRange } from '../lib/periods.js';
import { evaluateTargets, parseTargets, type TargetProgress } from '../planning/targets.js';
import {
  addTotals,
  change,
  computeKpis,
  emptyTotals,
  type KpiId,
  type KpiValues,
  METRIC_FIELDS,
  NA,
  type Ratio,
  roas,
  type Totals,
} from './kpi.js';
import { trendsReply } from './trends.js';

export interface Filters {
  channel?: string;
  campaign?: string;
}

export interface Slice {
  name: string;
  totals: Totals;
  kpis: KpiValues;
  previous: Totals;
}

export type Recommendation =
  | { kind: 'shiftBudget'; from: string; fromRoas: number; to: string; toRoas: number; amountMinor: number }
  | { kind: 'cutCampaign'; campaign: string; roas: number; spendMinor: number; revenueMinor: number }
  | { kind: 'scaleCampaign'; campaign: string; roas: number; spendMinor: number }
  | { kind: 'fixFalling'; kpi: KpiId; before: number; now: number }
  | { kind: 'closeGap'; target: TargetProgress }
  | { kind: 'costliest'; channel: string; cpa: number; averageCpa: number };

export interface ReportData {
  range: DateRange;
  previousRange: DateRange;
  filters: Filters;
  currency: string;
  rows: number;
  totals: Totals;
  previous: Totals;
  kpis: KpiValues;
  previousKpis: KpiValues;
  channels: Slice[];
  campaigns: Slice[];
  plan?: { id: number; name: string };
  targets: TargetProgress[];
  skippedTargets: number;
  best?: { channel?: Slice; campaign?: Slice };
  worst?: { channel?: Slice; campaign?: Slice };
  recommendations: Recommendation[];
  daily?: Array<{ date: string; spendMinor: number; revenueMinor: number }>;
}

type SumRow = { channel: string; campaign: string; count: number; totals: Totals };

/** Share of total spend below which a channel or campaign is not ranked for best/worst or budget moves. */
export const MIN_SPEND_SHARE = 0.05;

/** The covering index of prisma/schema.prisma that sums() reads (a migration creates it). */
export const REPORT_INDEX = 'MetricDaily_report_idx';

/** Ranges up to this many days read through the date index instead (see sums()). */
export const SHORT_RANGE_DAYS = 92;

/** Followers is the audience size at the end of a day: its latest (max) value counts, not the sum. */
const SUMMED = METRIC_FIELDS.filter((f) => f !== 'followers');

export class ReportService {
  constructor(
    private readonly db: Db,
    /** Raw SQL below differs by database: placeholders, and SQLite's index hint. */
    private readonly kind: DatabaseKind = 'sqlite',
  ) {}

  /** What rose and fell over the last 8 full weeks (/report trends). */
  trends(viewer: Viewer): Promise<Reply> {
    return trendsReply(viewer, this.db);
  }

  async build(
    workspace: Workspace,
    range: DateRange,
    filters: Filters = {},
    opts: { daily?: boolean } = {},
  ): Promise<ReportData> {
    const prev = previousRange(range);
    const span = await this.dataSpan(workspace.id);
    const [current, before, plan, daily] = await Promise.all([
      this.sums(workspace.id, clampRange(range, span), filters),
      this.sums(workspace.id, clampRange(prev, span), filters),
      this.linkedPlan(workspace.id, range, filters),
      opts.daily ? this.daily(workspace.id, range, filters) : Promise.resolve(undefined),
    ]);
    const totals = emptyTotals();
    const previous = emptyTotals();
    const channels = new Map<string, { totals: Totals; previous: Totals }>();
    const campaigns = new Map<string, { totals: Totals; previous: Totals }>();
    const slot = (m: typeof channels, k: string) => {
      const found = m.get(k);
      if (found) return found;
      const made = { totals: emptyTotals(), previous: emptyTotals() };
      m.set(k, made);
      return made;
    };
    let rows = 0;
    for (const [list, pick] of [
      [current, 'totals'],
      [before, 'previous'],
    ] as const) {
      for (const r of list) {
        const t = r.totals;
        addTotals(pick === 'totals' ? totals : previous, t);
        if (pick === 'totals') rows += r.count;
        addTotals(slot(channels, r.channel)[pick], t);
        if (r.campaign !== '') addTotals(slot(campaigns, r.campaign)[pick], t);
      }
    }
    const asSlices = (m: typeof channels): Slice[] =>
      [...m.entries()]
        .filter(([, v]) => hasData(v.totals))
        .map(([name, v]) => ({ name, totals: v.totals, previous: v.previous, kpis: computeKpis(v.totals) }))
        .sort(
          (a, b) =>
            b.totals.revenueMinor - a.totals.revenueMinor ||
            b.totals.spendMinor - a.totals.spendMinor ||
            a.name.localeCompare(b.name),
        );
    const channelSlices = asSlices(channels);
    const campaignSlices = asSlices(campaigns);
    const kpis = computeKpis(totals);
    const previousKpis = computeKpis(previous);

    let targets: TargetProgress[] = [];
    let skippedTargets = 0;
    if (plan) {
      const parsed = parseTargets(plan.kpiTargets);
      skippedTargets = parsed.skipped;
      targets = evaluateTargets(parsed.targets, totals, kpis, planShare(plan, range), workspace.currency);
    }
    // A channel that spent next to nothing can show any ROAS; rank only those that carry budget.
    const minSpend = totals.spendMinor * MIN_SPEND_SHARE;
    const byRoas = (s: Slice[]) =>
      s
        .filter((x) => x.totals.spendMinor > 0 && x.totals.spendMinor >= minSpend)
        .sort((a, b) => (roas(b.totals) as number) - (roas(a.totals) as number));
    const rankedChannels = byRoas(channelSlices);
    const rankedCampaigns = byRoas(campaignSlices);
    const best = { channel: rankedChannels[0], campaign: rankedCampaigns[0] };
    const worst = {
      channel: rankedChannels.length > 1 ? rankedChannels[rankedChannels.length - 1] : undefined,
      campaign: rankedCampaigns.length > 1 ? rankedCampaigns[rankedCampaigns.length - 1] : undefined,
    };
    return {
      range,
      previousRange: prev,
      filters,
      currency: workspace.currency,
      rows,
      totals,
      previous,
      kpis,
      previousKpis,
      channels: channelSlices,
      campaigns: campaignSlices,
      ...(plan ? { plan: { id: plan.id, name: plan.name } } : {}),
      targets,
      skippedTargets,
      best: strip(best),
      worst: strip(worst),
      recommendations: recommend({
        kpis,
        previousKpis,
        rankedChannels,
        rankedCampaigns,
        targets,
        channelSlices,
        totals,
      }),
      ...(daily ? { daily } : {}),
    };
  }

  private where(workspaceId: number, r: DateRange, f: Filters): Prisma.MetricDailyWhereInput {
    return {
      workspaceId,
      date: { gte: r.from, lte: r.to },
      ...(f.channel ? { channel: f.channel } : {}),
      ...(f.campaign ? { campaign: f.campaign } : {}),
    };
  }

  /**
   * Sums per channel and campaign. Raw SQL because the plan matters: by itself SQLite picks the
   * (workspaceId, date) index and sorts every row of the range into a temporary B-tree to group it,
   * which was most of /report's time over a year. MetricDaily_report_idx is ordered by channel and
   * campaign and holds every summed column, so rows come out grouped without touching the table; but
   * it is not ordered by date, so it walks all of the workspace's rows. Long ranges take it; short
   * ones, where the date index reads few rows, keep SQLite's own plan (bench/report.mjs prints both
   * side by side). Column names come from METRIC_FIELDS, never from input; values are bound.
   */
  private async sums(workspaceId: number, r: DateRange | undefined, f: Filters): Promise<SumRow[]> {
    if (!r) return [];
    const params: Array<string | number> = [];
    const bind = (v: string | number) => {
      params.push(v);
      return this.kind === 'postgres' ? `$${params.length}` : '?';
    };
    const range = `"workspaceId" = ${bind(workspaceId)} AND "date" >= ${bind(r.from)} AND "date" <= ${bind(r.to)}`;
    let filter = '';
    if (f.channel) filter += ` AND "channel" = ${bind(f.channel)}`;
    if (f.campaign) filter += ` AND "campaign" = ${bind(f.campaign)}`;
    // PostgreSQL plans this well by itself; the hint is SQLite syntax.
    const hint = this.kind === 'sqlite' && r.days > SHORT_RANGE_DAYS ? ` INDEXED BY "${REPORT_INDEX}"` : '';
    const figures = [...SUMMED.map((c) => `SUM("${c}") AS "${c}"`), 'MAX("followers") AS "followers"'].join(', ');
    const sql = `SELECT "channel", "campaign", COUNT(*) AS "rowCount", ${figures}
      FROM "MetricDaily"${hint}
      WHERE ${range}${filter}
      GROUP BY "channel", "campaign"`;
    const rows = await this.db.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, ...params);
    return rows.map((x) => {
      const totals = emptyTotals();
      for (const field of METRIC_FIELDS) totals[field] = Number(x[field] ?? 0);
      return { channel: String(x.channel), campaign: String(x.campaign), count: Number(x.rowCount), totals };
    });
  }

  /** First and last day with metrics (two index seeks), so sums() reads and plans only for days that exist. */
  private async dataSpan(workspaceId: number): Promise<{ from: string; to: string } | undefined> {
    // Two ordered LIMIT 1 reads: SQLite answers MIN and MAX together by scanning, each alone by a seek.
    const edge = (dir: 'asc' | 'desc') =>
      this.db.metricDaily.findFirst({ where: { workspaceId }, orderBy: { date: dir }, select: { date: true } });
    const [first, last] = await Promise.all([edge('asc'), edge('desc')]);
    return first && last ? { from: first.date, to: last.date } : undefined;
  }

  /** Spend and revenue per day, every day of the range present (zero when nothing was recorded). */
  async daily(workspaceId: number, r: DateRange, f: Filters = {}) {
    const rows = await this.db.metricDaily.groupBy({
      by: ['date'],
      where: this.where(workspaceId, r, f),
      _sum: { spendMinor: true, revenueMinor: true },
    });
    const byDate = new Map(rows.map((x) => [x.date, x._sum]));
    return daysOf(r).map((date) => ({
      date,
      spendMinor: byDate.get(date)?.spendMinor ?? 0,
      revenueMinor: byDate.get(date)?.revenueMinor ?? 0,
    }));
  }

  /**
   * The plan a report measures against: the plan of the filtered campaign when it has one, else the
   * newest plan whose dates overlap the range, else the newest plan.
   */
  async linkedPlan(workspaceId: number, range: DateRange, f: Filters): Promise<Plan | undefined> {
    if (f.campaign) {
      const c = await this.db.campaign.findUnique({
        where: { workspaceId_name: { workspaceId, name: f.campaign } },
        include: { plan: true },
      });
      if (c?.plan) return c.plan;
    }
    const plans = await this.db.plan.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' }, take: 50 });
    const overlapping = plans.find((p) => p.startsOn && p.endsOn && overlapDays(planRange(p), range) > 0);
    return overlapping ?? plans[0];
  }
}

/** The part of a range that has data; undefined when none of it does. */
function clampRange(r: DateRange, span: { from: string; to: string } | undefined): DateRange | undefined {
  if (!span) return undefined;
  // ISO days compare as strings; Math.min/max (which the linter suggests) would turn them into NaN.
  const later = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);
  const earlier = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);
  const from = later(r.from, span.from);
  const to = earlier(r.to, span.to);
  if (from > to) return undefined;
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from, to, days };
}

function planRange(p: Plan): DateRange {
  const from = (p.startsOn as Date).toISOString().slice(0, 10);
  const to = (p.endsOn as Date).toISOString().slice(0, 10);
  const days = Math.round(((p.endsOn as Date).getTime() - (p.startsOn as Date).getTime()) / 86_400_000) + 1;
  return { from, to, days: Math.max(1, days) };
}

/** Fraction of a plan's period a range covers (30-day basis when the plan has no dates). */
function planShare(p: Plan, range: DateRange): number {
  if (!p.startsOn || !p.endsOn || p.endsOn < p.startsOn) return range.days / 30;
  return range.days / planRange(p).days;
}

function hasData(t: Totals): boolean {
  return METRIC_FIELDS.some((f) => t[f] !== 0);
}

function strip<T extends Record<string, unknown>>(o: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Rates whose fall is worth fixing, in the order they are checked. */
const WATCHED: readonly KpiId[] = [
  'open_rate',
  'click_rate',
  'ctr',
  'conversion_rate',
  'engagement_rate',
  'web_engagement_rate',
];
/** A fall smaller than this (relative) is noise, not a recommendation. */
const FALL_THRESHOLD = -0.1;

function recommend(d: {
  kpis: KpiValues;
  previousKpis: KpiValues;
  rankedChannels: Slice[];
  rankedCampaigns: Slice[];
  targets: TargetProgress[];
  channelSlices: Slice[];
  totals: Totals;
}): Recommendation[] {
  const out: Recommendation[] = [];
  const top = d.rankedChannels[0];
  const bottom = d.rankedChannels[d.rankedChannels.length - 1];
  if (top && bottom && top !== bottom) {
    const toRoas = roas(top.totals) as number;
    const fromRoas = roas(bottom.totals) as number;
    if (toRoas > fromRoas * 1.2) {
      // Move a fifth of the weakest channel's spend: big enough to matter, small enough to test.
      out.push({
        kind: 'shiftBudget',
        from: bottom.name,
        fromRoas,
        to: top.name,
        toRoas,
        amountMinor: Math.round(bottom.totals.spendMinor * 0.2),
      });
    }
  }
  const falls = WATCHED.map((kpi) => ({ kpi, now: d.kpis[kpi], before: d.previousKpis[kpi] }))
    .map((x) => ({ ...x, change: change(x.now, x.before) }))
    .filter(
      (x): x is { kpi: KpiId; now: number; before: number; change: number } =>
        x.change !== NA && x.change <= FALL_THRESHOLD,
    )
    .sort((a, b) => a.change - b.change);
  const fall = falls[0];
  if (fall) out.push({ kind: 'fixFalling', kpi: fall.kpi, before: fall.before, now: fall.now });
  const gaps = d.targets
    .filter((t) => t.status === 'off_track' && t.gap !== NA && t.target > 0)
    .sort((a, b) => (b.gap as number) / b.target - (a.gap as number) / a.target);
  if (gaps[0]) out.push({ kind: 'closeGap', target: gaps[0] });
  const loser = [...d.rankedCampaigns].reverse().find((c) => (roas(c.totals) as number) < 1);
  if (loser) {
    out.push({
      kind: 'cutCampaign',
      campaign: loser.name,
      roas: roas(loser.totals) as number,
      spendMinor: loser.totals.spendMinor,
      revenueMinor: loser.totals.revenueMinor,
    });
  }
  const winner = d.rankedCampaigns[0];
  if (winner && (roas(winner.totals) as number) >= 2 && winner !== loser) {
    out.push({
      kind: 'scaleCampaign',
      campaign: winner.name,
      roas: roas(winner.totals) as number,
      spendMinor: winner.totals.spendMinor,
    });
  }
  const avg = d.kpis.cpa;
  const costly = d.channelSlices
    .filter((c) => c.kpis.cpa !== NA)
    .sort((a, b) => (b.kpis.cpa as number) - (a.kpis.cpa as number))[0];
  if (costly && avg !== NA && (costly.kpis.cpa as number) > avg * 1.25) {
    out.push({ kind: 'costliest', channel: costly.name, cpa: costly.kpis.cpa as number, averageCpa: avg });
  }
  return out.slice(0, 3);
}

export type { Ratio };
