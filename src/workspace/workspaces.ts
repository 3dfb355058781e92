import type { Member, Prisma, Workspace } from '@prisma/client';
import type { Identity } from '../core/identity.js';
import { isRole, type Role } from '../core/roles.js';
import type { Db } from '../db/client.js';
import { retryOnUniqueViolation } from '../db/unique.js';

export interface Resolved {
  workspace: Workspace;
  member: Member;
  role: Role;
}

export class WorkspaceService {
  constructor(private readonly db: Db) {}

  /**
   * The workspace and member behind an identity, created on first contact. The first person in a
   * workspace is stored as its admin; the platform's own admins act as admins while the platform
   * says they are; everyone else starts as a member.
   */
  async resolve(who: Identity): Promise<Resolved> {
    // First contact can arrive several times at once (retried deliveries, several replicas).
    const workspace = await retryOnUniqueViolation(() =>
      this.db.workspace.upsert({
        where: { platform_externalId: { platform: who.platform, externalId: who.workspace.externalId } },
        create: { platform: who.platform, externalId: who.workspace.externalId, name: who.workspace.name ?? '' },
        update: {},
      }),
    );
    let member = await this.db.member.findUnique({
      where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: who.user.externalId } },
    });
    member ??= await this.join(workspace.id, who);
    const stored: Role = isRole(member.role) ? member.role : 'member';
    return { workspace, member, role: who.user.platformAdmin ? 'admin' : stored };
  }

  /**
   * Adds a person to the workspace; the first one becomes its admin. Several people (or the same
   * person, delivered twice) can arrive at the same moment: the check and the insert run under the
   * workspace row's lock (PostgreSQL) or the write transaction (SQLite), so exactly one becomes admin.
   */
  private join(workspaceId: number, who: Identity): Promise<Member> {
    return this.db.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspaceId }, data: { updatedAt: new Date() } });
      const key = { workspaceId_externalId: { workspaceId, externalId: who.user.externalId } };
      const existing = await tx.member.findUnique({ where: key });
      if (existing) return existing;
      const first = (await tx.member.count({ where: { workspaceId } })) === 0;
      return tx.member.create({
        data: {
          workspaceId,
          externalId: who.user.externalId,
          name: who.user.name ?? '',
          // Platform admins are admins while the platform says so (see resolve), not for ever.
          role: first ? 'admin' : 'member',
        },
      });
    });
  }

  update(workspaceId: number, data: Prisma.WorkspaceUpdateInput): Promise<Workspace> {
    return this.db.workspace.update({ where: { id: workspaceId }, data });
  }
}
