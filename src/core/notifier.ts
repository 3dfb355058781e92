import type { Workspace } from '@prisma/client';
import { digitStyleOf } from '../lib/digits.js';
import type { Platform } from './identity.js';
import { forLocale, type Reply } from './reply.js';

/** The team's channels a job can post into; each workspace maps them to real channels. */
export type ChannelRole = 'team' | 'alerts' | 'digest' | 'escalation';

/** The workspace column that names the channel for each purpose. */
export const CHANNEL_COLUMNS = {
  team: 'teamChannel',
  alerts: 'alertChannel',
  digest: 'digestChannel',
  escalation: 'escalationChannel',
} as const satisfies Record<ChannelRole, keyof Workspace>;

/** The channel for a purpose, falling back to the team channel; undefined when neither is set. */
export function channelFor(workspace: Workspace, to: ChannelRole): string | undefined {
  return workspace[CHANNEL_COLUMNS[to]] ?? workspace.teamChannel ?? undefined;
}

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
    return target.post(
      workspace,
      to,
      forLocale(reply, workspace.locale === 'ar' ? 'ar' : 'en', digitStyleOf(workspace)),
    );
  }
}
