/**
 * HTTP interactions mode (DISCORD_PUBLIC_KEY set): Discord POSTs each interaction to
 * /discord/interactions, signed with Ed25519. The answer goes back in the HTTP response (types 1, 4,
 * 5, 6, 7); slow work is deferred and finished through the webhook routes. No state lives in memory
 * between requests, so several replicas can share the endpoint.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { InteractionResponseType, InteractionType, MessageFlags, type REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { HttpResponse, HttpServer } from '../../http/server.js';
import {
  attachmentsOf,
  buttonWork,
  clientLocale,
  commandWork,
  formWork,
  type HandleDeps,
  handleInteraction,
  type InteractionFacts,
  type ModalComponent,
  messages,
  type OptionNode,
  type Responder,
  suggestions,
} from './interactions.js';
import { type DiscordMessage, forRest } from './render.js';

export const INTERACTIONS_PATH = '/discord/interactions';
const EDIT_AFTER_DEFER_MS = 150;

/** Requests signed further than this from now are refused (replays of captured requests). */
export const MAX_SKEW_SECONDS = 300;

// An Ed25519 public key as DER SubjectPublicKeyInfo is this fixed header followed by the 32 raw bytes.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyFromHex(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32) throw new Error('DISCORD_PUBLIC_KEY must be 32 bytes as 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'invalid';

/** Discord signs `timestamp + raw body`; the timestamp is in seconds. */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number,
): SignatureCheck {
  if (!signature || !timestamp) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-fA-F]{128}$/.test(signature)) return 'invalid';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale';
  const ok = verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  return ok ? 'ok' : 'invalid';
}

const optionNode: z.ZodType<OptionNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(optionNode).optional(),
  }),
);

const modalComponent: z.ZodType<ModalComponent> = z.lazy(() =>
  z.object({
    type: z.number().int().optional(),
    custom_id: z.string().max(100).optional(),
    value: z.string().max(4000).optional(),
    component: modalComponent.optional(),
    components: z.array(modalComponent).max(25).optional(),
  }),
);

const user = z.object({ id: z.string(), username: z.string(), global_name: z.string().nullish() });

const interaction = z.object({
  id: z.string(),
  application_id: z.string(),
  type: z.number().int(),
  token: z.string(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  locale: z.string().optional(),
  member: z.object({ user, permissions: z.string().regex(/^\d+$/), nick: z.string().nullish() }).optional(),
  user: user.optional(),
  data: z
    .object({
      name: z.string().optional(),
      type: z.number().int().optional(),
      custom_id: z.string().optional(),
      component_type: z.number().int().optional(),
      options: z.array(optionNode).optional(),
      components: z.array(modalComponent).max(25).optional(),
      resolved: z
        .object({
          attachments: z
            .record(
              z.string(),
              z.object({ filename: z.string().max(1024), url: z.url(), size: z.number().int().optional() }),
            )
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

type Payload = z.output<typeof interaction>;

export interface HttpInteractionsOptions extends HandleDeps {
  publicKey: string;
  /** Used for follow-ups and edits only (webhook routes, which need no bot token). */
  rest: REST;
  now?: () => number;
}

/** Registers the endpoint; returns a function that waits for background work (deferred answers). */
export function registerHttpInteractions(http: HttpServer, o: HttpInteractionsOptions): { idle(): Promise<void> } {
  const key = publicKeyFromHex(o.publicKey);
  const now = o.now ?? Date.now;
  const background = new Set<Promise<void>>();

  http.route('POST', INTERACTIONS_PATH, async (req): Promise<HttpResponse> => {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const check = checkSignature(key, header('x-signature-ed25519'), header('x-signature-timestamp'), req.body, now());
    if (check !== 'ok') {
      o.log.warn({ check }, 'discord: refused an interaction request');
      return { status: 401, body: { error: 'invalid request signature' } };
    }
    let payload: Payload;
    try {
      payload = interaction.parse(JSON.parse(req.body.toString('utf8')));
    } catch {
      return { status: 400, body: { error: 'not a Discord interaction' } };
    }
    if (payload.type === InteractionType.Ping) return { status: 200, body: { type: InteractionResponseType.Pong } };
    const facts = factsOf(payload);
    if (payload.type === InteractionType.ApplicationCommandAutocomplete) {
      const choices = payload.data?.name
        ? await suggestions(o.router, facts, payload.data.name, payload.data.options, 2 * o.budgetMs)
        : [];
      return {
        status: 200,
        body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
      };
    }

    const work =
      payload.type === InteractionType.ApplicationCommand && payload.data?.name
        ? commandWork(o.router, payload.data.name, payload.data.options)
        : payload.type === InteractionType.MessageComponent && payload.data?.custom_id
          ? buttonWork(payload.data.custom_id)
          : payload.type === InteractionType.ModalSubmit && payload.data?.custom_id
            ? formWork(payload.data.custom_id, payload.data.components)
            : undefined;
    if (!work) {
      const locale = clientLocale(facts);
      return message({ content: messages[locale].unsupported, flags: MessageFlags.Ephemeral });
    }

    const { responder, first } = httpResponder(payload, o.rest);
    const job = handleInteraction(facts, work, responder, o, 'tell')
      .catch((err: unknown) => o.log.error({ err, interaction: payload.id }, 'discord: interaction failed'))
      .finally(() => background.delete(job));
    background.add(job);
    // If the work failed before answering, Discord still needs a response: a 500 ends the request.
    return Promise.race([first, job.then(() => ({ status: 500, body: { error: 'no response' } }) as HttpResponse)]);
  });

  return {
    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}

function message(data: Record<string, unknown>): HttpResponse {
  return { status: 200, body: { type: InteractionResponseType.ChannelMessageWithSource, data } };
}

function factsOf(p: Payload): InteractionFacts {
  const u = p.member?.user ?? p.user;
  return {
    id: p.id,
    guildId: p.guild_id,
    channelId: p.channel_id,
    user: { id: u?.id ?? '', name: p.member?.nick ?? u?.global_name ?? u?.username ?? '' },
    permissions: p.member ? BigInt(p.member.permissions) : undefined,
    locale: p.locale,
    attachments: attachmentsOf(p.data?.options, p.data?.resolved?.attachments),
  };
}

/**
 * The first call answers the HTTP request; later calls go through the webhook routes with the
 * interaction token (no bot token needed). A first answer that carries files is sent as a defer plus
 * an edit, since files cannot ride in the JSON response.
 */
function httpResponder(p: Payload, rest: REST): { responder: Responder; first: Promise<HttpResponse> } {
  let resolveFirst: (r: HttpResponse) => void = () => {};
  const first = new Promise<HttpResponse>((resolve) => {
    resolveFirst = resolve;
  });
  const original = Routes.webhookMessage(p.application_id, p.token, '@original');
  const respond = (type: InteractionResponseType, data?: Record<string, unknown>) =>
    resolveFirst({ status: 200, body: data === undefined ? { type } : { type, data } });
  const edit = async (m: DiscordMessage) => {
    const { body, files } = forRest({ ...m, ephemeral: false });
    await rest.patch(original, { body, files, auth: false });
  };
  const responder: Responder = {
    async send(m, mode) {
      const update = mode === 'update';
      if (m.files.length > 0) {
        if (update) respond(InteractionResponseType.DeferredMessageUpdate);
        else
          respond(InteractionResponseType.DeferredChannelMessageWithSource, {
            ...(m.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
          });
        // Let the HTTP response reach Discord before the edit refers to the deferred message.
        await new Promise((resolve) => setTimeout(resolve, EDIT_AFTER_DEFER_MS));
        await edit(m);
        return;
      }
      const { body } = forRest(update ? { ...m, ephemeral: false } : m);
      respond(update ? InteractionResponseType.UpdateMessage : InteractionResponseType.ChannelMessageWithSource, body);
    },
    async defer(mode) {
      respond(
        mode === 'update'
          ? InteractionResponseType.DeferredMessageUpdate
          : InteractionResponseType.DeferredChannelMessageWithSource,
      );
    },
    edit,
    async followUp(m) {
      const { body, files } = forRest(m);
      await rest.post(Routes.webhook(p.application_id, p.token), { body, files, auth: false });
    },
    async deleteOriginal() {
      await rest.delete(original, { auth: false });
    },
    async modal(m) {
      respond(InteractionResponseType.Modal, { ...m });
    },
  };
  return { responder, first };
}
