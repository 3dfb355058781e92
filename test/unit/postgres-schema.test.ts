import { readFileSync } from 'node:fs';
import { Prisma } from '@prisma/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  derivePostgresSchema,
  postgresDiff,
  postgresSchemaPath,
  sqliteSchemaPath,
} from '../../prisma/postgres/derive.mjs';
import { openDatabase } from '../../src/db/client.js';
import { migratePostgres, readMigrations } from '../../src/db/migrate.js';
import { postgresMigrationsDir } from '../../src/paths.js';
import { createTestDatabase, describePg, type TestDatabase } from '../helpers/pg.js';

describe('PostgreSQL schema', () => {
  it('is exactly what derive.mjs makes of prisma/schema.prisma (run `npm run db:postgres` when not)', () => {
    const derived = derivePostgresSchema(readFileSync(sqliteSchemaPath, 'utf8'));
    expect(readFileSync(postgresSchemaPath, 'utf8')).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('"sqlite"');
  });

  it('refuses a SQLite schema it cannot map faithfully', () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/sqlite/);
    expect(() =>
      derivePostgresSchema(
        'generator client {\n}\ndatasource db {\n  provider = "sqlite"\n}\nmodel A { b String @db.Text }',
      ),
    ).toThrow(/native type/);
  });
});

/** Tables, columns, indexes and constraints of the public schema, in a comparable form. */
async function shape(client: pg.Client) {
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, numeric_precision, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const indexes = await client.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
  );
  const constraints = await client.query(
    `SELECT rel.relname AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class rel ON rel.oid = c.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
      WHERE n.nspname = 'public' AND rel.relname <> '_prisma_migrations' ORDER BY 1, 2`,
  );
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describePg('PostgreSQL migrations', () => {
  const databases: TestDatabase[] = [];
  // An empty database (not the migrated template): the test databases are copies of that.
  async function emptyDatabase(): Promise<string> {
    const db = await createTestDatabase();
    databases.push(db);
    const client = await connect(db.url);
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await client.end();
    return db.url;
  }
  let migrations: ReturnType<typeof readMigrations>;
  beforeAll(() => {
    migrations = readMigrations(postgresMigrationsDir);
  });
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('produce exactly the database that prisma/postgres/schema.prisma describes (no drift)', async () => {
    const fromMigrations = await connect(await emptyDatabase());
    await migratePostgres(fromMigrations, migrations);
    const fromSchema = await connect(await emptyDatabase());
    await fromSchema.query(postgresDiff(undefined));
    const a = await shape(fromMigrations);
    expect(a.columns.length).toBeGreaterThan(100);
    expect(a).toEqual(await shape(fromSchema));
    await fromMigrations.end();
    await fromSchema.end();
  }, 60_000);

  it('are applied once when three replicas start together, and an edited one is refused', async () => {
    const url = await emptyDatabase();
    const clients = await Promise.all([connect(url), connect(url), connect(url)]);
    const results = await Promise.all(clients.map((c) => migratePostgres(c, migrations)));
    expect(results.flatMap((r) => r.applied)).toEqual(migrations.map((m) => m.name));
    expect(results.map((r) => r.alreadyApplied).sort()).toEqual([0, migrations.length, migrations.length]);
    const [one, two] = clients;
    const [first, ...rest] = migrations;
    if (!one || !two || !first) throw new Error('setup failed');
    const { rows } = await one.query('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(rows[0].n).toBe(migrations.length);
    await expect(migratePostgres(two, [{ ...first, checksum: 'changed' }, ...rest])).rejects.toThrow(
      /was changed after it was applied/,
    );
    await Promise.all(clients.map((c) => c.end()));
  }, 60_000);

  it('roll back a failing migration and leave it pending', async () => {
    const client = await connect(await emptyDatabase());
    const broken = {
      name: '99990101000000_broken',
      sql: 'CREATE TABLE ok (id INTEGER); CREATE TABLE nope (',
      checksum: 'x',
    };
    await expect(migratePostgres(client, [broken])).rejects.toThrow();
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'ok') AS tables,
              (SELECT count(*)::int FROM "_prisma_migrations") AS bookkept`,
    );
    expect(rows[0]).toEqual({ tables: 0, bookkept: 0 });
    await client.end();
  });

  it('keep to the schema named in DATABASE_URL (?schema=), also when two replicas create it together', async () => {
    const url = `${await emptyDatabase()}?schema=tenant_a`;
    const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
    expect([a.migrated.applied.length, b.migrated.applied.length].sort()).toEqual([0, migrations.length]);
    await a.prisma.workspace.create({ data: { platform: 'slack', externalId: 'T1' } });
    expect(await b.prisma.workspace.count()).toBe(1);
    expect(await a.pending()).toEqual([]);
    expect(a.location).not.toContain('mktbot:');
    const client = await connect(url.replace('?schema=tenant_a', ''));
    const { rows } = await client.query(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'Workspace' ORDER BY 1`,
    );
    expect(rows).toEqual([{ table_schema: 'tenant_a' }]);
    await client.end();
    await a.close();
    await b.close();
  }, 60_000);

  it("share @prisma/client's runtime: its error classes and null markers work with the PostgreSQL client", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const db = await openDatabase(database.url);
    try {
      const ws = await db.prisma.workspace.create({ data: { platform: 'slack', externalId: 'T1' } });
      const twice = await db.prisma.workspace.create({ data: { platform: 'slack', externalId: 'T1' } }).catch((e) => e);
      expect(twice).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((twice as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
      const post = await db.prisma.scheduledPost.create({
        data: {
          workspaceId: ws.id,
          channel: 'facebook',
          content: 'x',
          publishAt: new Date(),
          idempotencyKey: 'k',
          media: Prisma.DbNull,
        },
      });
      expect(post.media).toBeNull();
    } finally {
      await db.close();
    }
  });
});
