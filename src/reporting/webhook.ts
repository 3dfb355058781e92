/**
 * POST /webhooks/metrics (docs/architecture.md §6): the CSV contract's fields as JSON, one object or an array,
 * behind `Authorization: Bearer $WEBHOOK_SECRET`. Off (404) when the secret is unset. All rows are
 * stored or none: 202 with counts, or 400 with every problem by item number.
 */
import type { Workspace } from '@prisma/client';
import type { Db } from '../db/client.js';
import type { HttpRequest, HttpResponse } from '../http/server.js';
import { bearerMatches } from '../http/webhooks/auth.js';
import { parseJson } from '../http/webhooks/common.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { workspaceFromRef } from '../workspace/workspace-ref.js';
import { describeError } from './metrics.js';

/**
 * `?workspace=slack:T123` names the workspace; without it the only workspace there is (or the
 * console one on a fresh install) receives the rows.
 */
async function targetWorkspace(db: Db, ref: string | null): Promise<Workspace | string> {
  if (ref) return workspaceFromRef(db, ref);
  const some = await db.workspace.findMany({ take: 2, orderBy: { id: 'asc' } });
  if (some.length === 1) return some[0] as Workspace;
  if (some.length === 0) return workspaceFromRef(db, undefined);
  return 'several workspaces exist: name one with ?workspace=PLATFORM:ID, e.g. ?workspace=slack:T0123';
}

export async function handleMetricsPush(
  services: Services,
  log: Logger,
  req: HttpRequest,
  secret: string,
): Promise<HttpResponse> {
  if (!bearerMatches(req.headers.authorization, secret)) {
    return { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { error: 'unauthorized' } };
  }
  const parsed = parseJson(req.body);
  if (!parsed.ok) {
    return { status: 400, body: { error: `${parsed.error}: send one object or an array of objects` } };
  }
  const body = parsed.value;
  const ws = await targetWorkspace(services.db, req.query.get('workspace'));
  if (typeof ws === 'string') return { status: 400, body: { error: ws } };
  const r = await services.metrics.importJson(ws, body, 'push');
  if (!r.ok) {
    return {
      status: 400,
      body: {
        error: 'nothing stored',
        errors: r.errors.map((e) => ({ item: e.line, message: describeError(e, 'en', 'item') })),
      },
    };
  }
  log.info({ workspaceId: ws.id, rows: r.rows }, 'metrics pushed');
  return { status: 202, body: { stored: r.rows, inserted: r.inserted, replaced: r.replaced } };
}
