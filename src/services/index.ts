import type { Config } from '../config.js';
import type { Command } from '../core/command.js';
import type { Db } from '../db/client.js';
import type { AuditService } from './audit.js';
import type { Clock } from './clock.js';
import type { CommentService } from './comments.js';
import type { Notifier } from './notifier.js';
import type { ReplyDrafter } from './reply-drafts.js';
import type { SentimentClassifier } from './sentiment/index.js';
import type { WorkspaceService } from './workspaces.js';

/** Everything a command handler may use, built once in main.ts. */
export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  workspaces: WorkspaceService;
  audit: AuditService;
  notifier: Notifier;
  /** Offline sentiment (EN/AR), loaded once. */
  sentiment: SentimentClassifier;
  /** The listening pipeline: store, classify, alert, escalate. */
  comments: CommentService;
  /** Proposes replies to comments; templates offline, an LLM drafter can replace it. */
  replyDrafter: ReplyDrafter;
  /** The installed commands, for /help. */
  commands: readonly Command[];
}
