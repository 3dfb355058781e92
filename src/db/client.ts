import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@prisma/client';
import Database from 'better-sqlite3';
import { migrationsDir } from '../paths.js';
import { type MigrateResult, migrateSqlite, readMigrations } from './migrate.js';

export type Db = PrismaClient;

export interface OpenDatabase {
  prisma: Db;
  kind: 'sqlite' | 'postgres';
  /** Where the data lives, for logs and /healthz (never includes credentials). */
  location: string;
  migrated: MigrateResult;
  close(): Promise<void>;
}

/** How long a writer waits for another connection's lock before failing (SQLite busy timeout). */
const BUSY_TIMEOUT_MS = 5000;

export function sqlitePath(url: string): string {
  const raw = url.replace(/^file:/, '').split('?')[0] ?? '';
  if (raw === '' || raw === ':memory:')
    throw new Error('DATABASE_URL must name a SQLite file, e.g. file:./data/mktbot.db');
  return path.resolve(raw);
}

export async function openDatabase(url: string, opts: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  if (!url.startsWith('file:')) {
    throw new Error('Only SQLite (file:...) databases are supported in this version; PostgreSQL support is planned.');
  }
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });

  // WAL lets readers and one writer work at once; it is stored in the file, so set it once here.
  const setup = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  let migrated: MigrateResult = { applied: [], alreadyApplied: 0 };
  try {
    setup.pragma('journal_mode = WAL');
    setup.pragma('foreign_keys = ON');
    if (opts.migrate !== false) migrated = migrateSqlite(setup, readMigrations(migrationsDir));
  } finally {
    setup.close();
  }

  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: 'sqlite',
    location: file,
    migrated,
    close: () => prisma.$disconnect(),
  };
}
