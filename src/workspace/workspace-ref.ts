import type { Workspace } from '@prisma/client';
import { CONSOLE_WORKSPACE, PLATFORMS, type Platform } from '../core/identity.js';
import type { Db } from '../db/client.js';

/**
 * The workspace a CLI verb or a push works on: the console one (created on first use, as console mode does)
 * unless `--workspace slack:T123` names another, which must already exist.
 */
export async function workspaceFromRef(db: Db, spec: string | undefined): Promise<Workspace | string> {
  const [platform, externalId] = spec === undefined ? ['console', CONSOLE_WORKSPACE] : splitSpec(spec);
  if (!platform || !externalId || !(PLATFORMS as readonly string[]).includes(platform)) {
    return `--workspace expects PLATFORM:ID with PLATFORM one of ${PLATFORMS.join(', ')} (e.g. slack:T0123), got "${spec}".`;
  }
  if (platform === 'console' && externalId === CONSOLE_WORKSPACE) {
    // Read first: the upsert writes (and so waits for SQLite's write lock) even when the row exists.
    const known = await db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } } });
    if (known) return known;
    return db.workspace.upsert({
      where: { platform_externalId: { platform, externalId } },
      create: { platform, externalId, name: 'Console' },
      update: {},
    });
  }
  const ws = await db.workspace.findUnique({
    where: { platform_externalId: { platform: platform as Platform, externalId } },
  });
  return ws ?? `No ${platform} workspace with id "${externalId}" in this database yet: use the bot there first.`;
}

function splitSpec(spec: string): [string | undefined, string | undefined] {
  const i = spec.indexOf(':');
  return i < 0 ? [spec, undefined] : [spec.slice(0, i), spec.slice(i + 1)];
}
