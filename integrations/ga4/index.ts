/**
 * Google Analytics 4 properties as a provider (docs/architecture.md §3.3): the site's daily
 * sessions, engaged sessions, engagement time and new and returning users, stored on the channel
 * `web` (the name CSV imports and the demo data use for the site). Read-only: nothing is published.
 * Metrics are pulled once a day, so a property is connected with a Google refresh token only.
 */
import { iso } from '../../src/core/i18n.js';
import { googleOAuthSpec, isGoogleRefreshToken } from '../google/oauth.js';
import type { Provider } from '../provider.js';
import { fetchDailyUx, type Ga4Credentials, ga4Credentials, ga4PropertyId, verifyGa4 } from './report.js';

export const GA4_CHANNEL = 'web';
/** GA4 finishes processing a day within about two days: a week read again covers late hits. */
export const GA4_PULL_DAYS = 7;

export const ga4 = {
  id: 'ga4',
  name: 'Google Analytics',
  credentials: ga4Credentials,
  connect: {
    help: {
      account: {
        en: 'The GA4 property id (a number, Admin → Property details)',
        ar: 'معرّف خاصية GA4 (رقم، من تفاصيل الخاصية)',
      },
      token: {
        en: 'A Google refresh token (1//…) with analytics.readonly',
        ar: 'رمز تحديث من Google (1//…) بصلاحية analytics.readonly',
      },
    },
    accountId: {
      // "properties/123" and "123" are one GA4 property: stored once, under its number.
      schema: ga4PropertyId,
      invalid: {
        en: 'A GA4 property id is a number such as 123456789 (Admin → Property details), not the G-XXXX measurement id. Nothing was saved.',
        ar: `معرّف خاصية ${iso('GA4')} رقم مثل ${iso('123456789')} (المشرف ← تفاصيل الخاصية)، وليس معرّف القياس ${iso('G-XXXX')}. لم يُحفظ شيء.`,
      },
    },
    async check(input, deps) {
      const credentials = ga4Credentials.parse({ propertyId: input.accountId, refreshToken: input.token });
      const name = await verifyGa4(
        deps.config.GA4_API_URL,
        credentials.propertyId,
        deps.google.source(credentials.refreshToken),
        deps.now(),
      );
      return { credentials, name };
    },
  },
  oauth: googleOAuthSpec(['https://www.googleapis.com/auth/analytics.readonly']),
  tokenRefresh: {
    via: 'google-oauth',
    isRefreshToken: isGoogleRefreshToken,
    accessToken: {
      // Metrics are pulled once a day: an access token would be dead by the first pull.
      policy: 'refuse',
      message: {
        en: 'GA4 needs a Google refresh token (starting 1//) with the analytics.readonly scope: metrics are read once a day, and an access token expires within the hour. Nothing was saved.',
        ar: `يحتاج ${iso('GA4')} إلى رمز تحديث من Google (يبدأ بـ ${iso('1//')}) بصلاحية ${iso('analytics.readonly')}: تُقرأ المقاييس مرة في اليوم، ورمز الوصول تنتهي صلاحيته خلال ساعة. لم يُحفظ شيء.`,
      },
    },
  },
  insights: {
    channel: GA4_CHANNEL,
    days: GA4_PULL_DAYS,
    async fetchDaily(creds, deps, job) {
      const first = job.days[0];
      const last = job.days[job.days.length - 1];
      if (!first || !last) return { rows: [], failed: 0, reached: false };
      const tokens = deps.google.source(creds.refreshToken);
      // The dates are read in the property's own time zone, which is how GA4 cuts its days.
      const range = { startDate: first.date, endDate: last.date };
      const got = await fetchDailyUx(deps.config.GA4_API_URL, creds.propertyId, tokens, range, job.now);
      // One row per day and campaign (utm_campaign); traffic no campaign brought has campaign "".
      return { rows: got.days, failed: 0, reached: true };
    },
  },
} as const satisfies Provider<Ga4Credentials>;
