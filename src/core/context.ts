import type { Member, Workspace } from '@prisma/client';
import type { Logger } from '../log.js';
import type { Services } from '../services/index.js';
import { type Catalog, type L10n, type Locale, type Messages, pick } from './i18n.js';
import type { Role } from './roles.js';

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

export interface Context {
  platform: Platform;
  identity: Identity;
  workspace: Workspace;
  member: Member;
  role: Role;
  locale: Locale;
  timezone: string;
  services: Services;
  log: Logger;
  t<T extends Messages>(catalog: Catalog<T>): T;
  l(text: L10n): string;
  now(): Date;
}

export function makeContext(parts: {
  identity: Identity;
  workspace: Workspace;
  member: Member;
  role: Role;
  services: Services;
  log: Logger;
}): Context {
  const { identity, workspace, member } = parts;
  const locale = (identity.locale ?? member.locale ?? workspace.locale) as Locale;
  return {
    ...parts,
    platform: identity.platform,
    locale,
    timezone: workspace.timezone,
    t: (catalog) => catalog[locale],
    l: (text) => pick(text, locale),
    now: () => parts.services.clock.now(),
  };
}
