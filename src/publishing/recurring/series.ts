/**
 * Recurring posts (PostSeries): a rule ("every monday 9am") and a template (channel, text, media…),
 * whose occurrences are ordinary ScheduledPost rows (seriesId) generated ahead, HORIZON_DAYS or up
 * to the series' end, at most MAX_AHEAD waiting at once. Each occurrence is its own post, published
 * once by the dispatcher like any other. An occurrence's idempotencyKey is the series and its
 * instant, so two replicas extending the same series at once create it once; the loser's insert
 * is refused by the unique index and skipped. An evergreen series (no end) is extended as time
 * passes by the publishing feature's job.
 */
import { type PostSeries, Prisma, type ScheduledPost, type Workspace } from '@prisma/client';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { tagPostText } from '../links/utm.js';
import { type Draft, PostOptionsSchema, WAITING } from '../scheduler.js';
import { occurrences, type RecurrenceRule, RecurrenceRuleSchema } from './recurrence.js';

export type { PostSeries } from '@prisma/client';

/** How far ahead occurrences exist: far enough for /schedule list and approvals, short enough to change. */
export const HORIZON_DAYS = 28;
/** At most this many occurrences of one series wait at once. */
export const MAX_AHEAD = 60;

/** What PostSeries.template holds: every occurrence's content, untagged (links are tagged per occurrence). */
export const SeriesTemplateSchema = z.object({
  channel: z.string(),
  content: z.string(),
  title: z.string().nullable(),
  media: z.array(z.object({ url: z.string(), kind: z.enum(['image', 'video', 'document']) })),
  options: PostOptionsSchema.optional(),
  accountId: z.string().nullable(),
  /** The campaign its posts belong to (utm_campaign is its name's slug). */
  campaign: z.object({ id: z.number().int(), name: z.string() }).nullable().optional(),
  /** Who approved the series (approval on): its dates, those added later too, need no approval of their own. */
  approvedById: z.string().optional(),
});
export type SeriesTemplate = z.infer<typeof SeriesTemplateSchema>;

/** What generating an occurrence needs from its workspace. */
export type SeriesWorkspace = Pick<Workspace, 'id' | 'timezone' | 'requireApproval' | 'utmTagging'>;

export function ruleOf(series: Pick<PostSeries, 'rule'>): RecurrenceRule {
  return RecurrenceRuleSchema.parse(series.rule);
}

export function templateOf(series: Pick<PostSeries, 'template'>): SeriesTemplate {
  return SeriesTemplateSchema.parse(series.template);
}

/** The post one occurrence becomes: the template at `publishAt`, its links tagged for that post. */
export function occurrenceDraft(
  t: SeriesTemplate,
  publishAt: Date,
  ws: Pick<SeriesWorkspace, 'timezone' | 'utmTagging'>,
): Draft {
  const tag = (s: string) => tagPostText(s, { channel: t.channel, campaign: t.campaign?.name, publishAt }, ws);
  const firstComment = t.options?.firstComment;
  return {
    channel: t.channel as Draft['channel'],
    content: tag(t.content),
    title: t.title,
    media: t.media,
    publishAt,
    accountId: t.accountId,
    ...(firstComment ? { options: { ...t.options, firstComment: tag(firstComment) } } : {}),
    campaignId: t.campaign?.id ?? null,
  };
}

export const occurrenceKey = (seriesId: number, at: Date) => `series:${seriesId}:${at.toISOString()}`;

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

export class SeriesService {
  constructor(private readonly db: Db) {}

  /** Stores the series and generates its first occurrences; returns them in order. */
  async create(
    ws: SeriesWorkspace,
    s: { rule: RecurrenceRule; template: SeriesTemplate; first: Date; until: Date | null },
    by: string,
    now: Date,
  ): Promise<{ series: PostSeries; posts: ScheduledPost[] }> {
    const series = await this.db.postSeries.create({
      data: {
        workspaceId: ws.id,
        rule: s.rule,
        template: s.template,
        startsAt: s.first,
        until: s.until,
        createdById: by,
      },
    });
    const posts = await this.extend(series, ws, now);
    return { series: (await this.db.postSeries.findUnique({ where: { id: series.id } })) ?? series, posts };
  }

  /**
   * Creates the occurrences that fall after what exists and within the horizon. Safe to run on two
   * replicas at once: an occurrence already created by the other is skipped. Returns those created here.
   */
  async extend(series: PostSeries, ws: SeriesWorkspace, now: Date): Promise<ScheduledPost[]> {
    if (series.status !== 'active') return [];
    const rule = ruleOf(series);
    const template = templateOf(series);
    const from = new Date(
      Math.max((series.generatedUntil ?? new Date(series.startsAt.getTime() - 1)).getTime(), now.getTime()),
    );
    const horizon = now.getTime() + HORIZON_DAYS * 86_400_000;
    const end = new Date(Math.min(series.until?.getTime() ?? horizon, horizon));
    if (end <= from) return [];
    const ahead = await this.db.scheduledPost.count({
      where: { seriesId: series.id, publishAt: { gt: now }, status: { not: 'cancelled' } },
    });
    const room = Math.max(0, MAX_AHEAD - ahead);
    const times = occurrences(rule, ws.timezone, from, end, room);
    const created: ScheduledPost[] = [];
    for (const at of times) {
      const d = occurrenceDraft(template, at, ws);
      try {
        created.push(
          await this.db.scheduledPost.create({
            data: {
              workspaceId: ws.id,
              seriesId: series.id,
              channel: d.channel,
              content: d.content,
              title: d.title,
              media: d.media as unknown as Prisma.InputJsonValue,
              publishAt: at,
              accountId: d.accountId ?? null,
              ...(d.options ? { options: d.options } : {}),
              campaignId: template.campaign?.id ?? null,
              ...(ws.requireApproval && !template.approvedById
                ? { status: 'awaiting_approval' }
                : template.approvedById
                  ? { status: 'pending', approvedById: template.approvedById, approvedAt: now }
                  : { status: 'pending' }),
              idempotencyKey: occurrenceKey(series.id, at),
              createdById: series.createdById,
            },
          }),
        );
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    // Full: the next run starts after the last one made; otherwise the whole window is covered.
    const last = times.at(-1);
    const covered = times.length >= room ? last : end;
    if (covered) {
      await this.db.postSeries.updateMany({
        where: { id: series.id, OR: [{ generatedUntil: null }, { generatedUntil: { lt: covered } }] },
        data: { generatedUntil: covered },
      });
    }
    return created;
  }

  /**
   * Extends every active series whose occurrences end within the horizon (the evergreen job).
   * Returns how many occurrences were created.
   */
  async extendDue(now: Date): Promise<number> {
    const soon = new Date(now.getTime() + (HORIZON_DAYS - 1) * 86_400_000);
    const due = await this.db.postSeries.findMany({
      where: { status: 'active', OR: [{ generatedUntil: null }, { generatedUntil: { lt: soon } }] },
      include: { workspace: true },
      take: 500,
    });
    let made = 0;
    for (const s of due) {
      if (s.until && s.generatedUntil && s.generatedUntil >= s.until) continue;
      made += (await this.extend(s, s.workspace, now)).length;
    }
    return made;
  }

  /**
   * A manager's answer to a series awaiting approval: approved, its waiting dates go out at their
   * times and the dates added later need no approval; rejected, the series stops. Returns how many
   * dates changed, or null when the series is not active.
   */
  async decide(workspaceId: number, id: number, approve: boolean, by: string, now: Date): Promise<number | null> {
    if (!approve) return (await this.stop(workspaceId, id))?.cancelled ?? null;
    return this.db.$transaction(async (tx) => {
      const series = await tx.postSeries.findFirst({ where: { id, workspaceId, status: 'active' } });
      if (!series) return null;
      await tx.postSeries.update({ where: { id }, data: { template: { ...templateOf(series), approvedById: by } } });
      const { count } = await tx.scheduledPost.updateMany({
        where: { workspaceId, seriesId: id, status: 'awaiting_approval' },
        data: { status: 'pending', approvedById: by, approvedAt: now, notifiedAt: null },
      });
      return count;
    });
  }

  /** An active series with the same days, time and post: a double submit, not a second series. */
  async findDuplicate(workspaceId: number, rule: RecurrenceRule, template: SeriesTemplate): Promise<PostSeries | null> {
    // Key order is not kept by PostgreSQL's jsonb: compare with keys sorted.
    const same = (a: unknown, b: unknown) => JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
    const active = await this.db.postSeries.findMany({ where: { workspaceId, status: 'active' } });
    return (
      active.find((s) => {
        const r = RecurrenceRuleSchema.safeParse(s.rule);
        const { anchor: _a, ...days } = rule;
        return (
          r.success &&
          same({ ...r.data, anchor: undefined }, { ...days, anchor: undefined }) &&
          same(s.template, template)
        );
      }) ?? null
    );
  }

  get(workspaceId: number, id: number): Promise<PostSeries | null> {
    return this.db.postSeries.findFirst({ where: { id, workspaceId } });
  }

  /** Active series with their next waiting occurrence (null when none is waiting), oldest first. */
  async active(workspaceId: number, now: Date): Promise<Array<{ series: PostSeries; next: ScheduledPost | null }>> {
    const all = await this.db.postSeries.findMany({
      where: { workspaceId, status: 'active' },
      orderBy: { id: 'asc' },
      take: 50,
    });
    return Promise.all(
      all.map(async (series) => ({
        series,
        next: await this.db.scheduledPost.findFirst({
          where: { seriesId: series.id, publishAt: { gt: now }, status: { in: [...WAITING] } },
          orderBy: { publishAt: 'asc' },
        }),
      })),
    );
  }

  /** The waiting occurrences of a series from `now`, in order. */
  upcoming(workspaceId: number, seriesId: number, now: Date, take = 10): Promise<ScheduledPost[]> {
    return this.db.scheduledPost.findMany({
      where: { workspaceId, seriesId, publishAt: { gt: now }, status: { in: [...WAITING] } },
      orderBy: { publishAt: 'asc' },
      take,
    });
  }

  /**
   * Stops a series: no more occurrences, and those still waiting are cancelled (one that the
   * dispatcher has already taken goes out). Returns the number cancelled, or null when it was not active.
   */
  async stop(workspaceId: number, id: number): Promise<{ cancelled: number } | null> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.postSeries.updateMany({
        where: { id, workspaceId, status: 'active' },
        data: { status: 'stopped' },
      });
      if (count === 0) return null;
      const cancelled = await tx.scheduledPost.updateMany({
        where: { workspaceId, seriesId: id, status: { in: [...WAITING] } },
        data: { status: 'cancelled' },
      });
      return { cancelled: cancelled.count };
    });
  }
}

/** A JSON value with every object's keys in order, so two equal values stringify the same. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}
