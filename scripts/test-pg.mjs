// `npm run test:pg [vitest args]`: the whole test suite against PostgreSQL (TEST_DATABASE=postgres).
// Without a reachable server it says so and exits 0, so machines without PostgreSQL are not blocked;
// CI (.ci/run) starts a server and calls vitest directly, where an unreachable server fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const url = process.env.TEST_PG_URL || 'postgresql://mktbot:mktbot@127.0.0.1:5432/mktbot_test';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.end();
} catch (err) {
  console.log(`PostgreSQL tests skipped: no server usable at ${new URL(url).host} (${err.message}).`);
  console.log('Start PostgreSQL and create a role that may create databases (see docs/operations.md),');
  console.log('or set TEST_PG_URL=postgresql://USER:PASSWORD@HOST:PORT/DB.');
  process.exit(0);
}
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE: 'postgres' },
});
process.exit(r.status ?? 1);
