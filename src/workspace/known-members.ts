/**
 * The workspace and member rows of people who ask often, each reused while the database says it has
 * not changed (a changed workspace is read again, the member kept). Every command and button press
 * resolves who is asking; Prisma compiles each of its queries on the main thread (two reads took
 * about 1.4 ms of a Slack command's work, bench/slack-ack), while one plain query for the two rows'
 * `updatedAt` takes about 0.1 ms. Prisma sets `updatedAt` on every write it makes to these tables, so
 * a changed row never matches; a row read within a few milliseconds of its last write is not kept, so
 * a second write in the same millisecond cannot hide. Callers get their own copies: the cached rows
 * are never handed out to be changed.
 */
import type { Member, Workspace } from '@prisma/client';
import type { Db } from '../db/client.js';

/** A row is kept only when its last write is at least this old (updatedAt has millisecond precision). */
const SETTLED_MS = 5;
/** Rows kept at most, of each kind; past it the oldest go (a bound, not a tuning knob: teams are far smaller). */
const MAX_KEPT = 5000;

export interface MemberKey {
  platform: string;
  workspace: string;
  member: string;
}

/**
 * Workspace and member rows are kept apart: a setting written a moment ago leaves the workspace
 * unsettled (not kept) but the member row, untouched, stays kept, and the reverse for a role change.
 */
export class KnownMembers {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly members = new Map<string, Member>();

  constructor(private readonly db: Db) {}

  /**
   * The rows kept for `key` that have not changed since, as fresh copies: both, one (a setting changed
   * the workspace, so only it is read again), or none.
   */
  async current(key: MemberKey): Promise<{ workspace?: Workspace; member?: Member }> {
    const ids = idsOf(key);
    const keptWorkspace = this.workspaces.get(ids.workspace);
    const keptMember = this.members.get(ids.member);
    if (!keptWorkspace && !keptMember) return {};
    const [now] = await this.db.$queryRaw<Array<{ w: Date | string; m: Date | string | null }>>`SELECT
      w."updatedAt" AS "w", m."updatedAt" AS "m" FROM "Workspace" w
      LEFT JOIN "Member" m ON m."workspaceId" = w."id" AND m."externalId" = ${key.member}
      WHERE w."platform" = ${key.platform} AND w."externalId" = ${key.workspace}`;
    const workspace = keptWorkspace && now !== undefined && same(now.w, keptWorkspace.updatedAt);
    const member = keptMember && now?.m != null && same(now.m, keptMember.updatedAt);
    if (keptWorkspace && !workspace) this.workspaces.delete(ids.workspace);
    if (keptMember && !member) this.members.delete(ids.member);
    return {
      ...(workspace ? { workspace: structuredClone(keptWorkspace) } : {}),
      ...(member ? { member: structuredClone(keptMember) } : {}),
    };
  }

  /** Keeps the rows just read, each unless it was written a moment ago. */
  remember(key: MemberKey, workspace: Workspace, member: Member, readAt = Date.now()): void {
    const ids = idsOf(key);
    keep(this.workspaces, ids.workspace, workspace, readAt);
    keep(this.members, ids.member, member, readAt);
  }
}

function keep<Row extends { updatedAt: Date }>(kept: Map<string, Row>, id: string, row: Row, readAt: number): void {
  if (row.updatedAt.getTime() > readAt - SETTLED_MS) {
    kept.delete(id);
    return;
  }
  if (kept.size >= MAX_KEPT && !kept.has(id)) kept.delete(kept.keys().next().value as string);
  kept.set(id, structuredClone(row));
}

const idsOf = (k: MemberKey) => {
  const workspace = `${k.platform}\u0000${k.workspace}`;
  return { workspace, member: `${workspace}\u0000${k.member}` };
};
const same = (stored: Date | string, kept: Date) => new Date(stored).getTime() === kept.getTime();
