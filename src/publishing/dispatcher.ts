/**
 * Publishing at most once, then reconciled (docs/architecture.md §5).
 *
 * A tick keeps up to `concurrency` sends going and claims only what it is about to send: each time
 * a send slot is free it claims that many due posts with one conditional UPDATE (pending, due, not
 * backing off -> publishing, with this claim's lease token and a short lease), so two processes on
 * one database never both own a post. While posts are held, a heartbeat extends their leases. Each
 * owned post is published once, and just before the irreversible request the post is marked sent
 * (`sentAt`, a conditional update that also proves the lease is still ours). Outcomes: success ->
 * published and a confirmation with the link; a known failure -> retried later with backoff
 * (honouring Retry-After) or failed with the reason; an unknown outcome after the mark -> `unknown`,
 * announced for a person to check, never re-sent by itself. A failure before the mark sent nothing,
 * so it is retried. A lease that runs out (the owner died) re-queues an unmarked post and turns a
 * marked one `unknown` (leases.ts). stop() ends claiming at once, lets marked sends finish within a
 * grace period and puts unmarked claims back. A watchdog announces, once, any post more than five
 * minutes overdue. All state is in the database.
 *
 * When a post is due is due-posts.ts; leases, heartbeat and expiry, leases.ts; what the team is
 * told, publish-notices.ts; the reminder channel, reminder-publisher.ts; which account publishes a
 * post, the post's recorded account (or, for older posts, the network's latest; see
 * src/workspace/integrations.ts).
 */
import { hostname } from 'node:os';
import type { Integration, ScheduledPost, Workspace } from '@prisma/client';
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
import { Heartbeat, LEASE_MS, releaseUnsent, settleExpiredLeases } from './leases.js';
import { OutcomeRecorder, type Settlement } from './outcomes.js';
import { failedNotice, m, overdueNotice, publishedNotice, unknownNotice } from './publish-notices.js';
import { ReminderPublisher } from './reminder-publisher.js';
import { mediaOf, REMINDER } from './scheduler.js';

// What this module exported before it was split: commands, tests and benchmarks import them here.
export { backoffMs, HANDOVER_LEAD_MS, MAX_ATTEMPTS, OVERDUE_MS } from './due-posts.js';
export { LEASE_MS } from './leases.js';
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
  /** How long a claim lasts without a heartbeat (default LEASE_MS, 60 s). */
  leaseMs?: number;
  /** Between heartbeats while posts are held (default a third of the lease). */
  heartbeatMs?: number;
  /** At most this many posts per claim statement (default: as many as there are free send slots). */
  batch?: number;
  /** Sends in flight at once, and so posts held at once (default 8). */
  concurrency?: number;
  /** After stop(), how long sends already marked may take to finish (default 10 s). */
  graceMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type ClaimedPost = ScheduledPost & { workspace: Workspace };

export interface TickReport {
  claimed: number;
  published: number;
  retried: number;
  failed: number;
  unknown: number;
  /** Expired leases of posts that were never sent, put back in the queue. */
  requeued: number;
  /** Claims given back unsent because this process is stopping. */
  released: number;
  overdue: number;
}

/** Thrown by `io.sending()` (and lost-lease checks before it): this post must not be sent now. */
class NotSent extends Error {}

export class Dispatcher {
  private readonly owner: string;
  private seq = 0;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly graceMs: number;
  private readonly publishers: PublisherFactory;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly heartbeat: Heartbeat;
  private stopping = false;
  private signalStop: () => void = () => {};
  /** Resolves when stop() is called. */
  private readonly stopped = new Promise<void>((resolve) => {
    this.signalStop = resolve;
  });
  private graceOver: Promise<void> | undefined;
  private current: Promise<TickReport> | undefined;
  private readonly outcomes: OutcomeRecorder;

  constructor(private readonly o: DispatcherOptions) {
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = o.leaseMs ?? LEASE_MS;
    this.concurrency = o.concurrency ?? 8;
    this.batch = o.batch ?? this.concurrency;
    this.graceMs = o.graceMs ?? 10_000;
    this.publishers = o.publishers ?? ((post, ws) => this.defaultPublisher(post, ws));
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.outcomes = new OutcomeRecorder(o.db, o.log);
    this.heartbeat = new Heartbeat(o, this.leaseMs, o.heartbeatMs ?? Math.max(1, Math.floor(this.leaseMs / 3)));
  }

  /** Settles expired leases, publishes what is due (until nothing is), then runs the watchdog. */
  tick(): Promise<TickReport> {
    // One tick at a time per dispatcher: a second call joins the one running.
    this.current ??= this.run().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  /**
   * Stops claiming at once; sends already marked may finish within the grace period; posts claimed
   * but not yet sent go back to `pending`. Resolves when the tick in progress has ended.
   */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.graceOver = new Promise((resolve) => setTimeout(resolve, this.graceMs).unref());
      this.signalStop();
    }
    await this.current;
  }

  private async run(): Promise<TickReport> {
    const report: TickReport = {
      claimed: 0,
      published: 0,
      retried: 0,
      failed: 0,
      unknown: 0,
      requeued: 0,
      released: 0,
      overdue: 0,
    };
    if (this.stopping) return report;
    const expired = await settleExpiredLeases({ ...this.o, notify: (ws, r) => this.notify(ws, r) });
    report.unknown += expired.unknown;
    report.requeued += expired.requeued;
    report.failed += expired.failed;
    this.heartbeat.start();
    try {
      await this.drain(report);
    } finally {
      this.heartbeat.stop();
    }
    if (this.stopping) {
      // Claims whose send never started (or never got past the mark within the grace period).
      report.released += await releaseUnsent(this.o.db, this.heartbeat.leased);
      this.heartbeat.leased.clear();
      await Promise.race([this.outcomes.noticesPosted(), this.graceOver]);
      return report;
    }
    await this.outcomes.noticesPosted();
    report.overdue += await this.watchdog();
    return report;
  }

  /** Keeps up to `concurrency` sends going, claiming for each free slot, until nothing is due. */
  private async drain(report: TickReport): Promise<void> {
    const running = new Set<Promise<void>>();
    let look = true;
    while (!this.stopping) {
      const free = this.concurrency - running.size;
      if (look && free > 0) {
        const want = Math.min(free, this.batch);
        const claimed = await this.claim(want);
        report.claimed += claimed.length;
        for (const post of claimed) {
          // Held from the claim: the heartbeat covers it until its outcome is recorded.
          this.heartbeat.leased.set(post.id, post.leaseOwner as string);
          const job: Promise<void> = this.send(post, report).finally(() => running.delete(job));
          running.add(job);
        }
        // Fewer than asked: nothing else is due until a send ends (then look again).
        look = claimed.length === want;
        if (look) continue;
      }
      if (running.size === 0) break;
      await Promise.race([...running, this.stopped]);
      look = true;
    }
    if (running.size > 0) await Promise.race([Promise.allSettled(running), this.graceOver]);
  }

  private async send(post: ClaimedPost, report: TickReport): Promise<void> {
    const settlement = await this.publishOne(post);
    report[settlement.kind]++;
    this.o.telemetry?.publishes.inc({ channel: post.channel, outcome: settlement.kind });
    await this.outcomes.record(settlement);
    this.heartbeat.leased.delete(post.id);
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
   * Claims up to `limit` due posts in one statement (src/db/claim.ts): on PostgreSQL, replicas
   * racing for the same rows skip each other's locked rows instead of queueing behind them.
   */
  async claim(limit = this.batch): Promise<ClaimedPost[]> {
    const now = this.o.clock.now();
    const token = `${this.owner}:${++this.seq}`;
    const ids = await claim(
      { prisma: this.o.db, kind: this.o.kind ?? kindOf(this.o.db) },
      {
        model: 'ScheduledPost',
        where: dueConditions(now),
        orderBy: 'publishAt',
        limit,
        set: {
          status: 'publishing',
          leaseOwner: token,
          leaseExpiresAt: new Date(now.getTime() + this.leaseMs),
          sentAt: null,
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
  async claimIds(ids: number[]): Promise<ClaimedPost[]> {
    if (ids.length === 0) return [];
    const now = this.o.clock.now();
    const token = `${this.owner}:${++this.seq}`;
    await this.o.db.scheduledPost.updateMany({
      where: { ...dueWhere(now), id: { in: ids } },
      data: {
        status: 'publishing',
        leaseOwner: token,
        leaseExpiresAt: new Date(now.getTime() + this.leaseMs),
        sentAt: null,
        attempts: { increment: 1 },
      },
    });
    return this.claimed(ids, token);
  }

  /**
   * Publishes one claimed post and says how to record the outcome. Recording may wait to share a
   * transaction with other outcomes: that is safe because the durable steps that matter, the claim
   * and the send mark, happened before the call; a crash before recording leaves the lease to
   * expire and the post `unknown` (marked) or back in the queue (not marked), never sent twice.
   */
  private async publishOne(post: ClaimedPost): Promise<Settlement> {
    const { db, clock, log } = this.o;
    const token = post.leaseOwner as string;
    const mine = { id: post.id, leaseOwner: token, status: 'publishing' };
    const locale = post.workspace.locale as Locale;
    let sent = false;
    let refused = false;
    const sending = async () => {
      if (sent) return;
      if (this.stopping) {
        refused = true;
        throw new NotSent('the bot is stopping; the post goes back in the queue');
      }
      const now = clock.now();
      const { count } = await db.scheduledPost.updateMany({
        where: { ...mine, sentAt: null },
        data: { sentAt: now, leaseExpiresAt: new Date(now.getTime() + this.leaseMs) },
      });
      if (count === 0) {
        refused = true;
        throw new NotSent('the publishing lease was lost before sending');
      }
      sent = true;
    };
    let target: PublisherTarget | undefined;
    try {
      target = await this.publishers(post, post.workspace);
      const io: PublishIo = {
        state: (post.providerState as Record<string, unknown> | null) ?? {},
        saveState: async (next) => {
          const { count } = await db.scheduledPost.updateMany({ where: mine, data: { providerState: next as object } });
          // Lost the lease (taken over elsewhere): stop before any further irreversible step.
          if (count === 0 && !sent) {
            refused = true;
            throw new NotSent('the publishing lease was lost before sending');
          }
          if (count === 0) throw PublishError.unknown('the publishing lease was lost');
        },
        sending,
        now: () => clock.now(),
        sleep: this.sleep,
      };
      // A publisher that does not mark its own irreversible call is marked before it starts.
      if (!target.publisher.marksSending) await sending();
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
        where: { id: post.id, OR: [{ status: 'publishing', leaseOwner: token }, { status: 'unknown' }] },
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
      const release = { leaseOwner: null, leaseExpiresAt: null };
      if (refused) {
        // Nothing was sent: back in the queue, and this claim does not count as an attempt.
        log.info({ post: post.id, reason: (err as Error).message }, 'publish not started');
        return {
          kind: 'released',
          where: { ...mine, sentAt: null },
          data: { ...release, status: 'pending', attempts: { decrement: 1 } },
        };
      }
      let e =
        err instanceof PublishError
          ? err
          : // Anything unexpected mid-publish may have happened after the request left.
            PublishError.unknown(err instanceof Error ? err.message : String(err));
      // Before the mark nothing irreversible was sent: an "unknown" there is a failure to retry.
      if (!sent && e.outcome === 'unknown') e = PublishError.retry(e.message);
      log.warn({ post: post.id, channel: post.channel, outcome: e.outcome, err: e.message }, 'publish failed');
      const now = clock.now();
      const done = { ...release, lastError: e.message };
      if (e.outcome === 'unknown') {
        return {
          kind: 'unknown',
          where: mine,
          data: { ...done, status: 'unknown', notifiedAt: now },
          after: () => this.notify(post.workspace, unknownNotice(post, e.message, locale)),
        };
      }
      if (e.retryable && post.attempts < MAX_ATTEMPTS) {
        const next = new Date(now.getTime() + backoffMs(post.attempts, e.retryAfterMs));
        return {
          kind: 'retried',
          where: mine,
          data: { ...done, status: 'pending', sentAt: null, nextAttemptAt: next },
        };
      }
      const integration = target?.integration;
      return {
        kind: 'failed',
        where: mine,
        data: { ...done, status: 'failed', notifiedAt: now },
        after: async () => {
          if (e.reauth && integration) await this.o.integrations.markReauth(integration, e.message);
          await this.notify(post.workspace, failedNotice(post, e, locale));
        },
      };
    }
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

  /** The post's recorded account, or (posts scheduled before accounts were recorded) the latest one. */
  private async defaultPublisher(post: ScheduledPost, workspace: Workspace): Promise<PublisherTarget> {
    if (post.channel === REMINDER) return { publisher: new ReminderPublisher(this.o.notifier, workspace) };
    const t = m[workspace.locale as Locale] ?? m.en;
    if (!isProvider(post.channel)) throw PublishError.fatal(`unknown channel ${post.channel}`);
    const integration = await this.o.integrations.find(workspace.id, post.channel, post.accountId);
    if (!integration && post.accountId) {
      throw PublishError.fatal(t.accountGone({ provider: post.channel, account: post.accountId }));
    }
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
