import type { Config } from '../config.js';
import type { Command } from '../core/command.js';
import type { Db } from '../db/client.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import type { AuditService } from './audit.js';
import type { Clock } from './clock.js';
import type { DraftService } from './drafts/service.js';
import type { Notifier } from './notifier.js';
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
  /** The only way to fetch a URL a user typed (private addresses refused, limits enforced). */
  outbound: SafeFetch;
  seo: SeoService;
  drafts: DraftService;
  /** The installed commands, for /help. */
  commands: readonly Command[];
}
