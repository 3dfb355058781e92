/**
 * Composition: config -> database -> services -> router -> features (routes, jobs) -> adapters, and
 * a graceful shutdown that undoes it in reverse.
 */
import path from 'node:path';
import { commands } from '../commands/index.js';
import { openAiFromConfig } from '../integrations/openai/index.js';
import { OpenAiLlm } from '../integrations/openai/llm.js';
import type { Adapter } from './adapters/adapter.js';
import { ConsoleButtons, ConsoleNotifier, consoleIdentity, runConsole } from './adapters/console/console.js';
import type { Config } from './config.js';
import type { Locale } from './core/i18n.js';
import { type Notifier, PlatformNotifier } from './core/notifier.js';
import { Router } from './core/router.js';
import { type OpenDatabase, openDatabase } from './db/client.js';
import { createLeaderLock } from './db/leader.js';
import { features } from './features.js';
import { createMetrics, PROMETHEUS_CONTENT_TYPE } from './http/metrics.js';
import { Readiness } from './http/readiness.js';
import { HttpServer } from './http/server.js';
import { type Clock, systemClock } from './lib/clock.js';
import { dataDir } from './lib/data-dir.js';
import { JobRunner } from './lib/job-runner.js';
import { type Llm, OfflineLlm } from './lib/llm.js';
import { CommentService } from './listening/comments.js';
import { LlmReplyDrafter, TemplateReplyDrafter } from './listening/reply-drafts.js';
import { OPINION_TIMEOUT_MS, SentimentSecondOpinion } from './listening/second-opinion.js';
import { SentimentClassifier } from './listening/sentiment/index.js';
import { SentimentFeedbackService } from './listening/sentiment-feedback.js';
import type { Logger } from './log.js';
import { AllowList } from './net/address-policy.js';
import { SafeFetch } from './net/safe-fetch.js';
import { PersonaService, personaGenerator } from './planning/personas.js';
import { brainstormGenerator, PlannerService } from './planning/planner.js';
import { BulkImportService } from './publishing/bulk-import.js';
import { CalendarService } from './publishing/calendar/service.js';
import { draftService } from './publishing/drafts/service.js';
import { LocalMediaFetch } from './publishing/media/local-fetch.js';
import { DEFAULT_MEDIA_RETENTION_DAYS, MediaService } from './publishing/media/store.js';
import { PerformanceService } from './publishing/performance/service.js';
import { SeriesService } from './publishing/recurring/series.js';
import { SlotService } from './publishing/recurring/slots.js';
import { SchedulerService } from './publishing/scheduler.js';
import { MetricsService } from './reporting/metrics.js';
import { ReportService } from './reporting/reports.js';
import { SeoService } from './search/audit.js';
import { SeoWatchService } from './search/watch.js';
import type { Services } from './services.js';
import { AuditService } from './workspace/audit.js';
import { BrandService } from './workspace/brand-profiles.js';
import { IntegrationService } from './workspace/integrations.js';
import { OAuthConnectService } from './workspace/oauth/connect.js';
import { Secrets } from './workspace/secrets.js';
import { WorkspaceService } from './workspace/workspaces.js';

export interface App {
  db: OpenDatabase;
  services: Services;
  router: Router;
  http: HttpServer;
  jobs: JobRunner;
  notifier: PlatformNotifier;
  log: Logger;
  /** GET /readyz: adapters add a check that they are connected. */
  readiness: Readiness;
  /** Starts listening on PORT (when set) and the periodic jobs. */
  listen(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Replaces platform routing (tests record notices with it). */
  notifier?: Notifier;
  /** Replaces the model built from OPENAI_* (tests use a short timeout). */
  llm?: Llm;
}

export async function createApp(o: AppOptions): Promise<App> {
  const db = await openDatabase(o.config.DATABASE_URL, { log: o.log });
  if (db.migrated.applied.length > 0) o.log.info({ applied: db.migrated.applied }, 'database migrated');
  if (db.kind === 'postgres' && !o.config.ENCRYPTION_KEY) {
    o.log.warn('ENCRYPTION_KEY is not set: with several replicas each would generate its own key (docs/operations.md)');
  }
  const notifier = new PlatformNotifier();
  const metrics = createMetrics();
  const llm = o.llm ?? openAiFromConfig(o.config, o.log);
  if (llm instanceof OpenAiLlm) llm.meterWith(metrics);
  const offline = new OfflineLlm({ brainstorm: brainstormGenerator, persona: personaGenerator });
  const clock = o.clock ?? systemClock;
  const sentiment = SentimentClassifier.load();
  // Its own client with a short timeout: a review summary must not wait 30 s a comment for a second opinion.
  const opinionLlm =
    llm?.kind === 'openai' ? (o.llm ?? openAiFromConfig(o.config, o.log, OPINION_TIMEOUT_MS)) : undefined;
  if (opinionLlm instanceof OpenAiLlm && opinionLlm !== llm) opinionLlm.meterWith(metrics);
  const secrets = Secrets.load(o.config.ENCRYPTION_KEY, dataDir(o.config.DATABASE_URL));
  const outbound = new SafeFetch({ allow: new AllowList(o.config.OUTBOUND_ALLOW_HOSTS) });
  const audit = new AuditService(db.prisma);
  const media = new MediaService(db.prisma, {
    dir: o.config.MEDIA_DIR ?? path.join(dataDir(o.config.DATABASE_URL), 'media'),
    publicUrl: o.config.PUBLIC_URL,
    retentionDays: o.config.MEDIA_RETENTION_DAYS ?? DEFAULT_MEDIA_RETENTION_DAYS,
    now: () => clock.now(),
  });
  const seo = new SeoService(outbound);
  // Providers read files attached in chat from disk; every other media URL goes through SafeFetch.
  const integrations = new IntegrationService(
    db.prisma,
    secrets,
    o.config,
    clock,
    new LocalMediaFetch(outbound, media),
  );
  const services: Services = {
    db: db.prisma,
    config: o.config,
    clock,
    workspaces: new WorkspaceService(db.prisma),
    audit,
    brand: new BrandService(db.prisma, audit),
    notifier: o.notifier ?? notifier,
    llm,
    planner: new PlannerService(db.prisma, llm, o.log, offline, audit),
    personas: new PersonaService(db.prisma, llm, o.log, offline, audit),
    sentiment,
    comments: new CommentService({
      db: db.prisma,
      clock,
      notifier: o.notifier ?? notifier,
      sentiment,
      log: o.log,
      telemetry: metrics,
      feedback: new SentimentFeedbackService({
        db: db.prisma,
        wordScore: (w) => sentiment.classify(w).score,
      }),
      ...(opinionLlm
        ? { secondOpinion: new SentimentSecondOpinion({ db: db.prisma, llm: opinionLlm, log: o.log }) }
        : {}),
    }),
    replyDrafter: llm ? new LlmReplyDrafter(llm, new TemplateReplyDrafter(), o.log) : new TemplateReplyDrafter(),
    scheduler: new SchedulerService(db.prisma),
    media,
    series: new SeriesService(db.prisma),
    slots: new SlotService(db.prisma),
    bulkImport: new BulkImportService(db.prisma),
    calendar: new CalendarService(db.prisma),
    performance: new PerformanceService(db.prisma),
    integrations,
    oauth: new OAuthConnectService({
      db: db.prisma,
      config: o.config,
      clock,
      integrations,
      notifier: o.notifier ?? notifier,
      audit,
      log: o.log,
      secrets,
    }),
    metrics: new MetricsService(db.prisma),
    reports: new ReportService(db.prisma, db.kind),
    outbound,
    seo,
    seoWatch: new SeoWatchService(db.prisma, seo, clock),
    drafts: draftService(llm, o.log),
    telemetry: metrics,
  };
  const router = new Router(commands, services, o.log);
  const http = new HttpServer(o.log, metrics);
  const readiness = new Readiness();
  readiness.add('database', async () => {
    try {
      await db.ping();
    } catch (err) {
      o.log.warn({ err }, 'readiness: database unreachable');
      return 'unreachable';
    }
    const pending = await db.pending();
    return pending.length > 0 ? `${pending.length} migration(s) not applied` : undefined;
  });
  http.route('GET', '/readyz', () => readiness.response());
  http.route('GET', '/metrics', async () => ({
    status: 200,
    headers: { 'content-type': PROMETHEUS_CONTENT_TYPE },
    body: await metrics.registry.render(),
  }));
  // One leader lock serves every feature's leader-only jobs (JobSpec.leaderOnly).
  const jobs = new JobRunner(
    o.log,
    createLeaderLock(
      { kind: db.kind, url: o.config.DATABASE_URL },
      { name: 'background-jobs', log: o.log, onAcquire: () => {}, onLose: () => {} },
    ),
  );
  for (const f of features) await f.register({ services, router, http, jobs, log: o.log, readiness });

  let listening = false;
  let stopped = false;
  return {
    db,
    services,
    router,
    http,
    jobs,
    notifier,
    log: o.log,
    readiness,
    async listen() {
      jobs.start();
      // Slack over HTTP needs a port even when PORT is unset (docs/architecture.md §6 default).
      const wanted = o.config.PORT ?? (o.config.slack?.mode === 'http' ? 3000 : undefined);
      if (wanted === undefined) return undefined;
      const port = await http.listen(wanted);
      listening = true;
      o.log.info({ port }, 'http server listening');
      if (o.config.WEBHOOK_SECRET || o.config.META_APP_SECRET) warmSoon(sentiment, o.log);
      return port;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await jobs.stop();
      if (listening) await http.close();
      await db.close();
    },
  };
}

/**
 * Comments can now arrive by webhook: the classifier loads right after start, on the next turn of
 * the loop (start-up itself does not wait), not on the first comment, which would wait for it.
 */
function warmSoon(sentiment: SentimentClassifier, log: Logger): void {
  setImmediate(() => {
    const started = performance.now();
    try {
      sentiment.warm();
      log.debug({ ms: Math.round(performance.now() - started) }, 'sentiment model loaded');
    } catch (err) {
      log.error({ err }, 'the sentiment model could not be loaded: comments cannot be classified until it is fixed');
    }
  }).unref();
}

export interface StartOptions {
  config: Config;
  log: Logger;
  /** Force the console even when Slack or Discord is configured. */
  console?: boolean;
  lang?: Locale;
  input?: NodeJS.ReadableStream;
  write?: (text: string) => void;
  /** Console mode's folder for files replies carry (`--out`); EXPORT_DIR when absent. */
  exportDir?: string;
}

/** Builds the platform adapters that the configuration asks for. */
async function platformAdapters(app: App, config: Config): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.slack) {
    // Loaded only when configured: Bolt takes most of a second to import, console mode should not wait.
    const { SlackAdapter } = await import('./adapters/slack/adapter.js');
    adapters.push(
      new SlackAdapter({ config, router: app.router, services: app.services, http: app.http, log: app.log }),
    );
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/adapter.js');
    adapters.push(
      createDiscordAdapter({ config, router: app.router, db: app.services.db, http: app.http, log: app.log }),
    );
  }
  return adapters;
}

/** Runs until the console input ends (console mode) or a signal arrives. */
export async function start(o: StartOptions): Promise<void> {
  const write = o.write ?? ((t: string) => void process.stdout.write(t));
  const app = await createApp({ config: o.config, log: o.log });
  const adapters = o.console ? [] : await platformAdapters(app, o.config);
  const shutdown = onShutdown(o.log, async () => {
    // Jobs first: the dispatcher stops claiming at once, and what it finishes can still be announced.
    await app.jobs.stop();
    for (const a of adapters) await a.stop();
    await app.stop();
  });
  // The console workspace (webhooks that name no workspace, `mktbot demo`) prints its notices on
  // stdout even when Slack or Discord runs, rather than failing to deliver them.
  const buttons = new ConsoleButtons();
  app.notifier.set('console', new ConsoleNotifier(write, buttons));
  try {
    for (const a of adapters) {
      app.notifier.set(a.platform, a.notifier);
      await a.start();
    }
    await app.listen();
    if (adapters.length > 0) {
      await shutdown.signalled;
      return;
    }
    const input = o.input ?? process.stdin;
    await runConsole({
      router: app.router,
      identity: consoleIdentity(o.lang),
      input,
      write,
      interactive: input === process.stdin && process.stdin.isTTY === true,
      buttons,
      exportDir: o.exportDir ?? o.config.EXPORT_DIR,
    });
  } finally {
    await shutdown.stop();
  }
}

/**
 * SIGINT/SIGTERM end the run: `signalled` resolves and the caller stops everything once. A second
 * signal while stopping exits at once.
 */
function onShutdown(log: Logger, stop: () => Promise<void>) {
  let stopping: Promise<void> | undefined;
  let signal: () => void = () => {};
  const signalled = new Promise<void>((resolve) => {
    signal = resolve;
  });
  const onSignal = (name: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    log.info({ signal: name }, 'shutting down');
    signal();
    // In console mode the input loop is still waiting on stdin: stop here, then leave.
    void run().then(() => process.exit(0));
  };
  const run = () => {
    stopping ??= stop().catch((err: unknown) => log.error({ err }, 'shutdown failed'));
    return stopping;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signalled,
    async stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await run();
    },
  };
}
