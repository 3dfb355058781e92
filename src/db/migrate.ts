/**
 * Applies pending SQL migrations from prisma/migrations at start-up and on `mktbot migrate`.
 * Prisma's own `migrate deploy` would work too, but spawning its CLI costs about a second on every
 * start; this runner keeps Prisma's `_prisma_migrations` bookkeeping (same table, same checksums),
 * so `prisma migrate status` and `migrate deploy` agree with it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

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
        if (row.checksum !== m.checksum) {
          throw new Error(
            `migration ${m.name} was changed after it was applied; add a new migration instead of editing one`,
          );
        }
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
