import { defineConfig } from 'prisma/config';

// The PostgreSQL twin of ../../prisma.config.ts, used by `prisma generate` (postinstall) and by
// derive.mjs to run `prisma migrate diff` between two datamodels. The app applies migrations itself (src/db/migrate.ts):
// `migrate deploy` fails with @prisma/adapter-pg 6.19 (DESIGN 7).
//
// Prisma 6.19's JavaScript schema engine connects through the adapter even for a datamodel-only diff
// and asks the server for its version first; nothing else is queried. Answering that one question
// here lets migrations be written on a machine without PostgreSQL. Any other query fails loudly.
// The schema reads DATABASE_URL; without one `prisma generate` would try to download a native engine.
process.env.DATABASE_URL ??= 'postgresql://localhost/unused';

const noDatabase = async (): Promise<never> => {
  throw new Error('prisma/postgres/prisma.config.ts has no database: only datamodel diffs are supported');
};
const connection = {
  provider: 'postgres',
  adapterName: '@prisma/adapter-pg',
  // SELECT EXISTS(schema), version(), server_version_num: the oldest server we support (15).
  queryRaw: async () => ({
    columnNames: ['exists', 'version', 'numeric_version'],
    columnTypes: [5 /* Boolean */, 7 /* Text */, 0 /* Int32 */],
    rows: [[true, 'PostgreSQL 15.0', 150000]],
  }),
  executeRaw: noDatabase,
  executeScript: noDatabase,
  startTransaction: noDatabase,
  dispose: async () => {},
  getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
};

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  async adapter() {
    // A structural stand-in for SqlDriverAdapterFactory: the type lives in a package we do not
    // depend on directly, and this object implements only what the diff uses.
    return {
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      connect: async () => connection,
      connectToShadowDb: async () => connection,
    } as never;
  },
});
