import { type AuditLog, Prisma } from '@prisma/client';
import type { Actor } from '../core/identity.js';
import { kindOf } from '../db/claim.js';
import type { DatabaseKind, Db } from '../db/client.js';

/** One row per change a person makes: who, what, on what, when (shown by /audit). */
export class AuditService {
  private readonly kind: DatabaseKind;

  constructor(private readonly db: Db) {
    this.kind = kindOf(db);
  }

  /**
   * Returns the entry's id, so a later step can refer back to it (e.g. a draft's Schedule button).
   * A plain statement: nearly every change a person makes writes one, and Prisma compiles each of its
   * queries on the event loop, which cost more than the insert itself (bench/slack-ack).
   */
  async record(ctx: Actor, action: string, target: string, details?: Prisma.InputJsonValue): Promise<number> {
    const json = details === undefined ? undefined : JSON.stringify(details);
    // Json is TEXT on SQLite and jsonb on PostgreSQL, which takes text only through a cast.
    const value =
      json === undefined
        ? Prisma.sql`NULL`
        : this.kind === 'postgres'
          ? Prisma.sql`CAST(${json} AS JSONB)`
          : Prisma.sql`${json}`;
    const [row] = await this.db.$queryRaw<Array<{ id: number | bigint }>>`INSERT INTO "AuditLog"
      ("workspaceId", "actorId", "actorName", "action", "target", "details", "createdAt")
      VALUES (CAST(${ctx.workspace.id} AS INTEGER), ${ctx.member.externalId}, ${ctx.member.name}, ${action}, ${target},
        ${value}, ${new Date()})
      RETURNING "id"`;
    return Number(row?.id);
  }

  /**
   * The newest entries first (/audit), without their details: a CSV import's preview keeps its posts
   * there until Confirm (src/publishing/bulk-import.ts), megabytes no list needs.
   */
  latest(workspaceId: number, limit: number): Promise<Omit<AuditLog, 'details'>[]> {
    return this.db.auditLog.findMany({
      where: { workspaceId },
      omit: { details: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  /**
   * The details of one entry of this workspace with this action, or undefined: an id from another
   * workspace, or of another kind of entry, finds nothing (a draft's Schedule button reads its draft).
   */
  async details(workspaceId: number, id: number, action: string): Promise<Prisma.JsonValue | undefined> {
    const row = await this.db.auditLog.findFirst({ where: { id, workspaceId, action } });
    return row?.details ?? undefined;
  }
}
