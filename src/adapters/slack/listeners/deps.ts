/** What every Slack listener works with; the adapter builds it once and hands it to each `register`. */
import type { App } from '@slack/bolt';
import type { Router } from '../../../core/router.js';
import type { Logger } from '../../../log.js';
import type { Services } from '../../../services.js';
import type { AfterAckQueue } from '../after-ack-queue.js';
import type { SlackIdentities } from '../identity.js';
import type { ReplySender } from '../reply-sender.js';

export interface ListenerDeps {
  app: App;
  router: Router;
  services: Services;
  log: Logger;
  /** Work that runs after the ack (see after-ack-queue.ts). */
  queue: AfterAckQueue;
  identities: SlackIdentities;
  replies: ReplySender;
}
