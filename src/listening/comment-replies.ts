/**
 * "Send reply": posts the drafted (or typed) reply under the comment through the platform's API,
 * at most once per comment. The send is claimed first (repliedAt null -> now), so a double press or
 * two people pressing at once make one platform call; a failure that is known to have changed
 * nothing releases the claim so the person can try again, an unknown outcome keeps it (the reply
 * may be live: a human checks, nothing re-posts blindly). Which networks take replies is their
 * providers' `comments` capability (integrations/registry.ts).
 */
import type { Comment, Workspace } from '@prisma/client';
import { PublishError } from '../../integrations/publisher.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { type IntegrationService, isCommentProvider } from '../workspace/integrations.js';

/**
 * Shorter than any network's own reply limit (a provider's `comments.maxReply`: Facebook 8000,
 * YouTube 10000); a reply to a complaint is short.
 */
export const MAX_REPLY_CHARS = 2000;

export type SendOutcome =
  | { kind: 'sent'; comment: Comment }
  | { kind: 'already'; comment: Comment }
  | { kind: 'no-text' }
  | { kind: 'unsupported'; provider: string }
  | { kind: 'not-connected'; provider: string }
  | { kind: 'failed'; reason: string; reauth: boolean }
  | { kind: 'unknown'; reason: string };

type Blocked = Extract<SendOutcome, { kind: 'unsupported' | 'not-connected' }>;

/**
 * Where a reply to this comment goes (the connected account), or why it cannot be posted from here:
 * asked before a reply is offered for confirmation, and again when it is sent.
 */
export async function replyRoute(
  deps: { integrations: IntegrationService },
  workspace: Pick<Workspace, 'id'>,
  comment: Pick<Comment, 'provider'>,
): Promise<{ blocked: Blocked } | { integration: NonNullable<Awaited<ReturnType<IntegrationService['find']>>> }> {
  if (!isCommentProvider(comment.provider)) return { blocked: { kind: 'unsupported', provider: comment.provider } };
  const integration = await deps.integrations.find(workspace.id, comment.provider);
  if (!integration) return { blocked: { kind: 'not-connected', provider: comment.provider } };
  return { integration };
}

export async function sendCommentReply(
  deps: { db: Db; clock: Clock; integrations: IntegrationService },
  workspace: Workspace,
  comment: Comment,
  who: string,
  typed?: string,
): Promise<SendOutcome> {
  const { db, clock, integrations } = deps;
  if (comment.repliedAt) return { kind: 'already', comment };
  const text = (typed ?? comment.replyDraft ?? '').trim();
  if (!text) return { kind: 'no-text' };
  const route = await replyRoute(deps, workspace, comment);
  if ('blocked' in route) return route.blocked;
  const { integration } = route;

  const now = clock.now();
  const claimed = await db.comment.updateMany({
    where: { id: comment.id, workspaceId: workspace.id, repliedAt: null },
    data: { repliedAt: now, repliedBy: who, replyDraft: text },
  });
  const reload = () => db.comment.findFirstOrThrow({ where: { id: comment.id, workspaceId: workspace.id } });
  if (claimed.count !== 1) return { kind: 'already', comment: await reload() };

  try {
    const posted = await integrations.commentsFor(integration).reply(comment.externalId, text);
    await db.comment.update({ where: { id: comment.id }, data: { replyId: posted.id } });
    // Answering the comment is handling it; an alert already closed keeps who closed it.
    await db.comment.updateMany({
      where: { id: comment.id, workspaceId: workspace.id, status: { in: ['new', 'escalated'] } },
      data: { status: 'handled', handledBy: who, handledAt: now },
    });
    return { kind: 'sent', comment: await reload() };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (err instanceof PublishError && err.outcome === 'known') {
      await db.comment.updateMany({
        where: { id: comment.id, workspaceId: workspace.id, repliedAt: now, replyId: null },
        data: { repliedAt: null, repliedBy: null },
      });
      if (err.reauth) await integrations.markReauth(integration, err);
      return { kind: 'failed', reason, reauth: err.reauth };
    }
    return { kind: 'unknown', reason };
  }
}
