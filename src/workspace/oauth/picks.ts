/**
 * The accounts a login reached when there were several (Facebook Login: the person's Pages), kept
 * for the person to pick from in chat: an OAuthState row of its own (`pick:<network>`, so no
 * Connect address ever accepts it as a state), the accounts and their tokens sealed in it, for
 * PICK_MINUTES. Picking does not spend it: each Page picked becomes its own account.
 */
import { randomBytes } from 'node:crypto';
import type { Member, Workspace } from '@prisma/client';
import { z } from 'zod';
import type { LoginAccount } from '../../../integrations/oauth.js';
import type { Action } from '../../core/reply.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Secrets } from '../secrets.js';

/** How long the list of reached accounts can be picked from. */
export const PICK_MINUTES = 30;
/** Buttons under the list; the rest are picked by name (Discord shows five buttons to a row). */
export const PICK_BUTTONS = 5;

export interface Picks {
  accounts: LoginAccount[];
  /** What the person granted, stored with each account picked. */
  scopes: string[];
}

const stored = z.object({
  accounts: z.array(z.object({ id: z.string(), name: z.string(), token: z.string() })),
  scopes: z.array(z.string()),
});

/** The button that connects one of the reached accounts (commands/connect.ts answers it). */
export function pickAction(provider: string, account: LoginAccount): Action {
  return { id: 'connect.pick', label: account.name.slice(0, 75), payload: `${provider}:${account.id}` };
}

export class PickStore {
  constructor(private readonly d: { db: Db; clock: Clock; secrets: Secrets }) {}

  async save(workspace: Workspace, member: Member | null, provider: string, picks: Picks): Promise<void> {
    if (!member) return;
    await this.d.db.oAuthState.create({
      data: {
        id: randomBytes(32).toString('base64url'),
        workspaceId: workspace.id,
        memberId: member.externalId,
        provider: `pick:${provider}`,
        // OAuthState has no column for it: the sealed list rides in the verifier's place.
        codeVerifier: this.d.secrets.seal(JSON.stringify(picks)),
        expiresAt: new Date(this.d.clock.now().getTime() + PICK_MINUTES * 60_000),
      },
    });
  }

  /** This person's newest live list for the network, or undefined. */
  async latest(workspaceId: number, memberId: string, provider: string): Promise<Picks | undefined> {
    const row = await this.d.db.oAuthState.findFirst({
      where: { workspaceId, memberId, provider: `pick:${provider}`, expiresAt: { gt: this.d.clock.now() } },
      orderBy: { createdAt: 'desc' },
    });
    if (!row?.codeVerifier) return undefined;
    try {
      const parsed = stored.safeParse(JSON.parse(this.d.secrets.open(row.codeVerifier)));
      return parsed.success ? parsed.data : undefined;
    } catch {
      // Sealed under another key (ENCRYPTION_KEY changed): as good as lapsed.
      return undefined;
    }
  }
}
