/**
 * The one way metric rows reach MetricDaily, for the three ways they arrive: a CSV import, a webhook
 * push and the daily API pull. Rows go in a thousand per statement,
 * `INSERT ... SELECT ... ON CONFLICT (workspaceId, date, channel, campaign) DO UPDATE`, the same SQL on
 * SQLite and PostgreSQL but for the function that reads the rows out of their one bound parameter, a
 * JSON array (json_each, json_array_elements); nothing from the input is ever part of the SQL text. A
 * row replaces the one with the same key (every figure, its currency and source), keeping that row's
 * id and creation time.
 *
 * Everything one caller stores is one transaction, so an input is stored whole or not at all; the
 * transaction's timeout grows with the number of rows (a year of a thousand campaigns must be able to
 * land), and a CSV import writes its batches while it is still reading the file.
 */
import { Prisma, type Workspace } from '@prisma/client';
import type { Db } from '../../db/client.js';
import { METRIC_FIELDS } from '../kpi.js';
import type { MetricRow } from '../metric-records.js';
import { type Dialect, monthsOf, refreshMonths, TouchedMonths } from './rollups.js';

type Tx = Prisma.TransactionClient;

/**
 * Rows per statement. The rows go in as one JSON parameter rather than 29 parameters each: Prisma
 * prepares every parameter of a raw query in JavaScript, and 29 per row cost 2.3 times the CPU time
 * of the same rows as one JSON parameter (docs/reports.md, "Importing").
 */
export const BATCH_ROWS = 1000;

export type { Dialect };

/**
 * Which SQL the client speaks. Prisma knows (its generated clients are per provider) but says so only
 * in a field its generated types leave out, hence the narrow cast.
 */
export function dialectOf(db: Db): Dialect {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql' ? 'postgres' : 'sqlite';
}

const KEY = ['workspaceId', 'date', 'channel', 'campaign'] as const;
/** What each row carries in the JSON parameter, in this order. */
const CARRIED = ['date', 'channel', 'campaign', ...METRIC_FIELDS] as const;
const FLOAT_FIELDS: ReadonlySet<string> = new Set(['searchPositionSum']);
const COLUMNS = ['workspaceId', 'currency', 'source', 'createdAt', 'updatedAt', ...CARRIED] as const;
const REPLACED = COLUMNS.filter((c) => !(KEY as readonly string[]).includes(c) && c !== 'createdAt');
const quoted = (c: string) => `"${c}"`;
// Column names and JSON positions come from the constants above, never from input: values are parameters.
const INTO = Prisma.raw(`INSERT INTO "MetricDaily" (${COLUMNS.map(quoted).join(', ')}) SELECT `);
const CARRIED_VALUES = Prisma.raw(
  CARRIED.map((c, i) => {
    if (i < 3) return `r.value ->> ${i}`;
    return `CAST(r.value ->> ${i} AS ${FLOAT_FIELDS.has(c) ? 'DOUBLE PRECISION' : 'INTEGER'})`;
  }).join(', '),
);
// `WHERE true`: SQLite would otherwise read ON CONFLICT as the start of a join constraint.
const UPSERT = Prisma.raw(
  ` WHERE true ON CONFLICT (${KEY.map(quoted).join(', ')}) DO UPDATE SET ${REPLACED.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ')} RETURNING "id"`,
);

/** The rows of a JSON array of arrays as a table `r(value)`: the one part of the statement that differs. */
function rowsOf(dialect: Dialect, json: string): Prisma.Sql {
  return dialect === 'postgres'
    ? Prisma.sql` FROM json_array_elements(CAST(${json} AS json)) AS r(value)`
    : Prisma.sql` FROM json_each(${json}) AS r`;
}

export interface StoreCounts {
  inserted: number;
  replaced: number;
}

/** Writes one caller's rows inside its transaction, a batch at a time, counting new and replaced rows. */
export class MetricWriter {
  readonly counts: StoreCounts = { inserted: 0, replaced: 0 };
  private readonly now = new Date();
  private readonly touched = new TouchedMonths();

  private constructor(
    private readonly tx: Tx,
    private readonly dialect: Dialect,
    private readonly workspace: Workspace,
    private readonly source: string,
    /**
     * Ids above this were created by this transaction (ids only grow): how new rows are told apart.
     * Exact unless another writer adds one of the same keys at the same moment (PostgreSQL).
     */
    private readonly lastIdBefore: number,
  ) {}

  static async open(tx: Tx, dialect: Dialect, workspace: Workspace, source: string): Promise<MetricWriter> {
    const [top] = await tx.$queryRaw<
      Array<{ top: number | bigint | null }>
    >`SELECT MAX("id") AS "top" FROM "MetricDaily"`;
    return new MetricWriter(tx, dialect, workspace, source, Number(top?.top ?? 0));
  }

  async write(rows: readonly MetricRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) await this.batch(rows.slice(i, i + BATCH_ROWS));
  }

  private async batch(rows: readonly MetricRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { id, currency } = this.workspace;
    for (const r of rows) this.touched.add(r.date, r.channel, r.campaign);
    const json = JSON.stringify(rows.map((r) => CARRIED.map((c) => r[c])));
    const ids = await this.tx.$queryRaw<Array<{ id: number | bigint }>>(
      Prisma.sql`${INTO}CAST(${id} AS INTEGER), ${currency}, ${this.source}, ${this.now}, ${this.now}, ${CARRIED_VALUES}${rowsOf(this.dialect, json)}${UPSERT}`,
    );
    let inserted = 0;
    for (const r of ids) if (Number(r.id) > this.lastIdBefore) inserted++;
    this.counts.inserted += inserted;
    this.counts.replaced += ids.length - inserted;
  }

  /** Brings the monthly rollups of every month written to up to date (rollups.ts); once, at the end. */
  async finish(): Promise<void> {
    await refreshMonths(this.tx, this.dialect, this.workspace.id, this.touched.list());
  }
}

export interface TransactionOptions {
  /**
   * Take SQLite's write lock first, so the store waits for another process's lock (up to the busy
   * timeout) instead of being refused at its first write: for `mktbot import-metrics`, which may
   * block while it waits; the bot never should (src/db/busy.ts).
   */
  waitForWriteLock?: boolean;
  /** Rows the transaction may write (an estimate is enough): its timeout grows with them. */
  expectedRows: number;
}

/** The least any store gets, and what each expected row adds: ten times the rate bench/import measures. */
const BASE_TIMEOUT_MS = 60_000;
const TIMEOUT_PER_ROW_MS = 0.3;

export function transactionTimeout(expectedRows: number): number {
  return Math.ceil(BASE_TIMEOUT_MS + expectedRows * TIMEOUT_PER_ROW_MS);
}

/**
 * Runs `work` with a MetricWriter in one transaction: everything it wrote, with the monthly rollups of
 * its months, or nothing if it throws.
 */
export function inMetricsTransaction<T>(
  db: Db,
  workspace: Workspace,
  source: string,
  o: TransactionOptions,
  work: (writer: MetricWriter) => Promise<T>,
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      // A write that changes nothing: SQLite grants the write lock here, waiting for it if need be.
      if (o.waitForWriteLock) await tx.$executeRaw`DELETE FROM "MetricDaily" WHERE 1 = 0`;
      const writer = await MetricWriter.open(tx, dialectOf(db), workspace, source);
      const result = await work(writer);
      await writer.finish();
      return result;
    },
    { timeout: transactionTimeout(o.expectedRows), maxWait: 30_000 },
  );
}

/** Stores rows that are all valid, all or none (webhook pushes, API pulls, the demo). */
export async function storeRows(
  db: Db,
  workspace: Workspace,
  rows: readonly MetricRow[],
  source: string,
  o: Omit<TransactionOptions, 'expectedRows'> = {},
): Promise<StoreCounts> {
  if (rows.length === 0) return { inserted: 0, replaced: 0 };
  return inMetricsTransaction(db, workspace, source, { ...o, expectedRows: rows.length }, async (writer) => {
    await writer.write(rows);
    return writer.counts;
  });
}

/** Deletes a workspace's rows from one source (the demo's, before it seeds again) and refreshes their months. */
export function deleteRowsFrom(db: Db, workspaceId: number, source: string): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const months = await monthsOf(tx, workspaceId, source);
      const { count } = await tx.metricDaily.deleteMany({ where: { workspaceId, source } });
      await refreshMonths(tx, dialectOf(db), workspaceId, months);
      return count;
    },
    { timeout: BASE_TIMEOUT_MS, maxWait: 30_000 },
  );
}
