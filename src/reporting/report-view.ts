/**
 * Pieces of a report as reply blocks and lines, shared by /report and the weekly digest so both
 * show the same figures the same way.
 */
import { defineMessages, formatNumber, iso, type Locale } from '../core/i18n.js';
import { type Block, context, table, text } from '../core/reply.js';
import {
  arrow,
  currencyDigits,
  type FigureKind,
  formatChange,
  formatFigure,
  formatMoney,
  formatMultiple,
  kpiNames,
  type NamedFigure,
} from '../lib/format.js';
import type { DateRange } from '../lib/periods.js';
import { count } from '../lib/plural.js';
import type { TargetProgress } from '../planning/targets.js';
import { channelLabel } from './channel-names.js';
import { change, KPI_IDS, KPIS, type KpiId, NA, type Ratio, type Totals } from './kpi.js';
import type { Recommendation, ReportData, Slice } from './reports.js';
import { ORGANIC_CHANNEL, SEM_CHANNEL } from './search-exports.js';

export const view = defineMessages(
  'report-view',
  {
    metric: 'Metric',
    current: 'This period',
    previous: 'Previous',
    change: 'Change',
    revenueChange: 'Revenue change',
    channel: 'Channel',
    campaign: 'Campaign',
    range: (p: { from: string; to: string; days: number }) => `${p.from} to ${p.to} (${count(p.days, 'day', 'en')})`,
    onTrack: 'on track',
    atRisk: 'at risk',
    offTrack: 'off track',
    target: (p: { name: string; actual: string; goal: string; status: string; gap: string }) =>
      `${p.name}: ${p.actual} against a goal of ${p.goal}: ${p.status}${p.gap ? ` (${p.gap} to go)` : ''}`,
    atLeast: (p: { value: string }) => `at least ${p.value}`,
    points: (p: { n: string }) => `${p.n} percentage points`,
    atMost: (p: { value: string }) => `at most ${p.value}`,
    skippedTargets: (p: { n: number }) => `${p.n} target(s) in the plan could not be read and were skipped.`,
    bestChannel: (p: { name: string; roas: string; revenue: string }) =>
      `Best channel: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    worstChannel: (p: { name: string; roas: string; revenue: string }) =>
      `Weakest channel: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    bestCampaign: (p: { name: string; roas: string; revenue: string }) =>
      `Best campaign: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    worstCampaign: (p: { name: string; roas: string; revenue: string }) =>
      `Weakest campaign: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    shiftBudget: (p: { amount: string; from: string; fromRoas: string; to: string; toRoas: string }) =>
      `Move about ${p.amount} from ${p.from} (ROAS ${p.fromRoas}) to ${p.to} (ROAS ${p.toRoas}): each unit spent on ${p.to} returned more.`,
    cutCampaign: (p: { campaign: string; roas: string; spend: string; revenue: string }) =>
      `Pause or rework "${p.campaign}": it spent ${p.spend} and brought ${p.revenue} (ROAS ${p.roas}, below break-even).`,
    scaleCampaign: (p: { campaign: string; roas: string; spend: string }) =>
      `Scale "${p.campaign}": ROAS ${p.roas} on ${p.spend} of spend; raise its budget step by step while ROAS holds.`,
    fixFalling: (p: { name: string; before: string; now: string }) =>
      `Fix the falling ${p.name}: ${p.before} before, ${p.now} now. Test new subject lines, creatives or targeting.`,
    closeGap: (p: { name: string; actual: string; goal: string }) =>
      `Close the gap on ${p.name}: ${p.actual} against a goal of ${p.goal}. Put the next effort there.`,
    costliest: (p: { channel: string; cpa: string; average: string }) =>
      `Conversions on ${p.channel} cost ${p.cpa} against ${p.average} on average: tighten targeting or bids there.`,
    sem: (p: { channel: string }) => `Search ads (Google Ads, channel ${p.channel})`,
    organic: (p: { channel: string }) => `Organic search (Search Console, channel ${p.channel})`,
    positionNote: 'Average position is weighted by impressions; 1 is the top of the results, so lower is better.',
  },
  {
    metric: 'المقياس',
    current: 'هذه الفترة',
    previous: 'السابقة',
    change: 'التغير',
    revenueChange: 'تغير الإيرادات',
    channel: 'القناة',
    campaign: 'الحملة',
    range: (p) => `من ${iso(p.from)} إلى ${iso(p.to)} (${count(p.days, 'day', 'ar')})`,
    onTrack: 'على المسار',
    atRisk: 'معرّض للخطر',
    offTrack: 'خارج المسار',
    target: (p) => `${p.name}: ${p.actual} مقابل هدف ${p.goal}: ${p.status}${p.gap ? ` (المتبقي ${p.gap})` : ''}`,
    atLeast: (p) => `لا يقل عن ${p.value}`,
    points: (p) => `${iso(p.n)} نقطة مئوية`,
    atMost: (p) => `لا يزيد عن ${p.value}`,
    skippedTargets: (p) => `تعذّرت قراءة ${iso(p.n)} من أهداف الخطة فتم تجاوزها.`,
    bestChannel: (p) => `أفضل قناة: ${iso(p.name)} (ROAS ${p.roas}، الإيرادات ${p.revenue})`,
    worstChannel: (p) => `أضعف قناة: ${iso(p.name)} (ROAS ${p.roas}، الإيرادات ${p.revenue})`,
    bestCampaign: (p) => `أفضل حملة: ${iso(p.name)} (ROAS ${p.roas}، الإيرادات ${p.revenue})`,
    worstCampaign: (p) => `أضعف حملة: ${iso(p.name)} (ROAS ${p.roas}، الإيرادات ${p.revenue})`,
    shiftBudget: (p) =>
      `انقل نحو ${p.amount} من ${iso(p.from)} (ROAS ${p.fromRoas}) إلى ${iso(p.to)} (ROAS ${p.toRoas}): كل وحدة أُنفقت على ${iso(p.to)} أعادت أكثر.`,
    cutCampaign: (p) =>
      `أوقف الحملة «${iso(p.campaign)}» أو أعد بناءها: أنفقت ${p.spend} وجلبت ${p.revenue} (ROAS ${p.roas}، أقل من نقطة التعادل).`,
    scaleCampaign: (p) =>
      `وسّع الحملة «${iso(p.campaign)}»: ROAS ${p.roas} على إنفاق ${p.spend}؛ زد ميزانيتها تدريجيًا ما دام العائد ثابتًا.`,
    fixFalling: (p) =>
      `عالج تراجع ${p.name}: ${p.before} سابقًا و ${p.now} الآن. جرّب عناوين أو تصاميم أو استهدافًا جديدًا.`,
    closeGap: (p) => `أغلق الفجوة في ${p.name}: ${p.actual} مقابل هدف ${p.goal}. ركّز الجهد القادم هناك.`,
    costliest: (p) =>
      `تكلفة التحويل في ${iso(p.channel)} ${p.cpa} مقابل ${p.average} في المتوسط: حسّن الاستهداف أو المزايدة هناك.`,
    sem: (p) => `إعلانات البحث (Google Ads، القناة ${iso(p.channel)})`,
    organic: (p) => `البحث العضوي (Search Console، القناة ${iso(p.channel)})`,
    positionNote: `متوسط الترتيب مرجّح بمرات الظهور؛ ${iso(1)} هو أعلى النتائج، فالأقل أفضل.`,
  },
);

const TOTAL_ROWS: ReadonlyArray<[NamedFigure, keyof Totals, FigureKind]> = [
  ['spend', 'spendMinor', 'money'],
  ['revenue', 'revenueMinor', 'money'],
  ['impressions', 'impressions', 'count'],
  ['reach', 'reach', 'count'],
  ['clicks', 'clicks', 'count'],
  ['conversions', 'conversions', 'count'],
  ['leads', 'leads', 'count'],
  ['engagements', 'engagements', 'count'],
  ['sessions', 'sessions', 'count'],
  ['followers', 'followers', 'count'],
];

export function rangeLabel(r: DateRange, locale: Locale): string {
  return view[locale].range(r);
}

export interface SummaryRow {
  id: NamedFigure;
  name: string;
  kind: FigureKind;
  now: Ratio;
  before: Ratio;
  change: Ratio;
}

/** Totals and KPIs that have a value in either period, with their change. */
export function summaryRows(
  d: Pick<ReportData, 'totals' | 'previous' | 'kpis' | 'previousKpis'>,
  locale: Locale,
): SummaryRow[] {
  const names = kpiNames[locale];
  const rows: SummaryRow[] = [];
  for (const [id, field, kind] of TOTAL_ROWS) {
    const now = d.totals[field];
    const before = d.previous[field];
    if (now === 0 && before === 0) continue;
    rows.push({ id, name: names[id], kind, now, before, change: change(now, before) });
  }
  for (const id of KPI_IDS) {
    const now = d.kpis[id];
    const before = d.previousKpis[id];
    if (now === NA && before === NA) continue;
    rows.push({ id, name: names[id], kind: KPIS[id].kind, now, before, change: change(now, before) });
  }
  return rows;
}

/** Figures against the previous period: metric, now, before, change. */
function comparisonTable(rows: SummaryRow[], currency: string, locale: Locale): Block {
  const t = view[locale];
  return table(
    [t.metric, t.current, t.previous, t.change],
    rows.map((r) => [
      r.name,
      formatFigure(r.kind, r.now, currency, locale),
      formatFigure(r.kind, r.before, currency, locale),
      `${arrow(r.change)} ${formatChange(r.change, locale)}`,
    ]),
  );
}

export function summaryTable(d: ReportData, locale: Locale): Block {
  return comparisonTable(summaryRows(d, locale), d.currency, locale);
}

type SectionFigure = [NamedFigure, FigureKind, (t: Totals) => Ratio];
const total =
  (field: keyof Totals) =>
  (t: Totals): Ratio =>
    t[field];
const kpi =
  (id: KpiId) =>
  (t: Totals): Ratio =>
    KPIS[id].compute(t);

/** What SEM and organic search people read first, in the order their tools show it. */
const SEARCH_SECTIONS = {
  sem: {
    channel: SEM_CHANNEL,
    figures: [
      ['cost', 'money', total('spendMinor')],
      ['clicks', 'count', total('clicks')],
      ['impressions', 'count', total('impressions')],
      ['cpc', 'money', kpi('cpc')],
      ['conversions', 'count', total('conversions')],
      ['conversion_value', 'money', total('revenueMinor')],
      ['roas', 'multiple', kpi('roas')],
    ],
  },
  organic: {
    channel: ORGANIC_CHANNEL,
    figures: [
      ['clicks', 'count', total('clicks')],
      ['impressions', 'count', total('impressions')],
      ['ctr', 'percent', kpi('ctr')],
      ['avg_position', 'position', kpi('avg_position')],
    ],
  },
} as const satisfies Record<string, { channel: string; figures: readonly SectionFigure[] }>;

/**
 * The SEM (Google Ads) and organic search (Search Console) sections: the channel's own figures
 * against the previous period. Nothing when the range has no data on that channel.
 */
export function searchSections(d: ReportData, locale: Locale): Block[] {
  const t = view[locale];
  const names = kpiNames[locale];
  const blocks: Block[] = [];
  for (const [id, section] of Object.entries(SEARCH_SECTIONS) as Array<
    [keyof typeof SEARCH_SECTIONS, (typeof SEARCH_SECTIONS)[keyof typeof SEARCH_SECTIONS]]
  >) {
    const slice = d.channels.find((c) => c.name === section.channel);
    if (!slice) continue;
    const rows: SummaryRow[] = section.figures.map(([figure, kind, value]) => {
      const now = value(slice.totals);
      const before = value(slice.previous);
      return { id: figure, name: names[figure], kind, now, before, change: change(now, before) };
    });
    blocks.push(text(t[id]({ channel: section.channel })), comparisonTable(rows, d.currency, locale));
    if (id === 'organic') blocks.push(context(t.positionNote));
  }
  return blocks;
}

/** Per-channel (or per-campaign) figures: the table and its CSV share these cells. */
export function sliceTable(d: ReportData, slices: Slice[], locale: Locale, by: 'channel' | 'campaign') {
  const t = view[locale];
  const n = kpiNames[locale];
  const columns = [t[by], n.spend, n.revenue, 'ROAS', 'CTR', n.conversions, 'CPA', t.revenueChange];
  const rows = slices.map((s) => [
    by === 'channel' ? channelLabel(s.name, locale) : s.name,
    formatFigure('money', s.totals.spendMinor, d.currency, locale),
    formatFigure('money', s.totals.revenueMinor, d.currency, locale),
    formatFigure('multiple', s.kpis.roas, d.currency, locale),
    formatFigure('percent', s.kpis.ctr, d.currency, locale),
    formatFigure('count', s.totals.conversions, d.currency, locale),
    formatFigure('money', s.kpis.cpa, d.currency, locale),
    formatChange(change(s.totals.revenueMinor, s.previous.revenueMinor), locale),
  ]);
  return { columns, rows };
}

/** Figures for a spreadsheet: plain numbers (money in major units, rates as fractions), empty for n/a. */
export const CSV_COLUMNS = [
  'level',
  'name',
  'spend',
  'revenue',
  'roas',
  'ctr',
  'impressions',
  'clicks',
  'conversions',
  'leads',
  'cpa',
  'previous_revenue',
  'revenue_change',
] as const;

export function csvRows(d: ReportData, slices: Slice[], level: 'channel' | 'campaign'): string[][] {
  const digits = currencyDigits(d.currency);
  const money = (minor: Ratio) => (minor === NA ? '' : (minor / 10 ** digits).toFixed(digits));
  const rate = (r: Ratio) => (r === NA ? '' : String(Math.round(r * 10000) / 10000));
  return slices.map((s) => [
    level,
    s.name,
    money(s.totals.spendMinor),
    money(s.totals.revenueMinor),
    rate(s.kpis.roas),
    rate(s.kpis.ctr),
    String(s.totals.impressions),
    String(s.totals.clicks),
    String(s.totals.conversions),
    String(s.totals.leads),
    money(s.kpis.cpa),
    money(s.previous.revenueMinor),
    rate(change(s.totals.revenueMinor, s.previous.revenueMinor)),
  ]);
}

function targetValue(p: TargetProgress, v: Ratio, currency: string, locale: Locale): string {
  return formatFigure(p.kind, v, currency, locale);
}

/** A gap in a rate is in percentage points, not a percentage of the rate. */
function gapValue(p: TargetProgress, gap: number, currency: string, locale: Locale): string {
  if (p.kind !== 'percent') return targetValue(p, gap, currency, locale);
  return view[locale].points({ n: formatNumber(gap * 100, locale, 1) });
}

export function targetLines(d: ReportData, locale: Locale): string[] {
  const t = view[locale];
  const names = kpiNames[locale];
  const status = { on_track: t.onTrack, at_risk: t.atRisk, off_track: t.offTrack };
  const marks = { on_track: '🟢', at_risk: '🟠', off_track: '🔴' };
  const lines = d.targets.map((p) => {
    const goal = targetValue(p, p.target, d.currency, locale);
    return `${marks[p.status]} ${t.target({
      name: names[p.id],
      actual: targetValue(p, p.actual, d.currency, locale),
      goal: p.direction === 'higher' ? t.atLeast({ value: goal }) : t.atMost({ value: goal }),
      status: status[p.status],
      gap: p.gap !== NA && p.gap > 0 ? gapValue(p, p.gap, d.currency, locale) : '',
    })}`;
  });
  if (d.skippedTargets > 0) lines.push(t.skippedTargets({ n: d.skippedTargets }));
  return lines;
}

export function performerLines(d: ReportData, locale: Locale): string[] {
  const t = view[locale];
  const describe = (s: Slice, by: 'channel' | 'campaign') => ({
    name: by === 'channel' ? channelLabel(s.name, locale) : s.name,
    roas: formatMultiple(s.kpis.roas, locale),
    revenue: formatMoney(s.totals.revenueMinor, d.currency, locale),
  });
  const out: string[] = [];
  if (d.best?.channel) out.push(t.bestChannel(describe(d.best.channel, 'channel')));
  if (d.worst?.channel) out.push(t.worstChannel(describe(d.worst.channel, 'channel')));
  if (d.best?.campaign) out.push(t.bestCampaign(describe(d.best.campaign, 'campaign')));
  if (d.worst?.campaign) out.push(t.worstCampaign(describe(d.worst.campaign, 'campaign')));
  return out;
}

export function recommendationText(r: Recommendation, currency: string, locale: Locale): string {
  const t = view[locale];
  const money = (v: number) => formatMoney(v, currency, locale);
  const x = (v: number) => formatMultiple(v, locale);
  switch (r.kind) {
    case 'shiftBudget':
      return t.shiftBudget({
        amount: money(r.amountMinor),
        from: channelLabel(r.from, locale),
        fromRoas: x(r.fromRoas),
        to: channelLabel(r.to, locale),
        toRoas: x(r.toRoas),
      });
    case 'cutCampaign':
      return t.cutCampaign({
        campaign: r.campaign,
        roas: x(r.roas),
        spend: money(r.spendMinor),
        revenue: money(r.revenueMinor),
      });
    case 'scaleCampaign':
      return t.scaleCampaign({ campaign: r.campaign, roas: x(r.roas), spend: money(r.spendMinor) });
    case 'fixFalling': {
      const kind = KPIS[r.kpi as KpiId].kind;
      return t.fixFalling({
        name: kpiNames[locale][r.kpi],
        before: formatFigure(kind, r.before, currency, locale),
        now: formatFigure(kind, r.now, currency, locale),
      });
    }
    case 'closeGap':
      return t.closeGap({
        name: kpiNames[locale][r.target.id],
        actual: formatFigure(r.target.kind, r.target.actual, currency, locale),
        goal: formatFigure(r.target.kind, r.target.target, currency, locale),
      });
    case 'costliest':
      return t.costliest({ channel: channelLabel(r.channel, locale), cpa: money(r.cpa), average: money(r.averageCpa) });
  }
}
