import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@prisma/client';
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { Logger } from '../log.js';
import { migrationsDir, postgresMigrationsDir } from '../paths.js';
import { type MigrateResult, migratePostgres, migrateSqlite, pendingMigrations, readMigrations } from './migrate.js';
import { cacheStatements } from './statement-cache.js';
import { yieldPoint } from './yield-point.js';

/**
 * The one client type the code uses. PostgreSQL gets its own generated client (prisma/postgres/),
 * derived from the same schema: same models, fields and methods, so the SQLite client's type
 * describes both (see openPostgres for the one cast this needs).
 */
export type Db = PrismaClient;

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenDatabase {
  prisma: Db;
  kind: DatabaseKind;
  /** Where the data lives, for logs and /healthz (never includes credentials). */
  location: string;
  migrated: MigrateResult;
  /** The connection string (with credentials): for helpers that need a connection of their own. */
  url: string;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  /** Migrations this program has that the database has not applied yet (empty when ready). */
  pending(): Promise<string[]>;
  close(): Promise<void>;
}

/** How long a writer waits for another connection's lock before failing (SQLite busy timeout). */
const BUSY_TIMEOUT_MS = 5000;

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error('DATABASE_URL must be file:PATH (SQLite) or postgresql://USER:PASSWORD@HOST:PORT/DB');
}

export function sqlitePath(url: string): string {
  const raw = url.replace(/^file:/, '').split('?')[0] ?? '';
  if (raw === '' || raw === ':memory:')
    throw new Error('DATABASE_URL must name a SQLite file, e.g. file:./data/mktbot.db');
  return path.resolve(raw);
}

export interface OpenOptions {
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** Where connection trouble is reported (PostgreSQL). */
  log?: Logger;
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<OpenDatabase> {
  return databaseKind(url) === 'postgres' ? openPostgres(url, opts) : openSqlite(url, opts);
}

type SqliteFactory = PrismaBetterSQLite3;
type Queryable = { queryRaw: (...a: never[]) => unknown; executeRaw: (...a: never[]) => unknown };

/**
 * Makes each query of `target` start on a fresh turn of the event loop, or later when the work is
 * gated (src/db/yield-point.ts). Not inside transactions: a transaction holds SQLite's write lock,
 * and yielding there would only stretch how long it holds it.
 */
function yieldEachQuery<T extends Queryable>(target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if ((key === 'queryRaw' || key === 'executeRaw') && typeof value === 'function') {
        return async (...args: unknown[]) => {
          await yieldPoint();
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}

/**
 * better-sqlite3 runs each query synchronously, so a handler's chain of queries would otherwise hold
 * the event loop from its first query to its last, and requests arriving meanwhile (Slack and Discord
 * give 3 seconds to acknowledge) would wait for the whole chain. Yielding before each query lets them
 * in between (bench/slack-ack.mjs measures it).
 * Its connection also keeps the statements it prepares (statement-cache.ts).
 */
function yieldingAdapter(factory: SqliteFactory): SqliteFactory {
  return new Proxy(factory, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (key === 'connect' && typeof value === 'function') {
        return async () => {
          const adapter = (await (value as () => Promise<Queryable>).call(obj)) as Queryable & {
            client?: Database.Database;
          };
          if (adapter.client) cacheStatements(adapter.client);
          return yieldEachQuery(adapter);
        };
      }
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}

const APPLIED_NAMES =
  'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

async function openSqlite(url: string, opts: OpenOptions): Promise<OpenDatabase> {
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });

  // WAL lets readers and one writer work at once; it is stored in the file, so set it once here.
  const setup = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  const migrations = readMigrations(migrationsDir);
  let migrated: MigrateResult = { applied: [], alreadyApplied: 0 };
  try {
    setup.pragma('journal_mode = WAL');
    setup.pragma('foreign_keys = ON');
    if (opts.migrate !== false) migrated = migrateSqlite(setup, migrations);
  } finally {
    setup.close();
  }

  const adapter = yieldingAdapter(new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }));
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: 'sqlite',
    location: file,
    migrated,
    url,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    pending: () =>
      pendingMigrations(
        async () => (await prisma.$queryRawUnsafe<Array<{ name: string }>>(APPLIED_NAMES)).map((r) => r.name),
        migrations,
      ),
    close: () => prisma.$disconnect(),
  };
}

/** host:port/database of a PostgreSQL URL, without user or password. */
export function postgresLocation(url: string): string {
  const u = new URL(url);
  return `postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/** `?schema=name` as Prisma spells it; pg itself does not know the parameter. */
export function postgresSchema(url: string): string | undefined {
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error('DATABASE_URL: ?schema= must be a plain identifier (letters, digits, _)');
  }
  return schema;
}

/** Connection settings for pg from a Prisma-style URL (`schema` becomes the search path). */
export function pgConfig(url: string): pg.ClientConfig {
  const u = new URL(url);
  const schema = postgresSchema(url);
  u.searchParams.delete('schema');
  return {
    connectionString: u.toString(),
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  };
}

interface PgClientModule {
  PrismaClient: new (options: { adapter: unknown }) => unknown;
}

async function openPostgres(url: string, opts: OpenOptions): Promise<OpenDatabase> {
  // Loaded only here, so a SQLite start pays nothing for PostgreSQL support.
  const { default: pgModule } = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const config = pgConfig(url);
  const schema = postgresSchema(url);

  const migrations = readMigrations(postgresMigrationsDir);
  let migrated: MigrateResult = { applied: [], alreadyApplied: 0 };
  if (opts.migrate !== false) {
    const setup = new pgModule.Client(config);
    await setup.connect();
    try {
      migrated = await migratePostgres(setup, migrations, schema ? { schema } : {});
    } finally {
      await setup.end();
    }
  }

  const pool = new pgModule.Pool(config);
  // An idle connection that breaks (server restart, network) is dropped by the pool and the next
  // query opens a new one; without a listener the 'error' event would end the process.
  pool.on('error', (err) => opts.log?.warn({ err }, 'database connection lost; reconnecting on next use'));
  const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
  // The PostgreSQL client is generated from prisma/postgres/schema.prisma, itself derived from the
  // SQLite schema (a test fails when they differ), so its models, fields and methods are the SQLite
  // client's. TypeScript sees two unrelated generated classes, hence the one cast to Db here.
  const require = createRequire(import.meta.url);
  const { PrismaClient: PgPrismaClient } = require('.prisma/client-pg') as PgClientModule;
  const prisma = new PgPrismaClient({ adapter }) as Db;
  return {
    prisma,
    kind: 'postgres',
    location: postgresLocation(url),
    migrated,
    url,
    ping: async () => {
      await pool.query('SELECT 1');
    },
    pending: () =>
      pendingMigrations(
        async () => (await pool.query<{ name: string }>(APPLIED_NAMES)).rows.map((r) => r.name),
        migrations,
      ),
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
