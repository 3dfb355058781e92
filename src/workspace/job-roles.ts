/**
 * Job roles: what a person does in the marketing team (SEO, content, social media, automation),
 * beside the permission role that says what they may do. Stored on Member.jobRoles as a
 * comma-separated list; the bot addresses its messages to the people whose job they concern.
 */
import type { Member } from '@prisma/client';
import { z } from 'zod';
import type { Person } from '../core/reply.js';
import type { Db } from '../db/client.js';

export const JOB_ROLES = ['seo', 'content', 'social', 'automation'] as const;
export type JobRole = (typeof JOB_ROLES)[number];

const isJobRole = (s: string): s is JobRole => (JOB_ROLES as readonly string[]).includes(s);

/** The stored list, in the canonical order; unknown words (hand-edited rows) are dropped. */
export function jobRolesOf(m: Pick<Member, 'jobRoles'>): JobRole[] {
  const words = new Set(m.jobRoles.split(',').map((w) => w.trim()));
  return JOB_ROLES.filter((r) => words.has(r));
}

/** What is stored for a list of job roles: canonical order, no repeats ('' for none). */
export const storedJobRoles = (roles: readonly JobRole[]): string =>
  JOB_ROLES.filter((r) => roles.includes(r)).join(',');

/**
 * "seo", "seo,content", "social content" or "none" (clears): the job roles typed after a person in
 * /roles set. Undefined when a word is not a job role, so the caller can try a permission role.
 */
export const jobRoleList = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s, ctx): JobRole[] => {
    if (s === 'none') return [];
    const words = s.split(/[\s,،]+/).filter(Boolean);
    const bad = words.filter((w) => !isJobRole(w));
    if (words.length === 0 || bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not a job role: ${bad.join(', ') || s}` });
      return z.NEVER;
    }
    return JOB_ROLES.filter((r) => words.includes(r));
  });

/** A member as a message names them: their platform id to mention, and their name. */
export const personOf = (m: Pick<Member, 'externalId' | 'name'>): Person => ({
  id: m.externalId,
  name: m.name || m.externalId,
});

/** The people with a job role in a workspace, by name. */
export async function membersWithJobRole(db: Db, workspaceId: number, role: JobRole): Promise<Person[]> {
  const rows = await db.member.findMany({
    where: { workspaceId, jobRoles: { contains: role } },
    orderBy: { name: 'asc' },
  });
  // contains is a substring test; the parsed list is the truth.
  return rows.filter((m) => jobRolesOf(m).includes(role)).map(personOf);
}

/** The managers (permission role manager or admin), who receive escalations. */
export async function managersOf(db: Db, workspaceId: number): Promise<Person[]> {
  const rows = await db.member.findMany({
    where: { workspaceId, role: { in: ['admin', 'manager'] } },
    orderBy: { name: 'asc' },
  });
  return rows.map(personOf);
}
