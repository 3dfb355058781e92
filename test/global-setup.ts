import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { migratePostgres, readMigrations } from '../src/db/migrate.js';
import { postgresMigrationsDir } from '../src/paths.js';
import { runPrefix, TEST_PG_URL, templateName, urlFor, usePostgres, withAdmin } from './helpers/pg.js';

/** End-to-end tests spawn the real CLI, so the compiled program must match the sources. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (!usePostgres) {
    console.log('PostgreSQL-only tests are skipped on this run; `npm run test:pg` runs every test on PostgreSQL.');
    return undefined;
  }
  return preparePostgres();
}

/**
 * One migrated template database per run; each test app clones it (much faster than migrating
 * every time). Workers inherit MKTBOT_TEST_RUN, so every database of this run shares a prefix and
 * teardown drops them all, even those of a test that crashed before its cleanup.
 */
async function preparePostgres(): Promise<() => Promise<void>> {
  process.env.MKTBOT_TEST_RUN = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const template = templateName();
  try {
    await withAdmin((c) => c.query(`CREATE DATABASE "${template}"`));
  } catch (err) {
    throw new Error(
      `TEST_DATABASE=postgres but PostgreSQL is not usable at ${new URL(TEST_PG_URL).host} (${(err as Error).message}). ` +
        'Start it, or set TEST_PG_URL to a role that may create databases.',
    );
  }
  const client = new pg.Client({ connectionString: urlFor(template) });
  await client.connect();
  try {
    await migratePostgres(client, readMigrations(postgresMigrationsDir));
  } finally {
    await client.end();
  }
  return async () => {
    await withAdmin(async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [runPrefix()],
      );
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}
