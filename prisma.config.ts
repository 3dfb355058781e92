import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// Prisma 6.19's JavaScript schema engine: no native engine download, which these machines cannot do
// (DESIGN 7). The CLI talks to the database through the same driver adapter as the app.
// The schema reads DATABASE_URL, and without it `prisma generate` falls back to fetching a native
// query engine; the default keeps every CLI call offline.
process.env.DATABASE_URL ??= 'file:./data/mktbot.db';
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    // `migrate diff` opens the database even when it only compares schemas: make sure it can.
    mkdirSync(path.dirname(url.replace(/^file:/, '')), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
