import type { Member, Prisma, Workspace } from '@prisma/client';
import type { Identity } from '../core/context.js';
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
    if (!member) {
      const first = (await this.db.member.count({ where: { workspaceId: workspace.id } })) === 0;
      member = await retryOnUniqueViolation(() =>
        this.db.member.upsert({
          where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: who.user.externalId } },
          create: {
            workspaceId: workspace.id,
            externalId: who.user.externalId,
            name: who.user.name ?? '',
            // Platform admins are admins while the platform says so (see below), not for ever.
            role: first ? 'admin' : 'member',
          },
          update: {},
        }),
      );
    }
    const stored: Role = isRole(member.role) ? member.role : 'member';
    return { workspace, member, role: who.user.platformAdmin ? 'admin' : stored };
  }

  update(workspaceId: number, data: Prisma.WorkspaceUpdateInput): Promise<Workspace> {
    return this.db.workspace.update({ where: { id: workspaceId }, data });
  }
}
