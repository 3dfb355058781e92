/**
 * POST /webhooks/metrics (docs/architecture.md §6): the CSV contract's fields as JSON, one object or an array,
 * behind `Authorization: Bearer $WEBHOOK_SECRET`. Off (404) when the secret is unset. Every row is
 * checked first: 400 with every problem by item number, nothing stored. Then up to LARGE_PUSH_ROWS
 * rows are stored at once, all or none: 202 with counts. A larger push becomes a background job
 * (metric-jobs.ts): 202 with its id, and GET /webhooks/metrics/jobs/ID answers how it went. When
 * SQLite is busy (another process writing, e.g. `mktbot import-metrics`) the answer is 503 with
 * Retry-After, nothing stored.
 */
import type { Workspace } from '@prisma/client';
import { isDatabaseBusy } from '../db/busy.js';
import type { Db } from '../db/client.js';
import type { HttpRequest, HttpResponse } from '../http/server.js';
import { bearerMatches } from '../http/webhooks/auth.js';
import { parseJson } from '../http/webhooks/common.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { workspaceFromRef } from '../workspace/workspace-ref.js';
import { LARGE_PUSH_ROWS, type MetricsPushJobs } from './metric-jobs.js';
import { describeError } from './metrics.js';

/** Largest push body: about 60,000 rows. Bigger sets go in several pushes, or through the CSV import. */
export const MAX_PUSH_BYTES = 8 * 1024 * 1024;
/** Seconds a sender should wait after a 503 because SQLite was busy. */
const BUSY_RETRY_AFTER = '5';
/** ...or because too many large pushes are waiting their turn. */
const QUEUE_RETRY_AFTER = '60';
export const JOBS_PATH = '/webhooks/metrics/jobs/';

const unauthorized: HttpResponse = {
  status: 401,
  headers: { 'www-authenticate': 'Bearer' },
  body: { error: 'unauthorized' },
};

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
  jobs: MetricsPushJobs,
  log: Logger,
  req: HttpRequest,
  secret: string,
): Promise<HttpResponse> {
  if (!bearerMatches(req.headers.authorization, secret)) return unauthorized;
  const parsed = parseJson(req.body);
  if (!parsed.ok) {
    return { status: 400, body: { error: `${parsed.error}: send one object or an array of objects` } };
  }
  try {
    const ws = await targetWorkspace(services.db, req.query.get('workspace'));
    if (typeof ws === 'string') return { status: 400, body: { error: ws } };
    const checked = await services.metrics.checkJson(ws, parsed.value);
    if (checked.errors.length > 0) {
      return {
        status: 400,
        body: {
          error: 'nothing stored',
          errors: checked.errors.map((e) => ({ item: e.line, message: describeError(e, 'en', 'item') })),
        },
      };
    }
    const { rows } = checked;
    if (rows.length > LARGE_PUSH_ROWS) {
      const job = jobs.submit(ws, rows);
      if (!job) {
        return {
          status: 503,
          headers: { 'retry-after': QUEUE_RETRY_AFTER },
          body: { error: 'too many large pushes are waiting to be stored; nothing stored, send it again later' },
        };
      }
      return {
        status: 202,
        headers: { location: `${JOBS_PATH}${job.job}` },
        body: { job: job.job, status: job.status, rows: job.rows },
      };
    }
    // Pushes are stored in the order they arrive: after this workspace's large pushes still being stored.
    await jobs.settled(ws.id);
    const stored = await services.metrics.store(ws, rows, 'push');
    log.info({ workspaceId: ws.id, rows: rows.length }, 'metrics pushed');
    return { status: 202, body: { stored: rows.length, inserted: stored.inserted, replaced: stored.replaced } };
  } catch (err) {
    if (!isDatabaseBusy(err)) throw err;
    log.warn({ err: (err as Error).message }, 'metrics push refused: the database is busy');
    return {
      status: 503,
      headers: { 'retry-after': BUSY_RETRY_AFTER },
      body: { error: 'the database is busy (another program is writing to it); nothing stored, send it again shortly' },
    };
  }
}

/** GET /webhooks/metrics/jobs/ID: a large push's state, behind the same bearer secret. */
export function handleJobStatus(jobs: MetricsPushJobs, req: HttpRequest, secret: string): HttpResponse {
  if (!bearerMatches(req.headers.authorization, secret)) return unauthorized;
  const job = jobs.get(req.path.slice(JOBS_PATH.length));
  if (!job) {
    return {
      status: 404,
      body: {
        error:
          'unknown job: jobs are kept for 24 hours, in the memory of the bot process that accepted the push (not across restarts or replicas)',
      },
    };
  }
  return { status: 200, body: job };
}
