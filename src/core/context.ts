import type { Member, Workspace } from '@prisma/client';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { type Locale, pick } from './i18n.js';
import type { Identity, Platform, Viewer } from './identity.js';
import type { Role } from './roles.js';

export { CONSOLE_WORKSPACE, type Identity, PLATFORMS, type Platform } from './identity.js';

/** Everything a command handler gets: who asks, where, in which language, and the services. */
export interface Context extends Viewer {
  platform: Platform;
  identity: Identity;
  role: Role;
  services: Services;
  log: Logger;
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
