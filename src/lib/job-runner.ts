/**
 * Periodic jobs on node-cron. A job never overlaps itself (a slow run makes the next tick skip),
 * a failure is logged and the next tick tries again, and stop() asks each job to wrap up (its
 * `stop`) and waits for runs in flight. The state a job works on lives in the database, so a
 * restart loses nothing.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { LeaderLock } from '../db/leader.js';
import type { Logger } from '../log.js';

export interface JobSpec {
  name: string;
  /** node-cron expression; six fields allow seconds, e.g. every 5 s: star-slash-5 then five stars. */
  schedule: string;
  run(): Promise<void>;
  /**
   * Runs on one replica only: the one holding the runner's leader lock (work that calls a network
   * once per team, or generates rows). Without a lock (tests, one process) it always runs.
   */
  leaderOnly?: boolean;
  /**
   * Asks a run in flight to end soon (on shutdown); without it stop() waits for the run to finish
   * by itself. Runs that start afterwards should return at once.
   */
  stop?(): Promise<void> | void;
}

export class JobRunner {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private readonly specs: JobSpec[] = [];
  private readonly stopHooks: Array<() => Promise<void>> = [];
  private started = false;
  /** Competed for at the first leader-only run, so a one-off CLI command never takes the lock. */
  private competing: Promise<void> | undefined;

  /**
   * `leader`: one lock for every leader-only job of this process (one database connection on
   * PostgreSQL, however many such jobs the features add).
   */
  constructor(
    private readonly log: Logger,
    private readonly leader?: LeaderLock,
  ) {}

  add(spec: JobSpec): void {
    if (!cron.validate(spec.schedule)) throw new Error(`job ${spec.name}: invalid schedule "${spec.schedule}"`);
    this.specs.push(spec);
    if (this.started) this.schedule(spec);
  }

  list(): readonly JobSpec[] {
    return this.specs;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const spec of this.specs) this.schedule(spec);
  }

  /** Runs a job now (start-up catch-up, tests); joins a run already in flight. */
  runNow(name: string): Promise<void> {
    const spec = this.specs.find((s) => s.name === name);
    if (!spec) throw new Error(`no job named ${name}`);
    return this.tick(spec);
  }

  /** Work a feature runs outside the schedule (a background import) and winds down on stop(). */
  onStop(hook: () => Promise<void>): void {
    this.stopHooks.push(hook);
  }

  async stop(): Promise<void> {
    this.started = false;
    // Asked first, synchronously: a run in flight takes no new work from this moment.
    const stopping = this.specs.map(async (spec) => {
      try {
        await spec.stop?.();
      } catch (err) {
        this.log.error({ err, job: spec.name }, 'job did not stop cleanly');
      }
    });
    for (const t of this.tasks.splice(0)) await t.stop();
    await Promise.allSettled([...stopping, ...this.running.values(), ...this.stopHooks.map((h) => h())]);
    if (this.competing) await this.leader?.stop();
  }

  /** Whether a leader-only job may run here now. */
  private async leads(): Promise<boolean> {
    if (!this.leader) return true;
    this.competing ??= this.leader.start();
    await this.competing;
    return this.leader.isLeader;
  }

  private schedule(spec: JobSpec): void {
    this.tasks.push(
      cron.schedule(spec.schedule, () => void this.tick(spec), {
        name: spec.name,
        timezone: 'Etc/UTC',
        logger: cronLogger(this.log, spec.name),
      }),
    );
  }

  private tick(spec: JobSpec): Promise<void> {
    const inFlight = this.running.get(spec.name);
    if (inFlight) return inFlight;
    // A job for every replica starts at once (stop() may be asked while it is in flight).
    const started = spec.leaderOnly ? this.leads().then((mine) => (mine ? spec.run() : undefined)) : spec.run();
    const run = started
      .catch((err: unknown) => this.log.error({ err, job: spec.name }, 'job failed'))
      .finally(() => this.running.delete(spec.name));
    this.running.set(spec.name, run);
    return run;
  }
}

/**
 * node-cron's own messages ("missed execution ... blocking IO") go to our log, never to stdout:
 * in console mode stdout is the user's conversation, and a busy second is not theirs to read.
 */
export function cronLogger(log: Logger, job: string): CronLogger {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m) => log.debug({ job }, m),
    debug: (m) => log.debug({ job }, text(m)),
    warn: (m) => log.warn({ job }, m),
    error: (m, err) => log.error({ job, err: err ?? (m instanceof Error ? m : undefined) }, text(m)),
  };
}
