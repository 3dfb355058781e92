/**
 * Stores a batch of classified comments, each exactly once, in a few statements: one read for the
 * comments already stored (redeliveries) and one insert for the new ones. "Once" still rests on the
 * unique key (workspace, provider, externalId): when the batched insert fails, because a replica
 * stored one of them meanwhile or one row is refused, every comment is stored on its own, so one
 * bad comment costs only itself.
 */
import type { Comment, Prisma, Workspace } from '@prisma/client';
import type { Db } from '../db/client.js';
import { GroupCommit } from '../db/group-commit.js';
import { isUniqueViolation } from '../db/unique.js';

export type NewComment = Prisma.CommentCreateManyInput;

export interface Stored {
  comment: Comment;
  /** It was stored before (a redelivery, or the same comment twice in one batch): nothing was done. */
  duplicate: boolean;
}

type Keyed = Pick<Comment, 'workspaceId' | 'provider' | 'externalId'>;
const keyOf = (c: Keyed) => `${c.workspaceId}\u0000${c.provider}\u0000${c.externalId}`;

/** Bound on the ids in one IN list (SQLite and PostgreSQL take far more; a batch is smaller anyway). */
const IN_LIST = 500;

export async function storeComments(db: Db, rows: readonly NewComment[]): Promise<Array<Stored | Error>> {
  const out: Array<Stored | Error | undefined> = rows.map(() => undefined);
  const firstOf = new Map<string, number>();
  for (const [i, r] of rows.entries()) if (!firstOf.has(keyOf(r))) firstOf.set(keyOf(r), i);
  const firsts = [...firstOf.values()];

  // A lone comment is stored on its own (a redelivery is refused by the key, then found): one statement.
  if (firsts.length === 1) {
    const one = await storeOne(db, rows[0] as NewComment);
    return rows.map((_, i) => (i === 0 || one instanceof Error ? one : { comment: one.comment, duplicate: true }));
  }
  let existing: Map<string, Comment> | undefined;
  try {
    existing = await storedAlready(
      db,
      firsts.map((i) => rows[i] as NewComment),
    );
  } catch {
    existing = undefined; // each is then stored on its own below, which reports its own error
  }
  const fresh: number[] = [];
  for (const i of firsts) {
    const found = existing?.get(keyOf(rows[i] as NewComment));
    if (found) out[i] = { comment: found, duplicate: true };
    else fresh.push(i);
  }
  if (fresh.length > 0) {
    let created: Comment[] | undefined;
    try {
      if (existing) created = await db.comment.createManyAndReturn({ data: fresh.map((i) => rows[i] as NewComment) });
    } catch {
      created = undefined;
    }
    if (created) {
      const byKey = new Map(created.map((c) => [keyOf(c), c]));
      for (const i of fresh) {
        const c = byKey.get(keyOf(rows[i] as NewComment));
        out[i] = c ? { comment: c, duplicate: false } : new Error('comment missing from the batched insert');
      }
    } else {
      for (const i of fresh) out[i] = await storeOne(db, rows[i] as NewComment);
    }
  }
  // The same comment twice in one batch: the later ones are duplicates of the first.
  return rows.map((r, i) => {
    const mine = out[i];
    if (mine) return mine;
    const first = out[firstOf.get(keyOf(r)) as number];
    if (!first || first instanceof Error) return first ?? new Error('comment not stored');
    return { comment: first.comment, duplicate: true };
  });
}

/** The comments of `rows` that are stored already, by key. */
async function storedAlready(db: Db, rows: readonly NewComment[]): Promise<Map<string, Comment>> {
  const wanted = new Set(rows.map(keyOf));
  const byWorkspace = new Map<number, string[]>();
  for (const r of rows) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r.externalId]);
  const found = new Map<string, Comment>();
  for (const [workspaceId, ids] of byWorkspace) {
    for (let at = 0; at < ids.length; at += IN_LIST) {
      const rowsFound = await db.comment.findMany({
        where: { workspaceId, externalId: { in: ids.slice(at, at + IN_LIST) } },
      });
      for (const c of rowsFound) if (wanted.has(keyOf(c))) found.set(keyOf(c), c);
    }
  }
  return found;
}

/** One comment on its own: a unique-key refusal means another delivery stored it first. */
async function storeOne(db: Db, row: NewComment): Promise<Stored | Error> {
  try {
    return { comment: await db.comment.create({ data: row }), duplicate: false };
  } catch (err) {
    if (!isUniqueViolation(err)) return asError(err);
    try {
      const comment = await db.comment.findUniqueOrThrow({
        where: {
          workspaceId_provider_externalId: {
            workspaceId: row.workspaceId,
            provider: row.provider,
            externalId: row.externalId,
          },
        },
      });
      return { comment, duplicate: true };
    } catch (again) {
      return asError(again);
    }
  }
}

export const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** Workspaces by platform and id; lookups arriving together (a burst of webhooks) share one query. */
export function workspaceLookup(db: Db): (platform: string, externalId: string) => Promise<Workspace | null> {
  const lookups = new GroupCommit<Pick<Workspace, 'platform' | 'externalId'>, Workspace | null>(async (keys) => {
    const distinct = [...new Map(keys.map((k) => [`${k.platform}:${k.externalId}`, k])).values()];
    const found = await db.workspace.findMany({
      where: { OR: distinct.map((k) => ({ platform: k.platform, externalId: k.externalId })) },
    });
    return keys.map((k) => found.find((w) => w.platform === k.platform && w.externalId === k.externalId) ?? null);
  });
  return (platform, externalId) => lookups.add({ platform, externalId });
}

type AlertPlace = Pick<Comment, 'alertMessageId' | 'alertChannel'>;

/** Records where posted alerts went; alerts posted together are recorded in one transaction. */
export function alertPlaces(db: Db): (id: number, place: AlertPlace) => Promise<Comment> {
  const update = (r: { id: number; place: AlertPlace }) => db.comment.update({ where: { id: r.id }, data: r.place });
  const records = new GroupCommit<{ id: number; place: AlertPlace }, Comment>(async (rows) => {
    try {
      return await db.$transaction(rows.map(update));
    } catch {
      // One refused: each on its own, so the others are still recorded.
      return Promise.all(rows.map((r) => update(r).catch(asError)));
    }
  });
  return (id, place) => records.add({ id, place });
}
