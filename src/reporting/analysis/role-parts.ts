/**
 * The weekly digest's parts for the people in the marketing team, each addressed to those with the
 * job role (src/workspace/job-roles.ts) and left out when nobody has it:
 * - content: next week's scheduled posts by channel and the gaps, the campaigns with the best and
 *   weakest engagement this week, and the site's dwell time and returning visitors;
 * - automation: each email campaign's opens, clicks, click-to-open and conversions against the
 *   plan's targets, and the campaign that most needs attention;
 * - seo: organic search clicks, impressions and average position, and the last crawl of each
 *   watched site;
 * - social: the week's alerts and how they were handled (social-part.ts).
 * A role that asked for its own weekly message (/digest subscribe, role-digests.ts) gets a one-line
 * pointer here instead, so its figures are not posted twice.
 */
import type { Plan, Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineMessages, formatNumber, iso, type Locale } from '../../core/i18n.js';
import { withLam } from '../../core/messages.js';
import { type Block, list, type Person, text } from '../../core/reply.js';
import type { Db } from '../../db/client.js';
import { arrow, formatChange, formatPercent, formatSeconds } from '../../lib/format.js';
import type { DateRange } from '../../lib/periods.js';
import { andList } from '../../lib/plural.js';
import { dateFigure, dateText } from '../../lib/when.js';
import { internalTarget, parseTargets } from '../../planning/targets.js';
import { CHANNELS } from '../../publishing/scheduler.js';
import { type JobRole, membersWithJobRole } from '../../workspace/job-roles.js';
import { channelLabel as channelName, normalizeChannel, SITE_CHANNEL } from '../channel-names.js';
import {
  addTotals,
  dwellTime,
  emailClickRate,
  emailOpenRate,
  emptyTotals,
  engagementRate,
  METRIC_FIELDS,
  NA,
  type Ratio,
  ratio,
  returningRate,
  type Totals,
  unsubscribeRate,
} from '../kpi.js';
import { socialPart } from './social-part.js';

/** Below this, an engagement rate says more about chance than about the content. */
export const MIN_REACH = 1000;
/** Below this many delivered emails, a campaign's rates are not compared. */
export const MIN_DELIVERED = 200;
/**
 * The unsubscribe rate most lists see: Mailchimp's benchmarks put the all-industry average at 0.25%
 * of a campaign's deliveries, industries between about 0.1% and 0.35% (docs/reports.md, "Unsubscribes").
 */
export const USUAL_UNSUBSCRIBE_RATE = 0.0025;
/** A send past twice the usual rate is flagged: more than any industry's average, so not chance. */
export const UNSUBSCRIBE_ALERT_RATE = 2 * USUAL_UNSUBSCRIBE_RATE;

/** Exported for the tests of its wording. */
export const m = defineMessages(
  'digest-roles',
  {
    forRole: (p: { role: string; people: string }) => `${p.role}: ${p.people}`,
    content: 'Content',
    automation: 'Email and automation',
    seo: 'SEO',
    nextWeek: (p: { list: string }) => `Scheduled for next week: ${p.list}.`,
    nothingNext: 'Nothing is scheduled for next week yet.',
    gapDays: (p: { days: string; count: number }) => `No post on ${p.days}.`,
    gapChannels: (p: { channels: string }) => `Nothing scheduled on ${p.channels}, which the plan funds.`,
    best: (p: { campaign: string; channel: string; rate: string }) =>
      `Best engagement: ${p.campaign} on ${p.channel}, ${p.rate} of reach.`,
    weakest: (p: { campaign: string; channel: string; rate: string }) =>
      `Weakest: ${p.campaign} on ${p.channel}, ${p.rate}.`,
    noEngagement: (p: { min: string }) =>
      `No campaign reached ${p.min} people this week, so engagement is not compared.`,
    site: (p: { dwell: string; dwellChange: string; returning: string; returningChange: string }) =>
      `Site: ${p.dwell} per session (${p.dwellChange}), returning visitors ${p.returning} (${p.returningChange}).`,
    email: (p: { campaign: string; open: string; click: string; cto: string; conversions: string; unsub: string }) =>
      `${p.campaign}: opens ${p.open}, clicks ${p.click}, click-to-open ${p.cto}, ${p.conversions} conversions, unsubscribes ${p.unsub}`,
    unsubscribes: (p: { campaign: string; rate: string; limit: string; usual: string }) =>
      `Unsubscribes are high on ${p.campaign}: ${p.rate} of its recipients unsubscribed, above ${p.limit} (twice the ${p.usual} most lists see). Check how often it is sent and to whom.`,
    pointer: (p: { role: string; people: string; channel: string }) =>
      `The ${p.role} part${p.people ? ` (for ${p.people})` : ''} is sent as its own weekly message ${p.channel}.`,
    here: 'in this channel',
    there: (p: { channel: string }) => `in ${p.channel}`,
    social: 'Social media',
    target: (p: { what: string; target: string }) => ` (target ${p.what} ${p.target})`,
    attention: (p: { campaign: string; why: string }) => `Needs attention: ${p.campaign}, ${p.why}.`,
    lowestCto: (p: { cto: string }) => `the lowest click-to-open (${p.cto})`,
    belowTarget: (p: { what: string; value: string; target: string }) =>
      `${p.what} ${p.value} against a target of ${p.target}`,
    openWord: 'open rate',
    clickWord: 'click rate',
    noEmail: 'No email was delivered this week.',
    organic: (p: { clicks: string; clicksChange: string; impressions: string; position: string; was: string }) =>
      `Organic search: ${p.clicks} clicks (${p.clicksChange}), ${p.impressions} impressions, average position ${p.position} (was ${p.was}).`,
    noOrganic: 'No Search Console figures this week: import them with mktbot import-metrics --format search-console.',
    watched: (p: { site: string; score: number; date: string }) =>
      `${p.site}: ${p.score}/100 on ${p.date} (/seo watches).`,
  },
  {
    forRole: (p) => `${p.role}: ${p.people}`,
    content: 'المحتوى',
    automation: 'البريد والأتمتة',
    seo: 'تحسين محركات البحث',
    nextWeek: (p) => `المجدول للأسبوع القادم: ${p.list}.`,
    nothingNext: 'لم يُجدول شيء للأسبوع القادم بعد.',
    // One day «يوم», two «يومَي» (the dual), more «أيام».
    gapDays: (p) => `لا منشور ${p.count === 1 ? 'يوم' : p.count === 2 ? 'يومَي' : 'أيام'} ${p.days}.`,
    gapChannels: (p) => `لا شيء مجدول على ${p.channels} مع أن الخطة تموّلها.`,
    best: (p) => `أعلى تفاعل: ${iso(p.campaign)} على ${iso(p.channel)}، ${p.rate} من الوصول.`,
    weakest: (p) => `الأضعف: ${iso(p.campaign)} على ${iso(p.channel)}، ${p.rate}.`,
    noEngagement: (p) => `لم تصل أي حملة إلى ${p.min} شخص هذا الأسبوع، فلا تُقارن معدلات التفاعل.`,
    site: (p) =>
      `الموقع: ${p.dwell} لكل جلسة (${p.dwellChange})، والزوار العائدون ${p.returning} (${p.returningChange}).`,
    email: (p) =>
      `${iso(p.campaign)}: الفتح ${p.open}، النقر ${p.click}، النقر من الفتح ${p.cto}، التحويلات ${p.conversions}، إلغاء الاشتراك ${p.unsub}`,
    unsubscribes: (p) =>
      `إلغاء الاشتراك مرتفع في ${iso(p.campaign)}: ألغى ${p.rate} من مستلميها اشتراكهم، فوق ${p.limit} (ضعف ${p.usual} المعتاد في معظم القوائم). راجع وتيرة الإرسال ومن يتلقاها.`,
    pointer: (p) =>
      `جزء ${p.role}${p.people ? ` (إلى ${iso(p.people)})` : ''} يُرسل في رسالة أسبوعية مستقلة ${p.channel}.`,
    here: 'في هذه القناة',
    there: (p) => `في ${iso(p.channel)}`,
    social: 'وسائل التواصل الاجتماعي',
    target: (p) => ` (الهدف ${withLam(p.what)} ${p.target})`,
    attention: (p) => `تحتاج إلى متابعة: ${iso(p.campaign)}، ${p.why}.`,
    lowestCto: (p) => `أدنى نسبة نقر من الفتح (${p.cto})`,
    belowTarget: (p) => `${p.what} ${p.value} والهدف ${p.target}`,
    openWord: 'معدل الفتح',
    clickWord: 'معدل النقر',
    noEmail: 'لم تُسلَّم أي رسالة بريدية هذا الأسبوع.',
    organic: (p) =>
      `البحث المجاني: ${p.clicks} نقرة (${p.clicksChange})، ${p.impressions} ظهور، متوسط الترتيب ${p.position} (كان ${p.was}).`,
    noOrganic: 'لا أرقام من Search Console هذا الأسبوع: استوردها بالأمر mktbot import-metrics --format search-console.',
    watched: (p) => `${iso(p.site)}: ${iso(`${p.score}/100`)} في ${p.date} (/seo watches).`,
  },
);

/** The job roles that get a part, in the order the digest shows them. */
export const PART_ROLES = ['content', 'automation', 'seo', 'social'] as const satisfies readonly JobRole[];

/** A job role's name as the digest writes it: "SEO", «تحسين محركات البحث». */
export const roleName = (role: JobRole, locale: Locale): string => m[locale][role];

export interface RoleParts {
  blocks: Block[];
  /** Everyone a part is addressed to, to mention. */
  people: Person[];
}

/** What a part is read from: the digest's week, the one before, and its day ("next week" starts then). */
export interface PartScope {
  db: Db;
  ws: Workspace;
  week: DateRange;
  previous: DateRange;
  day: DateTime;
  now: Date;
  locale: Locale;
}

type Groups = Map<string, { channel: string; campaign: string; totals: Totals }>;
type Loaded = { now: Groups; before: Groups; plan: Plan | null };

async function load(s: PartScope): Promise<Loaded> {
  const [now, before, plan] = await Promise.all([
    groups(s.db, s.ws.id, s.week),
    groups(s.db, s.ws.id, s.previous),
    s.db.plan.findFirst({ where: { workspaceId: s.ws.id }, orderBy: { createdAt: 'desc' } }),
  ]);
  return { now, before, plan };
}

/** One job role's lines of the digest. */
export async function partLines(role: JobRole, s: PartScope, loaded?: Loaded): Promise<string[]> {
  if (role === 'social') return (await socialPart(s.db, s.ws, s.week, s.previous, s.now, s.locale)).lines;
  const { now, before, plan } = loaded ?? (await load(s));
  if (role === 'content') return contentLines(s.db, s.ws, s.day, now, before, plan, s.locale);
  if (role === 'automation') return automationLines(now, plan, s.locale);
  return seoLines(s.db, s.ws, now, before, s.locale);
}

const names = (people: Person[], locale: Locale) => people.map((p) => p.name).join(locale === 'ar' ? '، ' : ', ');

/**
 * Each role's part, addressed to its people; a role in `own` (role -> its channel, '' for the
 * digest's own) gets a pointer to its own weekly message instead, and its people are not mentioned.
 */
export async function roleParts(s: PartScope, own: ReadonlyMap<JobRole, string> = new Map()): Promise<RoleParts> {
  const t = m[s.locale];
  const blocks: Block[] = [];
  const people = new Map<string, Person>();
  let loaded: Loaded | undefined;
  for (const role of PART_ROLES) {
    const members = await membersWithJobRole(s.db, s.ws.id, role);
    const channel = own.get(role);
    if (channel !== undefined) {
      const where = channel === '' ? t.here : t.there({ channel: `#${channel}` });
      blocks.push(text(t.pointer({ role: t[role], people: names(members, s.locale), channel: where })));
      continue;
    }
    if (members.length === 0) continue;
    for (const p of members) people.set(p.id, p);
    if (role !== 'social') loaded ??= await load(s);
    blocks.push(text(t.forRole({ role: t[role], people: names(members, s.locale) })));
    blocks.push(list(await partLines(role, s, loaded)));
  }
  return { blocks, people: [...people.values()] };
}

async function groups(db: Db, workspaceId: number, range: DateRange): Promise<Groups> {
  const rows = await db.metricDaily.groupBy({
    by: ['channel', 'campaign'],
    where: { workspaceId, date: { gte: range.from, lte: range.to } },
    _sum: Object.fromEntries(METRIC_FIELDS.map((f) => [f, true])) as Record<(typeof METRIC_FIELDS)[number], true>,
  });
  const out: Groups = new Map();
  for (const r of rows) {
    // Rows stored before names were normalised (organic_search, ga4) count under their channel, as in /report.
    const channel = normalizeChannel(r.channel);
    const key = `${channel}\u0000${r.campaign}`;
    const into = out.get(key) ?? { channel, campaign: r.campaign, totals: emptyTotals() };
    addTotals(into.totals, r._sum);
    out.set(key, into);
  }
  return out;
}

function sum(g: Groups, keep: (channel: string) => boolean): Totals {
  const t = emptyTotals();
  for (const x of g.values()) if (keep(x.channel)) addTotals(t, x.totals);
  return t;
}

const change = (a: Ratio, b: Ratio): Ratio => (a === NA || b === NA ? NA : b === 0 ? NA : (a - b) / b);

async function contentLines(
  db: Db,
  ws: Workspace,
  day: DateTime,
  now: Groups,
  before: Groups,
  plan: Plan | null,
  locale: Locale,
): Promise<string[]> {
  const t = m[locale];
  const lines: string[] = [];
  const start = day.setZone(ws.timezone).startOf('day');
  const end = start.plus({ days: 7 });
  const posts = await db.scheduledPost.findMany({
    where: {
      workspaceId: ws.id,
      publishAt: { gte: start.toJSDate(), lt: end.toJSDate() },
      status: { in: ['pending', 'awaiting_approval', 'publishing', 'published'] },
    },
    select: { channel: true, publishAt: true },
  });
  const byChannel = new Map<string, number>();
  for (const p of posts) byChannel.set(p.channel, (byChannel.get(p.channel) ?? 0) + 1);
  const sep = locale === 'ar' ? '، ' : ', ';
  if (posts.length === 0) lines.push(t.nothingNext);
  else {
    lines.push(
      t.nextWeek({
        list: [...byChannel].map(([c, n]) => `${channelName(c, locale)} ${formatNumber(n, locale)}`).join(sep),
      }),
    );
    const busy = new Set(posts.map((p) => DateTime.fromJSDate(p.publishAt, { zone: ws.timezone }).toISODate()));
    const empty: string[] = [];
    for (let d = start; d < end; d = d.plus({ days: 1 })) {
      if (!busy.has(d.toISODate())) empty.push(dateText(d.toJSDate(), ws.timezone, locale, 'weekday'));
    }
    if (empty.length > 0) lines.push(t.gapDays({ days: inSentence(empty, locale), count: empty.length }));
  }
  const funded = planChannels(plan).filter((c) => !byChannel.has(c));
  if (funded.length > 0) {
    lines.push(
      t.gapChannels({
        channels: inSentence(
          funded.map((c) => channelName(c, locale)),
          locale,
        ),
      }),
    );
  }

  const engaged = [...now.values()]
    .filter((x) => x.totals.reach >= MIN_REACH && x.totals.engagements > 0 && x.campaign !== '')
    .map((x) => ({ ...x, rate: engagementRate(x.totals) as number }))
    .sort((a, b) => b.rate - a.rate);
  const best = engaged[0];
  const worst = engaged.at(-1);
  if (best && worst && engaged.length >= 2) {
    const say = (x: typeof best) => ({
      campaign: x.campaign,
      channel: channelName(x.channel, locale),
      rate: formatPercent(x.rate, locale),
    });
    lines.push(t.best(say(best)), t.weakest(say(worst)));
  } else {
    lines.push(t.noEngagement({ min: formatNumber(MIN_REACH, locale) }));
  }
  const web = (c: string) => c === SITE_CHANNEL;
  const siteNow = sum(now, web);
  const siteBefore = sum(before, web);
  if (siteNow.sessions > 0) {
    const dwell = dwellTime(siteNow);
    const returning = returningRate(siteNow);
    lines.push(
      t.site({
        dwell: formatSeconds(dwell, locale),
        dwellChange: `${arrow(change(dwell, dwellTime(siteBefore)))} ${formatChange(change(dwell, dwellTime(siteBefore)), locale)}`,
        returning: formatPercent(returning, locale),
        returningChange: `${arrow(change(returning, returningRate(siteBefore)))} ${formatChange(change(returning, returningRate(siteBefore)), locale)}`,
      }),
    );
  }
  return lines;
}

/** Names within a sentence: Arabic joins them with «و» (الخميس والسبت), as a reader says them. */
const inSentence = andList;

const splitSchema = z.array(z.object({ channel: z.string() }));

/** The plan's funded channels that mktbot can schedule posts on. */
function planChannels(plan: Plan | null): string[] {
  const parsed = splitSchema.safeParse(plan?.budgetSplit);
  const publishable: readonly string[] = CHANNELS;
  return parsed.success ? [...new Set(parsed.data.map((l) => l.channel))].filter((c) => publishable.includes(c)) : [];
}

/** A rate target of the plan as a fraction (plans write 25 for 25%, or say their unit). */
function planTarget(plan: Plan | null, kpi: 'open_rate' | 'click_rate'): number | undefined {
  const target = parseTargets(plan?.kpiTargets).targets.find((x) => x.kpi === kpi);
  return target ? internalTarget(target, 'percent', plan?.currency ?? 'USD') : undefined;
}

function automationLines(now: Groups, plan: Plan | null, locale: Locale): string[] {
  const t = m[locale];
  const campaigns = [...now.values()].filter((x) => x.totals.emailsDelivered > 0);
  if (campaigns.length === 0) return [t.noEmail];
  const openTarget = planTarget(plan, 'open_rate');
  const clickTarget = planTarget(plan, 'click_rate');
  const rows = campaigns
    .map((x) => ({
      name: x.campaign || channelName(x.channel, locale),
      open: emailOpenRate(x.totals),
      click: emailClickRate(x.totals),
      cto: ratio(x.totals.emailsClicked, x.totals.emailsOpened),
      conversions: x.totals.conversions,
      unsubscribed: x.totals.emailsUnsubscribed,
      unsubscribeRate: unsubscribeRate(x.totals),
      delivered: x.totals.emailsDelivered,
    }))
    .sort((a, b) => b.delivered - a.delivered);
  const lines = rows.map(
    (r) =>
      t.email({
        campaign: r.name,
        open: formatPercent(r.open, locale),
        click: formatPercent(r.click, locale),
        cto: formatPercent(r.cto, locale),
        conversions: formatNumber(r.conversions, locale),
        unsub: `${formatNumber(r.unsubscribed, locale)} (${formatPercent(r.unsubscribeRate, locale)})`,
      }) + (openTarget !== undefined ? t.target({ what: t.openWord, target: formatPercent(openTarget, locale) }) : ''),
  );
  const sized = rows.filter((r) => r.delivered >= MIN_DELIVERED);
  for (const r of sized) {
    if (r.unsubscribeRate !== NA && r.unsubscribeRate > UNSUBSCRIBE_ALERT_RATE) {
      lines.push(
        t.unsubscribes({
          campaign: r.name,
          rate: formatPercent(r.unsubscribeRate, locale),
          limit: formatPercent(UNSUBSCRIBE_ALERT_RATE, locale),
          usual: formatPercent(USUAL_UNSUBSCRIBE_RATE, locale),
        }),
      );
    }
  }
  // Below a target first (the plan said what good is), else the weakest click-to-open.
  const belowOpen = openTarget === undefined ? [] : sized.filter((r) => r.open !== NA && r.open < openTarget);
  const belowClick = clickTarget === undefined ? [] : sized.filter((r) => r.click !== NA && r.click < clickTarget);
  const first = belowOpen[0] ?? belowClick[0];
  if (first && openTarget !== undefined && belowOpen[0] === first) {
    lines.push(
      t.attention({
        campaign: first.name,
        why: t.belowTarget({
          what: t.openWord,
          value: formatPercent(first.open, locale),
          target: formatPercent(openTarget, locale),
        }),
      }),
    );
  } else if (first && clickTarget !== undefined) {
    lines.push(
      t.attention({
        campaign: first.name,
        why: t.belowTarget({
          what: t.clickWord,
          value: formatPercent(first.click, locale),
          target: formatPercent(clickTarget, locale),
        }),
      }),
    );
  } else {
    const weakest = sized.filter((r) => r.cto !== NA).sort((a, b) => (a.cto as number) - (b.cto as number))[0];
    if (weakest && sized.length >= 2) {
      lines.push(
        t.attention({ campaign: weakest.name, why: t.lowestCto({ cto: formatPercent(weakest.cto, locale) }) }),
      );
    }
  }
  return lines;
}

async function seoLines(db: Db, ws: Workspace, now: Groups, before: Groups, locale: Locale): Promise<string[]> {
  const t = m[locale];
  const lines: string[] = [];
  const organic = (c: string) => c === 'organic-search';
  const a = sum(now, organic);
  const b = sum(before, organic);
  if (a.searchImpressions > 0 || a.clicks > 0) {
    const position = (x: Totals) => ratio(x.searchPositionSum, x.searchImpressions);
    const show = (r: Ratio) => (r === NA ? '—' : formatNumber(r as number, locale, 1));
    lines.push(
      t.organic({
        clicks: formatNumber(a.clicks, locale),
        clicksChange: `${arrow(change(a.clicks, b.clicks))} ${formatChange(change(a.clicks, b.clicks), locale)}`,
        impressions: formatNumber(a.impressions, locale),
        position: show(position(a)),
        was: show(position(b)),
      }),
    );
  } else lines.push(t.noOrganic);
  const watches = await db.seoWatch.findMany({
    where: { workspaceId: ws.id },
    include: { crawls: { orderBy: { startedAt: 'desc' }, take: 1 } },
    orderBy: { id: 'asc' },
  });
  for (const w of watches) {
    const last = w.crawls[0];
    if (!last) continue;
    lines.push(
      t.watched({
        site: w.url.replace(/^https?:\/\//, '').replace(/\/$/, ''),
        score: last.score,
        date: dateFigure(last.startedAt, ws.timezone, locale, 'date'),
      }),
    );
  }
  return lines;
}
