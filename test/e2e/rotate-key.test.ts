/**
 * `mktbot rotate-key`: connect an account, rotate, and the stored credential opens with the new key
 * and no longer with the old one; keys are never printed; a failure changes nothing.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilePath, parseKey, Secrets } from '../../src/workspace/secrets.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { usePostgres } from '../helpers/pg.js';

const TOKEN = 'EAAGrotate-page-token-55';
const K1 = 'a'.repeat(64);
const K2 = 'b1'.repeat(32);
const meta = new FakeMetaGraph();

beforeAll(async () => {
  await meta.start();
  meta.addPage('111', TOKEN, 'Cold Brew Co');
});
afterAll(() => meta.close());

/** An app with one connected Facebook page, stopped so the CLI has the database to itself. */
async function connected(env: Record<string, string> = {}): Promise<TestApp> {
  const app = await createTestApp({ META_GRAPH_URL: meta.url, ...env });
  expect(textOf(await app.say(`/connect facebook account:111 token:${TOKEN}`))).toMatch(/connected/);
  await app.stop();
  return app;
}

async function storedCredential(app: TestApp): Promise<string> {
  const { openDatabase } = await import('../../src/db/client.js');
  const db = await openDatabase(app.services.config.DATABASE_URL);
  try {
    return (await db.prisma.integration.findFirstOrThrow()).credentials;
  } finally {
    await db.close();
  }
}

const opens = (key: string, sealed: string) => {
  try {
    return JSON.parse(Secrets.fromKey(parseKey(key)).open(sealed)).token === TOKEN;
  } catch {
    return false;
  }
};

const cliEnv = (app: TestApp, extra: Record<string, string> = {}) => ({
  DATABASE_URL: app.services.config.DATABASE_URL,
  LOG_LEVEL: 'silent',
  ...extra,
});

describe('mktbot rotate-key', () => {
  // The key file lives beside a SQLite file; PostgreSQL deployments set ENCRYPTION_KEY (next test).
  it.skipIf(usePostgres)(
    'with the generated key file: writes a new key to the file, prints only its path',
    async () => {
      const app = await connected();
      const file = keyFilePath(app.dir);
      const oldKey = readFileSync(file, 'utf8').trim();
      const before = await storedCredential(app);
      expect(opens(oldKey, before)).toBe(true);

      const r = await runCli(['rotate-key'], { env: cliEnv(app) });
      expect(r.code, r.stderr).toBe(0);
      const newKey = readFileSync(file, 'utf8').trim();
      expect(newKey).not.toBe(oldKey);
      expect(r.stdout).toContain('Re-encrypted 1 credential(s).');
      expect(r.stdout).toContain(file);
      expect(`${r.stdout}${r.stderr}`).not.toContain(newKey);
      expect(`${r.stdout}${r.stderr}`).not.toContain(oldKey);
      const after = await storedCredential(app);
      expect(opens(newKey, after)).toBe(true);
      expect(opens(oldKey, after)).toBe(false);
      rmSync(app.dir, { recursive: true, force: true });
    },
    60_000,
  );

  it('with ENCRYPTION_KEY: needs --new-key, re-encrypts to it, prints no key', async () => {
    const app = await connected({ ENCRYPTION_KEY: K1 });
    const refused = await runCli(['rotate-key'], { env: cliEnv(app, { ENCRYPTION_KEY: K1 }) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--new-key/);
    expect(opens(K1, await storedCredential(app))).toBe(true);

    const bad = await runCli(['rotate-key', '--new-key', 'short'], { env: cliEnv(app, { ENCRYPTION_KEY: K1 }) });
    expect(bad.code).toBe(2);
    expect(opens(K1, await storedCredential(app))).toBe(true);

    const r = await runCli(['rotate-key', '--new-key', '-'], {
      env: cliEnv(app, { ENCRYPTION_KEY: K1 }),
      input: `${K2}\n`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/set ENCRYPTION_KEY to the new key/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(K1);
    expect(`${r.stdout}${r.stderr}`).not.toContain(K2);
    const after = await storedCredential(app);
    expect(opens(K2, after)).toBe(true);
    expect(opens(K1, after)).toBe(false);
    rmSync(app.dir, { recursive: true, force: true });
  }, 60_000);

  it('changes nothing when a credential does not open with the current key', async () => {
    const app = await connected({ ENCRYPTION_KEY: K1 });
    const before = await storedCredential(app);
    const wrong = 'c'.repeat(64);
    const r = await runCli(['rotate-key', `--new-key=${K2}`], { env: cliEnv(app, { ENCRYPTION_KEY: wrong }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was changed: credential #\d+ \(facebook\) does not open/);
    expect(await storedCredential(app)).toBe(before);
    rmSync(app.dir, { recursive: true, force: true });
  }, 60_000);
});
