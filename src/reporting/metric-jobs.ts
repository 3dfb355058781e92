/**
 * Large metrics pushes (POST /webhooks/metrics with more than LARGE_PUSH_ROWS rows) are stored in
 * the background (docs/reports.md, "Large pushes"): the sender gets 202 with a job id as soon as every
 * row passed validation, and reads the outcome at GET /webhooks/metrics/jobs/ID.
 *
 * A job stores its rows a slice at a time, each slice in its own short transaction with a pause as
 * long as the slice between slices, so SQLite's write lock and the event loop are free half of the
 * time: comment webhooks, Slack acks and commands get in while a year of rows is stored. The price is that
 * a job is not all or nothing: if it stops part-way (the database stayed busy, the bot stopped), the
 * slices already stored stay, the job says how many, and sending the same push again completes it
 * (storing replaces by date, channel and campaign, so nothing is counted twice).
 *
 * Jobs run one at a time, in the order they arrived. Their state lives in this process's memory:
 * with several replicas, GET must reach the replica that accepted the push, and a restart forgets
 * the jobs (docs/reports.md says so).
 */
import { randomUUID } from 'node:crypto';
import type { Workspace } from '@prisma/client';
import { defineMessages, iso, type Locale } from '../core/i18n.js';
import type { Notifier } from '../core/notifier.js';
import { reply, text } from '../core/reply.js';
import { isDatabaseBusy } from '../db/busy.js';
import type { Logger } from '../log.js';
import type { MetricRow, MetricsService } from './metrics.js';

/** Pushes with more rows than this are stored in the background. */
export const LARGE_PUSH_ROWS = 1000;
/** Rows per transaction in a background job (tens of milliseconds of the event loop each). */
const SLICE_ROWS = 100;
/**
 * After each slice the job waits at least as long as the slice took (and this long at least), so it
 * uses at most about half of the event loop and of SQLite's write lock: a comment push or a Slack
 * command needs a dozen queries, each on its own turn of the loop, and would otherwise wait a slice
 * per query. Another process waiting for the lock (SQLite polls) finds it free half of the time.
 */
const MIN_PAUSE_MS = 10;
/** Jobs waiting their turn at most; more are refused with 503 until the queue drains. */
const MAX_WAITING = 5;
/** Finished jobs are kept this long for GET, and at most MAX_KEPT of them. */
const KEEP_MS = 24 * 60 * 60_000;
const MAX_KEPT = 100;
/** Waits before trying a slice again while SQLite is busy (about half a minute in all). */
export const BUSY_RETRY_MS: readonly number[] = [1000, 2000, 4000, 8000, 15_000];

const m = defineMessages(
  'metric-jobs',
  {
    failedTitle: 'A metrics push was not fully stored',
    failed: (p: { rows: number; stored: number; reason: string; job: string }) =>
      `A push of ${p.rows} metric rows stopped after ${p.stored} were stored: ${p.reason}. Send the same push again to store the rest (rows already stored are replaced, not counted twice). Job ${p.job}.`,
    busy: 'the database stayed busy (another program, such as mktbot import-metrics, was writing to it)',
    stopped: 'the bot stopped before it finished',
    internal: 'an internal error (see the bot log)',
  },
  {
    failedTitle: 'لم تُحفظ دفعة المقاييس كاملة',
    failed: (p) =>
      `توقفت دفعة من ${iso(p.rows)} صف مقاييس بعد حفظ ${iso(p.stored)} منها: ${p.reason}. أرسل الدفعة نفسها مرة أخرى لحفظ الباقي (الصفوف المحفوظة تُستبدل ولا تُحسب مرتين). المهمة ${iso(p.job)}.`,
    busy: 'بقيت قاعدة البيانات مشغولة (برنامج آخر مثل mktbot import-metrics كان يكتب فيها)',
    stopped: 'توقف البوت قبل أن ينتهي',
    internal: 'خطأ داخلي (راجع سجل البوت)',
  },
);

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What GET /webhooks/metrics/jobs/ID answers. */
export interface JobView {
  job: string;
  status: JobStatus;
  rows: number;
  stored: number;
  inserted: number;
  replaced: number;
  from?: string;
  to?: string;
  channels?: string[];
  error?: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

interface Job {
  id: string;
  workspace: Workspace;
  rows: MetricRow[];
  total: number;
  status: JobStatus;
  stored: number;
  inserted: number;
  replaced: number;
  from?: string;
  to?: string;
  channels: string[];
  error?: string;
  queuedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  finished: Promise<void>;
  finish: () => void;
}

type FailureReason = 'busy' | 'stopped' | 'internal';

export interface MetricsPushJobsOptions {
  metrics: Pick<MetricsService, 'store'>;
  notifier: Notifier;
  log: Logger;
  /** Waits between tries of a slice while the database is busy (tests shorten them). */
  retryDelaysMs?: readonly number[];
  sliceRows?: number;
}

const keyOf = (r: MetricRow) => `${r.date}\u0000${r.channel}\u0000${r.campaign}`;

export class MetricsPushJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly o: MetricsPushJobsOptions) {}

  /** Queues validated rows; undefined when MAX_WAITING jobs already wait or the bot is stopping. */
  submit(workspace: Workspace, rows: MetricRow[]): JobView | undefined {
    if (this.stopping || this.waiting.length >= MAX_WAITING) return undefined;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const dates = rows.map((r) => r.date).sort();
    const job: Job = {
      id: randomUUID(),
      workspace,
      rows,
      total: rows.length,
      status: 'queued',
      stored: 0,
      inserted: 0,
      replaced: 0,
      ...(dates.length > 0 ? { from: dates[0] as string, to: dates[dates.length - 1] as string } : {}),
      channels: [...new Set(rows.map((r) => r.channel))].sort(),
      queuedAt: new Date(),
      finished,
      finish,
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.o.log.info({ job: job.id, workspaceId: workspace.id, rows: rows.length }, 'metrics push queued');
    const accepted = view(job);
    this.running ??= this.drain();
    return accepted;
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job && view(job);
  }

  /** Resolves once every job of the workspace accepted so far has finished (pushes are stored in order). */
  async settled(workspaceId: number): Promise<void> {
    const pending = [...this.jobs.values()].filter((j) => j.workspace.id === workspaceId && !j.finishedAt);
    await Promise.all(pending.map((j) => j.finished));
  }

  /** Stops after the slice being stored; what is left is reported as failed. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) await this.run(job);
    this.running = undefined;
  }

  private async run(job: Job): Promise<void> {
    const started = Date.now();
    job.status = 'running';
    job.startedAt = new Date();
    const slice = this.o.sliceRows ?? SLICE_ROWS;
    // In key order, so each slice's transaction reads a short range of dates.
    const rows = [...job.rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    try {
      let pause = 0;
      for (let i = 0; i < rows.length; i += slice) {
        // Requests that arrived during the last slice (Slack acks, comment webhooks) go first.
        await new Promise<void>((resolve) => setTimeout(resolve, pause));
        if (this.stopping) throw new StoppedError();
        const part = rows.slice(i, i + slice);
        const sliceStarted = performance.now();
        const r = await this.storeSlice(job, part);
        pause = Math.max(MIN_PAUSE_MS, performance.now() - sliceStarted);
        job.stored += part.length;
        job.inserted += r.inserted;
        job.replaced += r.replaced;
      }
      job.status = 'done';
      const { id, stored, inserted, replaced } = job;
      this.o.log.info(
        { job: id, workspaceId: job.workspace.id, rows: stored, inserted, replaced, ms: Date.now() - started },
        'metrics push stored',
      );
    } catch (err) {
      await this.fail(job, err);
    } finally {
      job.rows = [];
      job.finishedAt = new Date();
      job.finish();
      this.prune();
    }
  }

  /** One slice in one transaction; tried again while SQLite is busy (another process writing). */
  private async storeSlice(job: Job, part: MetricRow[]) {
    const delays = this.o.retryDelaysMs ?? BUSY_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.o.metrics.store(job.workspace, part, 'push');
      } catch (err) {
        const delay = delays[attempt];
        if (!isDatabaseBusy(err) || delay === undefined || this.stopping) throw err;
        this.o.log.warn({ job: job.id, stored: job.stored, retryInMs: delay }, 'metrics push: the database is busy');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        if (this.stopping) throw new StoppedError();
      }
    }
  }

  private async fail(job: Job, err: unknown): Promise<void> {
    const reason: FailureReason = err instanceof StoppedError ? 'stopped' : isDatabaseBusy(err) ? 'busy' : 'internal';
    job.status = 'failed';
    job.error = failure(job, reason, 'en');
    const fields = { job: job.id, workspaceId: job.workspace.id, rows: job.total, stored: job.stored, reason };
    if (reason === 'internal') this.o.log.error({ ...fields, err }, 'metrics push failed');
    else this.o.log.warn(fields, 'metrics push failed');
    const locale: Locale = job.workspace.locale === 'ar' ? 'ar' : 'en';
    const notice = reply(m[locale].failedTitle, [text(failure(job, reason, locale))], {
      tone: 'error',
      rtl: locale === 'ar',
    });
    try {
      await this.o.notifier.post(job.workspace, 'team', notice);
    } catch (e) {
      this.o.log.warn({ job: job.id, err: (e as Error).message }, 'metrics push: failure notice not posted');
    }
  }

  /** Forgets finished jobs after KEEP_MS, and the oldest beyond MAX_KEPT. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt);
    const cutoff = Date.now() - KEEP_MS;
    for (const [i, j] of finished.entries()) {
      if ((j.finishedAt as Date).getTime() < cutoff || finished.length - i > MAX_KEPT) this.jobs.delete(j.id);
    }
  }
}

class StoppedError extends Error {
  override readonly name = 'StoppedError';
}

function failure(job: Job, reason: FailureReason, locale: Locale): string {
  const t = m[locale];
  return t.failed({ rows: job.total, stored: job.stored, reason: t[reason], job: job.id });
}

function view(j: Job): JobView {
  return {
    job: j.id,
    status: j.status,
    rows: j.total,
    stored: j.stored,
    inserted: j.inserted,
    replaced: j.replaced,
    ...(j.status === 'done' ? { from: j.from, to: j.to, channels: j.channels } : {}),
    ...(j.error ? { error: j.error } : {}),
    queuedAt: j.queuedAt.toISOString(),
    ...(j.startedAt ? { startedAt: j.startedAt.toISOString() } : {}),
    ...(j.finishedAt ? { finishedAt: j.finishedAt.toISOString() } : {}),
  };
}
