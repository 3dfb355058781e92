/**
 * `POST /webhooks/comments` (docs/architecture.md §6): a comment or an array of them, Bearer WEBHOOK_SECRET,
 * 202 once stored. The workspace is the console one unless `?workspace=platform:externalId`
 * names another that exists.
 */
import type { Workspace } from '@prisma/client';
import { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../../http/server.js';
import { bearerMatches } from '../../http/webhooks/auth.js';
import { parseJson, problems, resolveWorkspaceParam } from '../../http/webhooks/common.js';
import type { Services } from '../../services.js';
import type { IncomingComment, IngestResult } from '../comments.js';

const pushedComment = z.strictObject({
  platform: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{1,40}$/, 'expected a platform name such as facebook, instagram or youtube'),
  id: z.string().trim().min(1).max(200),
  text: z.string().max(20_000),
  author: z.string().trim().max(200).optional(),
  post_id: z.string().trim().max(200).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  created_at: z.iso.datetime({ offset: true }).optional(),
});

export const pushBody = z.union([pushedComment, z.array(pushedComment).min(1).max(500)]);

export async function handleCommentPush(services: Services, req: HttpRequest, secret: string): Promise<HttpResponse> {
  if (!bearerMatches(req.headers.authorization, secret)) {
    return { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { error: 'missing or wrong bearer token' } };
  }
  const json = parseJson(req.body);
  if (!json.ok) return { status: 400, body: { error: json.error } };
  const parsed = pushBody.safeParse(json.value);
  if (!parsed.success) return { status: 400, body: { error: 'invalid comment', problems: problems(parsed.error) } };
  const workspace = await resolveWorkspaceParam(services, req.query.get('workspace'));
  if (!workspace.ok) return { status: 400, body: { error: workspace.error } };
  const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  // All at once: the comment service stores the comments that arrive together in one batch.
  const results = await Promise.all(
    items.map((c) =>
      ingestOne(services, req, workspace.value, {
        provider: c.platform,
        externalId: c.id,
        text: c.text,
        author: c.author,
        postId: c.post_id,
        url: c.url,
        postedAt: c.created_at ? new Date(c.created_at) : undefined,
      }),
    ),
  );
  let stored = 0;
  let duplicates = 0;
  let alerted = 0;
  const failed: Array<{ item: number; id: string }> = [];
  for (const [i, r] of results.entries()) {
    if (!r) failed.push({ item: i + 1, id: (items[i] as (typeof items)[number]).id });
    else if (r.duplicate) duplicates++;
    else stored++;
    if (r?.alerted) alerted++;
  }
  // Nothing stored at all (the database is down): 503, so the sender retries the batch. Otherwise the
  // rest are kept and the failures named; a retry would store each stored comment once anyway.
  if (failed.length === items.length) return { status: 503, body: { error: 'nothing stored; try again', failed } };
  return { status: 202, body: { stored, duplicates, alerted, ...(failed.length > 0 ? { failed } : {}) } };
}

/**
 * Stores one comment of a batch; a failure is logged with the comment's id and reported, and never
 * stops the comments after it (one bad comment used to fail every redelivery of its batch).
 */
export async function ingestOne(
  services: Services,
  req: HttpRequest,
  workspace: Workspace,
  comment: IncomingComment,
): Promise<IngestResult | undefined> {
  try {
    return await services.comments.ingest(workspace, comment);
  } catch (err) {
    req.log.error({ err, provider: comment.provider, externalId: comment.externalId }, 'comment not stored');
    return undefined;
  }
}
