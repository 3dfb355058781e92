/**
 * A local stand-in for Slack, good enough to drive a real Bolt app end to end:
 * - the Web API (`clientOptions.slackApiUrl = fake.apiUrl`): auth.test, chat.postMessage,
 *   chat.update, views.open, views.publish (a Home tab: type "home", a known user_id, at most 100
 *   valid blocks, no modal-only fields), users.info, conversations.join, files.getUploadURLExternal, the upload
 *   URL, files.completeUploadExternal, apps.connections.open. Every call is recorded; a wrong or
 *   missing bearer token gets `invalid_auth` / `not_authed`, missing or invalid arguments get the
 *   error codes Slack uses, and failures can be scripted (429 with Retry-After, not_in_channel,
 *   invalid_blocks, msg_too_long...).
 * - response_url endpoints (`fake.responseUrl()`), which record what the app answered and refuse
 *   oversized blocks like Slack does.
 * - Socket Mode: apps.connections.open returns ws://.../link, where `sendEnvelope` delivers
 *   envelopes and resolves with the app's ack.
 * - `signedPost` / `sign`: requests exactly as Slack sends them (v0 HMAC-SHA256, exact
 *   content-type).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

export interface Responded {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  name?: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the bot is in it; public channels can be joined. */
  member?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire, checked field by field the way Slack does.
export type Wire = Record<string, any>;

type Failure = { error: string } | { status: 429; retryAfter: number };

const BLOCK_LIMITS = { blocks: 50, section: 3000, fields: 10, field: 2000, total: 13_200, header: 150 };

/** What Slack's block validation refuses; undefined when the blocks are acceptable. */
export function blocksProblem(blocks: unknown, maxBlocks: number = BLOCK_LIMITS.blocks): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > maxBlocks) return 'invalid_blocks';
  let total = 0;
  for (const b of blocks as Array<Wire>) {
    if (b.type === 'section') {
      const t = b.text?.text ?? '';
      if (t.length > BLOCK_LIMITS.section) return 'invalid_blocks';
      const fields = (b.fields ?? []) as Array<{ text: string }>;
      if (fields.length > BLOCK_LIMITS.fields) return 'invalid_blocks';
      if (fields.some((f) => f.text.length > BLOCK_LIMITS.field)) return 'invalid_blocks';
      if (!b.text && fields.length === 0) return 'invalid_blocks';
      total += t.length + fields.reduce((n, f) => n + f.text.length, 0);
    } else if (b.type === 'header') {
      if ((b.text?.text ?? '').length > BLOCK_LIMITS.header || b.text?.type !== 'plain_text') return 'invalid_blocks';
      total += b.text.text.length;
    } else if (b.type === 'actions') {
      const ids = (b.elements ?? []).map((e: { action_id?: string }) => e.action_id);
      if (ids.length === 0 || ids.length > 25 || new Set(ids).size !== ids.length) return 'invalid_blocks';
      for (const e of b.elements as Array<Wire>) {
        if ((e.text?.text ?? '').length > 75 || (e.value ?? '').length > 2000) return 'invalid_blocks';
      }
    } else if (b.type === 'context') {
      const els = (b.elements ?? []) as Array<{ text?: string }>;
      if (els.length === 0 || els.length > 10) return 'invalid_blocks';
      total += els.reduce((n, e) => n + (e.text?.length ?? 0), 0);
    } else if (b.type !== 'divider' && b.type !== 'image') {
      return 'invalid_blocks';
    }
  }
  return total > BLOCK_LIMITS.total ? 'msg_blocks_too_long' : undefined;
}

/** What views.open refuses (Slack answers invalid_arguments with these messages). */
export function viewProblems(view: Wire | undefined): string[] {
  if (!view || typeof view !== 'object') return ['[ERROR] missing required field: view'];
  const out: string[] = [];
  if (view.type !== 'modal') out.push('[ERROR] must be modal [json-pointer:/view/type]');
  for (const k of ['title', 'submit', 'close'] as const) {
    const t = view[k]?.text;
    if (k === 'title' && typeof t !== 'string') out.push('[ERROR] missing required field: title');
    if (typeof t === 'string' && t.length > 24)
      out.push(`[ERROR] must be less than 25 characters [json-pointer:/view/${k}/text]`);
  }
  const blocks = (view.blocks ?? []) as Array<Wire>;
  if (blocks.length > 100) out.push('[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]');
  const ids = blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(ids).size !== ids.length) out.push('[ERROR] duplicate block_id [json-pointer:/view/blocks]');
  blocks.forEach((b, i) => {
    if (b.type !== 'input') return;
    if (!b.label?.text) out.push(`[ERROR] missing required field: label [json-pointer:/view/blocks/${i}]`);
    const e = b.element ?? {};
    if (
      ![
        'plain_text_input',
        'static_select',
        'conversations_select',
        'channels_select',
        'users_select',
        'file_input',
      ].includes(e.type)
    ) {
      out.push(`[ERROR] unsupported element [json-pointer:/view/blocks/${i}/element]`);
    }
    // Block Kit's file input: max_files from 1 to 10, filetypes a list of extensions.
    if (e.type === 'file_input') {
      if (e.max_files !== undefined && !(Number.isInteger(e.max_files) && e.max_files >= 1 && e.max_files <= 10)) {
        out.push(`[ERROR] max_files must be between 1 and 10 [json-pointer:/view/blocks/${i}/element/max_files]`);
      }
      if (
        e.filetypes !== undefined &&
        !(Array.isArray(e.filetypes) && e.filetypes.every((t: unknown) => typeof t === 'string'))
      ) {
        out.push(`[ERROR] filetypes must be a list of strings [json-pointer:/view/blocks/${i}/element/filetypes]`);
      }
    }
    if (e.type === 'static_select' && (!Array.isArray(e.options) || e.options.length === 0 || e.options.length > 100)) {
      out.push(`[ERROR] options: 1 to 100 items [json-pointer:/view/blocks/${i}/element/options]`);
    }
    if (e.type === 'plain_text_input' && e.max_length !== undefined && e.max_length > 3000) {
      out.push(`[ERROR] max_length at most 3000 [json-pointer:/view/blocks/${i}/element/max_length]`);
    }
  });
  if ((view.private_metadata ?? '').length > 3000) out.push('[ERROR] private_metadata too long');
  return out;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: Responded[] = [];
  readonly uploads = new Map<string, { filename: string; length: number; bytes?: Buffer; completed?: string }>();
  readonly users = new Map<string, FakeUser>();
  /** The Home tab last published for each user (views.publish). */
  readonly homes = new Map<string, Wire>();
  readonly channels = new Map<string, FakeChannel>();
  /** Socket Mode acks received, by envelope id. */
  readonly acks = new Map<string, Record<string, unknown>>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly responseFailures: Array<{ status: number; body: string }> = [];
  private readonly triggers = new Set<string>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private sockets = new Set<WebSocket>();
  private ackWaiters = new Map<string, (ack: Record<string, unknown>) => void>();
  private counter = 0;
  port = 0;

  constructor(
    readonly botToken = 'xoxb-test-token',
    readonly appToken = 'xapp-test-token',
    readonly teamId = 'T0001',
  ) {
    this.users.set('U_ADMIN', { id: 'U_ADMIN', name: 'ada', real_name: 'Ada Admin', is_admin: true });
    this.users.set('U_MEMBER', { id: 'U_MEMBER', name: 'max', real_name: 'Max Member' });
    this.channels.set('C_TEAM', { id: 'C_TEAM', name: 'marketing', member: true });
    this.channels.set('C_PUBLIC', { id: 'C_PUBLIC', name: 'general', member: false });
    this.channels.set('G_PRIVATE', { id: 'G_PRIVATE', name: 'secret', isPrivate: true, member: false });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/link' });
    this.wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (!msg.envelope_id) return;
        this.acks.set(msg.envelope_id, msg.payload ?? {});
        this.ackWaiters.get(msg.envelope_id)?.(msg.payload ?? {});
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake' },
          connection_info: { app_id: 'A1' },
        }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The next call(s) of `method` fail this way, in order. */
  fail(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** The next response_url POST answers this status and body (Slack answers e.g. 400 "invalid_blocks"). */
  failResponse(status: number, body: string): void {
    this.responseFailures.push({ status, body });
  }

  /** A fresh response_url on this fake; `responses` records what is posted to it. */
  responseUrl(id = `R${++this.counter}`): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** A trigger id views.open accepts (Slack's expire after 3 seconds; unknown ones are refused). */
  triggerId(): string {
    const id = `${++this.counter}.${Date.now()}.trigger`;
    this.triggers.add(id);
    return id;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(url: string): Array<Record<string, unknown>> {
    const id = url.split('/').pop();
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /** Waits until `predicate` holds (work happens after the ack, so results arrive later). */
  async until<T>(predicate: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v) return v;
      if (Date.now() > end) throw new Error('fake slack: condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Socket Mode: delivers an envelope and resolves with the app's ack payload. */
  sendEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    extra: { retry_attempt?: number; retry_reason?: string } = {},
  ): Promise<Record<string, unknown>> {
    const envelope_id = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${type} within 3 s`)), 3000);
      this.ackWaiters.set(envelope_id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    const frame = JSON.stringify({
      envelope_id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: extra.retry_attempt ?? 0,
      retry_reason: extra.retry_reason ?? '',
    });
    for (const ws of this.sockets) ws.send(frame);
    return acked;
  }

  /**
   * A file shared in a message, as Slack's events describe it. Its url_private answers only a request
   * with the bot token of an app that has files:read; anything else gets Slack's sign-in page (HTML,
   * status 200), as the real files.slack.com does.
   */
  shareFile(name: string, bytes: Buffer, mimetype = 'application/octet-stream'): Record<string, unknown> {
    const id = `F${++this.counter}`;
    const path = `/files-pri/${this.teamId}-${id}/${encodeURIComponent(name)}`;
    this.sharedFiles.set(path, { bytes, mimetype });
    const url = `http://127.0.0.1:${this.port}${path}`;
    return {
      id,
      name,
      title: name,
      mimetype,
      size: bytes.length,
      mode: 'hosted',
      url_private: url,
      url_private_download: `${url}?download=1`,
    };
  }

  /** Scopes the bot token was granted; without files:read, file downloads get the sign-in page. */
  readonly scopes = new Set(['files:read']);
  private readonly sharedFiles = new Map<string, { bytes: Buffer; mimetype: string }>();
  /** Downloads of shared files, with the Authorization header each carried. */
  readonly fileDownloads: Array<{ path: string; authorization: string | undefined }> = [];

  get socketCount(): number {
    return this.sockets.size;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readAll(req);
    if (url.pathname.startsWith('/respond/')) return this.onRespond(url.pathname.slice('/respond/'.length), raw, res);
    if (url.pathname.startsWith('/upload/')) {
      const id = url.pathname.slice('/upload/'.length);
      const u = this.uploads.get(id);
      if (!u) return void res.writeHead(404).end('not found');
      u.bytes = raw;
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
    }
    const shared = this.sharedFiles.get(url.pathname);
    if (shared) {
      this.fileDownloads.push({ path: url.pathname, authorization: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${this.botToken}` || !this.scopes.has('files:read')) {
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<html>Sign in to Slack</html>');
      }
      return void res
        .writeHead(200, { 'content-type': shared.mimetype, 'content-length': String(shared.bytes.length) })
        .end(shared.bytes);
    }
    if (!url.pathname.startsWith('/api/')) return void res.writeHead(404).end('not found');
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(req.headers['content-type'] ?? '', raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : (args.token as string | undefined);
    this.calls.push({ method, args, token });

    const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      void res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(body));

    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    if (!token) return json(200, { ok: false, error: 'not_authed' });
    if (token !== expected) return json(200, { ok: false, error: 'invalid_auth' });

    const scripted = this.failures.get(method)?.shift();
    if (scripted) {
      if ('status' in scripted) {
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(scripted.retryAfter) });
      }
      return json(200, { ok: false, error: scripted.error });
    }
    const result = this.api(method, args);
    return json(200, result);
  }

  private api(method: string, a: Record<string, unknown>): Record<string, unknown> {
    const err = (error: string, extra: Record<string, unknown> = {}) => ({ ok: false, error, ...extra });
    const invalid = (...messages: string[]) =>
      err('invalid_arguments', { response_metadata: { messages: messages.length ? messages : ['[ERROR] invalid'] } });
    const str = (k: string) => (typeof a[k] === 'string' && a[k] !== '' ? (a[k] as string) : undefined);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'mktbot',
          team_id: this.teamId,
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link` };
      case 'chat.postMessage':
      case 'chat.update': {
        const channel = str('channel');
        if (!channel) return err('channel_not_found');
        if (method === 'chat.update' && !str('ts')) return err('message_not_found');
        if (!str('text') && a.blocks === undefined) return err('no_text');
        const c = this.channels.get(channel);
        if (!c) return err('channel_not_found');
        if (!c.member) return err('not_in_channel');
        if (typeof a.text === 'string' && a.text.length > 40_000) return err('msg_too_long');
        const problem = blocksProblem(a.blocks);
        if (problem) return err(problem);
        return {
          ok: true,
          channel,
          ts: str('ts') ?? `${Math.floor(Date.now() / 1000)}.${String(++this.counter).padStart(6, '0')}`,
          message: { text: a.text },
        };
      }
      case 'conversations.join': {
        const channel = str('channel');
        const c = channel ? this.channels.get(channel) : undefined;
        if (!c) return err('channel_not_found');
        if (c.isPrivate) return err('method_not_supported_for_channel_type');
        c.member = true;
        return { ok: true, channel: { id: c.id, name: c.name } };
      }
      case 'views.open': {
        const trigger = str('trigger_id');
        if (!trigger) return invalid('[ERROR] missing required field: trigger_id');
        if (!this.triggers.has(trigger)) return err('invalid_trigger_id');
        this.triggers.delete(trigger);
        const problems = viewProblems(a.view as Record<string, unknown> | undefined);
        if (problems.length > 0) return invalid(...problems);
        return { ok: true, view: { id: `V${++this.counter}`, hash: `h${this.counter}`, ...(a.view as object) } };
      }
      case 'views.publish': {
        const user = str('user_id');
        if (!user) return invalid('[ERROR] missing required field: user_id');
        if (!this.users.has(user)) return err('user_not_found');
        const view = a.view as Wire | undefined;
        if (!view || typeof view !== 'object') return invalid('[ERROR] missing required field: view');
        const problems: string[] = [];
        if (view.type !== 'home') problems.push('[ERROR] must be home [json-pointer:/view/type]');
        for (const k of ['submit', 'close', 'title'] as const)
          if (view[k] !== undefined)
            problems.push(`[ERROR] ${k} is not allowed in a home view [json-pointer:/view/${k}]`);
        if (!Array.isArray(view.blocks) || view.blocks.length === 0)
          problems.push('[ERROR] missing required field: blocks [json-pointer:/view/blocks]');
        else if (view.blocks.length > 100)
          problems.push('[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]');
        else if (blocksProblem(view.blocks, 100)) problems.push('[ERROR] invalid block [json-pointer:/view/blocks]');
        if (problems.length > 0) return invalid(...problems);
        this.homes.set(user, view);
        return { ok: true, view: { id: `V${++this.counter}`, hash: `h${this.counter}`, ...view } };
      }
      case 'users.info': {
        const user = str('user');
        if (!user) return invalid('[ERROR] missing required field: user');
        const u = this.users.get(user);
        if (!u) return err('user_not_found');
        return {
          ok: true,
          user: { team_id: this.teamId, is_admin: false, is_owner: false, is_primary_owner: false, ...u },
        };
      }
      case 'files.getUploadURLExternal': {
        const filename = str('filename');
        const length = Number(a.length);
        if (!filename || !Number.isInteger(length) || length <= 0) {
          return invalid(
            ...(!filename ? ['[ERROR] missing required field: filename'] : []),
            ...(!(length > 0) ? ['[ERROR] missing required field: length'] : []),
          );
        }
        const id = `F${++this.counter}`;
        this.uploads.set(id, { filename, length });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = a.files as Array<{ id: string; title?: string }> | undefined;
        if (!Array.isArray(files) || files.length === 0) return invalid('[ERROR] missing required field: files');
        const channel = str('channel_id');
        if (channel) {
          const c = this.channels.get(channel);
          if (!c) return err('channel_not_found');
          if (!c.member) return err('not_in_channel');
        }
        for (const f of files) {
          const u = this.uploads.get(f.id);
          if (!u?.bytes) return err('file_not_found');
          u.completed = channel ?? '';
        }
        return {
          ok: true,
          files: files.map((f) => ({ id: f.id, title: f.title ?? '', name: this.uploads.get(f.id)?.filename })),
        };
      }
      default:
        return err('unknown_method');
    }
  }

  private onRespond(id: string, raw: Buffer, res: ServerResponse): void {
    const fail = this.responseFailures.shift();
    if (fail) return void res.writeHead(fail.status, { 'content-type': 'text/plain' }).end(fail.body);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
    }
    if (!body.text && body.blocks === undefined && body.delete_original !== true) {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('no_text');
    }
    const problem = blocksProblem(body.blocks);
    if (problem) return void res.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
    if (this.responses.filter((r) => r.id === id).length >= 5) {
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('used_too_many_times');
    }
    this.responses.push({ id, body });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const JSON_ARGS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

/** Web API bodies: form-encoded with JSON-encoded structured arguments, or JSON. */
function parseArgs(contentType: string, raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return { _raw: raw };
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) {
    out[k] = JSON_ARGS.includes(k) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function sign(secret: string, body: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature };
}

export interface SignedPostOptions {
  secret: string;
  ts?: number;
  headers?: Record<string, string>;
  /** Replace the signature (forgery tests). */
  signature?: string;
}

/** POSTs like Slack: exact content-type (no charset suffix), signed over the exact bytes. */
export async function signedPost(
  url: string,
  body: string,
  o: SignedPostOptions,
  contentType = 'application/x-www-form-urlencoded',
): Promise<{ status: number; text: string; ms: number }> {
  const headers: Record<string, string> = { 'content-type': contentType, ...sign(o.secret, body, o.ts), ...o.headers };
  if (o.signature) headers['x-slack-signature'] = o.signature;
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  team_domain?: string;
  channel_id?: string;
  channel_name?: string;
  response_url: string;
  trigger_id: string;
}

/** The form body of a slash command, field for field as Slack sends it. */
export function slashCommandBody(f: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: f.team_id ?? 'T0001',
    team_domain: f.team_domain ?? 'fake',
    channel_id: f.channel_id ?? 'C_TEAM',
    channel_name: f.channel_name ?? 'marketing',
    user_id: f.user_id ?? 'U_ADMIN',
    user_name: f.user_name ?? 'ada',
    command: f.command,
    text: f.text ?? '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: f.response_url,
    trigger_id: f.trigger_id,
  }).toString();
}

/** An interactivity body: `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function blockActionPayload(o: {
  actionId: string;
  value?: string;
  responseUrl: string;
  triggerId: string;
  user?: string;
  team?: string;
  channel?: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: o.team ?? 'T0001', domain: 'fake' },
    user: { id: o.user ?? 'U_ADMIN', username: 'ada', name: 'ada', team_id: o.team ?? 'T0001' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: o.channel ?? 'C_TEAM',
      is_ephemeral: false,
    },
    trigger_id: o.triggerId,
    channel: { id: o.channel ?? 'C_TEAM', name: 'marketing' },
    message: { type: 'message', ts: '1700000000.000100', text: 'x' },
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Press' },
        ...(o.value === undefined ? {} : { value: o.value }),
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A view_submission for a modal the app opened, with `values` as the person filled them. */
export function viewSubmissionPayload(o: {
  view: Wire;
  values: Record<string, string>;
  /** A file input's files by block id (FakeSlack.shareFile's objects, as Slack puts them in the state). */
  files?: Record<string, Array<Record<string, unknown>>>;
  triggerId: string;
  user?: string;
  team?: string;
}): Record<string, unknown> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of (o.view.blocks ?? []) as Array<Wire>) {
    if (block.type !== 'input') continue;
    const el = block.element as { type: string; action_id: string };
    const v = o.values[block.block_id];
    const entry =
      el.type === 'static_select'
        ? {
            type: el.type,
            selected_option: v === undefined ? null : { text: { type: 'plain_text', text: v }, value: v },
          }
        : el.type === 'conversations_select'
          ? { type: el.type, selected_conversation: v ?? null }
          : el.type === 'users_select'
            ? { type: el.type, selected_user: v ?? null }
            : el.type === 'file_input'
              ? { type: el.type, files: o.files?.[block.block_id] ?? [] }
              : { type: el.type, value: v ?? null };
    state[block.block_id] = { [el.action_id]: entry };
  }
  return {
    type: 'view_submission',
    team: { id: o.team ?? 'T0001', domain: 'fake' },
    user: { id: o.user ?? 'U_ADMIN', username: 'ada', name: 'ada', team_id: o.team ?? 'T0001' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    trigger_id: o.triggerId,
    view: {
      id: o.view.id ?? 'V1',
      team_id: o.team ?? 'T0001',
      type: 'modal',
      callback_id: o.view.callback_id,
      private_metadata: o.view.private_metadata ?? '',
      title: o.view.title,
      blocks: o.view.blocks,
      state: { values: state },
      hash: o.view.hash ?? 'h1',
      app_id: 'A1',
      bot_id: 'BBOT',
      root_view_id: o.view.id ?? 'V1',
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
    response_urls: [],
  };
}

/** The Events API body of `app_home_opened` (the person opened the app's Home tab). */
export function appHomeOpenedBody(o: {
  user?: string;
  team?: string;
  tab?: 'home' | 'messages';
  eventId: string;
}): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: o.team ?? 'T0001',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: o.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: o.team ?? 'T0001', user_id: 'UBOT', is_bot: true }],
    event: {
      type: 'app_home_opened',
      user: o.user ?? 'U_ADMIN',
      channel: 'D0HOME',
      tab: o.tab ?? 'home',
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    },
  });
}

/** A button pressed in the Home tab: block_actions from a view, with no channel and no response_url. */
export function homeActionPayload(o: {
  actionId: string;
  value?: string;
  triggerId: string;
  user?: string;
  team?: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: o.team ?? 'T0001', domain: 'fake' },
    user: { id: o.user ?? 'U_ADMIN', username: 'ada', name: 'ada', team_id: o.team ?? 'T0001' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'VHOME' },
    trigger_id: o.triggerId,
    view: { id: 'VHOME', type: 'home', team_id: o.team ?? 'T0001', blocks: [], hash: 'h1' },
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Press' },
        ...(o.value === undefined ? {} : { value: o.value }),
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  };
}
