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
