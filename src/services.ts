import type { Config } from './config.js';
import type { Notifier } from './core/notifier.js';
import type { Db } from './db/client.js';
import type { AppMetrics } from './http/metrics.js';
import type { Clock } from './lib/clock.js';
import type { Llm } from './lib/llm.js';
import type { CommentService } from './listening/comments.js';
import type { ReplyDrafter } from './listening/reply-drafts.js';
import type { SentimentClassifier } from './listening/sentiment/index.js';
import type { SafeFetch } from './net/safe-fetch.js';
import type { PersonaService } from './planning/personas.js';
import type { PlannerService } from './planning/planner.js';
import type { BulkImportService } from './publishing/bulk-import.js';
import type { CalendarService } from './publishing/calendar/service.js';
import type { DraftService } from './publishing/drafts/service.js';
import type { MediaService } from './publishing/media/store.js';
import type { PerformanceService } from './publishing/performance/service.js';
import type { SeriesService } from './publishing/recurring/series.js';
import type { SlotService } from './publishing/recurring/slots.js';
import type { SchedulerService } from './publishing/scheduler.js';
import type { MetricsService } from './reporting/metrics.js';
import type { ReportService } from './reporting/reports.js';
import type { SeoService } from './search/audit.js';
import type { SeoWatchService } from './search/watch.js';
import type { AuditService } from './workspace/audit.js';
import type { BrandService } from './workspace/brand-profiles.js';
import type { IntegrationService } from './workspace/integrations.js';
import type { OAuthConnectService } from './workspace/oauth/connect.js';
import type { WorkspaceService } from './workspace/workspaces.js';

/** Everything a command handler may use, built once in main.ts. */
export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  workspaces: WorkspaceService;
  audit: AuditService;
  /** The workspace's brand profile (/brand), read by the planner and the copywriter. */
  brand: BrandService;
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
  /** Files attached in chat: checked, stored under MEDIA_DIR, served at PUBLIC_URL/media/<id>. */
  media: MediaService;
  /** Recurring posts: their rule, template and occurrences. */
  series: SeriesService;
  /** CSVs sent with /schedule import: checked, previewed, kept until Confirm. */
  bulkImport: BulkImportService;
  /** The team's posting slots: the next free one. */
  slots: SlotService;
  /** The week and month calendars of /schedule calendar and /home. */
  calendar: CalendarService;
  /** Best times to post from published posts' figures (/schedule best-times, "next best slot"). */
  performance: PerformanceService;
  integrations: IntegrationService;
  /** The Connect button: OAuth links, their callbacks (src/workspace/oauth/). */
  oauth: OAuthConnectService;
  metrics: MetricsService;
  reports: ReportService;
  /** The only way to fetch a URL a user typed (private addresses refused, limits enforced). */
  outbound: SafeFetch;
  seo: SeoService;
  /** Weekly crawls of the sites the team watches (/seo watch). */
  seoWatch: SeoWatchService;
  drafts: DraftService;
  /** Prometheus counters and histograms (GET /metrics); see src/http/metrics.ts. */
  telemetry: AppMetrics;
}
