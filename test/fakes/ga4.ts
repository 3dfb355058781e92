/**
 * A fake of the Google Analytics Data API v1beta `properties/{id}:runReport`, following the official
 * request and response shapes: JSON body with dateRanges (YYYY-MM-DD, "today", "yesterday",
 * "NdaysAgo"), dimensions and metrics by name; answers with dimensionHeaders, metricHeaders, rows
 * of string values (only combinations that have data), rowCount and metadata.timeZone. It refuses
 * what the real API refuses: no or expired token (401 UNAUTHENTICATED), a property the token's user
 * cannot read (403 PERMISSION_DENIED), unknown metric or dimension names, no metrics, no date
 * range, a start after the end (400 INVALID_ARGUMENT). Google's token endpoint is on the same
 * server (google-oauth.ts).
 */
import { DateTime } from 'luxon';
import { FakeGoogleTokens } from './google-oauth.js';
import { type FakeRequest, type FakeResponse, FakeServer } from './server.js';

/** One day's figures for one kind of visitor. */
export interface Ga4Figures {
  activeUsers: number;
  sessions: number;
  engagedSessions: number;
  /** Seconds. */
  userEngagementDuration: number;
  /** GA4's conversions; absent is zero. */
  keyEvents?: number;
}
type Visitor = 'new' | 'returning' | '(not set)';

const METRIC_TYPES: Record<string, string> = {
  activeUsers: 'TYPE_INTEGER',
  newUsers: 'TYPE_INTEGER',
  totalUsers: 'TYPE_INTEGER',
  sessions: 'TYPE_INTEGER',
  engagedSessions: 'TYPE_INTEGER',
  userEngagementDuration: 'TYPE_SECONDS',
  keyEvents: 'TYPE_FLOAT',
  screenPageViews: 'TYPE_INTEGER',
};
const DIMENSIONS = new Set(['date', 'newVsReturning', 'country', 'pagePath', 'sessionSource', 'sessionCampaignName']);
/** What GA4 reports as sessionCampaignName for traffic that carried no utm_campaign. */
const DIRECT = '(direct)';

const apiError = (code: number, status: string, message: string): FakeResponse => ({
  status: code,
  body: { error: { code, message, status } },
});

export class FakeGa4 {
  readonly server: FakeServer;
  /** The instant the fake treats as now (relative dates, token expiry). */
  now: () => Date = () => new Date();
  /** Google's token endpoint; a token's subject is the property ids its user may read. */
  readonly oauth = new FakeGoogleTokens<{ properties: string[] }>(
    () => this.now(),
    'https://www.googleapis.com/auth/analytics.readonly',
  );
  /** Per property and day, the figures of each kind of visitor and campaign (key: visitor NUL campaign). */
  private readonly properties = new Map<string, { timeZone: string; days: Map<string, Map<string, Ga4Figures>> }>();
  /** Every runReport body received, for tests to read. */
  readonly requests: Array<{ propertyId: string; body: unknown }> = [];

  constructor() {
    this.server = new FakeServer((req) => this.handle(req));
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  addProperty(id: string, timeZone = 'Asia/Riyadh'): void {
    this.properties.set(id, { timeZone, days: new Map() });
  }

  /**
   * Sets (replaces) a day's figures for one kind of visitor arriving with one utm_campaign (by
   * default none: GA4 says "(direct)"); `date` is YYYY-MM-DD.
   */
  setDay(propertyId: string, date: string, visitor: Visitor, figures: Ga4Figures, campaign = DIRECT): void {
    const p = this.properties.get(propertyId);
    if (!p) throw new Error(`no property ${propertyId}`);
    const day = p.days.get(date) ?? new Map<string, Ga4Figures>();
    day.set(`${visitor}\u0000${campaign}`, figures);
    p.days.set(date, day);
  }

  private handle(req: FakeRequest): FakeResponse {
    if (req.method === 'POST' && req.path === '/token') return this.oauth.token(req);
    const m = /^\/v1beta\/properties\/([^/:]+):runReport$/.exec(req.path);
    if (!m || req.method !== 'POST') return { status: 404 };
    const who = this.oauth.bearer(req);
    if (!who) {
      return apiError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    const id = m[1] as string;
    const property = this.properties.get(id);
    if (!property || !who.properties.includes(id)) {
      return apiError(
        403,
        'PERMISSION_DENIED',
        'User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.',
      );
    }
    const body = req.json() as {
      dateRanges?: Array<{ startDate?: string; endDate?: string }>;
      dimensions?: Array<{ name?: string }>;
      metrics?: Array<{ name?: string }>;
      limit?: number | string;
    } | null;
    this.requests.push({ propertyId: id, body });
    const invalid = (message: string) => apiError(400, 'INVALID_ARGUMENT', message);
    if (!body || typeof body !== 'object') return invalid('Invalid JSON payload received.');
    const metrics = (body.metrics ?? []).map((x) => x.name ?? '');
    const dimensions = (body.dimensions ?? []).map((x) => x.name ?? '');
    if (metrics.length === 0) return invalid('Must specify at least one metric.');
    for (const name of metrics) {
      if (!(name in METRIC_TYPES)) {
        return invalid(
          `Field ${name} is not a valid metric. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`,
        );
      }
    }
    for (const name of dimensions) {
      if (!DIMENSIONS.has(name)) {
        return invalid(
          `Field ${name} is not a valid dimension. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`,
        );
      }
    }
    const range = body.dateRanges?.[0];
    if (!range) return invalid('Must specify at least one date range.');
    const start = this.day(range.startDate, property.timeZone);
    const end = this.day(range.endDate, property.timeZone);
    if (!start || !end) return invalid(`Invalid date range: ${range.startDate} to ${range.endDate}.`);
    if (start > end) return invalid(`StartDate ${start} is after endDate ${end}.`);

    // Group the stored figures by the requested dimensions and add them up.
    const groups = new Map<string, { dims: string[]; totals: Record<string, number> }>();
    for (const [date, visitors] of property.days) {
      if (date < start || date > end) continue;
      for (const [stored, f] of visitors) {
        const [visitor, campaign] = stored.split('\u0000') as [Visitor, string];
        const dims = dimensions.map((d) =>
          d === 'date'
            ? date.replaceAll('-', '')
            : d === 'newVsReturning'
              ? visitor
              : d === 'sessionCampaignName'
                ? campaign
                : '(not set)',
        );
        const key = dims.join('\u0000');
        const g = groups.get(key) ?? { dims, totals: {} };
        for (const name of metrics) g.totals[name] = (g.totals[name] ?? 0) + this.value(f, visitor, name);
        groups.set(key, g);
      }
    }
    const rows = [...groups.values()]
      .filter((g) => Object.values(g.totals).some((v) => v !== 0))
      .map((g) => ({
        dimensionValues: g.dims.map((value) => ({ value })),
        metricValues: metrics.map((name) => ({ value: String(g.totals[name] ?? 0) })),
      }));
    return {
      status: 200,
      body: {
        dimensionHeaders: dimensions.map((name) => ({ name })),
        metricHeaders: metrics.map((name) => ({ name, type: METRIC_TYPES[name] })),
        ...(rows.length > 0 ? { rows, rowCount: rows.length } : {}),
        metadata: { currencyCode: 'SAR', timeZone: property.timeZone },
        kind: 'analyticsData#runReport',
      },
    };
  }

  private value(f: Ga4Figures, visitor: Visitor, metric: string): number {
    if (metric === 'newUsers') return visitor === 'new' ? f.activeUsers : 0;
    if (metric === 'totalUsers') return f.activeUsers;
    return (f as unknown as Record<string, number>)[metric] ?? 0;
  }

  /** A date of the request as YYYY-MM-DD in the property's time zone, or undefined when malformed. */
  private day(value: string | undefined, zone: string): string | undefined {
    const today = DateTime.fromJSDate(this.now(), { zone }).startOf('day');
    if (value === 'today') return today.toISODate() ?? undefined;
    if (value === 'yesterday') return today.minus({ days: 1 }).toISODate() ?? undefined;
    const ago = /^(\d+)daysAgo$/.exec(value ?? '');
    if (ago) return today.minus({ days: Number(ago[1]) }).toISODate() ?? undefined;
    return /^\d{4}-\d{2}-\d{2}$/.test(value ?? '') && DateTime.fromISO(value as string).isValid ? value : undefined;
  }
}
