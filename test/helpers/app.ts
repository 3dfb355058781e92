import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Workspace } from '@prisma/client';
import { loadConfig } from '../../src/config.js';
import type { Identity } from '../../src/core/context.js';
import type { Locale } from '../../src/core/i18n.js';
import { type ChannelRole, channelFor, type Notifier, type PostedMessage } from '../../src/core/notifier.js';
import type { Reply } from '../../src/core/reply.js';
import type { Clock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/log.js';
import { type App, type AppOptions, createApp } from '../../src/main.js';
import { createTestDatabase, usePostgres } from './pg.js';

export interface Notice {
  workspaceId: number;
  to: ChannelRole;
  /** The channel the notice was meant for (the workspace's for `to`), when one is set. */
  channel?: string | undefined;
  reply: Reply;
}

/** Records what jobs post to the team's channels; with `forward` set, also posts it there (a platform's notifier). */
export class RecordingNotifier implements Notifier {
  readonly notices: Notice[] = [];
  forward?: Notifier;

  /**
   * What was posted besides weekly digests. An app that listens runs its jobs on the real clock, and
   * the digest job ticks every 5 minutes: to a test clock that stands on a Thursday, Monday's digest is
   * due (late), so a test that spans a 5-minute mark gets one. Tests about other notices count these.
   */
  besidesDigests(): Notice[] {
    return this.notices.filter((n) => n.to !== 'digest');
  }

  async post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    this.notices.push({ workspaceId: workspace.id, to, channel: channelFor(workspace, to), reply });
    if (this.forward) return this.forward.post(workspace, to, reply);
    return { messageId: String(this.notices.length), channel: to };
  }
}

/** A clock tests can set and move. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-26T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp extends App {
  dir: string;
  /** What jobs posted to the team's channels. */
  recorder: RecordingNotifier;
  clock: TestClock;
  /** Runs one line as the given person (the console admin by default). */
  say(line: string, who?: Identity): Promise<Reply>;
  cleanup(): Promise<void>;
}

export function identity(
  over: Partial<{
    workspace: string;
    user: string;
    name: string;
    admin: boolean;
    platform: Identity['platform'];
    locale: Locale;
  }> = {},
): Identity {
  return {
    platform: over.platform ?? 'slack',
    workspace: { externalId: over.workspace ?? 'T1', name: 'Test' },
    user: { externalId: over.user ?? 'U1', name: over.name ?? 'Test User', platformAdmin: over.admin ?? true },
    ...(over.locale ? { locale: over.locale } : {}),
    channel: 'C1',
  };
}

/**
 * A fresh database for one test: a SQLite file in `dir`, or with TEST_DATABASE=postgres (npm run
 * test:pg) a PostgreSQL database of its own. `drop` removes it.
 */
export async function testDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (usePostgres) return createTestDatabase();
  return { url: `file:${path.join(dir, 'test.db')}`, drop: async () => {} };
}

/** A full app on a fresh database (SQLite file in a temporary folder, or PostgreSQL: see testDatabase). */
export async function createTestApp(
  env: Record<string, string> = {},
  options: Pick<AppOptions, 'llm'> & { log?: AppOptions['log'] } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mktbot-test-'));
  const database = await testDatabase(dir);
  // On PostgreSQL the key file would go to ./data (there is no SQLite folder to put it next to):
  // give each app its own key instead, as a deployment with several replicas must.
  // Attached files likewise: in the app's own folder, never ./data/media of the checkout.
  const key = usePostgres
    ? { ENCRYPTION_KEY: randomBytes(32).toString('hex'), MEDIA_DIR: path.join(dir, 'media') }
    : {};
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...key, ...env });
  const notifier = new RecordingNotifier();
  const clock = new TestClock();
  const app = await createApp({ config, notifier, clock, ...options, log: options.log ?? createLogger('silent') });
  return {
    ...app,
    dir,
    recorder: notifier,
    clock,
    say: (line, who = identity()) => app.router.handleText(line, who),
    async cleanup() {
      await app.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every text a reply shows, flattened, for assertions. */
export function textOf(r: Reply): string {
  const parts: string[] = [];
  if (r.title) parts.push(r.title);
  for (const b of r.blocks) {
    if (b.kind === 'text' || b.kind === 'context') parts.push(b.text);
    if (b.kind === 'fields') for (const f of b.fields) parts.push(`${f.label}: ${f.value}`);
    if (b.kind === 'list') parts.push(...b.items);
    if (b.kind === 'table') parts.push(b.columns.join(' | '), ...b.rows.map((row) => row.join(' | ')));
    if (b.kind === 'actions') parts.push(...b.actions.map((a) => `[${a.label}]`));
  }
  return parts.join('\n');
}

/**
 * An app that listens runs its own dispatcher every second on the real clock: once a test advances
 * the clock, either dispatcher may claim a due post, and the test's own tick then finds it held. Wait
 * until every post with exactly this text has settled (neither waiting nor being sent).
 */
export async function settledPosts(app: Pick<App, 'services'>, content: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const posts = await app.services.db.scheduledPost.findMany({ where: { content } });
    if (posts.length > 0 && posts.every((p) => p.status !== 'pending' && p.status !== 'publishing')) return posts;
    if (Date.now() > until) throw new Error(`posts with "${content}" did not settle: ${posts.map((p) => p.status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
