/**
 * Pieces of a report as reply blocks and lines, shared by /report and the weekly digest so both
 * show the same figures the same way.
 */
import { defineMessages, formatNumber, iso, type Locale } from '../core/i18n.js';
import { type Block, table } from '../core/reply.js';
import {
  arrow,
  type FigureKind,
  formatChange,
  formatFigure,
  formatMoney,
  formatMultiple,
  formatPercent,
  kpiNames,
  type NamedFigure,
  percentDigits,
} from '../lib/format.js';
import { minorDigits } from '../lib/money.js';
import type { DateRange } from '../lib/periods.js';
import { andList, count } from '../lib/plural.js';
import { dayFigure, dayRange } from '../lib/when.js';
import { SOURCES } from '../planning/data/benchmarks.js';
import type { TargetProgress } from '../planning/targets.js';
import type { Judged } from './analysis/goals.js';
import { channelLabel } from './channel-names.js';
import { change, KPI_IDS, KPIS, type KpiId, NA, type Ratio, type Totals } from './kpi.js';
import type { Recommendation, ReportData, Slice } from './reports.js';

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
    range: (p: { range: string; days: number }) => `${p.range} (${count(p.days, 'day', 'en')})`,
    onTrack: 'on track',
    atRisk: 'at risk',
    offTrack: 'off track',
    target: (p: { name: string; actual: string; goal: string; status: string; gap: string }) =>
      `${p.name}: ${p.actual} against a goal of ${p.goal}: ${p.status}${p.gap ? ` (${p.gap} to go)` : ''}`,
    atLeast: (p: { value: string }) => `at least ${p.value}`,
    points: (p: { n: string }) => `${p.n} percentage points`,
    atMost: (p: { value: string }) => `at most ${p.value}`,
    skippedTargets: (p: { n: number }) => `Skipped ${p.n} unreadable ${p.n === 1 ? 'target' : 'targets'} in the plan.`,
    bestChannel: (p: { name: string; roas: string; revenue: string }) =>
      `Best channel: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    worstChannel: (p: { name: string; roas: string; revenue: string }) =>
      `Weakest channel: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    bestCampaign: (p: { name: string; roas: string; revenue: string }) =>
      `Best campaign: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    worstCampaign: (p: { name: string; roas: string; revenue: string }) =>
      `Weakest campaign: ${p.name} (ROAS ${p.roas}, revenue ${p.revenue})`,
    unranked: (p: { goal: 'awareness' | 'leads'; names: string }) =>
      `Judged by ${p.goal}, so not ranked by ROAS: ${p.names}.`,
    campaignName: (p: { name: string }) => `the campaign "${p.name}"`,
    shiftBudget: (p: { amount: string; from: string; fromRoas: string; to: string; toRoas: string }) =>
      `Move about ${p.amount} from ${p.from} (ROAS ${p.fromRoas}) to ${p.to} (ROAS ${p.toRoas}, the best sales channel): both are judged by sales, and each unit spent on ${p.to} returned more.`,
    overBenchmark: (p: {
      channel: string;
      judged: Judged;
      kpi: string;
      value: string;
      benchmark: string;
      source: string;
    }) =>
      `${p.channel} is judged by ${{ awareness: 'awareness', leads: 'leads', sales: 'sales' }[p.judged]}: its ${p.kpi} is ${p.value} against a benchmark of ${p.benchmark} (${p.source}). ${
        {
          awareness: 'Refresh the creative and check placements and audience size to bring it down.',
          leads: 'Shorten the form and tighten the audience to bring it down.',
          sales: 'Tighten targeting or bids to bring it down.',
        }[p.judged]
      }`,
    noData: 'no data in this scope',
    coverage: (p: { covered: number; days: number; range: string }) =>
      `Data covers ${p.covered} of the ${count(p.days, 'day', 'en')} (${p.range}); the other days have none yet.`,
    noCoverage: (p: { days: number }) => `None of the ${count(p.days, 'day', 'en')} has data.`,
    endsAtData: (p: { to: string }) => `Ends on ${p.to}, the last day with data: nothing has come in since.`,
    previousCoverage: (p: { covered: number; days: number }) =>
      `The previous period has data on ${p.covered} of its ${count(p.days, 'day', 'en')}.`,
    perDay:
      'The periods are not covered alike, so changes in totals compare averages per day with data; rates compare as they are.',
    perDayLengths: (p: { days: number; previous: number }) =>
      `The periods have ${p.days} and ${p.previous} days, so changes in totals compare averages per day; rates compare as they are.`,
    noPrevious: 'The previous period has no data, so there are no change figures.',
    goalsDates: (p: { plan: string; from: string; range: string | undefined }) =>
      `The goals of the plan "${p.plan}" apply ${p.range ? `for ${p.range}` : `from ${p.from}`}, outside this range: they are not judged here.`,
    goalsChannel: (p: { plan: string; channels: string }) =>
      `The plan "${p.plan}" budgets for ${p.channels}, not this channel: its goals are not judged here.`,
    goalsScope: (p: { range: string; channels: string }) => `Goals are measured on ${p.channels} over ${p.range}.`,
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
  },
  {
    metric: 'المقياس',
    current: 'هذه الفترة',
    previous: 'السابقة',
    change: 'التغير',
    revenueChange: 'تغير الإيرادات',
    channel: 'القناة',
    campaign: 'الحملة',
    range: (p) => `${p.range} (${count(p.days, 'day', 'ar')})`,
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
    unranked: (p) =>
      `تُقاس بهدف ${{ awareness: 'الوعي', leads: 'العملاء المحتملين' }[p.goal]} فلا تُرتَّب بالعائد على الإنفاق الإعلاني: ${p.names}.`,
    campaignName: (p) => `الحملة «${iso(p.name)}»`,
    shiftBudget: (p) =>
      `انقل نحو ${p.amount} من ${iso(p.from)} (ROAS ${p.fromRoas}) إلى ${iso(p.to)} (ROAS ${p.toRoas}، أفضل قنوات المبيعات): كلتاهما تُقاس بالمبيعات، وكل وحدة أُنفقت على ${iso(p.to)} أعادت أكثر.`,
    overBenchmark: (p) =>
      `تُقاس ${iso(p.channel)} بهدف ${{ awareness: 'الوعي', leads: 'العملاء المحتملين', sales: 'المبيعات' }[p.judged]}: ${p.kpi} فيها ${p.value} مقابل معيار ${p.benchmark} (${iso(p.source)}). ${
        {
          awareness: 'جدّد التصاميم وراجع مواضع الظهور وحجم الجمهور لخفضها.',
          leads: 'اختصر النموذج وضيّق الجمهور لخفضها.',
          sales: 'حسّن الاستهداف أو المزايدة لخفضها.',
        }[p.judged]
      }`,
    noData: 'لا بيانات في هذا النطاق',
    coverage: (p) =>
      `البيانات تغطي ${iso(String(p.covered))} من ${count(p.days, 'day', 'ar')} (${p.range})، ولا بيانات للأيام الأخرى بعد.`,
    noCoverage: (p) => `لا بيانات لأي يوم من ${count(p.days, 'day', 'ar')}.`,
    endsAtData: (p) => `تنتهي الفترة في ${p.to}، آخر يوم فيه بيانات: لم يصل شيء بعده.`,
    previousCoverage: (p) =>
      `الفترة السابقة فيها بيانات في ${iso(String(p.covered))} من ${count(p.days, 'day', 'ar')}.`,
    perDay:
      'تغطية الفترتين غير متساوية، لذا تقارن تغيّرات الإجماليات المتوسط اليومي للأيام التي فيها بيانات؛ أما المعدلات فتُقارن كما هي.',
    perDayLengths: (p) =>
      `طول الفترتين ${count(p.days, 'day', 'ar')} و${count(p.previous, 'day', 'ar')}، لذا تقارن تغيّرات الإجماليات المتوسط اليومي؛ أما المعدلات فتُقارن كما هي.`,
    noPrevious: 'لا بيانات في الفترة السابقة، فلا أرقام للتغيّر.',
    goalsDates: (p) => `أهداف الخطة «${iso(p.plan)}» تسري ${p.range ?? `من ${p.from}`}، خارج هذه الفترة: لا تُقيَّم هنا.`,
    goalsChannel: (p) => `الخطة «${iso(p.plan)}» تخصص ميزانيتها لـ${p.channels}، لا لهذه القناة: لا تُقيَّم أهدافها هنا.`,
    goalsScope: (p) => `تُقاس الأهداف على ${p.channels} ${p.range}.`,
    cutCampaign: (p) =>
      `أوقف الحملة «${iso(p.campaign)}» أو أعد بناءها: أنفقت ${p.spend} وجلبت ${p.revenue} (ROAS ${p.roas}، أقل من نقطة التعادل).`,
    scaleCampaign: (p) =>
      `وسّع الحملة «${iso(p.campaign)}»: ROAS ${p.roas} على إنفاق ${p.spend}؛ زد ميزانيتها تدريجيًا ما دام العائد ثابتًا.`,
    fixFalling: (p) =>
      `عالج تراجع ${p.name}: ${p.before} سابقًا و${p.now} الآن. جرّب عناوين أو تصاميم أو استهدافًا جديدًا.`,
    closeGap: (p) => `أغلق الفجوة في ${p.name}: ${p.actual} مقابل هدف ${p.goal}. ركّز الجهد القادم هناك.`,
    costliest: (p) =>
      `تكلفة التحويل في ${iso(p.channel)} ${p.cpa} مقابل ${p.average} في المتوسط: حسّن الاستهداف أو المزايدة هناك.`,
    // The channel's Arabic name, not its id: an id is typed in a CSV file, never read in a sentence.
  },
);

const TOTAL_ROWS: ReadonlyArray<[NamedFigure, keyof Totals, FigureKind]> = [
  ['spend', 'spendMinor', 'money'],
  ['revenue', 'revenueMinor', 'money'],
  ['impressions', 'impressions', 'count'],
  ['reach', 'reach', 'count'],
  ['clicks', 'clicks', 'count'],
  ['conversions', 'conversions', 'count'],
  ['site_conversions', 'siteConversions', 'count'],
  ['leads', 'leads', 'count'],
  ['engagements', 'engagements', 'count'],
  ['sessions', 'sessions', 'count'],
  ['followers', 'followers', 'count'],
];

export function rangeLabel(r: DateRange, locale: Locale): string {
  return view[locale].range({ range: dayRange(r.from, r.to, locale), days: r.days });
}

export interface SummaryRow {
  id: NamedFigure;
  name: string;
  kind: FigureKind;
  now: Ratio;
  before: Ratio;
  change: Ratio;
}

/**
 * The change of a total between the periods: per covered day when the periods are covered
 * differently (ReportData.comparison), none when the previous period has no data. Followers is a
 * level at a day's end, not a sum of days, so it compares as it is.
 */
export function totalChange(
  d: Pick<ReportData, 'comparison' | 'coverage'>,
  now: number,
  before: number,
  field?: keyof Totals,
): Ratio {
  if (d.comparison === 'none') return NA;
  if (d.comparison === 'total' || field === 'followers') return change(now, before);
  return change(now / Math.max(1, d.coverage.current.covered), before / d.coverage.previous.covered);
}

/** Totals and KPIs that have a value in either period, with their change. */
export function summaryRows(
  d: Pick<ReportData, 'totals' | 'previous' | 'kpis' | 'previousKpis' | 'comparison' | 'coverage'>,
  locale: Locale,
): SummaryRow[] {
  const names = kpiNames[locale];
  const rows: SummaryRow[] = [];
  for (const [id, field, kind] of TOTAL_ROWS) {
    const now = d.totals[field] ?? 0;
    const before = d.previous[field] ?? 0;
    if (now === 0 && before === 0) continue;
    rows.push({ id, name: names[id], kind, now, before, change: totalChange(d, now, before, field) });
  }
  for (const id of KPI_IDS) {
    const now = d.kpis[id];
    const before = d.previousKpis[id];
    if (now === NA && before === NA) continue;
    const moved = d.comparison === 'none' ? NA : change(now, before);
    rows.push({ id, name: names[id], kind: KPIS[id].kind, now, before, change: moved });
  }
  return rows;
}

/**
 * Figures against the previous period: metric, now, before, change. Without data before (`alone`),
 * only the metric and now: a column of zeros and one of n/a would only hide the figures.
 */
export function comparisonTable(rows: SummaryRow[], currency: string, locale: Locale, alone = false): Block {
  const t = view[locale];
  if (alone)
    return table(
      [t.metric, t.current],
      rows.map((r) => [r.name, formatFigure(r.kind, r.now, currency, locale)]),
    );
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
  return comparisonTable(summaryRows(d, locale), d.currency, locale, d.comparison === 'none');
}

/** Per-channel (or per-campaign) figures: the table and its CSV share these cells. */
export function sliceTable(d: ReportData, slices: Slice[], locale: Locale, by: 'channel' | 'campaign') {
  const t = view[locale];
  const n = kpiNames[locale];
  // Without data before the range the change column would be n/a all the way down.
  const compared = d.comparison !== 'none';
  const columns = [
    t[by],
    n.spend,
    n.revenue,
    'ROAS',
    'CTR',
    n.conversions,
    'CPA',
    ...(compared ? [t.revenueChange] : []),
  ];
  const rows = slices.map((s) => [
    by === 'channel' ? channelLabel(s.name, locale) : s.name,
    formatFigure('money', s.totals.spendMinor, d.currency, locale),
    formatFigure('money', s.totals.revenueMinor, d.currency, locale),
    formatFigure('multiple', s.kpis.roas, d.currency, locale),
    formatFigure('percent', s.kpis.ctr, d.currency, locale),
    // A channel's own conversions: the ad platform's, or the site's for the site channel.
    formatFigure('count', s.totals.conversions + (s.totals.siteConversions ?? 0), d.currency, locale),
    formatFigure('money', s.kpis.cpa, d.currency, locale),
    ...(compared ? [formatChange(totalChange(d, s.totals.revenueMinor, s.previous.revenueMinor), locale)] : []),
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
  const digits = minorDigits(d.currency);
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
    rate(totalChange(d, s.totals.revenueMinor, s.previous.revenueMinor)),
  ]);
}

function targetValue(p: TargetProgress, v: Ratio, currency: string, locale: Locale): string {
  return formatFigure(p.kind, v, currency, locale);
}

/**
 * A gap in a rate is in percentage points, not a percentage of the rate: the difference of the two
 * rates as they are shown (1.49% against 1.5% is 0.01 points to go, not the 0.009 of the unrounded
 * rate, which the reader cannot find in the line), at the digits that tell them apart, so never 0.
 */
function gapValue(p: TargetProgress, gap: number, currency: string, locale: Locale): string {
  if (p.kind !== 'percent') return targetValue(p, gap, currency, locale);
  if (p.actual === NA) {
    const points = gap * 100;
    const digits = Math.min(4, Math.max(1, Math.ceil(-Math.log10(points))));
    return view[locale].points({ n: formatNumber(points, locale, digits) });
  }
  const digits = percentDigits(p.actual, p.target);
  const shown = (r: number) => Math.round(r * 100 * 10 ** digits);
  const points = Math.abs(shown(p.target) - shown(p.actual)) / 10 ** digits;
  return view[locale].points({ n: formatNumber(points, locale, digits) });
}

export function targetLines(d: ReportData, locale: Locale): string[] {
  const t = view[locale];
  const names = kpiNames[locale];
  const status = { on_track: t.onTrack, at_risk: t.atRisk, off_track: t.offTrack, no_data: t.noData };
  const marks = { on_track: '🟢', at_risk: '🟠', off_track: '🔴', no_data: '⚪' };
  const lines = d.targets.map((p) => {
    const goal = targetValue(p, p.target, d.currency, locale);
    return `${marks[p.status]} ${t.target({
      name: names[p.id],
      actual:
        p.kind === 'percent' && p.actual !== NA
          ? formatPercent(p.actual, locale, percentDigits(p.actual, p.target))
          : targetValue(p, p.actual, d.currency, locale),
      goal: p.direction === 'higher' ? t.atLeast({ value: goal }) : t.atMost({ value: goal }),
      status: status[p.status],
      gap: p.gap !== NA && p.gap > 0 ? gapValue(p, p.gap, d.currency, locale) : '',
    })}`;
  });
  if (d.skippedTargets > 0) lines.push(t.skippedTargets({ n: d.skippedTargets }));
  return lines;
}

/** Where the plan's goals apply (its channels and days), or why they are not judged in this report. */
export function goalScopeLines(d: ReportData, locale: Locale): string[] {
  const t = view[locale];
  const name = (c: string) => channelLabel(c, locale);
  const list = (ids: string[]) => andList(ids.map(name), locale);
  const out = d.goalsOutOfScope;
  if (d.plan && out?.why === 'dates') {
    const { from, to } = out.planRange;
    // A plan without an end date has its goals open-ended (goals.ts marks that day 9999-12-31).
    const range = to === '9999-12-31' ? undefined : dayRange(from, to, locale);
    return [t.goalsDates({ plan: d.plan.name, from: dayFigure(from, locale), range })];
  }
  if (d.plan && out?.why === 'channel') return [t.goalsChannel({ plan: d.plan.name, channels: list(out.channels) })];
  const scope = d.goalScope;
  if (!scope || scope.channels.length === 0) return [];
  return [t.goalsScope({ range: dayRange(scope.range.from, scope.range.to, locale), channels: list(scope.channels) })];
}

/**
 * What the header says about the data behind the figures: a range that ends at the last day with
 * data, days without data in either period, and how the periods are compared.
 */
export function coverageLines(d: ReportData, locale: Locale): string[] {
  const t = view[locale];
  const lines: string[] = [];
  const { current, previous } = d.coverage;
  if (d.range.endsAtData) lines.push(t.endsAtData({ to: dayFigure(d.range.to, locale) }));
  if (current.covered === 0) lines.push(t.noCoverage({ days: current.days }));
  else if (current.covered < current.days) {
    lines.push(
      t.coverage({
        covered: current.covered,
        days: current.days,
        range: dayRange(current.from ?? '', current.to ?? '', locale),
      }),
    );
  }
  if (previous.covered > 0 && previous.covered < previous.days) {
    lines.push(t.previousCoverage({ covered: previous.covered, days: previous.days }));
  }
  // Two whole periods of different lengths (November against October) are covered alike: say why.
  const whole = current.covered === current.days && previous.covered === previous.days;
  if (d.comparison === 'perDay') {
    lines.push(whole ? t.perDayLengths({ days: current.days, previous: previous.days }) : t.perDay);
  }
  if (d.comparison === 'none' && current.covered > 0) lines.push(t.noPrevious);
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
  for (const goal of ['awareness', 'leads'] as const) {
    const names = (d.unranked ?? [])
      .filter((u) => u.judged === goal)
      .map((u) => (u.kind === 'channel' ? channelLabel(u.name, locale) : t.campaignName({ name: u.name })));
    if (names.length > 0) out.push(t.unranked({ goal, names: andList(names, locale) }));
  }
  return out;
}

export function recommendationText(r: Recommendation, currency: string, locale: Locale): string {
  const t = view[locale];
  const money = (v: number) => formatMoney(v, currency, locale);
  const x = (v: number) => formatMultiple(v, locale);
  switch (r.kind) {
    case 'shiftBudget':
      return t.shiftBudget({
        amount: formatMoney(r.amountMinor, currency, locale, true), // rounded "about" (recommendations.ts)
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
    case 'overBenchmark':
      return t.overBenchmark({
        channel: channelLabel(r.channel, locale),
        judged: r.judged,
        kpi: r.kpi.toUpperCase(),
        value: money(r.value),
        benchmark: money(r.benchmark),
        // The publisher and year, not the whole citation (docs/planner.md lists them in full).
        source: SOURCES[r.source].split(/[,:]/)[0] as string,
      });
  }
}
