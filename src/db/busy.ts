/**
 * "The database is busy": SQLite refused a write because another connection holds the write lock
 * (SQLITE_BUSY, "database is locked"), e.g. `mktbot import-metrics` while the bot is writing. The
 * work was rolled back and can be tried again in a moment. It reaches the code in several shapes:
 * - Prisma P1008 (timed out) or P2010 (raw query) with the driver adapter's cause `SQLITE_BUSY`: a
 *   write that waited the whole busy timeout (src/db/client.ts);
 * - Prisma with code `SQLITE_BUSY_SNAPSHOT`: a transaction that read, then wanted to write after
 *   another connection wrote (SQLite refuses at once, without waiting);
 * - better-sqlite3's own `SqliteError` (code `SQLITE_BUSY...`) from code that uses it directly.
 * PostgreSQL has no such state: it waits for row locks.
 */

const BUSY_CODE = /^SQLITE_(BUSY|LOCKED)/;

export function isDatabaseBusy(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (typeof e !== 'object' || e === null || seen.has(e)) return false;
    seen.add(e);
    const o = e as {
      code?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof o.code === 'string' && BUSY_CODE.test(o.code)) return true;
    if (typeof o.originalCode === 'string' && BUSY_CODE.test(o.originalCode)) return true;
    // An error Prisma could not classify keeps only SQLite's words.
    if (typeof o.message === 'string' && /\bdatabase (table )?is locked\b/.test(o.message)) return true;
    return visit(o.cause) || visit(o.meta?.driverAdapterError);
  };
  return visit(err);
}
