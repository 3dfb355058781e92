import type { Workspace } from '@prisma/client';
import type { Platform } from '../core/context.js';
import type { Reply } from '../core/reply.js';

/** The team's channels a job can post into; each workspace maps them to real channels. */
export type ChannelRole = 'team' | 'alerts' | 'digest' | 'escalation';

export interface PostedMessage {
  /** Platform reference for later updates (Slack ts, Discord message id); absent in the console. */
  messageId?: string;
  channel?: string;
}

/**
 * How jobs (reminders, publish confirmations, alerts, digests) reach people. Each adapter provides
 * one; in console mode the terminal is the team's channel.
 */
export interface Notifier {
  post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage>;
}

/** Sends each workspace's notices through the adapter of the platform it lives on. */
export class PlatformNotifier implements Notifier {
  private readonly byPlatform = new Map<string, Notifier>();

  set(platform: Platform, notifier: Notifier): void {
    this.byPlatform.set(platform, notifier);
  }

  async post(workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    const target = this.byPlatform.get(workspace.platform);
    if (!target) throw new Error(`no connected adapter for ${workspace.platform} workspaces`);
    return target.post(workspace, to, reply);
  }
}
