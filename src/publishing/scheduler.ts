/**
 * The life of a scheduled post before and around publishing: channel rules, creation, listing,
 * edits, cancellation, approval, settling an unknown outcome. Every change is a conditional update
 * on the post's status, so a cancel or edit that races the dispatcher either wins cleanly or is
 * told the post already left. How posts are shown is schedule-view.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, ScheduledPost } from '@prisma/client';
import { z } from 'zod';
import type { MediaItem } from '../../integrations/publisher.js';
import type { Db } from '../db/client.js';
import { isQuarterHour } from '../lib/when.js';

/** The stored post row, for commands (which do not import the database client's types). */
export type { ScheduledPost } from '@prisma/client';

export const CHANNELS = ['instagram', 'facebook', 'youtube', 'mailchimp', 'reminder'] as const;
export type Channel = (typeof CHANNELS)[number];

export const POST_STATUSES = [
  'pending',
  'awaiting_approval',
  'publishing',
  'published',
  'failed',
  'cancelled',
  'unknown',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** Still editable and cancellable: nothing has been sent. */
export const WAITING: PostStatus[] = ['pending', 'awaiting_approval'];

export const LIMITS = {
  instagramCaption: 2200,
  instagramHashtags: 30,
  youtubeTitle: 100,
  youtubeDescription: 5000,
  mailchimpSubject: 150,
  facebookText: 63206,
} as const;

export type RuleProblem =
  | { kind: 'needsMedia'; channel: Channel }
  | { kind: 'needsVideo' }
  | { kind: 'needsTitle'; channel: Channel }
  | { kind: 'needsText'; channel: Channel }
  | { kind: 'tooLong'; what: 'caption' | 'title' | 'subject' | 'text' | 'description'; max: number; got: number }
  | { kind: 'tooManyHashtags'; max: number; got: number }
  | { kind: 'notQuarterHour' };

export interface Draft {
  channel: Channel;
  content: string;
  title: string | null;
  media: MediaItem[];
  publishAt: Date;
}

const VIDEO_EXT = /\.(mp4|mov|m4v|webm|avi|mkv)(\?|#|$)/i;

export function mediaFromUrl(url: string): MediaItem {
  return { url, kind: VIDEO_EXT.test(new URL(url).pathname) ? 'video' : 'image' };
}

export function countHashtags(text: string): number {
  return (text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu) ?? []).length;
}

/** What each network accepts; checked at scheduling time so a post does not fail at 9 am. */
export function checkRules(d: Draft): RuleProblem[] {
  const p: RuleProblem[] = [];
  const len = (s: string) => [...s].length;
  switch (d.channel) {
    case 'instagram': {
      if (d.media.length === 0) p.push({ kind: 'needsMedia', channel: 'instagram' });
      if (len(d.content) > LIMITS.instagramCaption) {
        p.push({ kind: 'tooLong', what: 'caption', max: LIMITS.instagramCaption, got: len(d.content) });
      }
      const tags = countHashtags(d.content);
      if (tags > LIMITS.instagramHashtags)
        p.push({ kind: 'tooManyHashtags', max: LIMITS.instagramHashtags, got: tags });
      break;
    }
    case 'youtube':
      if (!d.media.some((m) => m.kind === 'video')) p.push({ kind: 'needsVideo' });
      if (!d.title) p.push({ kind: 'needsTitle', channel: 'youtube' });
      else if (len(d.title) > LIMITS.youtubeTitle) {
        p.push({ kind: 'tooLong', what: 'title', max: LIMITS.youtubeTitle, got: len(d.title) });
      }
      if (len(d.content) > LIMITS.youtubeDescription) {
        p.push({ kind: 'tooLong', what: 'description', max: LIMITS.youtubeDescription, got: len(d.content) });
      }
      break;
    case 'mailchimp':
      if (!d.title) p.push({ kind: 'needsTitle', channel: 'mailchimp' });
      else if (len(d.title) > LIMITS.mailchimpSubject) {
        p.push({ kind: 'tooLong', what: 'subject', max: LIMITS.mailchimpSubject, got: len(d.title) });
      }
      if (!d.content) p.push({ kind: 'needsText', channel: 'mailchimp' });
      if (!isQuarterHour(d.publishAt)) p.push({ kind: 'notQuarterHour' });
      break;
    case 'facebook':
      if (!d.content && d.media.length === 0) p.push({ kind: 'needsText', channel: 'facebook' });
      if (len(d.content) > LIMITS.facebookText) {
        p.push({ kind: 'tooLong', what: 'text', max: LIMITS.facebookText, got: len(d.content) });
      }
      break;
    case 'reminder':
      if (!d.content) p.push({ kind: 'needsText', channel: 'reminder' });
      break;
  }
  return p;
}

const mediaSchema = z.array(z.object({ url: z.string(), kind: z.enum(['image', 'video']) }));

export function mediaOf(post: Pick<ScheduledPost, 'media'>): MediaItem[] {
  const parsed = mediaSchema.safeParse(post.media);
  return parsed.success ? parsed.data : [];
}

export type ChangeResult = { ok: true; post: ScheduledPost } | { ok: false; post: ScheduledPost | null };

export class SchedulerService {
  constructor(private readonly db: Db) {}

  /** An identical live post (same channel, time and content): a double submit, not a new post. */
  findDuplicate(workspaceId: number, d: Draft): Promise<ScheduledPost | null> {
    return this.db.scheduledPost.findFirst({
      where: {
        workspaceId,
        channel: d.channel,
        publishAt: d.publishAt,
        content: d.content,
        status: { notIn: ['cancelled', 'failed'] },
      },
    });
  }

  create(workspaceId: number, d: Draft, by: string, awaitingApproval: boolean): Promise<ScheduledPost> {
    return this.db.scheduledPost.create({
      data: {
        workspaceId,
        channel: d.channel,
        content: d.content,
        title: d.title,
        media: d.media as unknown as Prisma.InputJsonValue,
        publishAt: d.publishAt,
        status: awaitingApproval ? 'awaiting_approval' : 'pending',
        idempotencyKey: randomUUID(),
        createdById: by,
      },
    });
  }

  get(workspaceId: number, id: number): Promise<ScheduledPost | null> {
    return this.db.scheduledPost.findFirst({ where: { id, workspaceId } });
  }

  /** Posts in [from, to), plus any that need a person whatever their time. */
  window(workspaceId: number, from: Date, to: Date): Promise<ScheduledPost[]> {
    return this.db.scheduledPost.findMany({
      where: {
        workspaceId,
        OR: [
          { publishAt: { gte: from, lt: to }, status: { not: 'cancelled' } },
          { status: { in: ['unknown', 'awaiting_approval'] }, publishAt: { lt: to } },
        ],
      },
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
      take: 200,
    });
  }

  /**
   * New time, text, title or media for a post not yet sent. It waits for approval again when the
   * workspace requires approval (an approved post that changes must be approved again), and its
   * attempts start over.
   */
  edit(workspaceId: number, id: number, d: Draft, awaitingApproval: boolean): Promise<ChangeResult> {
    return this.change(workspaceId, id, WAITING, {
      content: d.content,
      title: d.title,
      media: d.media as unknown as object,
      publishAt: d.publishAt,
      status: awaitingApproval ? 'awaiting_approval' : 'pending',
      nextAttemptAt: null,
      notifiedAt: null,
      attempts: 0,
    });
  }

  /** Cancels a post not yet sent. */
  cancel(workspaceId: number, id: number): Promise<ChangeResult> {
    return this.change(workspaceId, id, WAITING, { status: 'cancelled' });
  }

  /** A manager's answer to a post awaiting approval: approved, it goes out at its time; rejected, never. */
  decide(workspaceId: number, id: number, approve: boolean, by: string, now: Date): Promise<ChangeResult> {
    return this.change(
      workspaceId,
      id,
      ['awaiting_approval'],
      approve ? { status: 'pending', approvedById: by, approvedAt: now, notifiedAt: null } : { status: 'cancelled' },
    );
  }

  /**
   * Settles a post whose outcome is unknown: "published" records that it went out (nothing is sent
   * again), "retry" puts it back in the queue to be published again within seconds.
   */
  resolve(workspaceId: number, id: number, outcome: 'published' | 'retry', now: Date): Promise<ChangeResult> {
    return outcome === 'published'
      ? this.change(workspaceId, id, ['unknown'], { status: 'published', publishedAt: now, lastError: null })
      : this.change(workspaceId, id, ['unknown'], {
          status: 'pending',
          nextAttemptAt: null,
          notifiedAt: null,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
  }

  /** Applies `data` only while the post is in one of `from`; tells the caller which way it went. */
  async change(
    workspaceId: number,
    id: number,
    from: readonly PostStatus[],
    data: Prisma.ScheduledPostUpdateManyMutationInput,
  ): Promise<ChangeResult> {
    const { count } = await this.db.scheduledPost.updateMany({
      where: { id, workspaceId, status: { in: [...from] } },
      data,
    });
    const post = await this.get(workspaceId, id);
    return count === 1 && post ? { ok: true, post } : { ok: false, post };
  }
}
