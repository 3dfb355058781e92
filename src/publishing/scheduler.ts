/**
 * The life of a scheduled post before and around publishing: channel rules, creation, listing,
 * edits, cancellation, approval, settling an unknown outcome. Every change is a conditional update
 * on the post's status, so a cancel or edit that races the dispatcher either wins cleanly or is
 * told the post already left. The channels and their rules come from the providers that publish
 * (integrations/registry.ts); how posts are shown is schedule-view.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, ScheduledPost } from '@prisma/client';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type PostLimits, type Provider, providersWith } from '../../integrations/provider.js';
import type { MediaItem, MediaItemKind } from '../../integrations/publisher.js';
import { PROVIDERS, type PublishingId } from '../../integrations/registry.js';
import type { Db } from '../db/client.js';
import { isQuarterHour } from '../lib/when.js';
import { checkFiles, type FileProblem } from './media/rules.js';

/** The stored post row, for commands (which do not import the database client's types). */
export type { ScheduledPost } from '@prisma/client';

/** The channel for anything without an API: at the due time the team channel is reminded to post by hand. */
export const REMINDER = 'reminder';
export type Channel = PublishingId | typeof REMINDER;

/** Every network of `registry` that publishes, in its order, then the reminder. */
export function channelsOf(registry: readonly Provider[]): string[] {
  return [...providersWith(registry, 'publish').map((p) => p.id), REMINDER];
}

export const CHANNELS = channelsOf(PROVIDERS) as readonly string[] as readonly [Channel, ...Channel[]];

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

/** Shown in /schedule list past their time until someone acts (settles, approves, retries or cancels). */
export const NEEDS_A_PERSON: PostStatus[] = ['unknown', 'awaiting_approval', 'failed'];

/** What the reminder channel needs: something to remind of. */
export const REMINDER_LIMITS: PostLimits = { text: { label: 'text', required: 'always' } };

export type RuleProblem =
  | { kind: 'needsMedia'; channel: Channel }
  | { kind: 'needsVideo'; channel: Channel }
  /** A kind of media the network does not publish (`got`), with what it does take. */
  | { kind: 'mediaKind'; channel: Channel; takes: readonly MediaItemKind[]; got: MediaItemKind }
  | { kind: 'needsTitle'; channel: Channel }
  | { kind: 'needsText'; channel: Channel }
  | {
      kind: 'tooLong';
      what: 'caption' | 'title' | 'subject' | 'text' | 'description';
      max: number;
      got: number;
      /** Which post of a thread (1-based), when the text is one. */
      part?: number;
      /** The network takes threads: the text can be split into several posts. */
      threadable?: boolean;
    }
  | { kind: 'tooManyParts'; max: number; got: number }
  | { kind: 'tooManyHashtags'; channel: string; max: number; got: number }
  | { kind: 'notQuarterHour' }
  | { kind: 'noFirstComment'; channel: Channel }
  /** An attached file the network would refuse (type, size, ratio, duration, count): media/rules.ts. */
  | { kind: 'file'; file: FileProblem };

export interface Draft {
  channel: Channel;
  content: string;
  title: string | null;
  media: MediaItem[];
  publishAt: Date;
  /**
   * The connected account (Integration.accountId) it publishes through. Null: none recorded (no
   * account was connected when it was scheduled, or it predates recorded accounts); it then goes
   * through the network's most recently updated account at its time.
   */
  accountId?: string | null;
  /** Per-post settings stored in ScheduledPost.options (a first comment, an email's preview text). */
  options?: PostOptions;
  /** Shared by the posts of one draft written for several networks (edited or cancelled together). */
  groupId?: string | undefined;
  /** The campaign it belongs to (its name is the links' utm_campaign). */
  campaignId?: number | null;
}

const VIDEO_EXT = /\.(mp4|mov|m4v|webm|avi|mkv)(\?|#|$)/i;
const DOCUMENT_EXT = /\.pdf$/i;

export function mediaFromUrl(url: string): MediaItem {
  const { pathname } = new URL(url);
  if (DOCUMENT_EXT.test(pathname)) return { url, kind: 'document' };
  return { url, kind: VIDEO_EXT.test(pathname) ? 'video' : 'image' };
}

/** What a network takes when its provider does not say: pictures and videos, never documents. */
const DEFAULT_KINDS: readonly MediaItemKind[] = ['image', 'video'];

export function countHashtags(text: string): number {
  return (text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu) ?? []).length;
}

/** The rules a post on `channel` must meet: its provider's limits, the reminder's, or none for an unknown channel. */
export function limitsOf(channel: string, registry: readonly Provider[] = PROVIDERS): PostLimits | undefined {
  if (channel === REMINDER) return REMINDER_LIMITS;
  return registry.find((p) => p.id === channel)?.publish?.limits;
}

/**
 * What each network accepts (its provider's `publish.limits`); checked at scheduling time so a post
 * does not fail at 9 am. Lengths are counted in characters, or the network's own way (`text.weigh`).
 */
export function checkRules(
  d: Draft,
  registry: readonly Provider[] = PROVIDERS,
  /** Whether PUBLIC_URL is set: networks that download media need it for a file from chat. */
  env: { publicUrl: boolean } = { publicUrl: true },
): RuleProblem[] {
  const limits = limitsOf(d.channel, registry);
  if (!limits) return [];
  const p: RuleProblem[] = [];
  const len = (s: string) => [...s].length;
  const { channel } = d;
  if (limits.media?.required === 'any' && d.media.length === 0) p.push({ kind: 'needsMedia', channel });
  if (limits.media?.required === 'video' && !d.media.some((m) => m.kind === 'video'))
    p.push({ kind: 'needsVideo', channel });
  const takes = limits.mediaKinds ?? DEFAULT_KINDS;
  const refused = d.media.find((m) => !takes.includes(m.kind));
  // Only images where a video is required already says "needs a video".
  if (refused && !(refused.kind === 'image' && p.some((x) => x.kind === 'needsVideo'))) {
    p.push({ kind: 'mediaKind', channel, takes, got: refused.kind });
  }
  if (limits.title) {
    const { label, max } = limits.title;
    if (!d.title) p.push({ kind: 'needsTitle', channel });
    else if (len(d.title) > max) p.push({ kind: 'tooLong', what: label, max, got: len(d.title) });
  }
  const text = limits.text;
  const empty = !d.content;
  if ((text.required === 'always' && empty) || (text.required === 'withoutMedia' && empty && d.media.length === 0)) {
    p.push({ kind: 'needsText', channel });
  }
  const count = text.weigh ?? len;
  const parts = text.thread ? text.thread.split(d.content) : [d.content];
  if (text.thread && parts.length > text.thread.maxParts) {
    p.push({ kind: 'tooManyParts', max: text.thread.maxParts, got: parts.length });
  }
  for (const [i, part] of parts.entries()) {
    if (text.max !== undefined && count(part) > text.max) {
      p.push({
        kind: 'tooLong',
        what: text.label,
        max: text.max,
        got: count(part),
        ...(parts.length > 1 ? { part: i + 1 } : {}),
        ...(text.thread && parts.length === 1 ? { threadable: true } : {}),
      });
    }
  }
  if (text.maxHashtags !== undefined) {
    const tags = countHashtags(d.content);
    if (tags > text.maxHashtags) p.push({ kind: 'tooManyHashtags', channel, max: text.maxHashtags, got: tags });
  }
  if (limits.quarterHour && !isQuarterHour(d.publishAt)) p.push({ kind: 'notQuarterHour' });
  if (d.options?.firstComment && !FIRST_COMMENT_CHANNELS.includes(channel)) p.push({ kind: 'noFirstComment', channel });
  for (const file of checkFiles(channel, d.media, limits.files, env.publicUrl)) p.push({ kind: 'file', file });
  return p;
}

const factsSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  bytes: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  durationMs: z.number().optional(),
  pages: z.number().optional(),
});
const mediaSchema = z.array(
  z.object({ url: z.string(), kind: z.enum(['image', 'video', 'document']), file: factsSchema.optional() }),
);

export function mediaOf(post: Pick<ScheduledPost, 'media'>): MediaItem[] {
  const parsed = mediaSchema.safeParse(post.media);
  return parsed.success ? parsed.data : [];
}

/** The drafter's cap for preview text: what inboxes show at most (Outlook), not a Mailchimp limit. */
export const PREVIEW_TEXT_MAX = 150;

/**
 * What ScheduledPost.options holds: per-post settings beyond the text and media. `previewText` is an
 * email's inbox preview (Mailchimp `settings.preview_text`), written by /draft within its 150.
 */
export const PostOptionsSchema = z.object({
  firstComment: z.string().min(1).max(2200).optional(),
  previewText: z.string().min(1).max(PREVIEW_TEXT_MAX).optional(),
});

export type PostOptions = z.infer<typeof PostOptionsSchema>;

/** The channels that post a first comment right after the post. */
export const FIRST_COMMENT_CHANNELS: readonly string[] = ['instagram'];

export function postOptions(post: Pick<ScheduledPost, 'options'>): PostOptions {
  const parsed = PostOptionsSchema.safeParse(post.options ?? {});
  return parsed.success ? parsed.data : {};
}

export type ChangeResult = { ok: true; post: ScheduledPost } | { ok: false; post: ScheduledPost | null };

export class SchedulerService {
  constructor(private readonly db: Db) {}

  /** The campaign named `name`, created when new (its name is the links' utm_campaign). */
  campaign(workspaceId: number, name: string, currency: string): Promise<{ id: number; name: string }> {
    return this.db.campaign.upsert({
      where: { workspaceId_name: { workspaceId, name } },
      create: { workspaceId, name, currency },
      update: {},
      select: { id: true, name: true },
    });
  }

  /**
   * An identical live post (same channel, account, time and content): a double submit, not a new
   * post. The same text to two accounts at once is two posts.
   */
  findDuplicate(workspaceId: number, d: Draft): Promise<ScheduledPost | null> {
    return this.db.scheduledPost.findFirst({
      where: {
        workspaceId,
        channel: d.channel,
        accountId: d.accountId ?? null,
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
        accountId: d.accountId ?? null,
        ...(d.options && Object.keys(d.options).length > 0 ? { options: d.options } : {}),
        groupId: d.groupId ?? null,
        campaignId: d.campaignId ?? null,
        status: awaitingApproval ? 'awaiting_approval' : 'pending',
        idempotencyKey: randomUUID(),
        createdById: by,
      },
    });
  }

  /**
   * A campaign's posts: those published between two local days (inclusive) and those still
   * waiting, for /report to show next to the campaign's spend and site results.
   */
  async campaignPosts(
    workspaceId: number,
    name: string,
    days: { from: string; to: string },
    zone: string,
  ): Promise<{ published: number; waiting: number }> {
    const campaign = await this.db.campaign.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
    if (!campaign) return { published: 0, waiting: 0 };
    const from = DateTime.fromISO(days.from, { zone }).startOf('day').toJSDate();
    const to = DateTime.fromISO(days.to, { zone }).endOf('day').toJSDate();
    const [published, waiting] = await Promise.all([
      this.db.scheduledPost.count({
        where: { workspaceId, campaignId: campaign.id, status: 'published', publishAt: { gte: from, lte: to } },
      }),
      this.db.scheduledPost.count({ where: { workspaceId, campaignId: campaign.id, status: { in: [...WAITING] } } }),
    ]);
    return { published, waiting };
  }

  async campaignName(id: number): Promise<string | null> {
    return (await this.db.campaign.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
  }

  get(workspaceId: number, id: number): Promise<ScheduledPost | null> {
    return this.db.scheduledPost.findFirst({ where: { id, workspaceId } });
  }

  /**
   * Posts in [from, to), plus any that need a person whatever their time: an unknown outcome, a
   * post still awaiting approval, and a failed post, which stays until someone retries or cancels it.
   */
  window(workspaceId: number, from: Date, to: Date): Promise<ScheduledPost[]> {
    return this.db.scheduledPost.findMany({
      where: {
        workspaceId,
        OR: [
          { publishAt: { gte: from, lt: to }, status: { not: 'cancelled' } },
          { status: { in: NEEDS_A_PERSON }, publishAt: { lt: to } },
        ],
      },
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
      take: 200,
    });
  }

  /**
   * New time, text, title or media for a post not yet sent. It waits for approval again when the
   * workspace requires approval (an approved post that changes must be approved again), and its
   * attempts start over. The account changes only when the draft names one.
   */
  edit(workspaceId: number, id: number, d: Draft, awaitingApproval: boolean): Promise<ChangeResult> {
    return this.change(workspaceId, id, WAITING, {
      content: d.content,
      title: d.title,
      media: d.media as unknown as object,
      publishAt: d.publishAt,
      ...(d.accountId ? { accountId: d.accountId } : {}),
      status: awaitingApproval ? 'awaiting_approval' : 'pending',
      nextAttemptAt: null,
      notifiedAt: null,
      attempts: 0,
    });
  }

  /** Cancels a post not yet sent; a failed post is dismissed the same way (it leaves /schedule list). */
  /** The posts of a group (one draft for several networks), oldest first. */
  inGroup(workspaceId: number, groupId: string): Promise<ScheduledPost[]> {
    return this.db.scheduledPost.findMany({ where: { workspaceId, groupId }, orderBy: { id: 'asc' } });
  }

  /** Cancels a post not yet sent. */
  cancel(workspaceId: number, id: number): Promise<ChangeResult> {
    return this.change(workspaceId, id, [...WAITING, 'failed'], { status: 'cancelled' });
  }

  /**
   * Puts a failed post back in the queue with its attempts reset: it goes out at its time, or within
   * seconds when that has passed. Only `failed` qualifies: a failure is known (nothing went out), while
   * a post whose outcome is unknown may be live and is settled by `resolve` instead. The provider
   * state is kept, so a publisher that got halfway checks what exists rather than repeating it.
   */
  retry(workspaceId: number, id: number): Promise<ChangeResult> {
    return this.change(workspaceId, id, ['failed'], {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      notifiedAt: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      sentAt: null,
    });
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
          sentAt: null,
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
