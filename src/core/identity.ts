/**
 * Who is asking, as plain data that features may take without knowing about commands or services
 * (the command context extends these; docs/architecture.md §1 says why features never import it).
 */
import type { Member, Workspace } from '@prisma/client';
import type { Catalog, L10n, Locale, Messages } from './i18n.js';

export const PLATFORMS = ['console', 'slack', 'discord'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The external id of the workspace behind the terminal (console mode, CLI verbs, unnamed webhooks). */
export const CONSOLE_WORKSPACE = 'console';

/** Who is asking, as the adapter knows it before the database is consulted. */
export interface Identity {
  platform: Platform;
  workspace: { externalId: string; name?: string };
  user: {
    externalId: string;
    name?: string /** e.g. Slack owner/admin, Discord Manage Server */;
    platformAdmin?: boolean;
  };
  /** A language forced for this session (console `--lang ar`). */
  locale?: Locale;
  /** Where the command was typed (channel id), for replies that post follow-ups. */
  channel?: string;
  /** Files sent with the command (a Slack file share, Discord attachment options), in the order given. */
  attachments?: readonly Attachment[];
}

/**
 * A file that came with a command. The adapter knows how to fetch it (the platform's token stays
 * inside `read`); nothing is downloaded until a command asks for it.
 */
export interface Attachment {
  /** The name it was sent with, for people only: what it is comes from its bytes. */
  name: string;
  /** The size the platform announced, when it did. */
  size?: number | undefined;
  /** The bytes; AttachmentError when more than `maxBytes`, unreachable, or the bot may not read it. */
  read(maxBytes: number): Promise<Uint8Array>;
}

export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';
  constructor(
    readonly code: 'too_large' | 'unreachable' | 'no_permission',
    message: string,
  ) {
    super(message);
  }
}

/** The person and workspace a change is made for (audit rows, plans, personas). */
export interface Actor {
  workspace: Workspace;
  member: Member;
}

/** An actor with the language, time zone and clock a reply is written in. */
export interface Viewer extends Actor {
  locale: Locale;
  timezone: string;
  t<T extends Messages>(catalog: Catalog<T>): T;
  l(text: L10n): string;
  now(): Date;
}
