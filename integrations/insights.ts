/**
 * The shapes of the `MetricSource` interface (docs/architecture.md §3.3): for one connected account,
 * the daily figures of a window of recent days. A provider's `insights` capability reads them; the
 * daily pull (src/reporting/metric-pull.ts) picks the accounts, stores the rows and sorts failures.
 */

/** One day to read, in the workspace's time zone: its date and the instants it starts and ends. */
export interface InsightDay {
  date: string;
  start: Date;
  end: Date;
}

/** The MetricDaily columns a network's figures can fill (prisma/schema.prisma names). */
export type MetricFigure =
  | 'reach'
  | 'impressions'
  | 'engagements'
  | 'followers'
  | 'emailsSent'
  | 'emailsDelivered'
  | 'emailsOpened'
  | 'emailsClicked'
  | 'emailsUnsubscribed'
  | 'sessions'
  | 'engagedSessions'
  | 'engagementSeconds'
  | 'newUsers'
  | 'returningUsers';

/** One day of one campaign ('' for account-level figures); a figure left out is one the network does not know. */
export type InsightRow = { date: string; campaign: string } & Partial<Record<MetricFigure, number>>;

/** A post the bot published on the network, for sources whose reports are per post (Mailchimp campaigns). */
export interface PublishedPost {
  id: number;
  externalId: string;
  publishAt: Date;
  /** The campaign's name, '' when the post belongs to none. */
  campaign: string;
}

/** The small part of a logger a source may use (pino's Logger fits). */
export interface SourceLog {
  warn(fields: object, message: string): void;
}

export interface InsightsJob {
  /** The complete days to read, oldest first, in the workspace time zone. */
  days: readonly InsightDay[];
  /** The workspace's IANA time zone (a report's send time is filed on its local day). */
  timezone: string;
  now: Date;
  /** For a `perPost` source: the posts published on the network in the window, oldest first; else empty. */
  posts: readonly PublishedPost[];
  log: SourceLog;
}

export interface InsightsResult {
  rows: InsightRow[];
  /** Parts that failed and are tried again next run (the rest is stored). */
  failed: number;
  /** The account was actually called (a source with nothing to read leaves the health as it was). */
  reached: boolean;
}
