/**
 * MetricMonthly: each month's sums of MetricDaily per channel and campaign, so /report over a year
 * adds up twelve rows per campaign instead of 365 (reports.ts, sums()). Every write or delete of daily
 * rows names the months it touched, and those months are computed again from the daily rows in the
 * same transaction: the rollups cannot drift from the days, replaced and deleted rows included, and
 * followers (a maximum, not a sum) stays exact. The writer (import, push, pull) and the demo's
 * deletion are the paths that change MetricDaily; a workspace's deletion cascades to both tables.
 */
import { Prisma } from '@prisma/client';
import { METRIC_FIELDS } from '../kpi.js';

type Tx = Prisma.TransactionClient;

/** Which SQL the database speaks (writer.ts, dialectOf). */
export type Dialect = 'sqlite' | 'postgres';

/** A (month, channel, campaign) whose daily rows changed. */
export type MonthKey = readonly [month: string, channel: string, campaign: string];

/** Keys per statement: they travel as one JSON parameter, as the writer's rows do. */
const KEYS_PER_STATEMENT = 2000;

/** The months a set of writes touched, each once. */
export class TouchedMonths {
  private readonly keys = new Map<string, MonthKey>();

  add(date: string, channel: string, campaign: string): void {
    const month = date.slice(0, 7);
    const id = `${month}\u0000${channel}\u0000${campaign}`;
    if (!this.keys.has(id)) this.keys.set(id, [month, channel, campaign]);
  }

  get size(): number {
    return this.keys.size;
  }

  list(): MonthKey[] {
    return [...this.keys.values()];
  }
}

const quoted = (c: string) => `"${c}"`;
const COLUMNS = Prisma.raw(
  ['workspaceId', 'month', 'channel', 'campaign', 'rowCount', ...METRIC_FIELDS].map(quoted).join(', '),
);
/** Followers is an audience size at the end of a day: the month keeps its largest, as reports read it. */
const FIGURES = Prisma.raw(METRIC_FIELDS.map((c) => `${c === 'followers' ? 'MAX' : 'SUM'}(d.${quoted(c)})`).join(', '));

function keysOf(dialect: Dialect, json: string): Prisma.Sql {
  const from =
    dialect === 'postgres'
      ? Prisma.sql`json_array_elements(CAST(${json} AS json)) AS r(value)`
      : Prisma.sql`json_each(${json}) AS r`;
  return Prisma.sql`(SELECT r.value ->> 0 AS "month", r.value ->> 1 AS "channel", r.value ->> 2 AS "campaign" FROM ${from})`;
}

/**
 * Computes these months again from MetricDaily, inside the caller's transaction. Each key reads its
 * days through MetricDaily_report_idx (workspaceId, channel, campaign, date), which holds every
 * figure, so a month costs an index seek and its thirty-odd entries.
 */
export async function refreshMonths(
  tx: Tx,
  dialect: Dialect,
  workspaceId: number,
  keys: readonly MonthKey[],
): Promise<void> {
  if (keys.length === 0) return;
  // Two PostgreSQL transactions writing different days of one month would each recompute it without
  // the other's rows; this lock (released at commit) makes the second recompute after the first commits.
  // SQLite has one writer at a time already. 2501 keeps these locks apart from any other advisory lock.
  if (dialect === 'postgres') {
    await tx.$queryRaw`SELECT 1 AS "locked" FROM (SELECT pg_advisory_xact_lock(2501, CAST(${workspaceId} AS INTEGER))) AS l`;
  }
  for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
    const json = JSON.stringify(keys.slice(i, i + KEYS_PER_STATEMENT));
    const ws = Prisma.sql`CAST(${workspaceId} AS INTEGER)`;
    await tx.$executeRaw(
      Prisma.sql`DELETE FROM "MetricMonthly" WHERE "workspaceId" = ${ws} AND ("month", "channel", "campaign") IN (SELECT "month", "channel", "campaign" FROM ${keysOf(dialect, json)} AS k)`,
    );
    // Days compare as text: every day of a month lies between YYYY-MM-01 and YYYY-MM-31. CROSS JOIN
    // keeps the keys the outer loop in SQLite (it never reorders one): each key then seeks its days in
    // the index, where the other order would scan the workspace's days once per key.
    await tx.$executeRaw(
      Prisma.sql`INSERT INTO "MetricMonthly" (${COLUMNS})
        SELECT d."workspaceId", k."month", d."channel", d."campaign", COUNT(*), ${FIGURES}
        FROM ${keysOf(dialect, json)} AS k CROSS JOIN "MetricDaily" AS d
        WHERE d."workspaceId" = ${ws} AND d."channel" = k."channel" AND d."campaign" = k."campaign"
          AND d."date" >= k."month" || '-01' AND d."date" <= k."month" || '-31'
        GROUP BY d."workspaceId", k."month", d."channel", d."campaign"`,
    );
  }
}

/** The months holding a workspace's rows from `source`: what deleting them will touch. */
export async function monthsOf(tx: Tx, workspaceId: number, source: string): Promise<MonthKey[]> {
  const rows = await tx.$queryRaw<Array<{ month: string; channel: string; campaign: string }>>`
    SELECT DISTINCT SUBSTR("date", 1, 7) AS "month", "channel", "campaign" FROM "MetricDaily"
    WHERE "workspaceId" = CAST(${workspaceId} AS INTEGER) AND "source" = ${source}`;
  return rows.map((r) => [r.month, r.channel, r.campaign] as const);
}
