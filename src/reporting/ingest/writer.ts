/**
 * The one way metric rows reach MetricDaily, for the three ways they arrive: a CSV import, a webhook
 * push and the daily API pull. Rows go in a few hundred per statement,
 * `INSERT ... ON CONFLICT (workspaceId, date, channel, campaign) DO UPDATE`, the same SQL on SQLite and
 * PostgreSQL with every value a bound parameter. A row replaces the one with the same key (every
 * figure, its currency and source), keeping that row's id and creation time.
 *
 * Everything one caller stores is one transaction, so an input is stored whole or not at all; the
 * transaction's timeout grows with the number of rows (a year of a thousand campaigns must be able to
 * land), and a CSV import writes its batches while it is still reading the file.
 */
import { Prisma, type Workspace } from '@prisma/client';
import type { Db } from '../../db/client.js';
import { METRIC_FIELDS } from '../kpi.js';
import type { MetricRow } from '../metric-records.js';

type Tx = Prisma.TransactionClient;

/**
 * Rows per statement: 29 parameters each, about 11,600 in all, under SQLite's 32,766 and
 * PostgreSQL's 65,535. Larger batches gain nothing measurable (bench/import.mjs).
 */
export const BATCH_ROWS = 400;

const KEY = ['workspaceId', 'date', 'channel', 'campaign'] as const;
const COLUMNS = [...KEY, 'currency', ...METRIC_FIELDS, 'source', 'createdAt', 'updatedAt'] as const;
const REPLACED = COLUMNS.filter((c) => !(KEY as readonly string[]).includes(c) && c !== 'createdAt');
const quoted = (c: string) => `"${c}"`;
// Column names come from the constants above, never from input: only values are parameters.
const INTO = Prisma.raw(`INSERT INTO "MetricDaily" (${COLUMNS.map(quoted).join(', ')}) VALUES `);
const UPSERT = Prisma.raw(
  ` ON CONFLICT (${KEY.map(quoted).join(', ')}) DO UPDATE SET ${REPLACED.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ')} RETURNING "id"`,
);

export interface StoreCounts {
  inserted: number;
  replaced: number;
}

/** Writes one caller's rows inside its transaction, a batch at a time, counting new and replaced rows. */
export class MetricWriter {
  readonly counts: StoreCounts = { inserted: 0, replaced: 0 };
  private readonly now = new Date();

  private constructor(
    private readonly tx: Tx,
    private readonly workspace: Workspace,
    private readonly source: string,
    /** Ids above this were created by this transaction (ids only grow): how new rows are told apart. */
    private readonly lastIdBefore: number,
  ) {}

  static async open(tx: Tx, workspace: Workspace, source: string): Promise<MetricWriter> {
    const [top] = await tx.$queryRaw<
      Array<{ top: number | bigint | null }>
    >`SELECT MAX("id") AS "top" FROM "MetricDaily"`;
    return new MetricWriter(tx, workspace, source, Number(top?.top ?? 0));
  }

  async write(rows: readonly MetricRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) await this.batch(rows.slice(i, i + BATCH_ROWS));
  }

  private async batch(rows: readonly MetricRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { id, currency } = this.workspace;
    const tuples = rows.map(
      (r) =>
        Prisma.sql`(${Prisma.join([id, r.date, r.channel, r.campaign, currency, ...METRIC_FIELDS.map((f) => r[f]), this.source, this.now, this.now])})`,
    );
    const ids = await this.tx.$queryRaw<Array<{ id: number | bigint }>>(
      Prisma.sql`${INTO}${Prisma.join(tuples)}${UPSERT}`,
    );
    let inserted = 0;
    for (const r of ids) if (Number(r.id) > this.lastIdBefore) inserted++;
    this.counts.inserted += inserted;
    this.counts.replaced += ids.length - inserted;
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

/** Runs `work` with a MetricWriter in one transaction: everything it wrote, or nothing if it throws. */
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
      return work(await MetricWriter.open(tx, workspace, source));
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
