import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Prisma } from '@prisma/client';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { cacheStatements } from '../../src/db/statement-cache.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-statements-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A connection whose real `prepare` counts its calls, with the cache in front of it. */
function countedConnection() {
  const db = new Database(':memory:');
  const prepare = db.prepare.bind(db);
  const prepared: string[] = [];
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  cacheStatements(db);
  return { db, prepared };
}

// What @prisma/adapter-better-sqlite3 does with a statement: bind the arguments once, then run or read.
type AdapterView = {
  reader: boolean;
  bind(args: unknown[]): {
    reader: boolean;
    run(): unknown;
    columns(): Array<{ name: string }>;
    raw(): { all(): unknown[] };
  };
  run(): unknown;
};
const asAdapter = (db: Database.Database, sql: string) => db.prepare(sql) as unknown as AdapterView;

describe('prepared statements kept per SQL text (SQLite)', () => {
  it('prepares an SQL text once and runs it with each call’s own arguments', () => {
    const { db, prepared } = countedConnection();
    asAdapter(db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)').run();
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    for (const [id, name] of [
      [1, 'a'],
      [2, 'ب'],
      [3, 'c'],
    ] as const) {
      const bound = asAdapter(db, insert).bind([id, name]);
      expect(bound.reader).toBe(false);
      bound.run();
    }
    const select = 'SELECT id, name FROM t WHERE id >= ? ORDER BY id';
    const read = (from: number) => {
      const bound = asAdapter(db, select).bind([from]);
      expect(bound.reader).toBe(true);
      expect(bound.columns().map((c) => c.name)).toEqual(['id', 'name']);
      return bound.raw().all();
    };
    expect(read(2)).toEqual([
      [2, 'ب'],
      [3, 'c'],
    ]);
    expect(read(3)).toEqual([[3, 'c']]);
    expect(prepared.filter((s) => s === insert)).toHaveLength(1);
    expect(prepared.filter((s) => s === select)).toHaveLength(1);
  });

  it('keeps a statement usable after a run that failed', () => {
    const { db } = countedConnection();
    asAdapter(db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)').run();
    const insert = 'INSERT INTO t (id) VALUES (?)';
    asAdapter(db, insert).bind([1]).run();
    expect(() => asAdapter(db, insert).bind([1]).run()).toThrow(/UNIQUE/);
    asAdapter(db, insert).bind([2]).run();
    expect(asAdapter(db, 'SELECT count(*) FROM t').bind([]).raw().all()).toEqual([[2]]);
  });

  it('lets the least recently used statements go past its bound, and prepares them again when asked', () => {
    const { db, prepared } = countedConnection();
    const sql = (n: number) => `SELECT ${n}`;
    for (let n = 0; n < 501; n++) asAdapter(db, sql(n)).bind([]).raw().all();
    asAdapter(db, sql(500)).bind([]).raw().all(); // still kept
    asAdapter(db, sql(0)).bind([]).raw().all(); // the oldest: gone, prepared again
    expect(prepared.filter((s) => s === sql(500))).toHaveLength(1);
    expect(prepared.filter((s) => s === sql(0))).toHaveLength(2);
  });

  it('serves Prisma’s reads, writes, transactions and constraint errors through the adapter', async () => {
    const db = await openDatabase(`file:${path.join(dir, 'prisma.db')}`);
    try {
      const ws = await db.prisma.workspace.create({ data: { platform: 'slack', externalId: 'T1', currency: 'SAR' } });
      for (let i = 0; i < 3; i++) {
        await db.prisma.member.create({ data: { workspaceId: ws.id, externalId: `U${i}`, name: `عضو ${i}` } });
      }
      const names = await Promise.all(
        [2, 0, 1].map((i) =>
          db.prisma.member.findUnique({
            where: { workspaceId_externalId: { workspaceId: ws.id, externalId: `U${i}` } },
          }),
        ),
      );
      expect(names.map((m) => m?.name)).toEqual(['عضو 2', 'عضو 0', 'عضو 1']);
      const duplicate = db.prisma.member.create({ data: { workspaceId: ws.id, externalId: 'U1' } });
      await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      await db.prisma.$transaction(async (tx) => {
        await tx.workspace.update({ where: { id: ws.id }, data: { currency: 'EUR' } });
        await tx.member.update({
          where: { workspaceId_externalId: { workspaceId: ws.id, externalId: 'U1' } },
          data: { name: 'Sara' },
        });
      });
      expect((await db.prisma.workspace.findUniqueOrThrow({ where: { id: ws.id } })).currency).toBe('EUR');
      expect(await db.prisma.member.count({ where: { workspaceId: ws.id } })).toBe(3);
      expect(
        (await db.prisma.member.findFirstOrThrow({ where: { workspaceId: ws.id, name: 'Sara' } })).externalId,
      ).toBe('U1');
    } finally {
      await db.close();
    }
  });
});
