/**
 * Stores a batch of classified comments, each exactly once, in a few statements: one insert that
 * skips the comments already stored (redeliveries), one read of what it stored, and one read of the
 * skipped ones when there are any. "Once" rests on the unique key (workspace, provider, externalId),
 * whichever replica inserts first; when the insert fails (one row refused), every comment is stored
 * on its own, so one bad comment costs only itself.
 */
import { type Comment, Prisma, type Workspace } from '@prisma/client';
import type { Person } from '../core/reply.js';
import type { Db } from '../db/client.js';
import { GroupCommit } from '../db/group-commit.js';
import { recently } from '../db/recently.js';
import { isUniqueViolation } from '../db/unique.js';
import { membersWithJobRole } from '../workspace/job-roles.js';

/** What a new comment is stored with; every other column starts at its default. */
export type NewComment = Pick<
  Comment,
  | 'workspaceId'
  | 'provider'
  | 'externalId'
  | 'text'
  | 'author'
  | 'postId'
  | 'url'
  | 'postedAt'
  | 'language'
  | 'sentiment'
  | 'score'
  | 'isQuestion'
  | 'alertTier'
  | 'createdAt'
>;

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

  // Insert first: a redelivery is skipped by the key, and only then read (redeliveries are rare, a
  // read before every insert is not).
  let created: Map<string, Comment> | undefined;
  try {
    const inserted = await insertNew(
      db,
      firsts.map((i) => rows[i] as NewComment),
    );
    created = new Map(inserted.map((c) => [keyOf(c), c]));
  } catch {
    created = undefined; // one row refused fails the statement: each is then stored on its own below
  }
  const skipped = firsts.filter((i) => created && !created.has(keyOf(rows[i] as NewComment)));
  let existing = new Map<string, Comment>();
  if (skipped.length > 0) {
    existing = await storedAlready(
      db,
      skipped.map((i) => rows[i] as NewComment),
    ).catch(() => existing);
  }
  for (const i of firsts) {
    const key = keyOf(rows[i] as NewComment);
    const c = created?.get(key);
    const found = existing.get(key);
    if (c) out[i] = { comment: c, duplicate: false };
    else if (found) out[i] = { comment: found, duplicate: true };
    // Refused with the others, or gone between the insert and the read: on its own, which stores it,
    // finds it, or reports this comment's own error.
    else out[i] = await storeOne(db, rows[i] as NewComment);
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

/**
 * Inserts the rows in one plain statement, skipping any whose key is taken, and reads back the ones
 * inserted. Not createManyAndReturn: Prisma compiles each query on the main thread, and for a batch
 * of comments (their texts are in the query) that took longer than the insert itself (bench/comments).
 */
async function insertNew(db: Db, rows: readonly NewComment[]): Promise<Comment[]> {
  const ids: number[] = [];
  for (let at = 0; at < rows.length; at += IN_LIST) {
    const values = rows
      .slice(at, at + IN_LIST)
      .map(
        (r) =>
          Prisma.sql`(CAST(${r.workspaceId} AS INTEGER), ${r.provider}, ${r.externalId}, ${r.text}, ${r.author}, ${r.postId}, ${r.url}, ${r.postedAt}, ${r.language}, ${r.sentiment}, ${r.score}, ${Prisma.raw(r.isQuestion ? 'TRUE' : 'FALSE')}, ${r.alertTier}, ${r.createdAt}, ${r.createdAt})`,
      );
    const inserted = await db.$queryRaw<Array<{ id: number | bigint }>>`INSERT INTO "Comment"
      ("workspaceId", "provider", "externalId", "text", "author", "postId", "url", "postedAt", "language",
       "sentiment", "score", "isQuestion", "alertTier", "createdAt", "updatedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT DO NOTHING RETURNING "id"`;
    for (const r of inserted) ids.push(Number(r.id));
  }
  return ids.length === 0 ? [] : db.comment.findMany({ where: { id: { in: ids } } });
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

/**
 * A workspace found (and its social media managers, who alerts mention) is trusted for this long:
 * every webhook names its workspace (most the console one), and in a burst of a thousand the same
 * rows were read hundreds of times. A setting changed meanwhile (an alert channel, a threshold, a
 * person's job role) applies to the comments after it within this time.
 */
export const WORKSPACE_TRUST_MS = 1000;

/**
 * Workspaces by platform and id; lookups arriving together (a burst of webhooks) share one query, and
 * a workspace found is reused for WORKSPACE_TRUST_MS (a missing one is asked for again every time:
 * it may be created at any moment).
 */
export function workspaceLookup(db: Db): (platform: string, externalId: string) => Promise<Workspace | null> {
  const lookups = new GroupCommit<Pick<Workspace, 'platform' | 'externalId'>, Workspace | null>(async (keys) => {
    const distinct = [...new Map(keys.map((k) => [`${k.platform}:${k.externalId}`, k])).values()];
    const found = await db.workspace.findMany({
      where: { OR: distinct.map((k) => ({ platform: k.platform, externalId: k.externalId })) },
    });
    return keys.map((k) => found.find((w) => w.platform === k.platform && w.externalId === k.externalId) ?? null);
  });
  const lookup = recently(
    WORKSPACE_TRUST_MS,
    (key) => {
      const at = key.indexOf(':');
      return lookups.add({ platform: key.slice(0, at), externalId: key.slice(at + 1) });
    },
    (w) => w !== null,
  );
  return (platform, externalId) => lookup(`${platform}:${externalId}`);
}

type AlertPlace = Pick<Comment, 'alertMessageId' | 'alertChannel'>;
interface Placed {
  comment: Comment;
  claimedAt: Date;
  place: AlertPlace;
}

/**
 * Records where posted alerts went; alerts posted together are recorded in one statement, and each
 * caller gets its comment as stored. One plain UPDATE instead of an update a row: Prisma compiles each
 * of its queries on the main thread, and in a burst of comments that compiling was a third of the
 * work (bench/comments).
 */
export function alertPlaces(
  db: Db,
  now: () => Date,
): (comment: Comment, claimedAt: Date, place: AlertPlace) => Promise<Comment> {
  const records = new GroupCommit<Placed, Comment>(async (rows) => {
    const at = now();
    try {
      await recordPlaces(db, rows, at);
    } catch {
      // One refused: each on its own, so the others are still recorded.
      return Promise.all(rows.map((r) => recordPlaces(db, [r], at).then(() => placed(r, at), asError)));
    }
    return rows.map((r) => placed(r, at));
  });
  return (comment, claimedAt, place) => records.add({ comment, claimedAt, place });
}

const placed = (r: Placed, at: Date): Comment => ({ ...r.comment, alertedAt: r.claimedAt, ...r.place, updatedAt: at });

function recordPlaces(db: Db, rows: readonly Placed[], at: Date): Promise<number> {
  const whenId = (value: (p: AlertPlace) => string | null) =>
    Prisma.join(
      rows.map((r) => Prisma.sql`WHEN CAST(${r.comment.id} AS INTEGER) THEN ${value(r.place)}`),
      ' ',
    );
  const ids = Prisma.join(rows.map((r) => Prisma.sql`CAST(${r.comment.id} AS INTEGER)`));
  return db.$executeRaw`UPDATE "Comment" SET
    "alertMessageId" = CASE "id" ${whenId((p) => p.alertMessageId)} END,
    "alertChannel" = CASE "id" ${whenId((p) => p.alertChannel)} END,
    "updatedAt" = ${at}
    WHERE "id" IN (${ids})`;
}

/** Workspaces with at least one comment matching `where`. */
export async function workspacesWithComments(db: Db, where: Prisma.CommentWhereInput): Promise<Workspace[]> {
  const ids = await db.comment.findMany({ where, distinct: ['workspaceId'], select: { workspaceId: true } });
  if (ids.length === 0) return [];
  return db.workspace.findMany({ where: { id: { in: ids.map((r) => r.workspaceId) } } });
}

/** A workspace's social media managers, whom an alert mentions, by workspace id (trusted as workspaces are). */
export function socialManagers(db: Db): (workspaceId: number) => Promise<Person[]> {
  const lookup = recently(WORKSPACE_TRUST_MS, (id) => membersWithJobRole(db, Number(id), 'social'));
  return (workspaceId) => lookup(String(workspaceId));
}

/**
 * Claims alerts (alertedAt null -> now) in one plain statement; the ids this call won. Conditional by
 * itself, so of two processes claiming the same comment exactly one gets its id back.
 */
export async function claimAlerts(db: Db, ids: readonly number[], now: Date): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const list = Prisma.join(ids.map((id) => Prisma.sql`CAST(${id} AS INTEGER)`));
  const won = await db.$queryRaw<Array<{ id: number | bigint }>>`UPDATE "Comment"
    SET "alertedAt" = ${now}, "updatedAt" = ${now}
    WHERE "id" IN (${list}) AND "alertedAt" IS NULL RETURNING "id"`;
  return new Set(won.map((r) => Number(r.id)));
}
