/**
 * Files people give the bot on Slack: shared in a message (a DM to the bot, or a mention) or put in
 * a modal's file input. Both carry the same file objects; each becomes an identity attachment,
 * downloaded with the bot token (files:read) only when the command reads it (docs/media.md).
 */
import type { Attachment } from '../../core/identity.js';
import { download } from '../attachments.js';

/** A file as Slack's events and view states carry it (the fields read here). */
export interface SlackFile {
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/**
 * Slack's private file URLs need the bot token (files:read); without it Slack answers with its
 * sign-in page. The token goes only to Slack's own hosts (files.slack.com; the configured API host
 * in tests), never to a URL elsewhere.
 */
export function attachmentsOf(files: readonly SlackFile[], token: string | undefined, apiUrl: string): Attachment[] {
  return files.flatMap((f) => {
    const url = f.url_private_download ?? f.url_private;
    if (!url || !slackHost(url, apiUrl)) return [];
    return [
      {
        name: f.name ?? 'file',
        size: f.size,
        read: (max: number) =>
          download(url, max, {
            ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
            htmlIsRefusal: true,
          }),
      },
    ];
  });
}

function slackHost(url: string, apiUrl: string): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'https:' && (u.hostname === 'slack.com' || u.hostname.endsWith('.slack.com'))) ||
      u.host === new URL(apiUrl).host
    );
  } catch {
    return false;
  }
}
