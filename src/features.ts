/**
 * Features plug into the running app here: HTTP routes (webhooks), periodic jobs, services. Each
 * feature owns one file that exports a Feature; this list is the only place that names them all.
 */
import type { Router } from './core/router.js';
import { alertsFeature } from './features/alerts.js';
import { commentPollingFeature } from './features/comment-polling.js';
import { metricsWebhook } from './http/metrics-webhook.js';
import type { Readiness } from './http/readiness.js';
import type { HttpServer } from './http/server.js';
import { digestJob } from './jobs/digest.js';
import { scheduling } from './jobs/dispatch.js';
import { metricsPullJob } from './jobs/metrics-pull.js';
import type { JobRunner } from './jobs/runner.js';
import type { Logger } from './log.js';
import type { Services } from './services/index.js';

export interface AppParts {
  services: Services;
  router: Router;
  http: HttpServer;
  jobs: JobRunner;
  log: Logger;
  /** GET /readyz checks (a feature that can be "not ready" adds one). */
  readiness: Readiness;
}

export interface Feature {
  name: string;
  register(app: AppParts): void | Promise<void>;
}

export const features: readonly Feature[] = [
  scheduling,
  alertsFeature,
  metricsWebhook,
  digestJob,
  metricsPullJob,
  commentPollingFeature,
];
