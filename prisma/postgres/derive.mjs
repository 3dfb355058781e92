// The PostgreSQL schema is derived from prisma/schema.prisma (the one source of truth) so the two
// stores can never describe different models. Run `npm run db:postgres` after changing the SQLite
// schema; add `-- --migration <name>` to also write the PostgreSQL migration for the change.
// Plain JavaScript (no build step) because `postinstall` runs it before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sqliteSchemaPath = path.join(root, 'prisma', 'schema.prisma');
export const postgresSchemaPath = path.join(root, 'prisma', 'postgres', 'schema.prisma');
const configPath = path.join(root, 'prisma', 'postgres', 'prisma.config.ts');
export const postgresMigrationsDir = path.join(root, 'prisma', 'postgres', 'migrations');

const HEADER = `// GENERATED from prisma/schema.prisma by prisma/postgres/derive.mjs: do not edit by hand.
// Regenerate with \`npm run db:postgres\` (a test fails when this file is stale).
`;

/**
 * SQLite schema text -> PostgreSQL schema text. The models need no type mapping: every field uses a
 * scalar type both providers support with the same meaning (Int, Float, Boolean, String, DateTime,
 * Json), and the SQLite schema uses no native (@db.*) types. Only the datasource provider and the
 * generator output differ: the PostgreSQL client is generated next to the default one.
 */
export function derivePostgresSchema(sqlite) {
  if (/@db\./.test(sqlite)) throw new Error('prisma/schema.prisma uses a native type (@db.*): map it in derive.mjs');
  let out = sqlite.replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  if (out === sqlite) throw new Error('no `provider = "sqlite"` datasource found in prisma/schema.prisma');
  const withOutput = out.replace(
    /(generator\s+client\s*\{)([^}]*)\}/,
    (_all, open, body) =>
      `${open}${body.replace(/\n\s*output\s*=.*\n/, '\n')}  output          = "../../node_modules/.prisma/client-pg"\n}`,
  );
  if (withOutput === out) throw new Error('no `generator client` block found in prisma/schema.prisma');
  out = withOutput;
  return HEADER + out;
}

function prismaCli(args) {
  return execFileSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    // None of these commands connects to a database (see prisma/postgres/prisma.config.ts).
    env: { ...process.env, DATABASE_URL: 'postgresql://localhost/unused' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** `prisma migrate diff` between two datamodels (no database needed); `from` undefined = empty. */
export function postgresDiff(fromSchemaText, toSchemaPath = postgresSchemaPath) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-pgdiff-'));
  try {
    const from =
      fromSchemaText === undefined ? ['--from-empty'] : ['--from-schema-datamodel', path.join(dir, 'old.prisma')];
    if (fromSchemaText !== undefined) writeFileSync(path.join(dir, 'old.prisma'), fromSchemaText);
    return prismaCli([
      'migrate',
      'diff',
      '--config',
      configPath,
      ...from,
      '--to-schema-datamodel',
      toSchemaPath,
      '--script',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timestamp(d = new Date()) {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function main(argv) {
  const check = argv.includes('--check');
  const mIndex = argv.indexOf('--migration');
  const migrationName = mIndex >= 0 ? argv[mIndex + 1] : undefined;
  if (mIndex >= 0 && !/^[a-z0-9_]+$/.test(migrationName ?? '')) {
    console.error('usage: derive.mjs [--check] [--migration <snake_case_name>]');
    return 2;
  }
  const next = derivePostgresSchema(readFileSync(sqliteSchemaPath, 'utf8'));
  const previous = existsSync(postgresSchemaPath) ? readFileSync(postgresSchemaPath, 'utf8') : undefined;
  if (check) {
    if (previous === next) return 0;
    console.error('prisma/postgres/schema.prisma is stale: run `npm run db:postgres -- --migration <name>`');
    return 1;
  }
  if (previous !== next) writeFileSync(postgresSchemaPath, next);
  if (migrationName) {
    const sql = postgresDiff(previous);
    if (sql.trim() === '' || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
      console.log('PostgreSQL schema unchanged: no migration written');
      return 0;
    }
    const folder = path.join(postgresMigrationsDir, `${timestamp()}_${migrationName}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'migration.sql'), sql);
    console.log(`wrote ${path.relative(root, folder)}/migration.sql`);
  } else if (previous !== next) {
    console.log('prisma/postgres/schema.prisma updated; add `-- --migration <name>` to write its migration');
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
