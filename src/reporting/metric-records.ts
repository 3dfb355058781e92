/**
 * What an import reads and what it reports wrong: shared by every metrics format (CSV, JSON, exports)
 * and by the code that checks and stores them (metrics.ts, ingest/).
 */
import type { MetricField } from './kpi.js';

/** CSV/JSON column -> MetricDaily column. spend and revenue arrive in major units. */
export const NUMERIC_COLUMNS = {
  impressions: 'impressions',
  reach: 'reach',
  clicks: 'clicks',
  spend: 'spendMinor',
  revenue: 'revenueMinor',
  conversions: 'conversions',
  leads: 'leads',
  engagements: 'engagements',
  followers: 'followers',
  emails_sent: 'emailsSent',
  emails_delivered: 'emailsDelivered',
  emails_opened: 'emailsOpened',
  emails_clicked: 'emailsClicked',
  emails_unsubscribed: 'emailsUnsubscribed',
  sessions: 'sessions',
  engaged_sessions: 'engagedSessions',
  engagement_seconds: 'engagementSeconds',
  new_users: 'newUsers',
  returning_users: 'returningUsers',
} as const satisfies Record<string, MetricField>;
export type NumericColumn = keyof typeof NUMERIC_COLUMNS;
/**
 * Other names email tools give a contract column in their exports (lower case): Mailchimp's and
 * Klaviyo's "Unsubscribes", the API's `unsubscribed`. Read as the contract column, in CSV headers
 * and JSON keys alike.
 */
export const COLUMN_ALIASES: ReadonlyMap<string, NumericColumn> = new Map([
  ['unsubscribes', 'emails_unsubscribed'],
  ['unsubscribed', 'emails_unsubscribed'],
  ['unsubscribe', 'emails_unsubscribed'],
  ['emails unsubscribed', 'emails_unsubscribed'],
]);
/** A column name as the contract spells it: trimmed, lower case, an alias replaced. */
export function contractColumn(name: string): string {
  const folded = name.trim().toLowerCase();
  return COLUMN_ALIASES.get(folded) ?? folded;
}
export const MONEY_COLUMNS: ReadonlySet<string> = new Set(['spend', 'revenue']);
/**
 * position: Search Console's average position for the row (1 = top), stored weighted by the row's
 * impressions. currency: optional check that money columns are in the workspace currency.
 */
export const KNOWN_COLUMNS: readonly string[] = [
  'date',
  'channel',
  'campaign',
  ...Object.keys(NUMERIC_COLUMNS),
  'position',
  'currency',
];
/** Search Console reports positions from 1; anything past this is not a search result page. */
export const MAX_POSITION = 1000;
export const MAX_CAMPAIGN = 100;
/** More rows than this in one push is refused: split it (a push is held in memory whole). */
export const MAX_ROWS = 500_000;
/**
 * More rows than this in one CSV file is refused. A file is read as a stream, so only the keys seen
 * so far are held (to find duplicates): about 80 bytes a row, 160 MB at this bound.
 */
export const MAX_FILE_ROWS = 2_000_000;

export type MetricRow = { date: string; channel: string; campaign: string } & Record<MetricField, number>;

export type Problem =
  | { code: 'syntax'; detail: string }
  | { code: 'empty' }
  | { code: 'noRows' }
  | { code: 'tooMany'; max: number }
  | { code: 'unknownColumn'; column: string }
  | { code: 'duplicateColumn'; column: string }
  | { code: 'missingColumn'; column: string }
  | { code: 'joinedHeader'; cell: string; delimiter: string }
  | { code: 'fieldCount'; expected: number; got: number }
  | { code: 'notObject' }
  | { code: 'required'; column: string }
  | { code: 'badDate'; value: string }
  | { code: 'badChannel'; value: string }
  | { code: 'unknownChannel'; value: string; suggestion?: string | undefined }
  | { code: 'badCampaign' }
  | { code: 'badNumber'; column: string; value: string }
  | { code: 'notWhole'; column: string; value: string }
  | { code: 'tooLarge'; column: string; value: string }
  | { code: 'duplicateRow'; firstLine: number }
  | { code: 'badPosition'; value: string }
  | { code: 'positionNeedsImpressions' }
  | { code: 'currencyMismatch'; value: string; expected: string }
  | { code: 'noHeader'; format: string };

/** Where the problem is: a CSV line or a JSON item (1-based); 0 for the input as a whole. */
export interface LineError {
  line: number;
  problem: Problem;
}

export interface InputRecord {
  line: number;
  values: Record<string, unknown>;
}

export type ImportResult =
  | {
      ok: true;
      rows: number;
      inserted: number;
      replaced: number;
      from?: string;
      to?: string;
      channels: string[];
    }
  /** `omitted`: further problems not listed (a file wrong on every line is not listed whole). */
  | { ok: false; errors: LineError[]; omitted?: number };
