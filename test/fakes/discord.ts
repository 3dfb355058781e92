/**
 * A local stand-in for Discord, good enough to drive the real discord.js Client: REST under /api/v10
 * (gateway discovery, interaction callbacks, webhook edits and follow-ups, channel messages, command
 * registration) and a plain-JSON WebSocket gateway (HELLO, IDENTIFY -> READY, heartbeat ACKs,
 * dispatches). It checks what Discord checks (bot token, interaction state, message and command
 * limits, locale keys) and answers with Discord's error bodies, so a test fails where Discord would.
 *
 * Shapes: discord-api-docs (gateway events, receiving-and-responding, message limits, locales) and
 * ../shared/research/slack-discord-testing.md section 3.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const DISCORD_LOCALES = [
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
] as const;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: Array<{ field: string; name: string; size: number; type: string }>;
}

export interface ScriptedFailure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** How many requests it answers; 1 unless set. */
  times?: number;
}

interface InteractionState {
  id: string;
  token: string;
  /** Callback type of the first response, once answered. */
  response?: number;
  messages: number;
}

const SNOWFLAKE_BASE = 1_180_000_000_000_000_000n;

export class FakeDiscord {
  readonly token: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly requests: RecordedRequest[] = [];
  /** Every frame the client sent on the gateway (IDENTIFY, heartbeats). */
  readonly gatewayFrames: Array<{ op: number; d: unknown }> = [];
  /** Command sets registered with PUT, by route ("global" or the guild id). */
  readonly registered = new Map<string, unknown[]>();
  private readonly failures: ScriptedFailure[] = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: Array<() => void> = [];
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private seq = 0;
  private next = 0n;
  port = 0;

  /** Gateway WebSocket connections open now (at most one across replicas). */
  get openGateways(): number {
    return this.sockets.size;
  }

  constructor(o: { token?: string; appId?: string } = {}) {
    this.appId = o.appId ?? this.snowflake();
    this.botUserId = this.snowflake();
    this.token = o.token ?? `fake.${this.botUserId}.token`;
  }

  /** REST base as discord.js takes it (`rest.api`), including /api. */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  snowflake(): string {
    this.next += 1n;
    return String(SNOWFLAKE_BASE + this.next * 4_194_304n);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
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

  /** The next matching request gets this answer instead (429s, 403s, 5xx). */
  fail(f: ScriptedFailure): void {
    this.failures.push({ times: 1, ...f });
  }

  /** Resolves with the first recorded request matching, waiting for it if needed. */
  async waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(pred);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching Discord request within ${timeoutMs} ms; saw:\n${this.describe()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  describe(): string {
    return this.requests.map((r) => `${r.method} ${r.path}`).join('\n');
  }

  // ---- interactions -------------------------------------------------------------------------

  /** Builds an INTERACTION_CREATE payload (the fields discord.js needs) and remembers its token. */
  interaction(o: {
    type: 2 | 3 | 4 | 5;
    data: Record<string, unknown>;
    guildId?: string | null;
    channelId?: string;
    userId?: string;
    userName?: string;
    /** Member permission bits as a decimal string; "32" is Manage Server. */
    permissions?: string;
    locale?: string;
    message?: Record<string, unknown>;
  }): Record<string, unknown> & { id: string; token: string } {
    const id = this.snowflake();
    const token = `itoken-${id}`;
    this.interactions.set(token, { id, token, messages: 0 });
    const guildId = o.guildId === undefined ? '1180000000000000001' : o.guildId;
    const channelId = o.channelId ?? '1180000000000000002';
    const user = {
      id: o.userId ?? '1180000000000000003',
      username: o.userName ?? 'rana',
      global_name: o.userName ? `${o.userName} (display)` : 'Rana',
      discriminator: '0',
      avatar: null,
      public_flags: 0,
    };
    return {
      id,
      application_id: this.appId,
      type: o.type,
      token,
      version: 1,
      data: o.data,
      ...(guildId
        ? {
            guild_id: guildId,
            guild: { id: guildId, locale: 'en-US', features: [] },
            guild_locale: 'en-US',
            member: {
              user,
              roles: [],
              permissions: o.permissions ?? '0',
              joined_at: '2026-01-01T00:00:00.000Z',
              nick: null,
              avatar: null,
              flags: 0,
              deaf: false,
              mute: false,
              pending: false,
            },
          }
        : { user }),
      channel_id: channelId,
      channel: { id: channelId, type: guildId ? 0 : 1, guild_id: guildId ?? undefined, name: 'marketing' },
      app_permissions: '2248473465835073',
      locale: o.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: guildId ? { '0': guildId } : { '1': user.id },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10_485_760,
      ...(o.message ? { message: o.message } : {}),
    };
  }

  chatInput(
    name: string,
    options: Array<Record<string, unknown>> = [],
    over: Omit<Parameters<FakeDiscord['interaction']>[0], 'type' | 'data'> = {},
    resolved?: Record<string, unknown>,
  ) {
    return this.interaction({
      ...over,
      type: 2,
      data: { id: this.snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) },
    });
  }

  /**
   * A file attached to a slash command's attachment option: stored on the fake CDN (a signed URL that
   * needs no token, as Discord's is) and described as `data.resolved.attachments[id]` describes it.
   */
  attach(filename: string, bytes: Buffer, contentType: string): { id: string; resolved: Record<string, unknown> } {
    const id = this.snowflake();
    const path = `/attachments/1180000000000000002/${id}/${encodeURIComponent(filename)}`;
    this.cdn.set(path, { bytes, contentType });
    const url = `http://127.0.0.1:${this.port}${path}?ex=67&is=66&hm=signed`;
    return {
      id,
      resolved: { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType },
    };
  }

  private readonly cdn = new Map<string, { bytes: Buffer; contentType: string }>();

  button(customId: string, over: Omit<Parameters<FakeDiscord['interaction']>[0], 'type' | 'data' | 'message'> = {}) {
    const channelId = over.channelId ?? '1180000000000000002';
    return this.interaction({
      ...over,
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: this.message(channelId, { components: [] }),
    });
  }

  /** A MODAL_SUBMIT for a modal opened from a button on a message: one text input per row. */
  modalSubmit(
    customId: string,
    values: Record<string, string>,
    over: Omit<Parameters<FakeDiscord['interaction']>[0], 'type' | 'data' | 'message'> = {},
  ) {
    const channelId = over.channelId ?? '1180000000000000002';
    const components = Object.entries(values).map(([id, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: id, value }],
    }));
    return this.interaction({
      ...over,
      type: 5,
      data: { custom_id: customId, components },
      message: this.message(channelId, { components: [] }),
    });
  }

  /** Sends a payload over the gateway as INTERACTION_CREATE. */
  dispatchInteraction(payload: Record<string, unknown>): void {
    this.dispatch('INTERACTION_CREATE', payload);
  }

  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: this.seq, d });
    for (const ws of this.sockets) ws.send(frame);
  }

  /** What the app answered to an interaction (callback type), undefined while unanswered. */
  responseTo(interactionToken: string): number | undefined {
    return this.interactions.get(interactionToken)?.response;
  }

  /**
   * HTTP interactions mode: POSTs a signed interaction to the app as Discord does, and records the
   * app's answer as the interaction's response (so later webhook edits are accepted or refused as
   * Discord would).
   */
  async deliver(
    url: string,
    payload: Record<string, unknown>,
    signer: DiscordSigner,
    o: { timestamp?: number; body?: string } = {},
  ): Promise<{ status: number; body: { type?: number; data?: Record<string, unknown> } & Record<string, unknown> }> {
    const body = o.body ?? JSON.stringify(payload);
    const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': signer.sign(timestamp, body),
        'x-signature-timestamp': timestamp,
      },
      body,
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : {};
    const state = this.interactions.get(String(payload.token));
    if (res.status === 200 && state && state.response === undefined && typeof parsed.type === 'number') {
      state.response = parsed.type;
    }
    return { status: res.status, body: parsed };
  }

  // ---- gateway -------------------------------------------------------------------------------

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayFrames.push(frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        const d = frame.d as { token?: string };
        if (d.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        this.seq += 1;
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: this.seq,
            d: {
              v: 10,
              user: {
                id: this.botUserId,
                username: 'mktbot',
                discriminator: '0',
                global_name: null,
                avatar: null,
                bot: true,
              },
              guilds: [],
              session_id: `session-${this.seq}`,
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              application: { id: this.appId, flags: 0 },
            },
          }),
        );
      }
    });
  }

  // ---- REST ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const file = this.cdn.get(url.pathname);
    if (file) {
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }
    const raw = await readAll(req);
    const { body, files } = await parseBody(req.headers['content-type'], raw);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
      files,
    };
    this.requests.push(rec);
    for (const w of this.waiters.splice(0)) w();
    const out = this.route(rec);
    res.writeHead(out.status, {
      ...(out.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...out.headers,
    });
    res.end(out.body === undefined ? undefined : JSON.stringify(out.body));
  }

  private route(r: RecordedRequest): { status: number; body?: unknown; headers?: Record<string, string> } {
    const failure = this.failures.find((f) => f.method === r.method && f.path.test(r.path));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      return { status: failure.status, body: failure.body, ...(failure.headers ? { headers: failure.headers } : {}) };
    }
    const m = /^\/api\/v10(\/.*)$/.exec(r.path);
    if (!m) return notFound();
    const p = m[1] as string;
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(p);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(p);
    const channel = /^\/channels\/(\d+)\/messages$/.exec(p);
    const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(p);
    let match: RegExpExecArray | null = callback;
    if (match && r.method === 'POST') {
      return this.callback(match[1] as string, match[2] as string, r.body as { type?: number; data?: unknown });
    }
    match = webhook;
    if (match) {
      return this.webhook(r, match[1] as string, match[2] as string, Boolean(match[3]));
    }
    // Everything below needs the bot token.
    if (r.authorization !== `Bot ${this.token}`)
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    if (p === '/gateway/bot' && r.method === 'GET') {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    match = channel;
    if (match && r.method === 'POST') {
      const problem = messageProblem(r.body, r.files.length);
      if (problem) return problem;
      return { status: 200, body: this.message(match[1] as string, r.body as Record<string, unknown>) };
    }
    match = commands;
    if (match && r.method === 'PUT') {
      if (match[1] !== this.appId) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      const problem = commandsProblem(r.body);
      if (problem) return problem;
      const list = (r.body as Array<Record<string, unknown>>).map((c) => ({
        ...c,
        id: this.snowflake(),
        application_id: this.appId,
        version: this.snowflake(),
      }));
      this.registered.set(match[2] ?? 'global', list);
      return { status: 200, body: list };
    }
    return notFound();
  }

  private callback(id: string, token: string, body: { type?: number; data?: unknown }) {
    const state = this.interactions.get(token);
    if (!state || state.id !== id) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    if (state.response !== undefined) {
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    if (![4, 5, 6, 7, 8, 9].includes(body?.type ?? -1)) return invalidForm('type', 'BASE_TYPE_CHOICES');
    if (body.type === 8) {
      const choices = (body.data as { choices?: Array<{ name: string; value: unknown }> } | undefined)?.choices;
      if (!Array.isArray(choices) || choices.length > 25) return invalidForm('data.choices', 'BASE_TYPE_MAX_LENGTH');
      if (choices.some((c) => !c.name || c.name.length > 100))
        return invalidForm('data.choices.name', 'BASE_TYPE_BAD_LENGTH');
    }
    if (body.type === 9) {
      const problem = modalProblem(body.data);
      if (problem) return problem;
    }
    if (body.type === 4 || body.type === 7) {
      const problem = messageProblem(body.data, 0);
      if (problem) return problem;
    }
    state.response = body.type;
    return { status: 204 };
  }

  private webhook(r: RecordedRequest, app: string, token: string, original: boolean) {
    const state = this.interactions.get(token);
    if (app !== this.appId || !state) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    if (state.response === undefined) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (r.method === 'DELETE' && original) return { status: 204 };
    if ((r.method === 'PATCH' && original) || (r.method === 'POST' && !original)) {
      const problem = r.method === 'POST' ? messageProblem(r.body, r.files.length) : editProblem(r.body);
      if (problem) return problem;
      state.messages += 1;
      return { status: 200, body: this.message('1180000000000000002', r.body as Record<string, unknown>) };
    }
    return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
  }

  message(channelId: string, body: Record<string, unknown>): Record<string, unknown> {
    return {
      id: this.snowflake(),
      type: 0,
      channel_id: channelId,
      author: { id: this.botUserId, username: 'mktbot', discriminator: '0', avatar: null, bot: true },
      content: '',
      timestamp: '2026-11-26T09:00:00.000Z',
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
      application_id: this.appId,
      ...body,
    };
  }
}

// ---- validation, as Discord does it -------------------------------------------------------------

function notFound() {
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

function invalidForm(path: string, code: string, message = 'Invalid Form Body') {
  return {
    status: 400,
    body: { code: 50035, message: 'Invalid Form Body', errors: { [path]: { _errors: [{ code, message }] } } },
  };
}

interface Embed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
  image?: { url: string };
}

function editProblem(body: unknown) {
  return messageProblem(body, 1);
}

/** Discord's message limits: content 2000, 10 embeds, 6000 characters across them, components. */
/** What Discord refuses in a modal (type 9): ids, title and labels over their limits, 1-5 text inputs. */
export function modalProblem(data: unknown) {
  const m = data as
    | {
        custom_id?: string;
        title?: string;
        components?: Array<{ type?: number; components?: Array<Record<string, unknown>> }>;
      }
    | undefined;
  if (!m?.custom_id || m.custom_id.length > 100) return invalidForm('data.custom_id', 'BASE_TYPE_BAD_LENGTH');
  if (!m.title || m.title.length > 45) return invalidForm('data.title', 'BASE_TYPE_BAD_LENGTH');
  const rows = m.components ?? [];
  if (rows.length < 1 || rows.length > 5) return invalidForm('data.components', 'BASE_TYPE_BAD_LENGTH');
  for (const row of rows) {
    const input = row.components?.[0];
    if (row.type !== 1 || row.components?.length !== 1 || input?.type !== 4)
      return invalidForm('data.components', 'COMPONENT_LAYOUT_WIDTH_EXCEEDED');
    const label = input.label;
    if (typeof label !== 'string' || label.length < 1 || label.length > 45)
      return invalidForm('data.components.label', 'BASE_TYPE_BAD_LENGTH');
    if (input.style !== 1 && input.style !== 2) return invalidForm('data.components.style', 'BASE_TYPE_CHOICES');
    const id = input.custom_id;
    if (typeof id !== 'string' || id.length < 1 || id.length > 100)
      return invalidForm('data.components.custom_id', 'BASE_TYPE_BAD_LENGTH');
    if (typeof input.value === 'string' && input.value.length > 4000)
      return invalidForm('data.components.value', 'BASE_TYPE_BAD_LENGTH');
  }
  return undefined;
}

export function messageProblem(body: unknown, files: number) {
  const b = (body ?? {}) as { content?: string; embeds?: Embed[]; components?: Array<{ components?: unknown[] }> };
  const embeds = b.embeds ?? [];
  if (!b.content && embeds.length === 0 && files === 0 && (b.components ?? []).length === 0) {
    return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
  }
  if ((b.content ?? '').length > 2000) return invalidForm('content', 'BASE_TYPE_MAX_LENGTH');
  if (embeds.length > 10) return invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH');
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    if ((e.title ?? '').length > 256) return invalidForm(`embeds.${i}.title`, 'BASE_TYPE_MAX_LENGTH');
    if ((e.description ?? '').length > 4096) return invalidForm(`embeds.${i}.description`, 'BASE_TYPE_MAX_LENGTH');
    if ((e.fields ?? []).length > 25) return invalidForm(`embeds.${i}.fields`, 'BASE_TYPE_MAX_LENGTH');
    for (const f of e.fields ?? []) {
      if (!f.name || f.name.length > 256) return invalidForm(`embeds.${i}.fields.name`, 'BASE_TYPE_BAD_LENGTH');
      if (!f.value || f.value.length > 1024) return invalidForm(`embeds.${i}.fields.value`, 'BASE_TYPE_BAD_LENGTH');
      total += f.name.length + f.value.length;
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
  }
  if (total > 6000) return invalidForm('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  const rows = b.components ?? [];
  if (rows.length > 5) return invalidForm('components', 'BASE_TYPE_MAX_LENGTH');
  for (const row of rows) {
    const buttons = (row.components ?? []) as Array<{
      custom_id?: string;
      label?: string;
      style?: number;
      url?: string;
    }>;
    if (buttons.length < 1 || buttons.length > 5) return invalidForm('components.components', 'BASE_TYPE_BAD_LENGTH');
    for (const btn of buttons) {
      // A link button (style 5) has a url and no custom_id; every other button the reverse.
      if (btn.style === 5) {
        if (!btn.url || btn.url.length > 512 || btn.custom_id !== undefined)
          return invalidForm('components.url', 'BUTTON_COMPONENT_INVALID_URL');
      } else if (btn.url !== undefined) return invalidForm('components.url', 'BUTTON_COMPONENT_URL_NOT_ALLOWED');
      else if (!btn.custom_id || btn.custom_id.length > 100)
        return invalidForm('components.custom_id', 'BASE_TYPE_BAD_LENGTH');
      if ((btn.label ?? '').length > 80) return invalidForm('components.label', 'BASE_TYPE_MAX_LENGTH');
    }
  }
  return undefined;
}

const NAME = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Devanagari}\p{sc=Thai}]{1,32}$/u;

interface CommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: unknown[];
  options?: CommandOption[];
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  /** Top level only: a permission bitfield as a string of digits, or null for everyone. */
  default_member_permissions?: unknown;
}

/** Application command checks that make Discord refuse a registration with 50035. */
export function commandsProblem(body: unknown) {
  if (!Array.isArray(body)) return invalidForm('_', 'BASE_TYPE_ARRAY');
  if (body.length > 100) return invalidForm('_', 'BASE_TYPE_MAX_LENGTH');
  const names = new Set<string>();
  for (const [i, c] of (body as CommandOption[]).entries()) {
    if (names.has(c.name)) return invalidForm(`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME');
    names.add(c.name);
    const perms = c.default_member_permissions;
    if (perms !== undefined && perms !== null && (typeof perms !== 'string' || !/^\d{1,20}$/.test(perms)))
      return invalidForm(`${i}.default_member_permissions`, 'BASE_TYPE_BAD_INT');
    const problem = optionProblem(c, `${i}`);
    if (problem) return problem;
  }
  return undefined;
}

function optionProblem(o: CommandOption, at: string): ReturnType<typeof invalidForm> | undefined {
  if (!NAME.test(o.name) || o.name !== o.name.toLowerCase())
    return invalidForm(`${at}.name`, 'APPLICATION_COMMAND_INVALID_NAME');
  if (!o.description || o.description.length > 100) return invalidForm(`${at}.description`, 'BASE_TYPE_BAD_LENGTH');
  for (const key of ['name_localizations', 'description_localizations'] as const) {
    for (const [locale, text] of Object.entries(o[key] ?? {})) {
      if (!(DISCORD_LOCALES as readonly string[]).includes(locale))
        return invalidForm(`${at}.${key}.${locale}`, 'BASE_TYPE_CHOICES');
      if (key === 'name_localizations' && !NAME.test(text))
        return invalidForm(`${at}.${key}.${locale}`, 'STRING_TYPE_REGEX');
      if (key === 'description_localizations' && (text.length < 1 || text.length > 100))
        return invalidForm(`${at}.${key}.${locale}`, 'BASE_TYPE_BAD_LENGTH');
    }
  }
  const options = o.options ?? [];
  if (options.length > 25) return invalidForm(`${at}.options`, 'BASE_TYPE_MAX_LENGTH');
  if ((o.choices ?? []).length > 25) return invalidForm(`${at}.choices`, 'BASE_TYPE_MAX_LENGTH');
  let seenOptional = false;
  const names = new Set<string>();
  for (const [j, child] of options.entries()) {
    if (names.has(child.name))
      return invalidForm(`${at}.options.${j}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS');
    names.add(child.name);
    if (child.type > 2) {
      if (child.required && seenOptional)
        return invalidForm(`${at}.options.${j}.required`, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID');
      if (!child.required) seenOptional = true;
    }
    const problem = optionProblem(child, `${at}.options.${j}`);
    if (problem) return problem;
  }
  return undefined;
}

// ---- bodies ----------------------------------------------------------------------------------

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedRequest['files'] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedRequest['files'] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else files.push({ field, name: value.name, size: value.size, type: value.type });
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return { body: raw.toString('utf8'), files: [] };
  }
}

// ---- HTTP interactions signing ------------------------------------------------------------------

export interface DiscordSigner {
  /** The application's public key as the developer portal shows it (64 hex characters). */
  publicKeyHex: string;
  /** Ed25519 over timestamp + body, hex, as Discord sends in X-Signature-Ed25519. */
  sign(timestamp: string, body: string): string;
}

export function discordSigner(): DiscordSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeyHex: der.subarray(der.length - 32).toString('hex'),
    sign: (timestamp, body) => sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex'),
  };
}
