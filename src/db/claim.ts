/**
 * Claiming rows for work across replicas (docs/architecture.md §5): one conditional UPDATE that moves due rows to
 * a "being worked on" state and returns the ids this process won. Each row is won by exactly one
 * claimer however many replicas race:
 * - SQLite has one writer at a time, so the statement runs alone;
 * - PostgreSQL locks the candidate rows with FOR UPDATE SKIP LOCKED, so concurrent claimers take
 *   different rows instead of queueing behind each other, and a row another claimer changed first
 *   is re-checked against the conditions before it is taken (READ COMMITTED re-evaluation).
 * A lease is just columns the caller sets (owner, expiry) plus a condition that lets an expired
 * lease be claimed again: see docs/operations.md for the publishing example.
 */
import type { Prisma } from '@prisma/client';
import type { DatabaseKind, Db } from './client.js';

type Scalars<M extends Prisma.ModelName> = Prisma.TypeMap['model'][M]['payload']['scalars'];
/** A column of model M, checked against the generated client. */
export type Column<M extends Prisma.ModelName> = keyof Scalars<M> & string;
/** Models with an integer `id` primary key: the ones claim() can return ids for. */
export type ClaimableModel = {
  [M in Prisma.ModelName]: Scalars<M> extends { id: number } ? M : never;
}[Prisma.ModelName];

export type SqlValue = string | number | boolean | Date;

export type Condition<M extends Prisma.ModelName> =
  | { column: Column<M>; op: '=' | '<>' | '<' | '<=' | '>' | '>='; value: SqlValue }
  | { column: Column<M>; op: 'in'; value: readonly SqlValue[] }
  | { column: Column<M>; op: 'is null' | 'is not null' }
  | { anyOf: readonly Condition<M>[] }
  | { allOf: readonly Condition<M>[] };

export interface ClaimSpec<M extends ClaimableModel> {
  model: M;
  /** All must hold (AND); `anyOf` for OR, `allOf` for an AND group inside it. */
  where: readonly Condition<M>[];
  /** Oldest first, so nothing starves; ties broken by id. */
  orderBy?: Column<M>;
  limit: number;
  /** Written to every claimed row (status, lease owner and expiry, updatedAt...). */
  set: { [C in Column<M>]?: SqlValue | null };
  /** Columns to add one to (e.g. attempts). */
  increment?: readonly Column<M>[];
}

export interface ClaimTarget {
  prisma: Db;
  kind: DatabaseKind;
}

/**
 * Which database a client talks to, for callers handed only the client. Prisma's generated client
 * records its provider (`sqlite`, or `postgresql` for the client generated from prisma/postgres/).
 */
export function kindOf(prisma: Db): DatabaseKind {
  // Not in Prisma's public types, but set by every generated client (6.x).
  const provider = (prisma as unknown as { _activeProvider?: string })._activeProvider;
  return provider === 'postgresql' ? 'postgres' : 'sqlite';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quote(name: string): string {
  // Names come from the typed spec, but a cast could smuggle anything in: refuse, never escape.
  if (!IDENTIFIER.test(name)) throw new Error(`claim: not a column or model name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * Builds SQL with parameters in text order: `$1` on PostgreSQL, `?` on SQLite (the SQLite adapter
 * binds positionally and accepts neither `$1` nor `?1`).
 */
class Sql {
  readonly params: unknown[] = [];
  constructor(private readonly kind: DatabaseKind) {}
  param(value: unknown): string {
    this.params.push(value);
    return this.kind === 'postgres' ? `$${this.params.length}` : '?';
  }
  condition<M extends Prisma.ModelName>(c: Condition<M>, table: string): string {
    if ('anyOf' in c) {
      if (c.anyOf.length === 0) return 'FALSE';
      return `(${c.anyOf.map((x) => this.condition(x, table)).join(' OR ')})`;
    }
    if ('allOf' in c) {
      if (c.allOf.length === 0) return 'TRUE';
      return `(${c.allOf.map((x) => this.condition(x, table)).join(' AND ')})`;
    }
    const column = `${table}.${quote(c.column)}`;
    if (!('value' in c)) return `${column} ${c.op.toUpperCase()}`;
    if (c.op === 'in') {
      if (c.value.length === 0) return 'FALSE';
      return `${column} IN (${c.value.map((v) => this.param(v)).join(', ')})`;
    }
    return `${column} ${c.op} ${this.param(c.value)}`;
  }
}

export interface MatchSpec<M extends ClaimableModel> {
  model: M;
  /** All must hold (AND), as in ClaimSpec. */
  where: readonly Condition<M>[];
  orderBy?: Column<M>;
  limit: number;
}

/**
 * The ids of up to `limit` rows matching `where`, oldest first, in one plain statement. A job that
 * looks every second and usually finds nothing asks this first: Prisma compiles each of its queries
 * on the event loop (a few milliseconds each), a plain statement costs a fraction of that.
 */
export async function matchingIds<M extends ClaimableModel>(db: ClaimTarget, spec: MatchSpec<M>): Promise<number[]> {
  if (!Number.isInteger(spec.limit) || spec.limit < 1) throw new Error('matchingIds: limit must be a positive integer');
  const sql = new Sql(db.kind);
  const table = quote(spec.model);
  const rows = await db.prisma.$queryRawUnsafe<Array<{ id: number | bigint }>>(
    `SELECT ${table}."id" FROM ${table} WHERE ${whereSql(sql, spec.where, table)} ORDER BY ${orderSql(spec.orderBy, table)} LIMIT ${spec.limit}`,
    ...sql.params,
  );
  return rows.map((r) => Number(r.id));
}

function whereSql<M extends Prisma.ModelName>(sql: Sql, where: readonly Condition<M>[], table: string): string {
  return where.length > 0 ? where.map((c) => sql.condition(c, table)).join(' AND ') : 'TRUE';
}

function orderSql<M extends Prisma.ModelName>(orderBy: Column<M> | undefined, table: string): string {
  return orderBy ? `${table}.${quote(orderBy)}, ${table}."id"` : `${table}."id"`;
}

/** Claims up to `limit` rows matching `where` and returns their ids (empty when none are due). */
export async function claim<M extends ClaimableModel>(db: ClaimTarget, spec: ClaimSpec<M>): Promise<number[]> {
  if (!Number.isInteger(spec.limit) || spec.limit < 1) throw new Error('claim: limit must be a positive integer');
  const sets = Object.entries(spec.set as Record<string, SqlValue | null | undefined>).filter(
    ([, v]) => v !== undefined,
  );
  if (sets.length === 0 && !spec.increment?.length) throw new Error('claim: nothing to set');

  const sql = new Sql(db.kind);
  const table = quote(spec.model);
  const assignments = [
    ...sets.map(([column, value]) => `${quote(column)} = ${sql.param(value)}`),
    ...(spec.increment ?? []).map((column) => `${quote(column)} = ${quote(column)} + 1`),
  ];
  // Built in text order, because SQLite's parameters are positional. Columns are qualified because
  // the PostgreSQL statement joins the table with its picked ids.
  const where = () => whereSql(sql, spec.where, table);
  const pick = `SELECT ${table}."id" FROM ${table} WHERE ${where()} ORDER BY ${orderSql(spec.orderBy, table)} LIMIT ${spec.limit}`;
  // The conditions are repeated in the UPDATE so it is conditional by itself on both stores.
  // PostgreSQL: a CTE with FOR UPDATE runs once; the same subquery inside `id IN (...)` may be run
  // again by the planner and then picks (and updates) more rows than the limit.
  const statement =
    db.kind === 'postgres'
      ? `WITH picked AS (${pick} FOR UPDATE SKIP LOCKED) UPDATE ${table} SET ${assignments.join(', ')} FROM picked WHERE ${table}."id" = picked."id" AND ${where()} RETURNING ${table}."id"`
      : `UPDATE ${table} SET ${assignments.join(', ')} WHERE "id" IN (${pick}) AND ${where()} RETURNING "id"`;
  const rows = await db.prisma.$queryRawUnsafe<Array<{ id: number | bigint }>>(statement, ...sql.params);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
