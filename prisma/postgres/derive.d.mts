// Types for derive.mjs (plain JavaScript so that postinstall can run it before any build).
export const sqliteSchemaPath: string;
export const postgresSchemaPath: string;
export const postgresMigrationsDir: string;
/** SQLite schema text -> the PostgreSQL schema text committed as prisma/postgres/schema.prisma. */
export function derivePostgresSchema(sqlite: string): string;
/** `prisma migrate diff --script` from a datamodel text (undefined: empty) to a schema file. */
export function postgresDiff(fromSchemaText: string | undefined, toSchemaPath?: string): string;
/** Generates node_modules/.prisma/client-pg, sharing @prisma/client's runtime. */
export function generatePostgresClient(): void;
