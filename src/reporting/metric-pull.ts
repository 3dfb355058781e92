/**
 * Metrics that arrive by themselves (issue 8): once a day, for every workspace and every connected
 * account a source reads (Mailchimp reports, Facebook Page and Instagram insights, GA4), the source's
 * window of recent days is read and stored as MetricDaily rows with source `api`. A pull replaces
 * the API rows it read before for the same day, channel and campaign, and never a row a person
 * imported or pushed. A refused token marks the account for reconnecting; a rate limit or outage
 * stores nothing for that account and the next run reads the same days again. One account's failure
 * never stops the others.
 */
import type { Integration, Workspace } from '@prisma/client';
import { PublishError } from '../../integrations/publisher.js';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import { context, reply, text } from '../core/reply.js';
import type { Logger } from '../log.js';
import { emptyTotals, METRIC_FIELDS } from './kpi.js';
import type { MetricSource, PullServices, SourceRow } from './metric-source.js';
import { pullDays } from './metric-source.js';
import { ga4Source } from './metric-sources/ga4.js';
import { mailchimpSource } from './metric-sources/mailchimp.js';
import { facebookSource, instagramSource } from './metric-sources/meta.js';
import type { MetricRow } from './metrics.js';

export { GA4_CHANNEL, GA4_PULL_DAYS } from './metric-sources/ga4.js';
export { MAILCHIMP_CHANNEL, PULL_DAYS } from './metric-sources/mailchimp.js';
export { META_PULL_DAYS } from './metric-sources/meta.js';

export const METRIC_SOURCES: readonly MetricSource[] = [mailchimpSource, facebookSource, instagramSource, ga4Source];

const m = defineMessages(
  'metric-pull',
  {
    reauthTitle: (p: { provider: string }) => `The ${p.provider} connection needs to be renewed`,
    reauthWhat: (p: { provider: string }) =>
      `The token was refused, so ${p.provider} figures stop arriving in reports and digests. An admin should run /connect ${p.provider} with a fresh token; the last days are read again then.`,
    reason: (p: { reason: string }) => `Reason: ${p.reason}`,
  },
  {
    reauthTitle: (p) => `يجب تجديد الاتصال بـ ${iso(p.provider)}`,
    reauthWhat: (p) =>
      `رُفض الرمز، فتتوقف أرقام ${iso(p.provider)} عن الوصول إلى التقارير والملخصات. على المسؤول تشغيل /connect ${iso(p.provider)} برمز جديد؛ وتُقرأ الأيام الأخيرة من جديد عندها.`,
    reason: (p) => `السبب: ${iso(p.reason)}`,
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
  sources: readonly MetricSource[] = METRIC_SOURCES,
): Promise<PullResult> {
  const now = services.clock.now();
  const result: PullResult = { workspaces: 0, rows: 0, failed: 0 };
  const workspaces = new Set<number>();
  for (const source of sources) {
    const connected = await services.db.integration.findMany({
      where: { provider: source.provider, status: { not: 'reauth' } },
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
  return pullMetrics(services, log, [mailchimpSource]);
}

async function pullAccount(
  services: PullServices,
  source: MetricSource,
  integration: Integration,
  workspace: Workspace,
  now: Date,
  log: Logger,
): Promise<{ rows: number; failed: number }> {
  const where = { workspaceId: workspace.id, provider: source.provider };
  try {
    const days = pullDays(now, workspace.timezone, source.days);
    const got = await source.fetchDaily({ integration, workspace, days, now, services, log });
    const rows = await storeApiRows(services, workspace, got.rows);
    if (got.reached && got.failed === 0) await services.integrations.markOk(integration);
    return { rows, failed: got.failed };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PublishError && err.reauth) {
      await services.integrations.markReauth(integration, message);
      log.warn({ ...where, err: message }, 'metrics pull: token refused; paused until /connect again');
      // Said once: later runs skip an account that needs reconnecting until /connect marks it ok.
      await tellTeam(services, workspace, source.provider, message, log);
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
  provider: string,
  reason: string,
  log: Logger,
): Promise<void> {
  const locale = workspace.locale as Locale;
  const t = m[locale] ?? m.en;
  const notice = reply(
    t.reauthTitle({ provider }),
    [text(t.reauthWhat({ provider })), context(t.reason({ reason: reason.slice(0, 300) }))],
    { tone: 'error', rtl: locale === 'ar' },
  );
  try {
    await services.notifier.post(workspace, 'team', notice);
  } catch (err) {
    log.warn({ workspaceId: workspace.id, provider, err: (err as Error).message }, 'metrics pull: notice not posted');
  }
}
