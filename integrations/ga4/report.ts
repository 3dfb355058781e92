/**
 * Google Analytics 4 Data API (`POST /v1beta/properties/{id}:runReport`): a site's daily sessions,
 * engaged sessions, engagement time and new and returning users, the figures behind the UX KPIs
 * (engagement rate, dwell time as engagement time per session, returning-visitor rate). Days are the
 * property's reporting days, in its own time zone (`metadata.timeZone`).
 */
import { z } from 'zod';
import { sendAuthorized, type TokenSource } from '../google/oauth.js';
import { classifyStatus, type HttpCall, joinUrl, parseJson } from '../http.js';
import { PublishError } from '../publisher.js';

/** "123456789" or "properties/123456789", as the GA4 admin screen and the API write it. */
export const ga4PropertyId = z
  .string()
  .trim()
  .transform((s) => s.replace(/^properties\//, ''))
  .pipe(z.string().regex(/^\d{1,20}$/, 'a GA4 property id is a number, such as 123456789'));

export const ga4Credentials = z.object({ propertyId: z.string().regex(/^\d+$/), refreshToken: z.string().min(1) });
export type Ga4Credentials = z.infer<typeof ga4Credentials>;

/** One day of the property for one campaign, in MetricDaily's column names. */
export interface Ga4Day {
  /** YYYY-MM-DD in the property's time zone. */
  date: string;
  /** The session's utm_campaign as GA4 read it; "" for traffic no campaign brought ("(direct)", "(organic)"…). */
  campaign: string;
  /** Key events (GA4's conversions): the site's side of a purchase, kept apart from the ad platforms' in reports. */
  conversions: number;
  sessions: number;
  engagedSessions: number;
  engagementSeconds: number;
  newUsers: number;
  returningUsers: number;
}

// `activeUsers` split by `newVsReturning` gives new and returning users; the other figures add up
// over the split. Key events are stored as the site channel's conversions, which reports keep apart
// from the ad platforms' (src/reporting/kpi.ts, Totals); revenue is left out for the same reason.
// `sessionCampaignName` is the utm_campaign a session arrived with: per campaign, the site's
// results sit next to the campaign's posts and spend (the scheduler tags links with it).
const METRICS = ['sessions', 'engagedSessions', 'userEngagementDuration', 'activeUsers', 'keyEvents'] as const;
const DIMENSIONS = ['date', 'newVsReturning', 'sessionCampaignName'] as const;

/** GA4's names for traffic without a campaign: "(direct)", "(organic)", "(referral)", "(not set)". */
const NO_CAMPAIGN = /^\(.*\)$|^$/;

const report = z.object({
  dimensionHeaders: z.array(z.object({ name: z.string() })).default([]),
  metricHeaders: z.array(z.object({ name: z.string() })).default([]),
  rows: z
    .array(
      z.object({
        dimensionValues: z.array(z.object({ value: z.string().default('') })),
        metricValues: z.array(z.object({ value: z.string().default('0') })),
      }),
    )
    .default([]),
  rowCount: z.number().int().optional(),
  metadata: z.object({ timeZone: z.string().optional() }).optional(),
});

const googleError = z.object({
  error: z.object({ code: z.number().optional(), message: z.string().optional(), status: z.string().optional() }),
});

export interface Ga4Range {
  /** YYYY-MM-DD, inclusive. */
  startDate: string;
  endDate: string;
}

/**
 * Every day of the range that had traffic, one row per campaign (and one, campaign "", for the rest);
 * days without any are absent, as GA4 leaves them out. The rows of a day add up to the site's day.
 */
export async function fetchDailyUx(
  base: string,
  propertyId: string,
  tokens: TokenSource,
  range: Ga4Range,
  now: Date,
): Promise<{ timeZone: string | undefined; days: Ga4Day[] }> {
  const body = await runReport(
    base,
    propertyId,
    tokens,
    {
      dateRanges: [range],
      dimensions: DIMENSIONS.map((name) => ({ name })),
      metrics: METRICS.map((name) => ({ name })),
      // 3 values of newVsReturning a day: far below one page for any range this bot asks for.
      limit: 10_000,
    },
    now,
  );
  const dim = indexOf(body.dimensionHeaders, DIMENSIONS);
  const met = indexOf(body.metricHeaders, METRICS);
  const days = new Map<string, Ga4Day>();
  for (const row of body.rows) {
    const raw = row.dimensionValues[dim.date]?.value ?? '';
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
    if (!m) continue;
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    const name = (row.dimensionValues[dim.sessionCampaignName]?.value ?? '').trim();
    const campaign = NO_CAMPAIGN.test(name) ? '' : name;
    const key = `${date}\u0000${campaign}`;
    const day = days.get(key) ?? {
      date,
      campaign,
      conversions: 0,
      sessions: 0,
      engagedSessions: 0,
      engagementSeconds: 0,
      newUsers: 0,
      returningUsers: 0,
    };
    const value = (name: (typeof METRICS)[number]) => count(row.metricValues[met[name]]?.value);
    day.sessions += value('sessions');
    day.engagedSessions += value('engagedSessions');
    day.engagementSeconds += value('userEngagementDuration');
    day.conversions += value('keyEvents');
    const kind = row.dimensionValues[dim.newVsReturning]?.value;
    if (kind === 'new') day.newUsers += value('activeUsers');
    else if (kind === 'returning') day.returningUsers += value('activeUsers');
    days.set(key, day);
  }
  const sorted = [...days.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.campaign.localeCompare(b.campaign),
  );
  return { timeZone: body.metadata?.timeZone, days: sorted };
}

/** The property's time zone when the token may read it; PublishError otherwise (reauth when refused). */
export async function verifyGa4(base: string, propertyId: string, tokens: TokenSource, now: Date): Promise<string> {
  const body = await runReport(
    base,
    propertyId,
    tokens,
    {
      dateRanges: [{ startDate: 'yesterday', endDate: 'today' }],
      metrics: [{ name: 'sessions' }],
    },
    now,
  );
  const zone = body.metadata?.timeZone;
  return zone ? `GA4 property ${propertyId} (${zone})` : `GA4 property ${propertyId}`;
}

async function runReport(
  base: string,
  propertyId: string,
  tokens: TokenSource,
  request: object,
  now: Date,
): Promise<z.infer<typeof report>> {
  const call: HttpCall = {
    method: 'POST',
    url: joinUrl(base, `v1beta/properties/${encodeURIComponent(propertyId)}:runReport`),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    // A report reads; asking again changes nothing.
    idempotent: true,
  };
  const res = await sendAuthorized(tokens, call);
  const json = parseJson(res.text);
  if (res.status === 200) {
    const parsed = report.safeParse(json);
    if (!parsed.success) throw PublishError.retry('GA4 answered the report in a shape this bot does not read');
    return parsed.data;
  }
  const err = googleError.safeParse(json);
  const detail = err.success ? (err.data.error.message ?? err.data.error.status ?? '') : '';
  const message = `GA4 answered ${res.status}${detail ? `: ${detail}` : ''}`;
  // The token's user cannot read this property (removed from it, or never added): only a person
  // can fix that, by granting access or connecting with another account.
  if (res.status === 403) throw PublishError.reauth(message);
  throw classifyStatus(res, call, message, now);
}

function indexOf<N extends string>(headers: ReadonlyArray<{ name: string }>, names: readonly N[]): Record<N, number> {
  const out = {} as Record<N, number>;
  for (const n of names) {
    const i = headers.findIndex((h) => h.name === n);
    if (i < 0) throw PublishError.retry(`GA4 answered without the ${n} column`);
    out[n] = i;
  }
  return out;
}

/** GA4 sends numbers as strings; seconds may carry decimals. */
function count(value: string | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}
