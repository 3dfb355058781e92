import type { Config } from '../config.js';
import type { Command } from '../core/command.js';
import type { Db } from '../db/client.js';
import type { AppMetrics } from '../http/metrics.js';
import type { AuditService } from './audit.js';
import type { Clock } from './clock.js';
import type { Notifier } from './notifier.js';
import type { WorkspaceService } from './workspaces.js';

/** Everything a command handler may use, built once in main.ts. */
export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  workspaces: WorkspaceService;
  audit: AuditService;
  notifier: Notifier;
  /** The installed commands, for /help. */
  commands: readonly Command[];
  /** Prometheus counters and histograms (GET /metrics); see src/http/metrics.ts. */
  metrics: AppMetrics;
}
