import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateSqlite, readMigrations } from '../../src/db/migrate.js';
import { migrationsDir, packageRoot } from '../../src/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Tables, columns, indexes and foreign keys of a SQLite database, in a comparable form. */
function shape(db: Database.Database) {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as Array<{ name: string }>
  ).map((t) => t.name);
  return tables.map((name) => ({
    name,
    // By name: a column added by a later migration sits last, which Prisma does not care about.
    columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ cid: number; name: string }>)
      .map(({ cid: _position, ...column }) => column)
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as Array<{ name: string; unique: number }>)
      .map((i) => ({
        name: i.name,
        unique: i.unique,
        // Index columns by name and order in the index, not by their position in the table (see above).
        columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as Array<{ seqno: number; name: string }>).map(
          ({ seqno, name }) => ({ seqno, name }),
        ),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
  }));
}

describe('migrations', () => {
  it('produce exactly the database that schema.prisma describes (no drift)', () => {
    const fromMigrations = new Database(path.join(dir, 'migrations.db'));
    migrateSqlite(fromMigrations, readMigrations(migrationsDir));

    // What Prisma itself would create from the schema today.
    const script = execFileSync(
      process.execPath,
      [
        path.join(packageRoot, 'node_modules/prisma/build/index.js'),
        'migrate',
        'diff',
        '--from-empty',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
      ],
      {
        cwd: packageRoot,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'unused.db')}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const fromSchema = new Database(path.join(dir, 'schema.db'));
    fromSchema.exec(script);

    expect(shape(fromMigrations)).toEqual(shape(fromSchema));
    fromMigrations.close();
    fromSchema.close();
  }, 60_000);

  it('apply each migration once, and refuse a migration edited after it ran', () => {
    const db = new Database(path.join(dir, 'twice.db'));
    const migrations = readMigrations(migrationsDir);
    expect(migrateSqlite(db, migrations).applied).toHaveLength(migrations.length);
    expect(migrateSqlite(db, migrations)).toEqual({ applied: [], alreadyApplied: migrations.length });
    const [first, ...rest] = migrations;
    if (!first) throw new Error('no migrations');
    expect(() => migrateSqlite(db, [{ ...first, checksum: 'changed' }, ...rest])).toThrow(
      /was changed after it was applied/,
    );
    db.close();
  });

  it('rolls back a failing migration and leaves it pending', () => {
    const db = new Database(path.join(dir, 'broken.db'));
    const broken = {
      name: '99990101000000_broken',
      sql: 'CREATE TABLE ok (id INTEGER); CREATE TABLE nope (',
      checksum: 'x',
    };
    expect(() => migrateSqlite(db, [broken])).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM "_prisma_migrations"').get()).toEqual({ n: 0 });
    db.close();
  });
});
