/**
 * Metrics that arrive by themselves (issue 8): once a day, for every workspace and every connected
 * account whose network has `insights` (integrations/registry.ts: Facebook Page and Instagram
 * insights, Mailchimp reports, GA4), the source's window of recent days is read and stored as
 * MetricDaily rows with source `api`. A pull replaces
 * the API rows it read before for the same day, channel and campaign, and never a row a person
 * imported or pushed. A refused token marks the account for reconnecting; a rate limit or outage
 * stores nothing for that account and the next run reads the same days again. One account's failure
 * never stops the others.
 */
import type { Integration, Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import type { InsightDay, InsightsResult, MetricFigure, PublishedPost } from '../../integrations/insights.js';
import { mailchimp } from '../../integrations/mailchimp/index.js';
import { type Provider, providersWith, type With } from '../../integrations/provider.js';
import { PublishError } from '../../integrations/publisher.js';
import { PROVIDERS } from '../../integrations/registry.js';
import { defineMessages, iso, isoIn, type Locale } from '../core/i18n.js';
import { context, reply, text } from '../core/reply.js';
import type { Logger } from '../log.js';
import { reasonText } from '../publishing/failure-reason.js';
import { campaignSlug } from '../publishing/links/utm.js';
import type { Services } from '../services.js';
import { reauthReason } from '../workspace/integrations.js';
import { normalizeChannel, serviceLabel } from './channel-names.js';
import { emptyTotals, METRIC_FIELDS, type MetricField } from './kpi.js';
import type { MetricRow } from './metrics.js';

export { META_PULL_DAYS } from '../../integrations/facebook/index.js';
export { GA4_CHANNEL, GA4_PULL_DAYS } from '../../integrations/ga4/index.js';
export { MAILCHIMP_CHANNEL, PULL_DAYS } from '../../integrations/mailchimp/index.js';

export type PullServices = Pick<Services, 'db' | 'integrations' | 'metrics' | 'clock' | 'notifier'>;

/** A figure left out is one the source does not know; a stored API row keeps its earlier value for it. */
export type SourceRow = { date: string; channel: string; campaign: string } & Partial<Record<MetricField, number>>;

/** Every figure a network reads has a MetricDaily column (a compile-time check). */
type Assert<T extends true> = T;
export type FiguresAreColumns = Assert<MetricFigure extends MetricField ? true : false>;

/** The networks the daily pull reads, in the registry's order. */
export const METRIC_SOURCES: readonly With<'insights'>[] = providersWith(PROVIDERS, 'insights');

const m = defineMessages(
  'metric-pull',
  {
    reauthTitle: (p: { name: string }) => `The ${p.name} connection needs to be renewed`,
    reauthWhat: (p: { name: string; provider: string }) =>
      `The token was refused, so ${p.name} figures stop arriving in reports and digests. An admin should run /connect ${p.provider} with a fresh token; the last days are read again then.`,
  },
  {
    reauthTitle: (p) => `يجب تجديد الاتصال بـ ${p.name}`,
    reauthWhat: (p) =>
      `رُفض الرمز، فتتوقف أرقام ${p.name} عن الوصول إلى التقارير والملخصات. على المسؤول تشغيل ${iso(`/connect ${p.provider}`)} برمز جديد؛ وتُقرأ الأيام الأخيرة من جديد عندها.`,
  },
);

/** The source rows are written with; rows of any other source are a person's and stay. */
export const API_SOURCE = 'api';

export interface PullResult {
  workspaces: number;
  rows: number;
  failed: number;
}

export async function pullMetrics(
  services: PullServices,
  log: Logger,
  sources: readonly Provider[] = METRIC_SOURCES,
): Promise<PullResult> {
  const now = services.clock.now();
  const result: PullResult = { workspaces: 0, rows: 0, failed: 0 };
  const workspaces = new Set<number>();
  for (const source of providersWith(sources, 'insights')) {
    const connected = await services.db.integration.findMany({
      where: { provider: source.id, status: { not: 'reauth' } },
      include: { workspace: true },
      orderBy: { updatedAt: 'desc' },
    });
    const done = new Set<number>();
    for (const integration of connected) {
      // One account per provider and workspace: the most recently connected one, as publishing uses.
      if (done.has(integration.workspaceId)) continue;
      done.add(integration.workspaceId);
      workspaces.add(integration.workspaceId);
      const r = await pullAccount(services, source, integration, integration.workspace, now, log);
      result.rows += r.rows;
      result.failed += r.failed;
    }
  }
  result.workspaces = workspaces.size;
  return result;
}

/** The Mailchimp part alone (its tests and callers predate the other sources). */
export function pullMailchimpReports(services: PullServices, log: Logger): Promise<PullResult> {
  return pullMetrics(services, log, [mailchimp]);
}

/** The `count` days before today (today is not over yet), in `zone`; UTC if the zone is unknown. */
export function pullDays(now: Date, zone: string, count: number): InsightDay[] {
  let today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  if (!today.isValid) today = DateTime.fromJSDate(now).toUTC().startOf('day');
  const days: InsightDay[] = [];
  for (let i = count; i >= 1; i--) {
    const d = today.minus({ days: i });
    days.push({ date: d.toISODate() as string, start: d.toJSDate(), end: d.plus({ days: 1 }).toJSDate() });
  }
  return days;
}

async function pullAccount(
  services: PullServices,
  provider: With<'insights'>,
  integration: Integration,
  workspace: Workspace,
  now: Date,
  log: Logger,
): Promise<{ rows: number; failed: number }> {
  const source = provider.insights;
  const where = { workspaceId: workspace.id, provider: provider.id };
  try {
    const days = pullDays(now, workspace.timezone, source.days);
    let got: InsightsResult;
    const posts = source.perPost ? await publishedPosts(services, workspace, provider.id, now, source.days) : [];
    if (source.perPost && posts.length === 0) {
      // Reports are per post and none went out in the window: nothing to read, the account is not called.
      got = { rows: [], failed: 0, reached: false };
    } else {
      got = await services.integrations.insightsFor(integration).fetchDaily({
        days,
        timezone: workspace.timezone,
        now,
        posts,
        log: log.child({ workspaceId: workspace.id }),
      });
    }
    const named = await campaignsBySlug(services, workspace.id);
    const rows = await storeApiRows(
      services,
      workspace,
      got.rows.map((r) => ({
        ...r,
        channel: normalizeChannel(source.channel),
        campaign: named.get(r.campaign) ?? r.campaign,
      })),
    );
    if (got.reached && got.failed === 0) await services.integrations.markOk(integration);
    return { rows, failed: got.failed };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PublishError && err.reauth) {
      await services.integrations.markReauth(integration, err);
      log.warn({ ...where, err: message }, 'metrics pull: token refused; paused until /connect again');
      // Said once: later runs skip an account that needs reconnecting until /connect marks it ok.
      await tellTeam(services, workspace, provider, reauthReason(err), log);
    } else if (err instanceof PublishError && err.retryable) {
      log.warn(
        { ...where, err: message },
        'metrics pull: rate limited or unavailable; the next run reads these days again',
      );
    } else {
      log.error({ ...where, err: message }, 'metrics pull failed for this account');
    }
    return { rows: 0, failed: 1 };
  }
}

/**
 * The workspace's campaigns by the utm_campaign its scheduled links carry (publishing/links/utm.ts):
 * GA4 reports "winter-sale", the report joins it with the campaign "Winter Sale" and its spend.
 */
async function campaignsBySlug(services: PullServices, workspaceId: number): Promise<Map<string, string>> {
  const campaigns = await services.db.campaign.findMany({ where: { workspaceId }, select: { name: true } });
  return new Map(campaigns.map((c) => [campaignSlug(c.name), c.name]));
}

/** The posts the bot published on `channel` in the last `days` days, oldest first. */
async function publishedPosts(
  services: PullServices,
  workspace: Workspace,
  channel: string,
  now: Date,
  days: number,
): Promise<PublishedPost[]> {
  const posts = await services.db.scheduledPost.findMany({
    where: {
      workspaceId: workspace.id,
      channel,
      status: 'published',
      externalId: { not: null },
      publishAt: { gte: new Date(now.getTime() - days * 86_400_000), lte: now },
    },
    include: { campaign: true },
    orderBy: { publishAt: 'asc' },
  });
  return posts.map((p) => ({
    id: p.id,
    externalId: p.externalId as string,
    publishAt: p.publishAt,
    campaign: p.campaign?.name ?? '',
  }));
}

/**
 * Stores a source's rows with source `api`. A row replaces an earlier API row of the same day,
 * channel and campaign, keeping the figures the source did not read this time (Instagram's
 * audience is known only for the latest day); a row someone imported or pushed is left as it is.
 */
export async function storeApiRows(
  services: Pick<PullServices, 'db' | 'metrics'>,
  workspace: Workspace,
  rows: readonly SourceRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const dates = rows.map((r) => r.date).sort();
  const existing = await services.db.metricDaily.findMany({
    where: {
      workspaceId: workspace.id,
      date: { gte: dates[0] as string, lte: dates[dates.length - 1] as string },
      channel: { in: [...new Set(rows.map((r) => r.channel))] },
    },
  });
  const key = (r: { date: string; channel: string; campaign: string }) =>
    `${r.date}\u0000${r.channel}\u0000${r.campaign}`;
  const stored = new Map(existing.map((e) => [key(e), e]));
  const merged: MetricRow[] = [];
  for (const row of rows) {
    const before = stored.get(key(row));
    if (before && before.source !== API_SOURCE) continue;
    const base = emptyTotals();
    if (before) for (const f of METRIC_FIELDS) base[f] = before[f];
    merged.push({ ...base, ...row });
  }
  await services.metrics.store(workspace, merged, API_SOURCE);
  return merged.length;
}

async function tellTeam(
  services: PullServices,
  workspace: Workspace,
  provider: Provider,
  reason: string,
  log: Logger,
): Promise<void> {
  const locale = workspace.locale as Locale;
  const t = m[locale] ?? m.en;
  // The service by its name in the reader's language; /connect takes its id.
  const name = isoIn(serviceLabel(provider, locale), locale);
  const notice = reply(
    t.reauthTitle({ name }),
    [text(t.reauthWhat({ name, provider: provider.id })), context(reasonText(reason, locale))],
    { tone: 'error', rtl: locale === 'ar' },
  );
  try {
    await services.notifier.post(workspace, 'team', notice);
  } catch (err) {
    log.warn(
      { workspaceId: workspace.id, provider: provider.id, err: (err as Error).message },
      'metrics pull: notice not posted',
    );
  }
}
