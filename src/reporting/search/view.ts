/**
 * The SEM (Google Ads) and organic search (Search Console) sections of /report: what people who run
 * search read first, in the order their tools show it, against the previous period.
 */
import { defineMessages, iso, type Locale } from '../../core/i18n.js';
import { type Block, context, text } from '../../core/reply.js';
import { type FigureKind, kpiNames, type NamedFigure } from '../../lib/format.js';
import { channelLabel } from '../channel-names.js';
import { change, KPIS, type KpiId, type Ratio, type Totals } from '../kpi.js';
import { comparisonTable, type SummaryRow, totalChange } from '../report-view.js';
import type { ReportData } from '../reports.js';
import { ORGANIC_CHANNEL, SEM_CHANNEL } from './exports.js';

const view = defineMessages(
  'search-view',
  {
    sem: (p: { channel: string }) => `Search ads (Google Ads, channel ${p.channel})`,
    organic: (p: { channel: string }) => `Organic search (Search Console, channel ${p.channel})`,
    positionNote: 'Average position is weighted by impressions; 1 is the top of the results, so lower is better.',
  },
  {
    sem: (p) => `البحث المدفوع (${iso(channelLabel(p.channel, 'ar'))})`,
    organic: (p) => `${channelLabel(p.channel, 'ar')} (من تقارير Search Console)`,
    positionNote: `متوسط الترتيب مرجّح بمرات الظهور؛ ${iso(1)} هو أعلى النتائج، فالأقل أفضل.`,
  },
);

type SectionFigure = [NamedFigure, FigureKind, (t: Totals) => Ratio];
const total =
  (field: keyof Totals) =>
  (t: Totals): Ratio =>
    t[field] ?? 0;
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
      // Totals follow the coverage rule (totalChange); KPIs are rates and compare as they are.
      const moved = figure in KPIS ? change(now, before) : totalChange(d, Number(now), Number(before));
      return { id: figure, name: names[figure], kind, now, before, change: moved };
    });
    blocks.push(
      text(t[id]({ channel: section.channel })),
      comparisonTable(rows, d.currency, locale, d.comparison === 'none'),
    );
    if (id === 'organic') blocks.push(context(t.positionNote));
  }
  return blocks;
}
