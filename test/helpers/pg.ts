/**
 * PostgreSQL for tests. `npm run test:pg` (TEST_DATABASE=postgres) runs the whole suite against a
 * real server: every test app gets a database of its own, cloned from a template that the global
 * setup migrated once, and dropped again by cleanup. Without it, PostgreSQL-only tests are skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

/** A role that may create databases, and a database it can connect to for that. */
export const TEST_PG_URL = process.env.TEST_PG_URL || 'postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test';
export const usePostgres = process.env.TEST_DATABASE === 'postgres';

/** Prefix of every database this test run creates (set by test/global-setup.ts, shared by workers). */
export function runPrefix(): string {
  const run = process.env.MKTBOT_TEST_RUN;
  if (!run) throw new Error('MKTBOT_TEST_RUN is not set: test/global-setup.ts did not run');
  return `mktbot_t_${run}`;
}

export function templateName(): string {
  return `${runPrefix()}_template`;
}

/** The URL of another database on the same server. */
export function urlFor(database: string, base = TEST_PG_URL): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own (a copy of the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${runPrefix()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`));
  return {
    url: urlFor(name),
    drop: () => withAdmin((c) => dropDatabase(c, name)),
  };
}

/**
 * FORCE ends the test's leftover connections, but PostgreSQL refuses it while a backend of another
 * role (an autovacuum worker) is attached unless the role may signal it (.ci/run grants
 * pg_signal_backend); then wait for the worker to finish and drop without it.
 */
async function dropDatabase(c: pg.Client, name: string): Promise<void> {
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** `describe` for tests that need PostgreSQL: skipped on the default SQLite run (the global setup says so). */
export const describePg = describe.skipIf(!usePostgres);
