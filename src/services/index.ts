import type { Config } from '../config.js';
import type { Command } from '../core/command.js';
import type { Db } from '../db/client.js';
import type { AppMetrics } from '../http/metrics.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import type { AuditService } from './audit.js';
import type { Clock } from './clock.js';
import type { CommentService } from './comments.js';
import type { DraftService } from './drafts/service.js';
import type { IntegrationService } from './integrations.js';
import type { Llm } from './llm.js';
import type { MetricsService } from './metrics.js';
import type { Notifier } from './notifier.js';
import type { PersonaService } from './personas.js';
import type { PlannerService } from './planner.js';
import type { ReplyDrafter } from './reply-drafts.js';
import type { ReportService } from './reports.js';
import type { SchedulerService } from './scheduler.js';
import type { SentimentClassifier } from './sentiment/index.js';
import type { SeoService } from './seo/audit.js';
import type { WorkspaceService } from './workspaces.js';

/** Everything a command handler may use, built once in main.ts. */
export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  workspaces: WorkspaceService;
  audit: AuditService;
  notifier: Notifier;
  /** The configured model (OPENAI_API_KEY); undefined when features must use their offline rules. */
  llm: Llm | undefined;
  planner: PlannerService;
  personas: PersonaService;
  /** Offline sentiment (EN/AR), loaded once. */
  sentiment: SentimentClassifier;
  /** The listening pipeline: store, classify, alert, escalate. */
  comments: CommentService;
  /** Proposes replies to comments; templates offline, an LLM drafter can replace it. */
  replyDrafter: ReplyDrafter;
  scheduler: SchedulerService;
  integrations: IntegrationService;
  metrics: MetricsService;
  reports: ReportService;
  /** The only way to fetch a URL a user typed (private addresses refused, limits enforced). */
  outbound: SafeFetch;
  seo: SeoService;
  drafts: DraftService;
  /** The installed commands, for /help. */
  commands: readonly Command[];
  /** Prometheus counters and histograms (GET /metrics); see src/http/metrics.ts. */
  telemetry: AppMetrics;
}
