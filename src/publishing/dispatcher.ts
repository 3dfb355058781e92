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
import { announceOverdue, dueConditions, dueWhere, lagSeconds, retryOf } from './due-posts.js';
import { detailOf, storedReason } from './failure-reason.js';
import { Heartbeat, LEASE_MS, releaseUnsent, SendMarks, settleExpiredLeases } from './leases.js';
import { OutcomeRecorder, type Settlement } from './outcomes.js';
import { failedNotice, publishedNotice, unknownNotice } from './publish-notices.js';
import { ReminderPublisher } from './reminder-publisher.js';
import { mediaOf, postOptions, REMINDER } from './scheduler.js';

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
  private readonly refillAt: number;
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
  private readonly marks: SendMarks;
  /** Workspaces of the posts claimed in the current tick. */
  private readonly workspaces = new Map<number, Workspace>();

  constructor(private readonly o: DispatcherOptions) {
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = o.leaseMs ?? LEASE_MS;
    this.concurrency = o.concurrency ?? 8;
    this.batch = o.batch ?? this.concurrency;
    this.refillAt = Math.max(1, Math.ceil(this.concurrency / 2));
    this.graceMs = o.graceMs ?? 10_000;
    this.publishers = o.publishers ?? ((post, ws) => this.defaultPublisher(post, ws));
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    // A full set of waiting outcomes is written at once: claiming waits for room (see drain).
    this.outcomes = new OutcomeRecorder(o.db, o.log, this.concurrency);
    this.marks = new SendMarks(o, this.leaseMs);
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
    this.workspaces.clear();
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

  /**
   * Keeps up to `concurrency` sends going, claiming for free slots, until nothing is due. A send's
   * slot frees when its answer arrives; its outcome is written by group commit meanwhile, and the
   * post stays held (and heartbeated) until then. At most `concurrency` outcomes wait to be written.
   */
  private async drain(report: TickReport): Promise<void> {
    const sending = new Set<Promise<void>>();
    const recording = new Set<Promise<void>>();
    const track = (set: Set<Promise<void>>, work: Promise<void>) => {
      const p = work.catch((err: unknown) => this.o.log.error({ err }, 'dispatcher: a send failed unexpectedly'));
      set.add(p);
      void p.finally(() => set.delete(p));
    };
    let look = true;
    while (!this.stopping) {
      const room = Math.min(this.concurrency - sending.size, this.concurrency - recording.size);
      // Claims come in handfuls (half the slots, or whatever is free when nothing runs): one
      // statement per post would make the database the bottleneck.
      if (look && room > 0 && (room >= this.refillAt || sending.size === 0)) {
        const want = Math.min(room, this.batch);
        const claimed = await this.claim(want);
        report.claimed += claimed.length;
        for (const post of claimed) {
          // Held from the claim: the heartbeat covers it until its outcome is written.
          this.heartbeat.leased.set(post.id, post.leaseOwner as string);
          track(
            sending,
            this.publishOne(post).then((settlement) => {
              report[settlement.kind]++;
              this.o.telemetry?.publishes.inc({ channel: post.channel, outcome: settlement.kind });
              track(
                recording,
                this.outcomes.record(settlement).then(() => void this.heartbeat.leased.delete(post.id)),
              );
            }),
          );
        }
        // Fewer than asked: nothing else is due until a send ends (then look again).
        look = claimed.length === want;
        if (look) continue;
      }
      if (sending.size === 0 && recording.size === 0) break;
      await Promise.race([...sending, ...recording, this.stopped]);
      look = true;
    }
    // Stopping: the sends in flight may finish (and be written) within the grace period.
    const settled = Promise.allSettled([...sending]).then(() => Promise.allSettled([...recording]));
    await Promise.race([settled, this.graceOver]);
  }

  /** Seconds since the oldest due post should have gone out (0 when none waits): the dispatcher lag. */
  lagSeconds(): Promise<number> {
    return lagSeconds(this.o.db, this.o.clock.now());
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
    const rows = await this.o.db.scheduledPost.findMany({
      where: { id: { in: ids }, leaseOwner: token, status: 'publishing' },
      orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
    });
    // Workspaces are read once per tick (claims come every few posts; their settings rarely change).
    const missing = [...new Set(rows.map((r) => r.workspaceId))].filter((id) => !this.workspaces.has(id));
    if (missing.length > 0) {
      for (const ws of await this.o.db.workspace.findMany({ where: { id: { in: missing } } }))
        this.workspaces.set(ws.id, ws);
    }
    return rows.flatMap((r) => {
      const workspace = this.workspaces.get(r.workspaceId);
      return workspace ? [{ ...r, workspace }] : [];
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
      if (!(await this.marks.mark(post.id, token))) {
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
          ...postOptions(post),
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
      if (!sent && e.outcome === 'unknown') {
        const known = PublishError.retry(e.message);
        known.reason = e.reason;
        e = known;
      }
      log.warn({ post: post.id, channel: post.channel, outcome: e.outcome, err: e.message }, 'publish failed');
      const now = clock.now();
      const done = { ...release, lastError: storedReason(e) };
      if (e.outcome === 'unknown') {
        return {
          kind: 'unknown',
          where: mine,
          data: { ...done, status: 'unknown', notifiedAt: now },
          after: () => this.notify(post.workspace, unknownNotice(post, storedReason(e), locale)),
        };
      }
      const retry = retryOf(e, post, now);
      if (retry) {
        const next = new Date(now.getTime() + retry.waitMs);
        const again = { ...done, status: 'pending', sentAt: null, nextAttemptAt: next };
        const data = retry.free ? { ...again, attempts: { decrement: 1 } } : again;
        return { kind: 'retried', where: mine, data };
      }
      const integration = target?.integration;
      return {
        kind: 'failed',
        where: mine,
        data: { ...done, status: 'failed', notifiedAt: now },
        after: async () => {
          if (e.reauth && integration) await this.o.integrations.markReauth(integration, e);
          await this.notify(post.workspace, failedNotice(post, e, locale));
        },
      };
    }
  }

  /** Posts still waiting more than five minutes after their time, announced once each. */
  watchdog(): Promise<number> {
    return announceOverdue(this.o.db, this.o.clock.now(), (ws, r) => this.notify(ws, r));
  }

  /** The post's recorded account, or (posts scheduled before accounts were recorded) the latest one. */
  private async defaultPublisher(post: ScheduledPost, workspace: Workspace): Promise<PublisherTarget> {
    if (post.channel === REMINDER) return { publisher: new ReminderPublisher(this.o.notifier, workspace) };
    const provider = post.channel;
    if (!isProvider(provider)) {
      throw PublishError.fatal(`unknown channel ${provider}`).because('unknownChannel', { channel: provider });
    }
    const integration = await this.o.integrations.find(workspace.id, provider, post.accountId);
    if (!integration && post.accountId) {
      throw PublishError.fatal(`account ${post.accountId} is no longer connected`).because('accountGone', {
        provider,
        account: post.accountId,
      });
    }
    if (!integration) throw PublishError.fatal(`${provider} is not connected`).because('notConnected', { provider });
    if (integration.status === 'reauth') {
      const said = detailOf(integration.statusMessage); // the network's words, if it said any
      throw PublishError.fatal(`${provider} needs reconnecting`).because('needsReconnect', { provider }, said);
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
