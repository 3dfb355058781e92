import type { AuditLog, Prisma } from '@prisma/client';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';

/** One row per change a person makes: who, what, on what, when (shown by /audit). */
export class AuditService {
  constructor(private readonly db: Db) {}

  /** Returns the entry's id, so a later step can refer back to it (e.g. a draft's Schedule button). */
  async record(ctx: Actor, action: string, target: string, details?: Prisma.InputJsonValue): Promise<number> {
    const row = await this.db.auditLog.create({
      data: {
        workspaceId: ctx.workspace.id,
        actorId: ctx.member.externalId,
        actorName: ctx.member.name,
        action,
        target,
        ...(details === undefined ? {} : { details }),
      },
      select: { id: true },
    });
    return row.id;
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
