/**
 * Runs before Bolt's HTTPReceiver on /slack/events. Reads the body under the server's size limit
 * (413 above it) and hands it to Bolt pre-read (Bolt uses `req.rawBody` when present).
 * - A timestamp more than five minutes ahead of our clock gets 401 here: Bolt refuses only old
 *   ones, and a request signed for the future could be replayed until that time comes.
 * - A correctly signed body whose envelope has the wrong shape (`null`, an array, a team id that
 *   is an object) makes Bolt throw, sometimes outside any handler; such a body gets a 400 here.
 * - Unsigned bodies go on to Bolt, which refuses them with 401, as it does stale timestamps.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import { z } from 'zod';
import { readBody } from '../../http/server.js';
import type { Logger } from '../../log.js';

/** Slack's window for request timestamps, in seconds, in either direction. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface GuardOptions {
  signingSecret: string;
  log: Logger;
  now?: () => number;
}

const id = z.string().max(200);
/** Events API envelope (JSON body). */
const eventEnvelope = z.looseObject({
  type: z.string().max(100),
  team_id: id.optional(),
  api_app_id: id.optional(),
  enterprise_id: id.nullish(),
  event: z.looseObject({ type: z.string().max(100) }).optional(),
});
/** Interactivity payload (the `payload` field of a form body). */
const interaction = z.looseObject({
  type: z.string().max(100),
  team: z.looseObject({ id }).nullish(),
  team_id: id.nullish(),
  user: z.looseObject({ id }).optional(),
  user_id: id.optional(),
  channel: z.looseObject({ id }).nullish(),
  api_app_id: id.optional(),
  enterprise: z.looseObject({ id }).nullish(),
  enterprise_id: id.nullish(),
});

/** True when the request was answered here; false when Bolt should take it (body attached). */
export async function guardSlackBody(req: IncomingMessage, res: ServerResponse, o: GuardOptions): Promise<boolean> {
  const body = await readBody(req);
  if (body === undefined) return answer(res, 413);
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  const now = (o.now ?? Date.now)() / 1000;
  if (Number.isFinite(timestamp) && timestamp - now > MAX_CLOCK_SKEW_SECONDS) {
    o.log.warn({ ahead: Math.round(timestamp - now) }, 'slack: refused a request timestamped in the future');
    return answer(res, 401);
  }
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  const text = body.toString('utf8');
  if (wellFormed(text, req.headers['content-type'])) return false;
  // Unsigned: Bolt answers 401 as it always does.
  if (!signed(req, text, o.signingSecret)) return false;
  return answer(res, 400);
}

function wellFormed(text: string, contentType: string | undefined): boolean {
  const type = String(contentType ?? '')
    .split(';')[0]
    ?.trim();
  if (type === 'application/x-www-form-urlencoded') {
    const payload = parseForm(text).payload;
    if (payload === undefined) return true; // a slash command: every field is a string
    return typeof payload === 'string' && interaction.safeParse(json(payload)).success;
  }
  return eventEnvelope.safeParse(json(text)).success;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function signed(req: IncomingMessage, text: string, signingSecret: string): boolean {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string') return false;
  return isValidSlackRequest({
    signingSecret,
    body: text,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
}

function answer(res: ServerResponse, status: number): true {
  res.writeHead(status);
  res.end();
  return true;
}
