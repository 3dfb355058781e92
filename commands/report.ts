import { z } from 'zod';
import { defineCommand, sub } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { defineMessages, iso, isoIn } from '../src/core/i18n.js';
import { opt } from '../src/core/options.js';
import { type Block, context, list, reply, table, text } from '../src/core/reply.js';
import { toCsv } from '../src/lib/csv.js';
import { MAX_RANGE_DAYS, normalizeRangeSpec, RANGE_PATTERN } from '../src/lib/periods.js';
import { count } from '../src/lib/plural.js';
import { campaignSlug } from '../src/publishing/links/utm.js';
import { channelLabel, normalizeChannel } from '../src/reporting/channel-names.js';
import {
  CSV_COLUMNS,
  coverageLines,
  csvRows,
  goalScopeLines,
  performerLines,
  rangeLabel,
  recommendationText,
  sliceTable,
  summaryTable,
  targetLines,
} from '../src/reporting/report-view.js';
import type { Filters } from '../src/reporting/reports.js';
import { searchSections } from '../src/reporting/search/view.js';

const m = defineMessages(
  'report',
  {
    title: (p: { range: string }) => `Report: ${p.range}`,
    filtered: (p: { what: string }) => `Showing only ${p.what}.`,
    channelFilter: (p: { name: string }) => p.name,
    campaignFilter: (p: { name: string }) => `the campaign "${p.name}"`,
    and: ' and ',
    noData: (p: { range: string }) =>
      `No metrics for ${p.range}. Import a CSV with mktbot import-metrics FILE.csv, push them to /webhooks/metrics, or run mktbot demo for sample data.`,
    totals: 'Totals and KPIs, against the previous period',
    totalsAlone: 'Totals and KPIs',
    channels: 'By channel',
    campaigns: 'By campaign',
    goals: (p: { plan: string }) => `Goals of the plan "${p.plan}"`,
    noPlan: 'No plan with KPI targets yet: create one with /plan to see progress against goals here.',
    performers: 'Best and weakest',
    recommendations: 'Recommendations',
    noRecommendations: 'Nothing stands out: the channels perform alike and no goal is off track.',
    compared: (p: { previous: string; zone: string; lastYear: boolean }) =>
      `Compared with ${p.lastYear ? `the same days last year, ${p.previous}` : p.previous}. Days are counted in ${p.zone}. n/a means the figure has no denominator in that period.`,
    notCompared: (p: { zone: string }) =>
      `Days are counted in ${p.zone}. n/a means the figure has no denominator in this period.`,
    badRange: 'The range must not end before it starts.',
    longRange: (p: { max: number }) => `A range can cover at most ${count(p.max, 'day', 'en')}.`,
    badDate: 'Both dates must be real days in YYYY-MM-DD form, e.g. 2026-11-01..2026-11-30.',
    csvAttached: (p: { file: string }) => `The tables are in the CSV file ${p.file}.`,
    emptyRange: 'This period has no complete day yet (today is its first day): try 7d or last-month.',
    campaignPosts: (p: { published: number; waiting: number; tag: string }) =>
      `Posts in this campaign: ${p.published} published in this period, ${p.waiting} scheduled ahead; their links carry utm_campaign=${p.tag}, which is how the site's sessions are joined to it.`,
  },
  {
    title: (p) => `التقرير: ${p.range}`,
    filtered: (p) => `يقتصر هذا التقرير على ${p.what}.`,
    channelFilter: (p) => p.name,
    campaignFilter: (p) => `الحملة «${iso(p.name)}»`,
    and: ' و',
    noData: (p) =>
      `لا توجد مقاييس للفترة ${p.range}. استورد ملف CSV بالأمر mktbot import-metrics FILE.csv، أو أرسلها إلى /webhooks/metrics، أو شغّل mktbot demo لبيانات تجريبية.`,
    totals: 'الإجماليات والمؤشرات مقارنة بالفترة السابقة',
    totalsAlone: 'الإجماليات والمؤشرات',
    channels: 'حسب القناة',
    campaigns: 'حسب الحملة',
    goals: (p) => `أهداف الخطة «${iso(p.plan)}»`,
    noPlan: 'لا توجد خطة بأهداف مؤشرات بعد: أنشئ واحدة بالأمر /plan لترى التقدم نحو الأهداف هنا.',
    performers: 'الأفضل والأضعف',
    recommendations: 'التوصيات',
    noRecommendations: 'لا شيء لافت: أداء القنوات متقارب ولا يوجد هدف خارج المسار.',
    compared: (p) =>
      `${p.lastYear ? `مقارنة بالأيام نفسها من العام الماضي، ${p.previous}` : `مقارنة بالفترة ${p.previous}`}. تُحسب الأيام بتوقيت ${iso(p.zone)}. «غير متاح» يعني أن المؤشر بلا مقام في تلك الفترة.`,
    notCompared: (p) => `تُحسب الأيام بتوقيت ${iso(p.zone)}. «غير متاح» يعني أن المؤشر بلا مقام في هذه الفترة.`,
    badRange: 'يجب ألا تنتهي الفترة قبل بدايتها.',
    longRange: (p) => `لا تتجاوز الفترة ${count(p.max, 'day', 'ar')}.`,
    badDate: 'يجب أن يكون التاريخان أيامًا صحيحة بالصيغة YYYY-MM-DD، مثل 2026-11-01..2026-11-30.',
    csvAttached: (p) => `الجداول في ملف CSV ‏${iso(p.file)}.`,
    emptyRange: 'لا يوجد في هذه الفترة يوم مكتمل بعد (اليوم أول أيامها): جرّب 7d أو last-month.',
    campaignPosts: (p) =>
      `منشورات هذه الحملة: نُشر منها في هذه الفترة ${iso(p.published)}، والمجدول منها ${iso(p.waiting)}؛ تحمل روابطها ${iso(`utm_campaign=${p.tag}`)}، وبها تُربط زيارات الموقع بالحملة.`,
  },
);

/** range: a preset or FROM..TO; the calendar check (real days, order) happens in the handler. */
function rangeOption() {
  const base = opt.string({
    label: { en: 'Range', ar: 'الفترة' },
    description: {
      en: '7d, 30d, 90d, 365d, this-month, ytd, last-week, last-month, last-quarter or FROM..TO',
      ar: '7d أو 90d أو this-month أو ytd أو «الشهر الماضي» أو «الربع الماضي» أو من..إلى',
    },
    positional: true,
    // «الشهر الماضي» is two words: the range takes every word that is not a named option.
    greedy: true,
    maxLength: 40,
  });
  return {
    ...base,
    expected: {
      en: '7d, 30d, 90d, 365d, this-month, ytd, last-week, last-month, last-quarter or FROM..TO as YYYY-MM-DD..YYYY-MM-DD',
      ar: '7d أو 30d أو 90d أو 365d أو this-month أو ytd أو last-week أو last-month أو last-quarter أو من..إلى بالصيغة YYYY-MM-DD..YYYY-MM-DD',
    },
    schema: z.string().transform(normalizeRangeSpec).pipe(z.string().regex(RANGE_PATTERN)).optional(),
  };
}

/** Campaigns listed in the reply, best first; the CSV carries them all. */
const SHOWN_CAMPAIGNS = 15;

const filterOptions = {
  channel: opt.string({
    label: { en: 'Channel', ar: 'القناة' },
    description: { en: 'Only this channel, e.g. facebook', ar: 'هذه القناة فقط، مثل facebook' },
    maxLength: 40,
  }),
  campaign: opt.string({
    label: { en: 'Campaign', ar: 'الحملة' },
    description: { en: 'Only this campaign', ar: 'هذه الحملة فقط' },
    maxLength: 100,
  }),
};

async function show(
  input: {
    range?: string | undefined;
    channel?: string | undefined;
    campaign?: string | undefined;
    format?: 'csv' | undefined;
  },
  ctx: Context,
) {
  const t = ctx.t(m);
  const filters: Filters = {
    // google_ads, Google Ads and google-ads are one channel (channel-names.ts).
    ...(input.channel ? { channel: normalizeChannel(input.channel) } : {}),
    ...(input.campaign ? { campaign: input.campaign } : {}),
  };
  const range = await ctx.services.reports.resolve(
    ctx.workspace,
    input.range ?? '30d',
    ctx.now(),
    ctx.timezone,
    filters,
  );
  if (range === 'format') throw new UserError(t.badDate);
  if (range === 'order') throw new UserError(t.badRange);
  if (range === 'length') throw new UserError(t.longRange({ max: MAX_RANGE_DAYS }));
  if (range === 'empty') throw new UserError(t.emptyRange);
  const d = await ctx.services.reports.build(ctx.workspace, range, filters);
  const label = rangeLabel(range, ctx.locale);
  const filterText = [
    // The channel by its name in the reader's language («إنستغرام»), not its id.
    filters.channel ? t.channelFilter({ name: isoIn(channelLabel(filters.channel, ctx.locale), ctx.locale) }) : '',
    filters.campaign ? t.campaignFilter({ name: filters.campaign }) : '',
  ]
    .filter(Boolean)
    .join(t.and);
  if (d.rows === 0) {
    return reply(
      t.title({ range: label }),
      [text(t.noData({ range: label })), ...(filterText ? [context(t.filtered({ what: filterText }))] : [])],
      {
        tone: 'warning',
      },
    );
  }
  const blocks: Block[] = [];
  if (filterText) blocks.push(context(t.filtered({ what: filterText })));
  if (filters.campaign) {
    const posts = await ctx.services.scheduler.campaignPosts(ctx.workspace.id, filters.campaign, range, ctx.timezone);
    if (posts.published + posts.waiting > 0) {
      blocks.push(context(t.campaignPosts({ ...posts, tag: campaignSlug(filters.campaign) })));
    }
  }
  const coverage = coverageLines(d, ctx.locale);
  if (coverage.length > 0) blocks.push(context(coverage.join(' ')));
  blocks.push(text(d.comparison === 'none' ? t.totalsAlone : t.totals), summaryTable(d, ctx.locale));
  const channels = sliceTable(d, d.channels, ctx.locale, 'channel');
  if (!filters.channel || d.channels.length > 1) blocks.push(text(t.channels), table(channels.columns, channels.rows));
  if (d.campaigns.length > 0 && !filters.campaign) {
    // Only the rows shown are formatted: a workspace may have thousands of campaigns.
    const campaigns = sliceTable(d, d.campaigns.slice(0, SHOWN_CAMPAIGNS), ctx.locale, 'campaign');
    blocks.push(text(t.campaigns), table(campaigns.columns, campaigns.rows));
  }
  blocks.push(...searchSections(d, ctx.locale));
  const scope = goalScopeLines(d, ctx.locale);
  if (d.plan && (d.targets.length > 0 || d.skippedTargets > 0)) {
    blocks.push(text(t.goals({ plan: d.plan.name })), list(targetLines(d, ctx.locale)));
    if (scope.length > 0) blocks.push(context(scope.join(' ')));
  } else if (d.goalsOutOfScope) blocks.push(context(scope.join(' ')));
  else blocks.push(context(t.noPlan));
  const performers = performerLines(d, ctx.locale);
  if (performers.length > 0) blocks.push(text(t.performers), list(performers));
  blocks.push(text(t.recommendations));
  blocks.push(
    d.recommendations.length > 0
      ? list(
          d.recommendations.map((r) => recommendationText(r, d.currency, ctx.locale)),
          true,
        )
      : text(t.noRecommendations),
  );
  if (input.format === 'csv') {
    const rows = [...csvRows(d, d.channels, 'channel'), ...csvRows(d, d.campaigns, 'campaign')];
    const filename = `report-${range.from}-${range.to}.csv`;
    blocks.push({ kind: 'file', filename, mime: 'text/csv', content: toCsv(CSV_COLUMNS, rows) });
    blocks.push(context(t.csvAttached({ file: filename })));
  }
  blocks.push(
    context(
      d.comparison === 'none'
        ? t.notCompared({ zone: ctx.timezone })
        : t.compared({
            previous: rangeLabel(d.previousRange, ctx.locale),
            zone: ctx.timezone,
            lastYear: d.range.comparedWith === 'lastYear',
          }),
    ),
  );
  return reply(t.title({ range: label }), blocks);
}

export default defineCommand({
  name: 'report',
  description: { en: 'KPIs, goals and recommendations for a period', ar: 'المؤشرات والأهداف والتوصيات لفترة' },
  defaultSubcommand: 'show',
  subcommands: {
    show: sub({
      description: {
        en: 'Totals, KPIs, channels, goals and recommendations',
        ar: 'الإجماليات والمؤشرات والقنوات والأهداف والتوصيات',
      },
      examples: [
        '30d',
        'range:7d channel:facebook',
        'last-month format:csv',
        { en: '2026-11-01..2026-11-15 campaign:Launch', ar: '2026-11-01..2026-11-15 campaign:الإطلاق' },
      ],
      slow: true,
      options: {
        range: rangeOption(),
        ...filterOptions,
        format: opt.choice(['csv'] as const, {
          label: { en: 'Format', ar: 'الصيغة' },
          description: { en: 'csv attaches the table as a file', ar: 'csv يرفق الجدول كملف' },
        }),
      },
      handler: (input, ctx) => show(input, ctx),
    }),
    trends: sub({
      description: { en: 'What rose and fell over the last 8 weeks', ar: 'ما ارتفع وما انخفض خلال آخر 8 أسابيع' },
      examples: ['trends'],
      slow: true,
      options: {},
      handler: (_input, ctx) => ctx.services.reports.trends(ctx),
    }),
  },
});
