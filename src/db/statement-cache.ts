/**
 * Prepared statements kept per SQL text for Prisma's SQLite adapter. The adapter prepares every query
 * anew (`client.prepare(sql).bind(args)`), and compiling Prisma's long SELECTs cost about a tenth of a
 * Slack command's work (better-sqlite3's `prepare` was the second largest self time in the slack-ack
 * profile). A better-sqlite3 statement can be bound only once, so the cache hands the adapter a view
 * of the kept statement that passes the arguments on each run instead.
 *
 * The view covers what @prisma/adapter-better-sqlite3 6.19 calls (`bind`, `reader`, `run`, `columns`,
 * `raw().all()`); the version is pinned, and every database test goes through it.
 */
import type Database from 'better-sqlite3';

/** Statements kept at most; past it the least recently used go (Prisma's SQL varies with list sizes). */
const MAX_KEPT = 500;

type Statement = Database.Statement<unknown[]>;

/** What the adapter does with a statement it has bound. */
interface BoundView {
  readonly reader: boolean;
  run(): Database.RunResult;
  columns(): Database.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

function boundView(statement: Statement, args: unknown[]): BoundView {
  return {
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  };
}

/** Makes `db.prepare` reuse the statement of an SQL text it has prepared before. */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const kept = new Map<string, Statement>();
  const reused = (sql: string): Statement => {
    const hit = kept.get(sql);
    if (hit) {
      // Map order is the eviction order: a statement used again moves to the back.
      kept.delete(sql);
      kept.set(sql, hit);
      return hit;
    }
    const statement = prepare(sql);
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(sql, statement);
    return statement;
  };
  const view = (sql: string) => {
    const statement = reused(sql);
    return {
      reader: statement.reader,
      bind: (args: unknown[]) => boundView(statement, args),
      run: (...args: unknown[]) => statement.run(...args),
    };
  };
  // The adapter only binds and runs what it prepares (see above); the view is narrower than a Statement.
  db.prepare = view as unknown as typeof db.prepare;
}
