/**
 * Meta webhooks for Page feed comments and Instagram comments. GET answers the subscription check
 * (hub.verify_token must equal META_VERIFY_TOKEN); POST must carry X-Hub-Signature-256 over the
 * raw body with META_APP_SECRET, else 401. Comments by the Page or account itself are skipped.
 */
import type { Workspace } from '@prisma/client';
import { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../../http/server.js';
import { metaSignatureMatches, safeEqual } from '../../http/webhooks/auth.js';
import { parseJson, problems } from '../../http/webhooks/common.js';
import type { Services } from '../../services.js';
import type { IncomingComment } from '../comments.js';
import { ingestOne } from './comments.js';

export function handleMetaVerify(req: HttpRequest, verifyToken: string): HttpResponse {
  const mode = req.query.get('hub.mode');
  const token = req.query.get('hub.verify_token') ?? '';
  const challenge = req.query.get('hub.challenge') ?? '';
  if (mode !== 'subscribe' || !safeEqual(token, verifyToken) || !/^[\w-]{1,200}$/.test(challenge)) {
    return { status: 403, body: { error: 'verification failed' } };
  }
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: challenge };
}

const from = z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }).loose();

/** Page `feed` change for a comment (other feed items, e.g. reactions or posts, are ignored). */
const pageComment = z
  .object({
    item: z.literal('comment'),
    verb: z.literal('add'),
    comment_id: z.string().min(1),
    post_id: z.string().optional(),
    message: z.string().default(''),
    from: from.optional(),
    created_time: z.union([z.number(), z.string()]).optional(),
    post: z.object({ permalink_url: z.string().optional() }).loose().optional(),
  })
  .loose();

/** Instagram `comments` change. */
const igComment = z
  .object({
    id: z.string().min(1),
    text: z.string().default(''),
    from: from.optional(),
    media: z.object({ id: z.string() }).loose().optional(),
  })
  .loose();

const envelope = z.object({
  object: z.string(),
  entry: z
    .array(
      z
        .object({
          id: z.string(),
          changes: z.array(z.object({ field: z.string(), value: z.unknown() }).loose()).default([]),
        })
        .loose(),
    )
    .max(1000),
});

function postedAt(t: number | string | undefined): Date | undefined {
  if (t === undefined) return undefined;
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The comments in one delivery, each with the Page/IG account id it arrived for. */
export function commentsOf(body: z.output<typeof envelope>): Array<{ accountId: string; comment: IncomingComment }> {
  const out: Array<{ accountId: string; comment: IncomingComment }> = [];
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (body.object === 'page' && change.field === 'feed') {
        const v = pageComment.safeParse(change.value);
        if (!v.success || v.data.from?.id === entry.id) continue;
        out.push({
          accountId: entry.id,
          comment: {
            provider: 'facebook',
            externalId: v.data.comment_id,
            text: v.data.message,
            author: v.data.from?.name,
            postId: v.data.post_id,
            url: v.data.post?.permalink_url ?? `https://www.facebook.com/${v.data.comment_id}`,
            postedAt: postedAt(v.data.created_time),
          },
        });
      } else if (body.object === 'instagram' && change.field === 'comments') {
        const v = igComment.safeParse(change.value);
        if (!v.success || v.data.from?.id === entry.id) continue;
        out.push({
          accountId: entry.id,
          comment: {
            provider: 'instagram',
            externalId: v.data.id,
            text: v.data.text,
            author: v.data.from?.username ? `@${v.data.from.username}` : undefined,
            postId: v.data.media?.id,
          },
        });
      }
    }
  }
  return out;
}

export async function handleMetaEvent(services: Services, req: HttpRequest, appSecret: string): Promise<HttpResponse> {
  if (!metaSignatureMatches(req.headers['x-hub-signature-256'], req.body, appSecret)) {
    return { status: 401, body: { error: 'missing or wrong X-Hub-Signature-256' } };
  }
  const json = parseJson(req.body);
  if (!json.ok) return { status: 400, body: { error: json.error } };
  const parsed = envelope.safeParse(json.value);
  if (!parsed.success) return { status: 400, body: { error: 'invalid event', problems: problems(parsed.error) } };
  const byAccount = new Map<string, Workspace>();
  const comments = commentsOf(parsed.data);
  const arrivals: Array<{ workspace: Workspace; comment: IncomingComment }> = [];
  for (const { accountId, comment } of comments) {
    const key = `${comment.provider}:${accountId}`;
    let workspace = byAccount.get(key);
    if (!workspace) {
      const integration = await services.db.integration.findFirst({
        where: { provider: comment.provider, accountId },
        include: { workspace: true },
      });
      workspace = integration?.workspace ?? (await services.comments.consoleWorkspace());
      byAccount.set(key, workspace);
    }
    arrivals.push({ workspace, comment });
  }
  // All at once: the comment service stores the comments that arrive together in one batch.
  const results = await Promise.all(arrivals.map((a) => ingestOne(services, req, a.workspace, a.comment)));
  const failed = results.filter((r) => !r).length;
  const stored = results.filter((r) => r && !r.duplicate).length;
  // Meta redelivers on an error answer: worth it only when nothing could be stored (a database outage).
  if (comments.length > 0 && failed === comments.length) return { status: 503, body: { error: 'nothing stored' } };
  return { status: 200, body: { stored, ...(failed > 0 ? { failed } : {}) } };
}
