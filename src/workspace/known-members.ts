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
/** Kept pairs at most; past it the oldest go (a bound, not a tuning knob: teams are far smaller). */
const MAX_KEPT = 5000;

interface Kept {
  workspace: Workspace;
  member: Member;
}

export interface MemberKey {
  platform: string;
  workspace: string;
  member: string;
}

export class KnownMembers {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly db: Db) {}

  /**
   * The rows kept for `key` that have not changed since, as fresh copies: both, one (a setting changed
   * the workspace, so only it is read again), or none.
   */
  async current(key: MemberKey): Promise<Partial<Kept>> {
    const id = idOf(key);
    const hit = this.kept.get(id);
    if (!hit) return {};
    const [now] = await this.db.$queryRaw<Array<{ w: Date | string; m: Date | string }>>`SELECT
      w."updatedAt" AS "w", m."updatedAt" AS "m" FROM "Workspace" w
      JOIN "Member" m ON m."workspaceId" = w."id" AND m."externalId" = ${key.member}
      WHERE w."platform" = ${key.platform} AND w."externalId" = ${key.workspace}`;
    const workspace = now !== undefined && same(now.w, hit.workspace.updatedAt);
    const member = now !== undefined && same(now.m, hit.member.updatedAt);
    if (!workspace || !member) this.kept.delete(id);
    return {
      ...(workspace ? { workspace: structuredClone(hit.workspace) } : {}),
      ...(member ? { member: structuredClone(hit.member) } : {}),
    };
  }

  /** Keeps the rows just read, unless one was written a moment ago. */
  remember(key: MemberKey, workspace: Workspace, member: Member, readAt = Date.now()): void {
    const id = idOf(key);
    const settled = Math.max(workspace.updatedAt.getTime(), member.updatedAt.getTime()) <= readAt - SETTLED_MS;
    if (!settled) {
      this.kept.delete(id);
      return;
    }
    if (this.kept.size >= MAX_KEPT && !this.kept.has(id)) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(id, structuredClone({ workspace, member }));
  }
}

const idOf = (k: MemberKey) => `${k.platform}\u0000${k.workspace}\u0000${k.member}`;
const same = (stored: Date | string, kept: Date) => new Date(stored).getTime() === kept.getTime();
