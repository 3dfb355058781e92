/**
 * "At most one replica does X" (the Discord gateway connection): a leader lock.
 * On PostgreSQL the leader holds a session advisory lock on a connection of its own. When the
 * leader dies (crash, SIGKILL, lost network), the server ends its session and frees the lock, and
 * the next replica that tries takes over. The holder checks its connection every `checkMs`; when
 * that fails it stops leading at once (onLose), then competes again. On SQLite there is one
 * process by design, so it leads as soon as it starts.
 */
import type pg from 'pg';
import type { Logger } from '../log.js';
import { type DatabaseKind, pgConfig } from './client.js';

export interface LeaderOptions {
  /** What is led, e.g. "discord-gateway": replicas compete per name. */
  name: string;
  /** Becoming leader; should start the work (connect the gateway). */
  onAcquire(): void | Promise<void>;
  /** Leadership lost or given up; must stop the work (disconnect). */
  onLose(): void | Promise<void>;
  log: Logger;
  /** How often a follower tries to take over and a leader checks its connection. */
  checkMs?: number;
}

export interface LeaderLock {
  readonly isLeader: boolean;
  start(): Promise<void>;
  /** Stops leading (onLose) and frees the lock at once, so another replica takes over quickly. */
  stop(): Promise<void>;
}

export function createLeaderLock(db: { kind: DatabaseKind; url: string }, o: LeaderOptions): LeaderLock {
  return db.kind === 'postgres' ? new PostgresLeaderLock(db.url, o) : new SingleProcessLeader(o);
}

class SingleProcessLeader implements LeaderLock {
  isLeader = false;
  constructor(private readonly o: LeaderOptions) {}
  async start(): Promise<void> {
    if (this.isLeader) return;
    this.isLeader = true;
    await this.o.onAcquire();
  }
  async stop(): Promise<void> {
    if (!this.isLeader) return;
    this.isLeader = false;
    await this.o.onLose();
  }
}

/** The advisory lock key for a name: 64-bit, so unrelated names do not collide in practice. */
const LOCK_KEY = "hashtextextended('mktbot:leader:' || $1, 0)";

class PostgresLeaderLock implements LeaderLock {
  isLeader = false;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** One check at a time; stop() waits for the one in flight. */
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly o: LeaderOptions,
  ) {}

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.checking;
    await this.lose();
    const client = this.client;
    this.client = undefined;
    // Ending the session frees the advisory lock even if the unlock below fails.
    if (client) {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [this.o.name]).catch(() => {});
      await client.end().catch(() => {});
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule());
    }, this.o.checkMs ?? 2000);
    this.timer.unref();
  }

  private check(): Promise<void> {
    this.checking = this.checking.then(() => this.checkOnce());
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.connection();
      if (this.isLeader) {
        // Still our session, so still our lock.
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ won: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS won`, [
        this.o.name,
      ]);
      if (rows[0]?.won && !this.stopped) {
        this.isLeader = true;
        this.o.log.info({ lock: this.o.name }, 'became leader');
        await this.o.onAcquire();
      }
    } catch (err) {
      this.o.log.warn({ err, lock: this.o.name }, 'leader lock connection failed');
      await this.dropConnection();
      await this.lose();
    }
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const { default: pgModule } = await import('pg');
    const client = new pgModule.Client({
      ...pgConfig(this.url),
      // A dead peer is noticed by TCP keepalive even when no query is running.
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      statement_timeout: 5000,
    });
    // A broken connection means the server may already have freed the lock: stop leading now.
    client.on('error', (err) => {
      this.o.log.warn({ err, lock: this.o.name }, 'leader lock connection lost');
      if (this.client === client) this.client = undefined;
      void this.lose();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async dropConnection(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async lose(): Promise<void> {
    if (!this.isLeader) return;
    this.isLeader = false;
    this.o.log.info({ lock: this.o.name }, 'leadership lost');
    await this.o.onLose();
  }
}
