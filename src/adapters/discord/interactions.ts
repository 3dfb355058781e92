/**
 * What both Discord transports (the gateway through discord.js, and signed HTTP interactions) share:
 * who is asking, which command or button it is, at most once per interaction id, and one answer per
 * interaction that never misses Discord's 3-second window and never acknowledges twice.
 */
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { findSubcommand } from '../../core/bind.js';
import type { Identity } from '../../core/context.js';
import { newReferenceId } from '../../core/errors.js';
import { defineMessages, type Locale } from '../../core/i18n.js';
import type { Attachment } from '../../core/identity.js';
import { core } from '../../core/messages.js';
import { formAsText, type Reply } from '../../core/reply.js';
import type { Router } from '../../core/router.js';
import type { Db } from '../../db/client.js';
import { claimOnce } from '../../db/processed-events.js';
import type { Logger } from '../../log.js';
import { download } from '../attachments.js';
import { type DiscordMessage, parseCustomId, renderMessage, renderModal } from './render.js';

export const messages = defineMessages(
  'discord',
  {
    guildOnly: 'mktbot works inside a server: run this command in one of your server channels.',
    duplicate: 'This request was already received; its answer is on its way.',
    unsupported: 'This kind of interaction is not supported yet.',
  },
  {
    guildOnly: 'يعمل mktbot داخل الخوادم: شغّل هذا الأمر في إحدى قنوات خادمك.',
    duplicate: 'وصل هذا الطلب من قبل، والرد عليه في الطريق.',
    unsupported: 'هذا النوع من التفاعل غير مدعوم بعد.',
  },
);

/** Discord permission bits (topics/permissions). */
export const PERMISSION = { administrator: 1n << 3n, manageGuild: 1n << 5n } as const;

/** The option tree of a chat input interaction, as the API and discord.js both give it. */
export interface OptionNode {
  name: string;
  type: number;
  value?: string | number | boolean;
  /** Set on the option being typed in an autocomplete interaction. */
  focused?: boolean;
  options?: readonly OptionNode[];
}

/** The facts about an interaction that routing needs, whichever transport it came by. */
export interface InteractionFacts {
  id: string;
  guildId: string | null | undefined;
  guildName?: string | undefined;
  channelId: string | null | undefined;
  user: { id: string; name: string };
  /** The member's permissions in the channel, when Discord sent them. */
  permissions: bigint | undefined;
  /** Discord client language, for messages sent before a workspace is known. */
  locale: string | undefined;
  /** Files given in the command's attachment options, in option order. */
  attachments?: readonly Attachment[];
}

/** An attachment as the interaction resolves it (`data.resolved.attachments[id]`). */
export interface ResolvedAttachment {
  filename: string;
  url: string;
  size?: number | undefined;
}

/** Option type 11: an attachment; its value is the id of one of the resolved attachments. */
const ATTACHMENT = 11;

/**
 * The files of a command, in the order of its attachment options (`file`, `file2`…). Discord's CDN
 * URLs are signed and need no token; the bytes are fetched only when the command reads them.
 */
export function attachmentsOf(
  options: readonly OptionNode[] | undefined,
  resolved: Readonly<Record<string, ResolvedAttachment>> | undefined,
): Attachment[] {
  const out: Attachment[] = [];
  for (const o of options ?? []) {
    if (o.type === 1 || o.type === 2) out.push(...attachmentsOf(o.options, resolved));
    const found = o.type === ATTACHMENT ? resolved?.[String(o.value)] : undefined;
    if (found) {
      out.push({ name: found.filename, size: found.size, read: (max) => download(found.url, max) });
    }
  }
  return out;
}

export type Work =
  | { kind: 'command'; command: string; sub: string | undefined; raw: Record<string, string>; slow: boolean }
  | { kind: 'button'; actionId: string; payload: string | undefined }
  | { kind: 'form'; actionId: string; payload: string | undefined; values: Record<string, string> };

/** A submitted modal's components: rows of text inputs (or label components wrapping one). */
export interface ModalComponent {
  type?: number;
  custom_id?: string;
  value?: string;
  component?: ModalComponent;
  components?: readonly ModalComponent[];
}

/** Sub-action and option values of a chat input command; values become the raw strings the router parses. */
export function readOptions(options: readonly OptionNode[] | undefined): {
  sub?: string;
  raw: Record<string, string>;
  focused?: string;
} {
  const list = options ?? [];
  const subNode = list.find((o) => o.type === 1 || o.type === 2);
  if (subNode) {
    // A sub-command group (type 2) would nest once more; specs declare none, but read it the same way.
    const inner = subNode.type === 2 ? subNode.options?.[0] : subNode;
    return { ...(inner ? { sub: inner.name } : {}), ...readOptions(inner?.options) };
  }
  const raw: Record<string, string> = {};
  let focused: string | undefined;
  for (const o of list) {
    // An attachment's value is an id: its file travels as an identity attachment (attachmentsOf).
    if (o.type === ATTACHMENT) continue;
    if (o.value !== undefined) raw[o.name] = String(o.value);
    if (o.focused) focused = o.name;
  }
  return { raw, ...(focused ? { focused } : {}) };
}

export interface Choice {
  name: string;
  value: string;
}

/** Autocomplete: suggestions for the focused option, as Discord choices, never later than `budgetMs`. */
export async function suggestions(
  router: Router,
  facts: InteractionFacts,
  command: string,
  options: readonly OptionNode[] | undefined,
  budgetMs: number,
): Promise<Choice[]> {
  const who = identityOf(facts);
  const { sub, raw, focused } = readOptions(options);
  if (!who || !focused) return [];
  const found = await Promise.race([router.suggest(command, sub, focused, raw[focused] ?? '', who), delay(budgetMs)]);
  return (found ?? []).filter((v) => v.length > 0 && v.length <= 100).map((v) => ({ name: v, value: v }));
}

export function commandWork(router: Router, name: string, options: readonly OptionNode[] | undefined): Work {
  const { sub, raw } = readOptions(options);
  const command = router.find(name);
  const spec = command ? findSubcommand(command, sub) : undefined;
  return { kind: 'command', command: name, sub, raw, slow: spec?.slow ?? false };
}

export function buttonWork(custom: string): Work {
  const { actionId, payload } = parseCustomId(custom);
  return { kind: 'button', actionId, payload };
}

/** A MODAL_SUBMIT: the modal's custom_id names the action and payload; each text input's id is a field key. */
export function formWork(custom: string, components: readonly ModalComponent[] | undefined): Work {
  const { actionId, payload } = parseCustomId(custom);
  const values: Record<string, string> = {};
  const visit = (c: ModalComponent) => {
    if (c.custom_id !== undefined && typeof c.value === 'string' && c.value.trim() !== '')
      values[c.custom_id] = c.value;
    if (c.component) visit(c.component);
    for (const child of c.components ?? []) visit(child);
  };
  for (const c of components ?? []) visit(c);
  return { kind: 'form', actionId, payload, values };
}

/** Workspace = the server; Manage Server or Administrator makes a platform admin. */
export function identityOf(f: InteractionFacts): Identity | undefined {
  if (!f.guildId) return undefined;
  const p = f.permissions ?? 0n;
  const admin = (p & PERMISSION.administrator) !== 0n || (p & PERMISSION.manageGuild) !== 0n;
  return {
    platform: 'discord',
    workspace: { externalId: f.guildId, ...(f.guildName ? { name: f.guildName } : {}) },
    user: { externalId: f.user.id, name: f.user.name, platformAdmin: admin },
    ...(f.channelId ? { channel: f.channelId } : {}),
    ...(f.attachments && f.attachments.length > 0 ? { attachments: f.attachments } : {}),
  };
}

export function clientLocale(f: Pick<InteractionFacts, 'locale'>): Locale {
  return f.locale === 'ar' || f.locale?.startsWith('ar-') ? 'ar' : 'en';
}

export function notice(text: string, locale: Locale): Reply {
  return { tone: 'error', blocks: [{ kind: 'text', text }], ephemeral: true, rtl: locale === 'ar' };
}

/** How one interaction is answered; each transport implements it once. */
export interface Responder {
  /** First response with content: a new message (type 4), or the pressed button's message updated (type 7). */
  send(m: DiscordMessage, mode: 'new' | 'update'): Promise<void>;
  /** First response without content: "thinking…" (type 5), or a silent acknowledgement of a button (type 6). */
  defer(mode: 'new' | 'update'): Promise<void>;
  /** After a defer: replaces the deferred message (or the message whose button was pressed). */
  edit(m: DiscordMessage): Promise<void>;
  followUp(m: DiscordMessage): Promise<void>;
  deleteOriginal(): Promise<void>;
  /** First response to a button: a form to fill in (type 9). */
  modal(m: APIModalInteractionResponseCallbackData): Promise<void>;
}

export interface AnswerOptions {
  /** Longest wait for a result before deferring; Discord allows 3 s in total, the network needs some of it. */
  budgetMs: number;
  log: Logger;
}

export const DEFAULT_BUDGET_MS = 1000;

/**
 * Runs the work and answers exactly once: a slow sub-action defers at once; anything else gets
 * `budgetMs` to finish, and is deferred and then edited if it takes longer. Every state goes through
 * this one function, so there is never a second acknowledgement.
 */
export async function answer(
  kind: Work['kind'],
  slow: boolean,
  run: () => Promise<Reply>,
  r: Responder,
  o: AnswerOptions,
) {
  const pending = run();
  let acknowledged = false;
  try {
    const early = slow ? undefined : await Promise.race([pending, delay(o.budgetMs)]);
    if (early) {
      const modal = kind === 'button' && early.form ? renderModal(early.form) : undefined;
      if (modal) {
        await r.modal(modal);
        return;
      }
      const m = renderChecked(formAsText(early), o.log);
      const update = kind !== 'command' && early.replaceOriginal === true;
      await r.send(update ? { ...m, ephemeral: false } : m, update ? 'update' : 'new');
      return;
    }
    await r.defer(kind === 'command' ? 'new' : 'update');
    acknowledged = true;
    // A form too late for the first response is shown as its fallback text (how to type it).
    const result = await pending;
    const m = renderChecked(formAsText(result), o.log);
    if (kind !== 'command') {
      if (result.replaceOriginal) await r.edit({ ...m, ephemeral: false });
      else await r.followUp(m);
    } else if (m.ephemeral) {
      // The "thinking" message is public and a message cannot become private: replace it with a private one.
      await r.deleteOriginal();
      await r.followUp(m);
    } else await r.edit(m);
  } catch (err) {
    const ref = newReferenceId();
    o.log.error({ err, ref }, 'discord: could not deliver the answer');
    const locale: Locale = (await pending.catch(() => undefined))?.rtl ? 'ar' : 'en';
    const fallback = renderMessage(notice(core[locale].internal({ ref }), locale));
    try {
      if (acknowledged) await r.followUp(fallback);
      else await r.send(fallback, 'new');
    } catch (again) {
      o.log.error({ err: again, ref }, 'discord: could not tell the user about the failure either');
    }
  }
}

function renderChecked(reply: Reply, log: Logger): DiscordMessage {
  const m = renderMessage(reply);
  if (m.dropped.length > 0)
    log.warn({ actions: m.dropped }, 'discord: buttons dropped, id and payload over 100 characters');
  return m;
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
}

export interface HandleDeps {
  router: Router;
  db: Db;
  log: Logger;
  budgetMs: number;
}

/**
 * One command or button, end to end: identity, at-most-once claim, routing, answer. A duplicate is
 * ignored on the gateway (the first delivery answers it) and told briefly over HTTP, where every
 * request needs a response.
 */
export async function handleInteraction(
  facts: InteractionFacts,
  work: Work,
  r: Responder,
  d: HandleDeps,
  onDuplicate: 'ignore' | 'tell',
): Promise<void> {
  const locale = clientLocale(facts);
  const who = identityOf(facts);
  if (!who) {
    await r.send(renderMessage(notice(messages[locale].guildOnly, locale)), 'new');
    return;
  }
  if (!(await claimOnce(d.db, `discord:interaction:${facts.id}`))) {
    d.log.info({ interaction: facts.id }, 'discord: duplicate interaction ignored');
    if (onDuplicate === 'tell') await r.send(renderMessage(notice(messages[locale].duplicate, locale)), 'new');
    return;
  }
  const run = () => {
    switch (work.kind) {
      case 'command':
        return d.router.handleStructured(work.command, work.sub, work.raw, who);
      case 'button':
        return d.router.press(work.actionId, work.payload, who);
      case 'form':
        return d.router.submit(work.actionId, work.payload, work.values, who);
    }
  };
  await answer(work.kind, work.kind === 'command' && work.slow, run, r, { budgetMs: d.budgetMs, log: d.log });
}
