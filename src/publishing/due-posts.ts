/**
 * When a scheduled post is due (docs/architecture.md §5): pending, its time come, and not backing
 * off after a failure. A network that holds the post and releases it at its time itself (its
 * provider's `publish.holdsSchedule`: YouTube, Mailchimp) gets it HANDOVER_LEAD_MS early, so a
 * slow upload still goes out on time. The same rule is written twice, for the claim statement
 * (src/db/claim.ts) and for Prisma queries. Also how late the queue runs (the dispatcher lag) and
 * the watchdog that announces posts well past their time.
 */
import type { ScheduledPost, Workspace } from '@prisma/client';
import { type Provider, providersWith } from '../../integrations/provider.js';
import type { PublishError } from '../../integrations/publisher.js';
import { PROVIDERS } from '../../integrations/registry.js';
import type { Reply } from '../core/reply.js';
import { type Condition, kindOf, matchingIds } from '../db/claim.js';
import type { Db } from '../db/client.js';
import { overdueNotice } from './publish-notices.js';

/** Networks that hold the schedule themselves are handed their posts this early. */
export const HANDOVER_LEAD_MS = 30 * 60_000;
/** A post this late is announced, once, by the watchdog. */
export const OVERDUE_MS = 5 * 60_000;
/** Attempts before a retryable failure becomes final. */
export const MAX_ATTEMPTS = 5;

/** The channels of `registry` whose network holds the post until its time. */
export function handoverChannels(registry: readonly Provider[]): string[] {
  return providersWith(registry, 'publish')
    .filter((p) => p.publish.holdsSchedule)
    .map((p) => p.id);
}

const HANDOVER_CHANNELS = handoverChannels(PROVIDERS);

/** Due and pending, not backing off; the handover channels from HANDOVER_LEAD_MS early. */
export function dueConditions(now: Date): Condition<'ScheduledPost'>[] {
  return [
    { column: 'status', op: '=', value: 'pending' },
    {
      anyOf: [
        { column: 'publishAt', op: '<=', value: now },
        {
          allOf: [
            { column: 'channel', op: 'in', value: HANDOVER_CHANNELS },
            { column: 'publishAt', op: '<=', value: new Date(now.getTime() + HANDOVER_LEAD_MS) },
          ],
        },
      ],
    },
    {
      anyOf: [
        { column: 'nextAttemptAt', op: 'is null' },
        { column: 'nextAttemptAt', op: '<=', value: now },
      ],
    },
  ];
}

/** The same rule as dueConditions, for Prisma queries. */
export function dueWhere(now: Date) {
  return {
    status: 'pending',
    OR: [
      { publishAt: { lte: now } },
      { channel: { in: HANDOVER_CHANNELS }, publishAt: { lte: new Date(now.getTime() + HANDOVER_LEAD_MS) } },
    ],
    AND: [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }],
  };
}

/**
 * Refusals that say the account has used up a network's allowance (posts a day, upload quota), not
 * that anything is wrong with the post: it goes out once the allowance renews.
 */
const LIMIT_REASONS: ReadonlySet<string> = new Set(['postingLimit', 'dailyQuotaSpent']);
/**
 * Waiting for an allowance to renew does not use up one of a post's attempts (TikTok's daily cap is
 * retried hourly: five attempts would fail the post hours before the cap frees), for this long after
 * the post's time; past it, limit refusals count like any other and the post fails after its last.
 */
export const LIMIT_PATIENCE_MS = 3 * 24 * 60 * 60_000;

/**
 * While a limit costs no attempt, the next ask waits at least a quarter of how late the post is, that
 * floor capped at LIMIT_SPACING_MS: the first refusals follow the network's own Retry-After, while a
 * limit that lasts is asked about every quarter of an hour, not every 30 s for three days.
 */
export const LIMIT_SPACING_MS = 15 * 60_000;

/**
 * Whether a failed send is tried again, when, and whether that try uses up one of the post's
 * attempts (`free`: the network's allowance ran out, within LIMIT_PATIENCE_MS of the post's time).
 */
export function retryOf(
  e: PublishError,
  post: { attempts: number; publishAt: Date },
  now: Date,
): { waitMs: number; free: boolean } | undefined {
  if (!e.retryable) return undefined;
  const waitMs = backoffMs(post.attempts, e.retryAfterMs);
  const late = Math.max(0, now.getTime() - post.publishAt.getTime());
  if (LIMIT_REASONS.has(e.reason?.code ?? '') && late < LIMIT_PATIENCE_MS) {
    return { waitMs: Math.max(waitMs, Math.min(late / 4, LIMIT_SPACING_MS)), free: true };
  }
  return post.attempts < MAX_ATTEMPTS ? { waitMs, free: false } : undefined;
}

/** Exponential from 30 s, capped at 30 min; Retry-After wins when it asks for longer. */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  const exp = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
  return Math.max(exp, retryAfterMs ?? 0);
}

/**
 * Seconds since the oldest due post should have gone out (0 when none waits). Posts backing off
 * after a failure count too, as they are late all the same.
 */
export async function lagSeconds(db: Db, now: Date): Promise<number> {
  const oldest = await db.scheduledPost.findFirst({
    where: { status: { in: ['pending', 'publishing'] }, publishAt: { lte: now } },
    orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
    select: { publishAt: true },
  });
  return oldest ? Math.max(0, now.getTime() - oldest.publishAt.getTime()) / 1000 : 0;
}

/**
 * Up to `limit` posts matching `where` (oldest first), with their workspaces. The dispatcher asks
 * every second and almost always finds nothing, so the ids come from one plain statement and the
 * rows through Prisma only when there are some (Prisma compiles each query on the event loop).
 */
export async function postsWhere(
  db: Db,
  where: Condition<'ScheduledPost'>[],
  o: { limit: number; orderBy?: 'publishAt' },
): Promise<Array<ScheduledPost & { workspace: Workspace }>> {
  const target = { prisma: db, kind: kindOf(db) };
  const ids = await matchingIds(target, { model: 'ScheduledPost', where, ...o });
  if (ids.length === 0) return [];
  return db.scheduledPost.findMany({
    where: { id: { in: ids } },
    include: { workspace: true },
    orderBy: o.orderBy ? [{ publishAt: 'asc' }, { id: 'asc' }] : [{ id: 'asc' }],
  });
}

/** Posts not sent yet, for the watchdog. */
const WAITING = ['pending', 'awaiting_approval'] as const;

/** Posts still waiting more than OVERDUE_MS after their time, announced once each (claimed by notifiedAt). */
export async function announceOverdue(
  db: Db,
  now: Date,
  notify: (workspace: Workspace, r: Reply) => Promise<void>,
): Promise<number> {
  const cutoff = new Date(now.getTime() - OVERDUE_MS);
  const overdue = await postsWhere(
    db,
    [
      { column: 'status', op: 'in', value: WAITING },
      { column: 'publishAt', op: '<', value: cutoff },
      { column: 'notifiedAt', op: 'is null' },
    ],
    { limit: 100, orderBy: 'publishAt' },
  );
  let n = 0;
  for (const post of overdue) {
    const { count } = await db.scheduledPost.updateMany({
      where: { id: post.id, notifiedAt: null, status: { in: [...WAITING] } },
      data: { notifiedAt: now },
    });
    if (count !== 1) continue;
    n++;
    await notify(post.workspace, overdueNotice(post));
  }
  return n;
}
