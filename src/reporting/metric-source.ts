/**
 * The one shape every automatic metrics source has (docs/architecture.md §3.3 `MetricSource`): for one connected
 * account of a workspace, the daily rows of a window of recent days. The runner in metric-pull.ts
 * picks the accounts, sorts failures and stores what comes back; a source only reads.
 */
import type { Integration, Workspace } from '@prisma/client';
import { DateTime } from 'luxon';
import type { InsightDay } from '../../integrations/facebook/insights.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { Provider } from '../workspace/integrations.js';
import type { MetricField } from './kpi.js';

export type { InsightDay };
export type PullServices = Pick<Services, 'db' | 'integrations' | 'metrics' | 'clock' | 'notifier'>;

/** A figure left out is one the source does not know; a stored API row keeps its earlier value for it. */
export type SourceRow = { date: string; channel: string; campaign: string } & Partial<Record<MetricField, number>>;

export interface SourceJob {
  integration: Integration;
  workspace: Workspace;
  /** The complete days to read, oldest first, in the workspace time zone. */
  days: InsightDay[];
  now: Date;
  services: PullServices;
  log: Logger;
}

export interface SourceResult {
  rows: SourceRow[];
  /** Parts that failed and are tried again next run (the rest is stored). */
  failed: number;
  /** The account was actually called (a source with nothing to read leaves the health as it was). */
  reached: boolean;
}

export interface MetricSource {
  readonly provider: Provider;
  /** How many complete days before today each pull reads again. */
  readonly days: number;
  /** Throws PublishError: `reauth` for a refused token, retryable for rate limits and outages. */
  fetchDaily(job: SourceJob): Promise<SourceResult>;
}

/** The `count` days before today (today is not over yet), in `zone`; UTC if the zone is unknown. */
export function pullDays(now: Date, zone: string, count: number): InsightDay[] {
  let today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  if (!today.isValid) today = DateTime.fromJSDate(now).toUTC().startOf('day');
  const days: InsightDay[] = [];
  for (let i = count; i >= 1; i--) {
    const d = today.minus({ days: i });
    days.push({ date: d.toISODate() as string, start: d.toJSDate(), end: d.plus({ days: 1 }).toJSDate() });
  }
  return days;
}
