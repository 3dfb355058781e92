/**
 * Mailchimp campaign reports (issue 8): the reports of the campaigns a workspace published in the
 * last 30 days. A campaign's report is cumulative, so its row sits on the day it was sent (in the
 * workspace time zone) and each pull replaces it with the latest totals: opens and clicks that come
 * in days later are counted against the send that earned them.
 */
import { DateTime } from 'luxon';
import { fetchCampaignReport, reportFigures } from '../../../integrations/mailchimp/reports.js';
import { PublishError } from '../../../integrations/publisher.js';
import { emptyTotals } from '../kpi.js';
import type { MetricSource, SourceJob, SourceResult } from '../metric-source.js';
import type { MetricRow } from '../metrics.js';

/** The channel the rows are stored on (a CSV's own "email" rows are never overwritten by these). */
export const MAILCHIMP_CHANNEL = 'mailchimp';
/** Reports keep changing for a while after a send; older campaigns are left as last read. */
export const PULL_DAYS = 30;

export const mailchimpSource: MetricSource = {
  provider: 'mailchimp',
  days: PULL_DAYS,
  fetchDaily: pullReports,
};

async function pullReports({ services, integration, workspace, now, log }: SourceJob): Promise<SourceResult> {
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
  if (posts.length === 0) return { rows: [], failed: 0, reached: false };
  const rows = new Map<string, MetricRow>();
  let failed = 0;
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
  return { rows: [...rows.values()], failed, reached: true };
}
