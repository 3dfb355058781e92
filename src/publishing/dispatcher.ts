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
 */
import { hostname } from 'node:os';
import type { Integration, Prisma, ScheduledPost, Workspace } from '@prisma/client';
import { PublishError, type Publisher, type PublishIo, type PublishResult } from '../../integrations/publisher.js';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import type { Notifier } from '../core/notifier.js';
import { actions, context, fields, type Reply, reply, text } from '../core/reply.js';
import { type Condition, claim, kindOf } from '../db/claim.js';
import type { DatabaseKind, Db } from '../db/client.js';
import type { AppMetrics } from '../http/metrics.js';
import type { Clock } from '../lib/clock.js';
import { formatLocal, formatUtc } from '../lib/when.js';
import type { Logger } from '../log.js';
import { type IntegrationService, isProvider } from '../workspace/integrations.js';
import { mediaOf } from './scheduler.js';

export const m = defineMessages(
  'dispatcher',
  {
    publishedTitle: (p: { channel: string }) => `Published on ${p.channel}`,
    publishedBody: (p: { id: number; preview: string }) => `Post #${p.id}: ${p.preview}`,
    scheduledThere: (p: { channel: string; time: string }) => `${p.channel} holds it and releases it at ${p.time}.`,
    late: (p: { minutes: number }) =>
      `It went out ${p.minutes} minutes late (the bot was not running at the due time).`,
    link: 'Link',
    noLink: 'The service did not return a link; check the account.',
    reminderTitle: (p: { id: number }) => `Reminder: time to post #${p.id}`,
    reminderHow: 'Publish this by hand now. Nothing was posted automatically.',
    title: 'Title',
    media: 'Media',
    failedTitle: (p: { id: number; channel: string }) => `Post #${p.id} to ${p.channel} failed`,
    failedWhat: 'Nothing was published. Fix the cause, then schedule it again (/schedule show shows the post).',
    reauthTitle: (p: { provider: string }) => `The ${p.provider} connection needs to be renewed`,
    reauthWhat: (p: { provider: string }) =>
      `The token was refused. An admin should run /connect ${p.provider} with a fresh token; posts to ${p.provider} fail until then.`,
    reason: 'Reason',
    notConnected: (p: { provider: string }) =>
      `${p.provider} is not connected. An admin can run /connect ${p.provider}.`,
    unknownTitle: (p: { id: number; channel: string }) => `Post #${p.id} to ${p.channel}: outcome unknown`,
    unknownWhat:
      'We could not confirm whether it was published, so it will NOT be sent again automatically. Check the account, then press one of the buttons (or /schedule resolve).',
    markPublished: 'It is published',
    publishAgain: 'It is not: publish again',
    overdueTitle: (p: { id: number; channel: string }) => `Post #${p.id} to ${p.channel} is overdue`,
    overdueDue: (p: { local: string; utc: string }) => `It was due at ${p.local} (${p.utc}) and has not gone out.`,
    overdueApproval: 'It is still waiting for a manager to approve it.',
    overdueRetrying: (p: { error: string; next: string }) =>
      `The last attempt failed (${p.error}); next attempt at ${p.next}.`,
    overdueStuck: 'The dispatcher has not picked it up: check that the bot is running (npm start) and its logs.',
  },
  {
    publishedTitle: (p) => `نُشر على ${iso(p.channel)}`,
    publishedBody: (p) => `المنشور #${iso(p.id)}: ${p.preview}`,
    scheduledThere: (p) => `تحتفظ به ${iso(p.channel)} وتنشره في ${iso(p.time)}.`,
    late: (p) => `نُشر متأخرًا ${iso(p.minutes)} دقيقة (لم يكن البوت يعمل في الموعد).`,
    link: 'الرابط',
    noLink: 'لم تُرجع الخدمة رابطًا؛ تحقّق من الحساب.',
    reminderTitle: (p) => `تذكير: حان وقت نشر #${iso(p.id)}`,
    reminderHow: 'انشر هذا يدويًا الآن. لم يُنشر شيء تلقائيًا.',
    title: 'العنوان',
    media: 'الوسائط',
    failedTitle: (p) => `فشل نشر المنشور #${iso(p.id)} على ${iso(p.channel)}`,
    failedWhat: 'لم يُنشر شيء. أصلح السبب ثم جدوله من جديد (يعرض /schedule show المنشور).',
    reauthTitle: (p) => `يجب تجديد الاتصال بـ ${iso(p.provider)}`,
    reauthWhat: (p) =>
      `رُفض الرمز. على المسؤول تشغيل /connect ${iso(p.provider)} برمز جديد؛ ستفشل المنشورات على ${iso(p.provider)} حتى ذلك الحين.`,
    reason: 'السبب',
    notConnected: (p) => `${iso(p.provider)} غير متصل. يستطيع المسؤول تشغيل /connect ${iso(p.provider)}.`,
    unknownTitle: (p) => `المنشور #${iso(p.id)} على ${iso(p.channel)}: النتيجة غير معروفة`,
    unknownWhat:
      'لم نتمكن من التأكد من نشره، لذلك لن يُرسل مرة أخرى تلقائيًا. تحقّق من الحساب ثم اضغط أحد الزرين (أو /schedule resolve).',
    markPublished: 'نُشر بالفعل',
    publishAgain: 'لم يُنشر: أعد النشر',
    overdueTitle: (p) => `المنشور #${iso(p.id)} على ${iso(p.channel)} متأخر`,
    overdueDue: (p) => `كان موعده ${iso(p.local)} (${iso(p.utc)}) ولم يُنشر بعد.`,
    overdueApproval: 'ما زال ينتظر موافقة مدير.',
    overdueRetrying: (p) => `فشلت المحاولة الأخيرة (${iso(p.error)})؛ المحاولة التالية في ${iso(p.next)}.`,
    overdueStuck: 'لم يلتقطه المُرسِل: تأكد من أن البوت يعمل (npm start) وراجع سجلاته.',
  },
);

/** Mailchimp and YouTube hold the schedule themselves, so they are handed over this early. */
export const HANDOVER_LEAD_MS = 30 * 60_000;
const EARLY_CHANNELS = ['mailchimp', 'youtube'];
export const OVERDUE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;

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

/** Due and pending, not backing off; Mailchimp and YouTube from HANDOVER_LEAD_MS early. */
function dueConditions(now: Date): Condition<'ScheduledPost'>[] {
  return [
    { column: 'status', op: '=', value: 'pending' },
    {
      anyOf: [
        { column: 'publishAt', op: '<=', value: now },
        {
          allOf: [
            { column: 'channel', op: 'in', value: EARLY_CHANNELS },
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

/** Exponential from 30 s, capped at 30 min; Retry-After wins when it asks for longer. */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  const exp = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
  return Math.max(exp, retryAfterMs ?? 0);
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
      where: this.due(this.o.clock.now()),
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
      where: { ...this.due(now), id: { in: ids } },
      data: {
        status: 'publishing',
        leaseOwner: token,
        leaseExpiresAt: new Date(now.getTime() + this.leaseMs),
        attempts: { increment: 1 },
      },
    });
    return this.claimed(ids, token);
  }

  /** The same rule as dueConditions, for Prisma queries. */
  private due(now: Date) {
    return {
      status: 'pending',
      OR: [
        { publishAt: { lte: now } },
        { channel: { in: EARLY_CHANNELS }, publishAt: { lte: new Date(now.getTime() + HANDOVER_LEAD_MS) } },
      ],
      AND: [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }],
    };
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
          if (post.channel !== 'reminder') await this.notify(post.workspace, this.publishedNotice(post, result, now));
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
          after: () => this.notify(post.workspace, this.unknownNotice(post, e.message, locale)),
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
          await this.notify(post.workspace, this.failedNotice(post, e, locale));
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
        this.unknownNotice(
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
      await this.notify(post.workspace, this.overdueNotice(post));
    }
    return n;
  }

  private async defaultPublisher(post: ScheduledPost, workspace: Workspace): Promise<PublisherTarget> {
    if (post.channel === 'reminder') return { publisher: new ReminderPublisher(this.o.notifier, workspace) };
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

  private publishedNotice(post: ScheduledPost & { workspace: Workspace }, r: PublishResult, now: Date): Reply {
    const ws = post.workspace;
    const t = m[ws.locale as Locale] ?? m.en;
    const blocks = [text(t.publishedBody({ id: post.id, preview: preview(post.content || post.title || '') }))];
    blocks.push(r.url ? fields([{ label: t.link, value: r.url }]) : context(t.noLink));
    if (post.publishAt.getTime() > now.getTime() + 60_000) {
      blocks.push(
        context(
          t.scheduledThere({
            channel: post.channel,
            time: `${formatLocal(post.publishAt, ws.timezone)} (${ws.timezone})`,
          }),
        ),
      );
    }
    const lateMin = Math.floor((now.getTime() - post.publishAt.getTime()) / 60_000);
    if (lateMin >= 5) blocks.push(context(t.late({ minutes: lateMin })));
    return reply(t.publishedTitle({ channel: post.channel }), blocks, { tone: 'success', rtl: ws.locale === 'ar' });
  }

  private failedNotice(post: ScheduledPost & { workspace: Workspace }, e: PublishError, locale: Locale): Reply {
    const t = m[locale] ?? m.en;
    if (e.reauth) {
      return reply(
        t.reauthTitle({ provider: post.channel }),
        [
          text(t.reauthWhat({ provider: post.channel })),
          fields([{ label: t.reason, value: e.message }]),
          context(t.failedWhat),
        ],
        { tone: 'error', rtl: locale === 'ar' },
      );
    }
    return reply(
      t.failedTitle({ id: post.id, channel: post.channel }),
      [fields([{ label: t.reason, value: e.message }]), text(t.failedWhat)],
      { tone: 'error', rtl: locale === 'ar' },
    );
  }

  private unknownNotice(post: ScheduledPost, reason: string, locale: Locale, extra?: string): Reply {
    const t = m[locale] ?? m.en;
    return reply(
      t.unknownTitle({ id: post.id, channel: post.channel }),
      [
        text(preview(post.content || post.title || '')),
        fields([{ label: t.reason, value: reason }]),
        text(t.unknownWhat),
        ...(extra ? [context(extra)] : []),
        actions([
          { id: 'schedule.resolve', label: t.markPublished, payload: `${post.id}:published`, style: 'primary' },
          { id: 'schedule.resolve', label: t.publishAgain, payload: `${post.id}:retry`, style: 'danger' },
        ]),
      ],
      { tone: 'warning', rtl: locale === 'ar' },
    );
  }

  private overdueNotice(post: ScheduledPost & { workspace: Workspace }): Reply {
    const ws = post.workspace;
    const t = m[ws.locale as Locale] ?? m.en;
    const why =
      post.status === 'awaiting_approval'
        ? t.overdueApproval
        : post.nextAttemptAt && post.lastError
          ? t.overdueRetrying({
              error: post.lastError,
              next: `${formatLocal(post.nextAttemptAt, ws.timezone)} (${ws.timezone})`,
            })
          : t.overdueStuck;
    return reply(
      t.overdueTitle({ id: post.id, channel: post.channel }),
      [
        text(
          t.overdueDue({
            local: `${formatLocal(post.publishAt, ws.timezone)} (${ws.timezone})`,
            utc: formatUtc(post.publishAt),
          }),
        ),
        text(why),
      ],
      { tone: 'warning', rtl: ws.locale === 'ar' },
    );
  }
}

/** The `reminder` channel: at the due time, the content goes to the team channel for a person. */
export class ReminderPublisher implements Publisher {
  constructor(
    private readonly notifier: Notifier,
    private readonly workspace: Workspace,
  ) {}

  async publish(post: Parameters<Publisher['publish']>[0]): Promise<PublishResult> {
    const locale = this.workspace.locale as Locale;
    const t = m[locale] ?? m.en;
    const extra = [
      ...(post.title ? [{ label: t.title, value: post.title }] : []),
      ...post.media.map((item) => ({ label: t.media, value: item.url })),
    ];
    const r = reply(
      t.reminderTitle({ id: post.id }),
      [text(post.content), ...(extra.length ? [fields(extra)] : []), context(t.reminderHow)],
      { tone: 'info', rtl: locale === 'ar' },
    );
    let sent: Awaited<ReturnType<Notifier['post']>>;
    try {
      sent = await this.notifier.post(this.workspace, 'team', r);
    } catch (err) {
      // A chat message cannot double-post anything on a social network; retrying is safe.
      throw PublishError.retry(`could not post the reminder: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { externalId: sent.messageId ?? `reminder-${post.id}` };
  }
}

export function preview(s: string, max = 140): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
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
