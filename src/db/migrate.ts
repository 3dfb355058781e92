/**
 * Applies pending SQL migrations at start-up and on `mktbot migrate`: prisma/migrations on SQLite,
 * prisma/postgres/migrations on PostgreSQL.
 * Prisma's own `migrate deploy` would work too, but spawning its CLI costs about a second on every
 * start; this runner keeps Prisma's `_prisma_migrations` bookkeeping (same table, same checksums),
 * so `prisma migrate status` and `migrate deploy` agree with it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const BOOKKEEPING_PG = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

const APPLIED_CHECKSUM =
  'SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL';

/** Key of the session advisory lock that serialises migration runs across replicas (any constant). */
export const MIGRATION_LOCK_KEY = 7_305_193_011;

function assertUnchanged(m: Migration, appliedChecksum: string): void {
  if (appliedChecksum !== m.checksum) {
    throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead of editing one`);
  }
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies what is missing, each migration in its own transaction. BEGIN IMMEDIATE takes the write
 * lock first, so two processes starting together apply each migration once.
 */
export function migrateSqlite(db: Database.Database, migrations: Migration[]): MigrateResult {
  db.exec(BOOKKEEPING);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const m of migrations) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const row = db
        .prepare(
          'SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
        .get(m.name) as { checksum: string } | undefined;
      if (row) {
        assertUnchanged(m, row.checksum);
        alreadyApplied++;
        db.exec('COMMIT');
        continue;
      }
      const started = new Date().toISOString();
      db.exec(m.sql);
      db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
      ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      db.exec('COMMIT');
      applied.push(m.name);
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
  return { applied, alreadyApplied };
}

/**
 * The PostgreSQL twin of migrateSqlite. A session advisory lock makes replicas that start together
 * wait for each other: the first applies, the others then find everything applied. Each migration
 * runs in its own transaction (PostgreSQL DDL is transactional), so a failure leaves it pending.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  migrations: Migration[],
  opts: { schema?: string } = {},
): Promise<MigrateResult> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    // Under the lock: two replicas creating the same schema at once would collide.
    if (opts.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '""')}"`);
    await client.query(BOOKKEEPING_PG);
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const m of migrations) {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query<{ checksum: string }>(APPLIED_CHECKSUM, [m.name]);
        const row = rows[0];
        if (row) {
          assertUnchanged(m, row.checksum);
          alreadyApplied++;
          await client.query('COMMIT');
          continue;
        }
        const started = new Date();
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)',
          [randomUUID(), m.checksum, m.name, started],
        );
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    }
    return { applied, alreadyApplied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
  }
}

/** Names of migrations not yet applied (for /readyz); the bookkeeping table may not exist yet. */
export async function pendingMigrations(
  appliedNames: () => Promise<string[]>,
  migrations: Migration[],
): Promise<string[]> {
  let done: Set<string>;
  try {
    done = new Set(await appliedNames());
  } catch {
    done = new Set();
  }
  return migrations.map((m) => m.name).filter((name) => !done.has(name));
}
