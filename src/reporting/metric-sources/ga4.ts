/**
 * Google Analytics 4 (integrations/ga4/report.ts) as daily rows on the channel `web`, the name CSV
 * imports and the demo data use for the site: sessions, engaged sessions, engagement time and new
 * and returning users, the figures behind engagement rate, dwell time and the returning-visitor
 * rate. Site-level figures belong to no campaign.
 */
import { fetchDailyUx } from '../../../integrations/ga4/report.js';
import type { MetricSource } from '../metric-source.js';

export const GA4_CHANNEL = 'web';
/** GA4 finishes processing a day within about two days: a week read again covers late hits. */
export const GA4_PULL_DAYS = 7;

export const ga4Source: MetricSource = {
  provider: 'ga4',
  days: GA4_PULL_DAYS,
  async fetchDaily({ services, integration, days, now }) {
    const first = days[0];
    const last = days[days.length - 1];
    if (!first || !last) return { rows: [], failed: 0, reached: false };
    const { base, propertyId, tokens } = services.integrations.ga4For(integration);
    // The dates are read in the property's own time zone, which is how GA4 cuts its days.
    const got = await fetchDailyUx(base, propertyId, tokens, { startDate: first.date, endDate: last.date }, now);
    return { rows: got.days.map((d) => ({ ...d, channel: GA4_CHANNEL, campaign: '' })), failed: 0, reached: true };
  },
};
