/**
 * Metrics that arrive by themselves (issue 8): once a day, for every workspace with Mailchimp
 * connected, the reports of the campaigns it published in the last 30 days are read and stored as
 * MetricDaily rows with source `api`. A campaign's report is cumulative, so its row sits on the day
 * it was sent (in the workspace time zone) and each pull replaces it with the latest totals: opens
 * and clicks that come in days later are counted against the send that earned them.
 */
import type { Integration, Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import { fetchCampaignReport, reportFigures } from '../../integrations/mailchimp/reports.js';
import { PublishError } from '../../integrations/publisher.js';
import type { Logger } from '../log.js';
import type { Services } from './index.js';
import { emptyTotals } from './kpi.js';
import type { MetricRow } from './metrics.js';

/** The channel the rows are stored on (a CSV's own "email" rows are never overwritten by these). */
export const MAILCHIMP_CHANNEL = 'mailchimp';
/** Reports keep changing for a while after a send; older campaigns are left as last read. */
export const PULL_DAYS = 30;

export interface PullResult {
  workspaces: number;
  rows: number;
  failed: number;
}

export async function pullMailchimpReports(
  services: Pick<Services, 'db' | 'integrations' | 'metrics' | 'clock'>,
  log: Logger,
): Promise<PullResult> {
  const now = services.clock.now();
  const connected = await services.db.integration.findMany({
    where: { provider: 'mailchimp', status: { not: 'reauth' } },
    include: { workspace: true },
    orderBy: { updatedAt: 'desc' },
  });
  const result: PullResult = { workspaces: 0, rows: 0, failed: 0 };
  const done = new Set<number>();
  for (const integration of connected) {
    // One Mailchimp account per workspace: the most recently connected one.
    if (done.has(integration.workspaceId)) continue;
    done.add(integration.workspaceId);
    const r = await pullWorkspace(services, integration, integration.workspace, now, log);
    result.workspaces++;
    result.rows += r.rows;
    result.failed += r.failed;
  }
  return result;
}

async function pullWorkspace(
  services: Pick<Services, 'db' | 'integrations' | 'metrics'>,
  integration: Integration,
  workspace: Workspace,
  now: Date,
  log: Logger,
): Promise<{ rows: number; failed: number }> {
  const posts = await services.db.scheduledPost.findMany({
    where: {
      workspaceId: workspace.id,
      channel: 'mailchimp',
      status: 'published',
      externalId: { not: null },
      publishAt: { gte: new Date(now.getTime() - PULL_DAYS * 86_400_000), lte: now },
    },
    include: { campaign: true },
    orderBy: { publishAt: 'asc' },
  });
  if (posts.length === 0) return { rows: 0, failed: 0 };
  const rows = new Map<string, MetricRow>();
  let failed = 0;
  try {
    const client = services.integrations.mailchimpClient(integration);
    for (const post of posts) {
      let report: Awaited<ReturnType<typeof fetchCampaignReport>>;
      try {
        report = await fetchCampaignReport(client, post.externalId as string);
      } catch (err) {
        if (err instanceof PublishError && err.reauth) throw err;
        // 404: not sent yet or deleted in Mailchimp; anything else is tried again tomorrow.
        if (!(err as { notFound?: boolean }).notFound) {
          failed++;
          log.warn({ workspaceId: workspace.id, postId: post.id, err: (err as Error).message }, 'mailchimp report');
        }
        continue;
      }
      const sent = report.send_time ? DateTime.fromISO(report.send_time) : DateTime.fromJSDate(post.publishAt);
      const date = (sent.isValid ? sent : DateTime.fromJSDate(post.publishAt)).setZone(workspace.timezone).toISODate();
      if (!date) continue;
      const campaign = post.campaign?.name ?? '';
      const key = `${date}\u0000${campaign}`;
      const row = rows.get(key) ?? ({ date, channel: MAILCHIMP_CHANNEL, campaign, ...emptyTotals() } as MetricRow);
      const f = reportFigures(report);
      row.emailsSent += f.emailsSent;
      row.emailsDelivered += f.emailsDelivered;
      row.emailsOpened += f.emailsOpened;
      row.emailsClicked += f.emailsClicked;
      rows.set(key, row);
    }
  } catch (err) {
    if (err instanceof PublishError && err.reauth) {
      await services.integrations.markReauth(integration, err.message);
      log.warn({ workspaceId: workspace.id }, 'mailchimp refused the key; reports paused until /connect again');
      return { rows: 0, failed: failed + 1 };
    }
    throw err;
  }
  if (rows.size > 0) await services.metrics.store(workspace, [...rows.values()], 'api');
  if (failed === 0) await services.integrations.markOk(integration);
  return { rows: rows.size, failed };
}
