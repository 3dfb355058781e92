/**
 * Mailchimp campaign reports (`GET /3.0/reports/{campaign_id}`): the figures behind the email KPIs.
 * Mailchimp's open rate is unique opens over successful deliveries (emails sent minus bounces), so
 * that is what is stored as delivered; clicks are unique subscribers who clicked.
 */
import { z } from 'zod';
import type { MailchimpClient } from './publisher.js';

const count = z.number().int().min(0);

export const campaignReport = z.object({
  id: z.string(),
  emails_sent: count,
  send_time: z.string().optional(),
  bounces: z
    .object({ hard_bounces: count.default(0), soft_bounces: count.default(0), syntax_errors: count.default(0) })
    .optional(),
  opens: z.object({ unique_opens: count }),
  clicks: z.object({ unique_subscriber_clicks: count }),
  /** Members who unsubscribed through this campaign (the report's top-level `unsubscribed`). */
  unsubscribed: count.default(0),
});
export type CampaignReport = z.infer<typeof campaignReport>;

export async function fetchCampaignReport(client: MailchimpClient, campaignId: string): Promise<CampaignReport> {
  const r = await client.call('GET', `reports/${encodeURIComponent(campaignId)}`, undefined, campaignReport, true);
  if (!r.data) throw new Error('Mailchimp returned no report');
  return r.data;
}

/** The report as MetricDaily figures (column names of prisma/schema.prisma). */
export function reportFigures(r: CampaignReport) {
  const bounced = (r.bounces?.hard_bounces ?? 0) + (r.bounces?.soft_bounces ?? 0) + (r.bounces?.syntax_errors ?? 0);
  return {
    emailsSent: r.emails_sent,
    emailsDelivered: Math.max(0, r.emails_sent - bounced),
    emailsOpened: r.opens.unique_opens,
    emailsClicked: r.clicks.unique_subscriber_clicks,
    emailsUnsubscribed: r.unsubscribed,
  };
}
