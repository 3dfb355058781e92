/**
 * Mailchimp campaign reports as daily rows (issue 8): the reports of the campaigns the bot sent in
 * the pull window. A campaign's report is cumulative, so its row sits on the day it was sent (in the
 * workspace time zone) and each pull replaces it with the latest totals: opens and clicks that come
 * in days later are counted against the send that earned them.
 */
import { DateTime } from 'luxon';
import type { InsightRow, InsightsJob, InsightsResult } from '../insights.js';
import { PublishError } from '../publisher.js';
import type { MailchimpClient } from './publisher.js';
import { type CampaignReport, fetchCampaignReport, reportFigures } from './reports.js';

type EmailRow = InsightRow & {
  emailsSent: number;
  emailsDelivered: number;
  emailsOpened: number;
  emailsClicked: number;
  emailsUnsubscribed: number;
};

export async function campaignReportRows(client: MailchimpClient, job: InsightsJob): Promise<InsightsResult> {
  if (job.posts.length === 0) return { rows: [], failed: 0, reached: false };
  const rows = new Map<string, EmailRow>();
  let failed = 0;
  for (const post of job.posts) {
    let report: CampaignReport;
    try {
      report = await fetchCampaignReport(client, post.externalId);
    } catch (err) {
      if (err instanceof PublishError && err.reauth) throw err;
      // 404: not sent yet or deleted in Mailchimp; anything else is tried again tomorrow.
      if (!(err as { notFound?: boolean }).notFound) {
        failed++;
        job.log.warn({ postId: post.id, err: (err as Error).message }, 'mailchimp report');
      }
      continue;
    }
    const sent = report.send_time ? DateTime.fromISO(report.send_time) : DateTime.fromJSDate(post.publishAt);
    const date = (sent.isValid ? sent : DateTime.fromJSDate(post.publishAt)).setZone(job.timezone).toISODate();
    if (!date) continue;
    const key = `${date}\u0000${post.campaign}`;
    const row = rows.get(key) ?? {
      date,
      campaign: post.campaign,
      emailsSent: 0,
      emailsDelivered: 0,
      emailsOpened: 0,
      emailsClicked: 0,
      emailsUnsubscribed: 0,
    };
    const f = reportFigures(report);
    row.emailsSent += f.emailsSent;
    row.emailsDelivered += f.emailsDelivered;
    row.emailsOpened += f.emailsOpened;
    row.emailsClicked += f.emailsClicked;
    row.emailsUnsubscribed += f.emailsUnsubscribed;
    rows.set(key, row);
  }
  return { rows: [...rows.values()], failed, reached: true };
}
