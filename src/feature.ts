/**
 * The contract a feature folder meets to plug into the running app: it registers its HTTP routes
 * (webhooks) and periodic jobs on the parts main.ts built. src/features.ts lists the features.
 */
import type { Router } from './core/router.js';
import type { Readiness } from './http/readiness.js';
import type { HttpServer } from './http/server.js';
import type { JobRunner } from './lib/job-runner.js';
import type { Logger } from './log.js';
import type { Services } from './services.js';

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
