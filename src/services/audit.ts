import type { Prisma } from '@prisma/client';
import type { Context } from '../core/context.js';
import type { Db } from '../db/client.js';

/** One row per change a person makes: who, what, on what, when (shown by /audit). */
export class AuditService {
  constructor(private readonly db: Db) {}

  async record(ctx: Context, action: string, target: string, details?: Prisma.InputJsonValue): Promise<void> {
    await this.db.auditLog.create({
      data: {
        workspaceId: ctx.workspace.id,
        actorId: ctx.member.externalId,
        actorName: ctx.member.name,
        action,
        target,
        ...(details === undefined ? {} : { details }),
      },
    });
  }
}
