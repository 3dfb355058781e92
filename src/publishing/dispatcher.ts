/**
 * Publishing at most once, then reconciled (docs/architecture.md §5).
 *
 * A tick claims due posts with one conditional UPDATE (pending, due, not backing off -> publishing
 * with this tick's lease token), so two processes on one database never both own a post. Each owned
 * post is published once: success -> published and a confirmation with the link; a known failure
 * -> retried later with backoff (honouring Retry-After) or failed with the reason; an unknown
 * outcome -> `unknown`, announced for a person to check, never re-sent by itself. A lease that
 * expires while publishing (the process died mid-call) is also `unknown`. A watchdog announces,
 * once, any post more than five minutes overdue. All state is in the database.
 *
 * When a post is due is due-posts.ts; what the team is told, publish-notices.ts; the reminder
 * channel, reminder-publisher.ts; which network publishes a channel, its provider (via
 * src/workspace/integrations.ts).
 */
import { hostname } from 'node:os';
import type { Integration, Prisma, ScheduledPost, Workspace } from '@prisma/client';
import { PublishError, type Publisher, type PublishIo } from '../../integrations/publisher.js';
import type { Locale } from '../core/i18n.js';
import type { Notifier } from '../core/notifier.js';
import type { Reply } from '../core/reply.js';
import { claim, kindOf } from '../db/claim.js';
import type { DatabaseKind, Db } from '../db/client.js';
import type { AppMetrics } from '../http/metrics.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { type IntegrationService, isProvider } from '../workspace/integrations.js';
import { backoffMs, dueConditions, dueWhere, MAX_ATTEMPTS, OVERDUE_MS } from './due-posts.js';
import { failedNotice, m, overdueNotice, publishedNotice, unknownNotice } from './publish-notices.js';
import { ReminderPublisher } from './reminder-publisher.js';
import { mediaOf, REMINDER } from './scheduler.js';

// What this module exported before it was split: commands, tests and benchmarks import them here.
export { backoffMs, HANDOVER_LEAD_MS, MAX_ATTEMPTS, OVERDUE_MS } from './due-posts.js';
export { m, preview } from './publish-notices.js';
export { ReminderPublisher } from './reminder-publisher.js';

export interface PublisherTarget {
  publisher: Publisher;
  integration?: Integration;
}

/** Finds how a post is published; tests replace it to inject failures and crashes. */
export type PublisherFactory = (post: ScheduledPost, workspace: Workspace) => Promise<PublisherTarget>;

export interface DispatcherOptions {
  db: Db;
  /** Counts publishes by channel and outcome (mktbot_publishes_total). */
  telemetry?: Pick<AppMetrics, 'publishes'>;
  /** Chooses the claim statement (SKIP LOCKED on PostgreSQL); read from the client when absent. */
  kind?: DatabaseKind;
  clock: Clock;
  notifier: Notifier;
  integrations: IntegrationService;
  log: Logger;
  /** Distinguishes this process in lease tokens. */
  owner?: string;
  publishers?: PublisherFactory;
  leaseMs?: number;
  batch?: number;
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

type ClaimedPost = ScheduledPost & { workspace: Workspace };

interface Settlement {
  kind: 'published' | 'retried' | 'failed' | 'unknown';
  where: Prisma.ScheduledPostWhereInput;
  data: Prisma.ScheduledPostUpdateManyMutationInput;
  /** Runs only if the update changed the row (this process still owned the outcome). */
  after?: () => Promise<void>;
}

/** Outcomes recorded per transaction; bounds how long a confirmation waits. */
const RECORD_BATCH = 32;

export interface TickReport {
  claimed: number;
  published: number;
  retried: number;
  failed: number;
  unknown: number;
  overdue: number;
}

export class Dispatcher {
  private readonly owner: string;
  private seq = 0;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly publishers: PublisherFactory;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: DispatcherOptions) {
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = o.leaseMs ?? 20 * 60_000;
    this.batch = o.batch ?? 100;
    this.concurrency = o.concurrency ?? 8;
    this.publishers = o.publishers ?? ((post, ws) => this.defaultPublisher(post, ws));
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async tick(): Promise<TickReport> {
    const report: TickReport = { claimed: 0, published: 0, retried: 0, failed: 0, unknown: 0, overdue: 0 };
    report.unknown += await this.expireLeases();
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      report.claimed += claimed.length;
      const pending: Settlement[] = [];
      const flush = () => this.record(pending.splice(0));
      await runLimited(claimed, this.concurrency, async (post) => {
        const settlement = await this.publishOne(post);
        report[settlement.kind]++;
        this.o.telemetry?.publishes.inc({ channel: post.channel, outcome: settlement.kind });
        pending.push(settlement);
        if (pending.length >= RECORD_BATCH) await flush();
      });
      await flush();
      if (claimed.length < this.batch) break;
    }
    report.overdue += await this.watchdog();
    return report;
  }

  /**
   * Seconds since the oldest due post should have gone out (0 when none waits): the dispatcher lag.
   * Posts backing off after a failure count too, as they are late all the same.
   */
  async lagSeconds(): Promise<number> {
    const now = this.o.clock.now();
    const oldest = await this.o.db.scheduledPost.findFirst({
      where: { status: { in: ['pending', 'publishing'] }, publishAt: { lte: now } },
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
      select: { publishAt: true },
    });
    return oldest ? Math.max(0, now.getTime() - oldest.publishAt.getTime()) / 1000 : 0;
  }

  /** Due posts, oldest first. */
  async candidates(): Promise<number[]> {
    const rows = await this.o.db.scheduledPost.findMany({
      where: dueWhere(this.o.clock.now()),
      select: { id: true },
      // id breaks ties so the order is the same on every database (PostgreSQL has no implicit one).
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
      take: this.batch,
    });
    return rows.map((r) => r.id);
  }

  /**
   * Claims the next batch of due posts in one statement (src/db/claim.ts): on PostgreSQL, replicas
   * racing for the same rows skip each other's locked rows instead of queueing behind them.
   */
  async claim(): Promise<Array<ScheduledPost & { workspace: Workspace }>> {
    const now = this.o.clock.now();
    const token = `${this.owner}:${++this.seq}`;
    const ids = await claim(
      { prisma: this.o.db, kind: this.o.kind ?? kindOf(this.o.db) },
      {
        model: 'ScheduledPost',
        where: dueConditions(now),
        orderBy: 'publishAt',
        limit: this.batch,
        set: {
          status: 'publishing',
          leaseOwner: token,
          leaseExpiresAt: new Date(now.getTime() + this.leaseMs),
          updatedAt: now,
        },
        increment: ['attempts'],
      },
    );
    return this.claimed(ids, token);
  }

  private async claimed(ids: number[], token: string): Promise<ClaimedPost[]> {
    if (ids.length === 0) return [];
    return this.o.db.scheduledPost.findMany({
      where: { id: { in: ids }, leaseOwner: token, status: 'publishing' },
      include: { workspace: true },
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * One UPDATE decides ownership: it re-checks "still due and pending" on every row, so ids that
   * another process claimed after we listed them are skipped. Reading back by this tick's unique
   * token says what we won.
   */
  async claimIds(ids: number[]): Promise<Array<ScheduledPost & { workspace: Workspace }>> {
    if (ids.length === 0) return [];
    const now = this.o.clock.now();
    const token = `${this.owner}:${++this.seq}`;
    await this.o.db.scheduledPost.updateMany({
      where: { ...dueWhere(now), id: { in: ids } },
      data: {
        status: 'publishing',
        leaseOwner: token,
        leaseExpiresAt: new Date(now.getTime() + this.leaseMs),
        attempts: { increment: 1 },
      },
    });
    return this.claimed(ids, token);
  }

  /**
   * Publishes one claimed post and says how to record the outcome. Recording is batched (one
   * transaction, one fsync, for many posts): that is safe because the durable step that matters,
   * the claim, happened before the call; a crash before recording leaves the lease to expire and
   * the post `unknown`, never re-sent.
   */
  private async publishOne(post: ClaimedPost): Promise<Settlement> {
    const { db, clock, log } = this.o;
    const token = post.leaseOwner as string;
    const mine = { id: post.id, leaseOwner: token, status: 'publishing' };
    const locale = post.workspace.locale as Locale;
    let target: PublisherTarget | undefined;
    try {
      target = await this.publishers(post, post.workspace);
      const io: PublishIo = {
        state: (post.providerState as Record<string, unknown> | null) ?? {},
        saveState: async (next) => {
          const { count } = await db.scheduledPost.updateMany({ where: mine, data: { providerState: next as object } });
          // Lost the lease (declared unknown elsewhere): stop before any further irreversible step.
          if (count === 0) throw PublishError.unknown('the publishing lease was lost');
        },
        now: () => clock.now(),
        sleep: this.sleep,
      };
      const result = await target.publisher.publish(
        {
          id: post.id,
          channel: post.channel,
          content: post.content,
          title: post.title,
          media: mediaOf(post),
          publishAt: post.publishAt,
          idempotencyKey: post.idempotencyKey,
        },
        io,
      );
      const now = clock.now();
      const integration = target.integration;
      return {
        kind: 'published',
        // A lease that expired meanwhile turned the post `unknown`; the provider's answer is the truth.
        where: { id: post.id, status: { in: ['publishing', 'unknown'] } },
        data: {
          status: 'published',
          externalId: result.externalId,
          url: result.url ?? null,
          publishedAt: now,
          lastError: null,
          leaseOwner: null,
          leaseExpiresAt: null,
        },
        after: async () => {
          if (integration) await this.o.integrations.markOk(integration);
          // A reminder is itself the message in chat; everything else gets a confirmation.
          if (post.channel !== REMINDER) await this.notify(post.workspace, publishedNotice(post, result, now));
        },
      };
    } catch (err) {
      const e =
        err instanceof PublishError
          ? err
          : // Anything unexpected mid-publish may have happened after the request left.
            PublishError.unknown(err instanceof Error ? err.message : String(err));
      log.warn({ post: post.id, channel: post.channel, outcome: e.outcome, err: e.message }, 'publish failed');
      const now = clock.now();
      const release = { leaseOwner: null, leaseExpiresAt: null, lastError: e.message };
      if (e.outcome === 'unknown') {
        return {
          kind: 'unknown',
          where: { id: post.id, status: 'publishing' },
          data: { ...release, status: 'unknown', notifiedAt: now },
          after: () => this.notify(post.workspace, unknownNotice(post, e.message, locale)),
        };
      }
      if (e.retryable && post.attempts < MAX_ATTEMPTS) {
        const next = new Date(now.getTime() + backoffMs(post.attempts, e.retryAfterMs));
        return { kind: 'retried', where: mine, data: { ...release, status: 'pending', nextAttemptAt: next } };
      }
      const integration = target?.integration;
      return {
        kind: 'failed',
        where: mine,
        data: { ...release, status: 'failed', notifiedAt: now },
        after: async () => {
          if (e.reauth && integration) await this.o.integrations.markReauth(integration, e.message);
          await this.notify(post.workspace, failedNotice(post, e, locale));
        },
      };
    }
  }

  /** Records outcomes in one transaction; notices follow only for the rows this process changed. */
  private async record(settlements: Settlement[]): Promise<void> {
    if (settlements.length === 0) return;
    const db = this.o.db;
    const results = await db.$transaction(
      settlements.map((s) => db.scheduledPost.updateMany({ where: s.where, data: s.data })),
    );
    for (const [i, s] of settlements.entries()) {
      if (results[i]?.count === 1 && s.after) await s.after();
    }
  }

  /** A post still `publishing` after its lease: the process died mid-call. Never re-sent blindly. */
  async expireLeases(): Promise<number> {
    const now = this.o.clock.now();
    const stale = await this.o.db.scheduledPost.findMany({
      where: { status: 'publishing', leaseExpiresAt: { lt: now } },
      include: { workspace: true },
    });
    let n = 0;
    for (const post of stale) {
      const { count } = await this.o.db.scheduledPost.updateMany({
        where: { id: post.id, status: 'publishing', leaseExpiresAt: { lt: now } },
        data: {
          status: 'unknown',
          lastError: 'the publishing process stopped before it reported the outcome',
          leaseOwner: null,
          leaseExpiresAt: null,
          notifiedAt: now,
        },
      });
      if (count !== 1) continue;
      n++;
      this.o.telemetry?.publishes.inc({ channel: post.channel, outcome: 'unknown' });
      const reason = m[post.workspace.locale as Locale]?.overdueStuck ?? '';
      await this.notify(
        post.workspace,
        unknownNotice(
          post,
          'the publishing process stopped before it reported the outcome',
          post.workspace.locale as Locale,
          reason,
        ),
      );
    }
    return n;
  }

  /** Posts still waiting more than five minutes after their time, announced once each. */
  async watchdog(): Promise<number> {
    const now = this.o.clock.now();
    const cutoff = new Date(now.getTime() - OVERDUE_MS);
    const overdue = await this.o.db.scheduledPost.findMany({
      where: { status: { in: ['pending', 'awaiting_approval'] }, publishAt: { lt: cutoff }, notifiedAt: null },
      include: { workspace: true },
      take: 100,
    });
    let n = 0;
    for (const post of overdue) {
      const { count } = await this.o.db.scheduledPost.updateMany({
        where: { id: post.id, notifiedAt: null, status: { in: ['pending', 'awaiting_approval'] } },
        data: { notifiedAt: now },
      });
      if (count !== 1) continue;
      n++;
      await this.notify(post.workspace, overdueNotice(post));
    }
    return n;
  }

  private async defaultPublisher(post: ScheduledPost, workspace: Workspace): Promise<PublisherTarget> {
    if (post.channel === REMINDER) return { publisher: new ReminderPublisher(this.o.notifier, workspace) };
    const t = m[workspace.locale as Locale] ?? m.en;
    if (!isProvider(post.channel)) throw PublishError.fatal(`unknown channel ${post.channel}`);
    const integration = await this.o.integrations.find(workspace.id, post.channel);
    if (!integration) throw PublishError.fatal(t.notConnected({ provider: post.channel }));
    if (integration.status === 'reauth') {
      throw PublishError.fatal(`${t.reauthTitle({ provider: post.channel })}: ${integration.statusMessage ?? ''}`);
    }
    return { publisher: this.o.integrations.publisherFor(integration), integration };
  }

  private async notify(workspace: Workspace, r: Reply): Promise<void> {
    try {
      await this.o.notifier.post(workspace, 'team', r);
    } catch (err) {
      // The post's state is already right; a lost notice must not undo it.
      this.o.log.error({ err, workspace: workspace.id }, 'could not post a scheduling notice');
    }
  }
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}
