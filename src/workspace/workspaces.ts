import type { Member, Prisma, Workspace } from '@prisma/client';
import type { Identity } from '../core/identity.js';
import { isRole, type Role } from '../core/roles.js';
import type { Db } from '../db/client.js';
import { retryOnUniqueViolation } from '../db/unique.js';
import { type JobRole, jobRolesOf, storedJobRoles } from './job-roles.js';
import { KnownMembers } from './known-members.js';

export interface Resolved {
  workspace: Workspace;
  member: Member;
  role: Role;
}

export interface RoleChange {
  outcome: 'changed' | 'unchanged' | 'last-admin';
  /** The person's name as the workspace knows it ('' when unknown). */
  name: string;
  before: Role | null;
}

export class WorkspaceService {
  private readonly known: KnownMembers;

  constructor(private readonly db: Db) {
    this.known = new KnownMembers(db);
  }

  /**
   * The workspace and member behind an identity, created on first contact. The first person in a
   * workspace is stored as its admin; the platform's own admins act as admins while the platform
   * says they are; everyone else starts as a member.
   */
  async resolve(who: Identity): Promise<Resolved> {
    const key = { platform: who.platform, workspace: who.workspace.externalId, member: who.user.externalId };
    const kept = await this.known.current(key);
    if (kept.workspace && kept.member) return this.resolved(who, kept.workspace, kept.member);
    const readAt = Date.now();
    const { workspace, member } = await this.read(who, kept);
    this.known.remember(key, workspace, member, readAt);
    return this.resolved(who, workspace, member);
  }

  private resolved(who: Identity, workspace: Workspace, member: Member): Resolved {
    const stored: Role = isRole(member.role) ? member.role : 'member';
    return { workspace, member, role: who.user.platformAdmin ? 'admin' : stored };
  }

  /** The rows not `kept` (unchanged since they were kept) read afresh. */
  private async read(
    who: Identity,
    kept: { workspace?: Workspace; member?: Member },
  ): Promise<{ workspace: Workspace; member: Member }> {
    // Every request resolves, usually more than once: a plain read for a workspace we know (an upsert
    // is a write transaction, five statements on SQLite, and holds the write lock). First contact can
    // arrive several times at once (retried deliveries, several replicas), hence the upsert and retry.
    const key = { platform_externalId: { platform: who.platform, externalId: who.workspace.externalId } };
    const known = kept.workspace ?? (await this.db.workspace.findUnique({ where: key }));
    const workspace =
      known ??
      (await retryOnUniqueViolation(() =>
        this.db.workspace.upsert({
          where: key,
          create: { platform: who.platform, externalId: who.workspace.externalId, name: who.workspace.name ?? '' },
          update: {},
        }),
      ));
    let member =
      kept.member ??
      (await this.db.member.findUnique({
        where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: who.user.externalId } },
      }));
    member ??= await this.join(workspace.id, who);
    return { workspace, member };
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

  /** Everyone the workspace knows, by role then name (/roles). */
  members(workspaceId: number): Promise<Member[]> {
    return this.db.member.findMany({ where: { workspaceId }, orderBy: [{ role: 'asc' }, { name: 'asc' }] });
  }

  /**
   * Gives a person a role (adding them when the workspace has not met them yet). Counted and changed
   * in one transaction, so two admins demoting each other cannot both win: the last admin stays.
   */
  async setRole(workspaceId: number, externalId: string, role: Role): Promise<RoleChange> {
    const where = { workspaceId_externalId: { workspaceId, externalId } };
    const current = await this.db.member.findUnique({ where });
    const before = current ? (current.role as Role) : null;
    if (before === role) return { outcome: 'unchanged', name: current?.name ?? '', before };
    const done = await this.db.$transaction(async (tx) => {
      if (before === 'admin' && (await tx.member.count({ where: { workspaceId, role: 'admin' } })) <= 1) return false;
      await tx.member.upsert({ where, create: { workspaceId, externalId, role }, update: { role } });
      return true;
    });
    return { outcome: done ? 'changed' : 'last-admin', name: current?.name ?? '', before };
  }

  /** One person of the workspace by platform id, or null when the workspace has not met them. */
  member(workspaceId: number, externalId: string): Promise<Member | null> {
    return this.db.member.findUnique({ where: { workspaceId_externalId: { workspaceId, externalId } } });
  }

  /** Gives a person their job roles (adding them when the workspace has not met them yet); [] clears. */
  async setJobRoles(
    workspaceId: number,
    externalId: string,
    roles: readonly JobRole[],
  ): Promise<{ changed: boolean; name: string; before: JobRole[] }> {
    const where = { workspaceId_externalId: { workspaceId, externalId } };
    const current = await this.db.member.findUnique({ where });
    const before = current ? jobRolesOf(current) : [];
    const jobRoles = storedJobRoles(roles);
    if (current && storedJobRoles(before) === jobRoles) return { changed: false, name: current.name, before };
    await this.db.member.upsert({ where, create: { workspaceId, externalId, jobRoles }, update: { jobRoles } });
    return { changed: true, name: current?.name ?? '', before };
  }

  update(workspaceId: number, data: Prisma.WorkspaceUpdateInput): Promise<Workspace> {
    return this.db.workspace.update({ where: { id: workspaceId }, data });
  }
}
