import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describePg, runPrefix, TEST_PG_URL, urlFor, withAdmin } from '../helpers/pg.js';

const created: string[] = [];
afterAll(async () => {
  for (const name of created) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
});

/** An empty database (not a copy of the migrated template): `mktbot migrate` has everything to do. */
async function emptyDatabase(): Promise<string> {
  const name = `${runPrefix()}_cli_${process.pid}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return urlFor(name, TEST_PG_URL);
}

describePg('the real CLI on PostgreSQL', () => {
  it('mktbot migrate applies the PostgreSQL migrations once, then console mode works on them', async () => {
    const env = { DATABASE_URL: await emptyDatabase() };
    const first = await runCli(['migrate'], { env });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): \d{14}_init/);
    const again = await runCli(['migrate'], { env });
    expect(again.stdout).toMatch(/Database is up to date \(\d+ migration\(s\) applied\)/);

    const chat = await runCli([], { env, input: '/config timezone Asia/Riyadh\n/config\n' });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('Asia/Riyadh');
    // The connection string's credentials never reach the output (logs included).
    const { username, password } = new URL(TEST_PG_URL);
    expect(chat.stdout + chat.stderr + first.stdout + first.stderr).not.toContain(`${username}:${password}@`);
  }, 60_000);
});
