/**
 * The numbers behind /report and the digest: totals and KPIs for a range and the period before it,
 * per channel and per campaign, the linked plan's targets, best and worst performers and ranked
 * recommendations with the figures that justify them. Rendering is the caller's job.
 */
import type { Plan, Prisma, Workspace } from '@prisma/client';
import type { Viewer } from '../core/identity.js';
import type { Reply } from '../core/reply.js';
import type { DatabaseKind, Db } from '../db/client.js';
import {
  type DateRange,
  daysOf,
  overlapDays,
  parseRange,
  previousRange,
  type RangeProblem,
  type ResolvedRange,
  splitByMonths,
} from '../lib/periods.js';
import { evaluateTargets, parseTargets, type TargetProgress } from '../planning/targets.js';
import {
  type GoalScope,
  goalScope,
  type Judged,
  judgedBy,
  judgedByData,
  planChannels,
  planDays,
} from './analysis/goals.js';
import { rankBySales, type Unranked } from './analysis/ranking.js';
import { MIN_SPEND_SHARE, type Recommendation, recommend } from './analysis/recommendations.js';
import { channelSpellings, normalizeChannel, SITE_CHANNEL } from './channel-names.js';
import { addTotals, computeKpis, emptyTotals, type KpiValues, METRIC_FIELDS, type Totals } from './kpi.js';
import { trendsReply } from './trends.js';

export interface Filters {
  channel?: string;
  campaign?: string;
  /** Only these channels (a plan's), on top of `channel`. */
  channels?: string[];
}

export interface Slice {
  name: string;
  totals: Totals;
  kpis: KpiValues;
  previous: Totals;
  /** What the channel is for, which decides the figures that judge it (channels only). */
  judged?: Judged;
}

export type { Recommendation };
export { MIN_SPEND_SHARE };

/** Days of a period, and how many of them fall within the data (first to last day with data). */
export interface Coverage {
  days: number;
  covered: number;
  from?: string;
  to?: string;
}

export interface ReportData {
  range: ResolvedRange;
  previousRange: DateRange;
  filters: Filters;
  currency: string;
  rows: number;
  totals: Totals;
  previous: Totals;
  kpis: KpiValues;
  previousKpis: KpiValues;
  coverage: { current: Coverage; previous: Coverage };
  /**
   * How totals are compared: `total` when both periods are covered alike, `perDay` (averages per
   * covered day) when coverage differs, `none` when the previous period has no data at all.
   */
  comparison: 'total' | 'perDay' | 'none';
  channels: Slice[];
  campaigns: Slice[];
  plan?: { id: number; name: string; goal: string };
  /** Why the plan's goals are not shown for this report, when they are not. */
  goalsOutOfScope?: Exclude<GoalScope, { ok: true }>;
  /** The days and channels the goals were measured on. */
  goalScope?: { range: DateRange; channels: string[] };
  targets: TargetProgress[];
  skippedTargets: number;
  best?: { channel?: Slice; campaign?: Slice };
  worst?: { channel?: Slice; campaign?: Slice };
  /** What carries budget but is judged by awareness or leads, so not ranked by ROAS (analysis/ranking.ts). */
  unranked?: Unranked[];
  recommendations: Recommendation[];
  daily?: Array<{ date: string; spendMinor: number; revenueMinor: number }>;
}

type SumRow = { channel: string; campaign: string; count: number; totals: Totals };
type Span = { from: string; to: string };

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

  /**
   * A range spec as days: relative ranges end yesterday, or at the last day with data for these
   * filters when that is earlier (/report and the digest both resolve here, so they agree).
   */
  async resolve(
    workspace: Workspace,
    spec: string,
    now: Date,
    zone: string,
    filters: Filters = {},
  ): Promise<ResolvedRange | RangeProblem> {
    const span = await this.dataSpan(workspace.id, filters);
    return parseRange(spec, now, zone, span?.to);
  }

  async build(
    workspace: Workspace,
    range: ResolvedRange,
    filters: Filters = {},
    opts: { daily?: boolean } = {},
  ): Promise<ReportData> {
    const prev = range.previous ?? previousRange(range);
    const span = await this.dataSpan(workspace.id, filters);
    const currentDays = clampRange(range, span);
    const previousDays = clampRange(prev, span);
    const [current, before, plan, daily] = await Promise.all([
      this.sums(workspace.id, currentDays, filters),
      this.sums(workspace.id, previousDays, filters),
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
    const campaignSlices = asSlices(campaigns);
    const goals = await this.goalsByPlan(workspace.id, plan, current);
    const channelSlices = asSlices(channels).map((s) => ({
      ...s,
      judged: goals.channels.get(s.name) ?? judgedByData(s.totals),
    }));
    const kpis = computeKpis(totals);
    const previousKpis = computeKpis(previous);

    const goalPart = plan ? await this.goals(workspace, plan, range, filters, span) : undefined;
    const targets = goalPart?.targets ?? [];
    const { best, worst, rankedCampaigns, unranked } = rankBySales(
      channelSlices,
      campaignSlices,
      goals.campaigns,
      totals,
    );
    const coverage = {
      current: coverageOf(range, currentDays),
      previous: coverageOf(prev, previousDays),
    };
    const comparison =
      coverage.previous.covered === 0
        ? 'none'
        : coverage.previous.covered === coverage.current.covered
          ? 'total'
          : 'perDay';
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
      coverage,
      comparison,
      channels: channelSlices,
      campaigns: campaignSlices,
      ...(plan ? { plan: { id: plan.id, name: plan.name, goal: plan.goal } } : {}),
      ...(goalPart?.scope.ok === false ? { goalsOutOfScope: goalPart.scope } : {}),
      ...(goalPart?.scope.ok ? { goalScope: { range: goalPart.scope.range, channels: goalPart.scope.channels } } : {}),
      targets,
      skippedTargets: goalPart?.skipped ?? 0,
      best: strip(best),
      worst: strip(worst),
      unranked,
      recommendations: recommend({
        kpis,
        previousKpis,
        channels: channelSlices,
        rankedCampaigns,
        targets,
        totals,
        currency: workspace.currency,
      }),
      ...(daily ? { daily } : {}),
    };
  }

  /**
   * The plan's targets measured on its own channels and days only (analysis/goals.ts); totals are
   * pro-rated by the share of the plan's period those days are.
   */
  private async goals(workspace: Workspace, plan: Plan, range: DateRange, filters: Filters, span: Span | undefined) {
    const scope = goalScope(plan, range, filters.channel);
    const parsed = parseTargets(plan.kpiTargets);
    if (!scope.ok) return { scope, targets: [], skipped: parsed.skipped };
    const rows = await this.sums(workspace.id, clampRange(scope.range, span), {
      ...filters,
      ...(scope.channels.length > 0 ? { channels: scope.channels } : {}),
    });
    const totals = emptyTotals();
    for (const r of rows) addTotals(totals, r.totals);
    const dated = plan.startsOn && plan.endsOn && plan.endsOn >= plan.startsOn;
    const planLength = dated ? planDays(plan).days : 30;
    const targets = evaluateTargets(
      parsed.targets,
      totals,
      computeKpis(totals),
      scope.range.days / planLength,
      workspace.currency,
    );
    return { scope, targets, skipped: parsed.skipped };
  }

  /**
   * What each campaign and channel is for: a campaign, the goal of its plan; a channel, the goal of
   * the plan of the campaigns carrying most of its spend, else of the linked plan when it budgets
   * for the channel. Channels left out are judged by their own figures (judgedByData).
   */
  private async goalsByPlan(
    workspaceId: number,
    linked: Plan | undefined,
    rows: SumRow[],
  ): Promise<{ channels: Map<string, Judged>; campaigns: Map<string, Judged> }> {
    const out = new Map<string, Judged>();
    if (linked) {
      const judged = judgedBy(linked.goal);
      if (judged) for (const c of planChannels(linked)) out.set(c, judged);
    }
    const names = [...new Set(rows.map((r) => r.campaign).filter((c) => c !== ''))];
    if (names.length === 0) return { channels: out, campaigns: new Map() };
    const linkedCampaigns = await this.db.campaign.findMany({
      where: { workspaceId, name: { in: names.slice(0, 500) }, planId: { not: null } },
      select: { name: true, plan: { select: { goal: true, startsOn: true, endsOn: true } } },
    });
    const goalOf = new Map(
      linkedCampaigns.flatMap((c) => {
        const judged = c.plan ? judgedBy(c.plan.goal) : undefined;
        return judged ? [[c.name, judged] as const] : [];
      }),
    );
    const spend = new Map<string, Map<Judged, number>>();
    for (const r of rows) {
      const judged = goalOf.get(r.campaign);
      if (!judged) continue;
      const per = spend.get(r.channel) ?? new Map<Judged, number>();
      per.set(judged, (per.get(judged) ?? 0) + r.totals.spendMinor + 1);
      spend.set(r.channel, per);
    }
    for (const [channel, per] of spend) {
      const top = [...per.entries()].sort((a, b) => b[1] - a[1])[0];
      if (top) out.set(channel, top[0]);
    }
    return { channels: out, campaigns: goalOf };
  }

  private where(workspaceId: number, r: DateRange, f: Filters): Prisma.MetricDailyWhereInput {
    return {
      workspaceId,
      date: { gte: r.from, lte: r.to },
      ...(f.channel || f.channels ? { channel: { in: spellingsOf(f) } } : {}),
      ...(f.campaign ? { campaign: f.campaign } : {}),
    };
  }

  /**
   * Sums per channel and campaign: the whole months of the range from MetricMonthly (twelve rows a
   * year per campaign, kept equal to the days by ingest/rollups.ts), the days at its edges from
   * MetricDaily, added up per stored channel and campaign exactly as one daily query would.
   */
  private async sums(workspaceId: number, r: DateRange | undefined, f: Filters): Promise<SumRow[]> {
    if (!r) return [];
    const split = splitByMonths(r);
    const parts = await Promise.all([
      ...split.days.map((d) => this.grouped('MetricDaily', workspaceId, d.from, d.to, f, d.days > SHORT_RANGE_DAYS)),
      ...(split.months ? [this.grouped('MetricMonthly', workspaceId, split.months.from, split.months.to, f)] : []),
    ]);
    const merged = new Map<string, SumRow>();
    for (const part of parts) {
      for (const x of part) {
        const key = `${x.channel}\u0000${x.campaign}`;
        const into = merged.get(key);
        if (!into) {
          merged.set(key, x);
          continue;
        }
        into.count += x.count;
        for (const field of METRIC_FIELDS) {
          into.totals[field] =
            field === 'followers'
              ? Math.max(into.totals[field], x.totals[field])
              : into.totals[field] + x.totals[field];
        }
      }
    }
    return [...merged.values()].map((x) => {
      // Rows stored before names were normalised (google_ads) join their channel here.
      const channel = normalizeChannel(x.channel);
      if (channel === SITE_CHANNEL) {
        // The site's conversions are GA4's: kept apart from the ad platforms' (kpi.ts, Totals).
        x.totals.siteConversions = x.totals.conversions;
        x.totals.conversions = 0;
      }
      return { ...x, channel };
    });
  }

  /**
   * One table's sums per stored channel and campaign over days (MetricDaily) or months (MetricMonthly).
   * Raw SQL because the plan matters: over a long run of days SQLite by itself picks the
   * (workspaceId, date) index and sorts every row into a temporary B-tree to group them, while
   * MetricDaily_report_idx hands them over already grouped without touching the table (`covering`;
   * it walks all of the workspace's days, so short ranges keep SQLite's own plan). Column names come
   * from METRIC_FIELDS, never from input; values are bound.
   */
  private async grouped(
    table: 'MetricDaily' | 'MetricMonthly',
    workspaceId: number,
    from: string,
    to: string,
    f: Filters,
    covering = false,
  ): Promise<SumRow[]> {
    const params: Array<string | number> = [];
    const bind = (v: string | number) => {
      params.push(v);
      return this.kind === 'postgres' ? `$${params.length}` : '?';
    };
    const period = table === 'MetricDaily' ? '"date"' : '"month"';
    const range = `"workspaceId" = ${bind(workspaceId)} AND ${period} >= ${bind(from)} AND ${period} <= ${bind(to)}`;
    let filter = '';
    if (f.channel || f.channels) filter += ` AND "channel" IN (${spellingsOf(f).map(bind).join(', ')})`;
    if (f.campaign) filter += ` AND "campaign" = ${bind(f.campaign)}`;
    // PostgreSQL plans this well by itself; the hint is SQLite syntax.
    const hint = this.kind === 'sqlite' && covering ? ` INDEXED BY "${REPORT_INDEX}"` : '';
    const count = table === 'MetricDaily' ? 'COUNT(*)' : 'SUM("rowCount")';
    const figures = [...SUMMED.map((c) => `SUM("${c}") AS "${c}"`), 'MAX("followers") AS "followers"'].join(', ');
    const sql = `SELECT "channel", "campaign", ${count} AS "rowCount", ${figures}
      FROM "${table}"${hint}
      WHERE ${range}${filter}
      GROUP BY "channel", "campaign"`;
    const rows = await this.db.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, ...params);
    return rows.map((x) => {
      const totals = emptyTotals();
      // Sums arrive as BigInt or Decimal on PostgreSQL; every one fits a double exactly.
      for (const field of METRIC_FIELDS) totals[field] = Number(x[field] ?? 0);
      return { channel: String(x.channel), campaign: String(x.campaign), count: Number(x.rowCount), totals };
    });
  }

  /** First and last day with metrics (two index seeks), so sums() reads and plans only for days that exist. */
  private async dataSpan(workspaceId: number, f: Filters = {}): Promise<Span | undefined> {
    // Two ordered LIMIT 1 reads: SQLite answers MIN and MAX together by scanning, each alone by a seek.
    const where = {
      workspaceId,
      ...(f.channel || f.channels ? { channel: { in: spellingsOf(f) } } : {}),
      ...(f.campaign ? { campaign: f.campaign } : {}),
    };
    const edge = (dir: 'asc' | 'desc') =>
      this.db.metricDaily.findFirst({ where, orderBy: { date: dir }, select: { date: true } });
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
    // A plan speaks for its own days (goals.ts, planDays); one made today says nothing about September.
    const overlapping = plans.find((p) => overlapDays(planDays(p), range) > 0);
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

function hasData(t: Totals): boolean {
  return METRIC_FIELDS.some((f) => t[f] !== 0);
}

function strip<T extends Record<string, unknown>>(o: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Stored spellings of the filtered channels: `channel` within `channels` when both are given. */
function spellingsOf(f: Filters): string[] {
  const wanted = f.channel ? [normalizeChannel(f.channel)] : (f.channels ?? []);
  const allowed = f.channel && f.channels ? wanted.filter((c) => f.channels?.includes(c)) : wanted;
  // An empty IN () is not SQL; a name no row has stands for "nothing".
  return allowed.length > 0 ? allowed.flatMap(channelSpellings) : ['\u0000'];
}

function coverageOf(r: DateRange, covered: DateRange | undefined): Coverage {
  return covered
    ? { days: r.days, covered: covered.days, from: covered.from, to: covered.to }
    : { days: r.days, covered: 0 };
}
