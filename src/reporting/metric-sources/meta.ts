/**
 * Facebook Page and Instagram account insights (integrations/facebook/insights.ts and
 * integrations/instagram/insights.ts) as daily rows on the channels `facebook` and `instagram`,
 * the names CSV imports and the demo data use. Page-level figures belong to no campaign.
 */
import type { MetricSource } from '../metric-source.js';

/** Meta's day values settle within about two days (up to 48 h delay): a week read again covers that. */
export const META_PULL_DAYS = 7;

function metaSource(provider: 'facebook' | 'instagram'): MetricSource {
  return {
    provider,
    days: META_PULL_DAYS,
    async fetchDaily({ services, integration, days }) {
      const figures = await services.integrations.insightsFor(integration).fetchDays(days);
      return { rows: figures.map((f) => ({ ...f, channel: provider, campaign: '' })), failed: 0, reached: true };
    },
  };
}

export const facebookSource = metaSource('facebook');
export const instagramSource = metaSource('instagram');
