/**
 * Reply -> Discord message: embeds for the document, buttons in action rows, images and files as
 * attachments. Discord answers 400 to anything over its limits, so every limit is enforced here, in
 * one place, by splitting into more embeds first and truncating with a visible "…" last.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIButtonComponentWithURL,
  type APIEmbed,
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle,
} from 'discord.js';
import { type Action, type Block, type Form, numeral, type Reply, type Tone } from '../../core/reply.js';

/** Discord's message limits (resources/message: embed limits; components reference). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  fields: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalEmbedChars: 6000,
  buttonsPerRow: 5,
  rows: 5,
  customId: 100,
  buttonLabel: 80,
  /** A link button's address. */
  buttonUrl: 512,
} as const;

export const ELLIPSIS = '…';

const COLORS: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

export interface DiscordFile {
  name: string;
  data: Buffer;
  /** The attachment's alt text (Discord: `description`, at most 1,024 characters). */
  description?: string;
}

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId | APIButtonComponentWithURL>;

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  files: DiscordFile[];
  ephemeral: boolean;
  /** Buttons that could not be sent (their id and payload exceed 100 characters); the adapter logs them. */
  dropped: string[];
  /** The user ids mentioned in `content`: the only mentions allowed to notify anyone. */
  mentionUsers?: string[];
}

const SNOWFLAKE = /^\d{17,20}$/;

/** `<@id>` for each person with a Discord id, a plain name otherwise. */
function mentionsOf(r: Reply): { content?: string; users: string[] } {
  const people = r.mention ?? [];
  if (people.length === 0) return { users: [] };
  const users = people.filter((p) => SNOWFLAKE.test(p.id)).map((p) => p.id);
  const content = people.map((p) => (SNOWFLAKE.test(p.id) ? `<@${p.id}>` : `@${p.name}`)).join(' ');
  return { content: clip(content, LIMITS.content), users };
}

/** A button's custom_id: the action id, then "|" and the payload when there is one. */
export function customId(a: Pick<Action, 'id' | 'payload'>): string {
  return a.payload === undefined ? a.id : `${a.id}|${a.payload}`;
}

export function parseCustomId(id: string): { actionId: string; payload: string | undefined } {
  const bar = id.indexOf('|');
  return bar < 0 ? { actionId: id, payload: undefined } : { actionId: id.slice(0, bar), payload: id.slice(bar + 1) };
}

/** A form (Reply.form) as a modal response (type 9); undefined when its custom_id cannot fit 100 characters. */
export function renderModal(form: Form): APIModalInteractionResponseCallbackData | undefined {
  const id = customId({ id: form.action, payload: form.payload });
  if (id.length > 100) return undefined;
  return {
    custom_id: id,
    title: clip(form.title, 45),
    // A modal holds at most five inputs, one per row.
    components: form.fields.slice(0, 5).map((f) => {
      const maxLength = Math.min(f.maxLength ?? 4000, 4000);
      return {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: f.key.slice(0, 100),
            label: clip(f.label, 45),
            style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
            max_length: maxLength,
            // The router checks the values; Discord would otherwise demand every field.
            required: false,
            ...(f.value ? { value: f.value.slice(0, maxLength) } : {}),
          },
        ],
      };
    }),
  };
}

/** Cuts to at most `max` UTF-16 units (Discord's count), never inside a surrogate pair, ending in "…". */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

interface Draft {
  embed: APIEmbed;
  /** Nothing more may go into this embed (an image closes it, so reading order is kept). */
  closed: boolean;
}

export function renderMessage(r: Reply): DiscordMessage {
  const color = COLORS[r.tone ?? 'info'];
  const drafts: Draft[] = [];
  const files: DiscordFile[] = [];
  // One group per actions block: each block starts its own row, as it does on Slack.
  const buttons: Action[][] = [];
  const fresh = (): Draft => {
    const d = { embed: { color } as APIEmbed, closed: false };
    drafts.push(d);
    return d;
  };
  let cur = fresh();
  if (r.title) cur.embed.title = clip(r.title, LIMITS.title);

  const addText = (segment: string) => {
    for (const chunk of splitText(segment, LIMITS.description)) {
      const desc = cur.embed.description;
      const fits = desc === undefined || desc.length + 2 + chunk.length <= LIMITS.description;
      if (cur.closed || (cur.embed.fields?.length ?? 0) > 0 || !fits) cur = fresh();
      cur.embed.description = cur.embed.description ? `${cur.embed.description}\n\n${chunk}` : chunk;
    }
  };

  for (const b of r.blocks) {
    switch (b.kind) {
      case 'fields':
        for (const f of b.fields) {
          if (cur.closed || (cur.embed.fields?.length ?? 0) >= LIMITS.fields) cur = fresh();
          cur.embed.fields = [...(cur.embed.fields ?? []), field(f.label, f.value)];
        }
        break;
      case 'image': {
        const name = uniqueName(b.filename, files);
        files.push({ name, data: Buffer.from(b.png), ...(b.alt ? { description: clip(b.alt, 1024) } : {}) });
        if (cur.closed || cur.embed.image) cur = fresh();
        cur.embed.image = { url: `attachment://${name}` };
        if (!cur.embed.description && !cur.embed.fields && b.alt)
          cur.embed.description = clip(b.alt, LIMITS.description);
        cur.closed = true;
        break;
      }
      case 'file':
        files.push({
          name: uniqueName(b.filename, files),
          data: typeof b.content === 'string' ? Buffer.from(b.content, 'utf8') : Buffer.from(b.content),
        });
        break;
      case 'actions':
        buttons.push(b.actions);
        break;
      default:
        addText(textOf(b, r));
    }
  }

  const { rows, dropped, overflow } = buttonRows(buttons);
  const embeds = fitEmbeds(drafts.map((d) => d.embed).filter(hasContent));
  if (overflow && embeds.length > 0) {
    const last = embeds[embeds.length - 1] as APIEmbed;
    last.footer = { text: ELLIPSIS };
  }
  const mentions = mentionsOf(r);
  const empty = embeds.length === 0 && files.length === 0 && rows.length === 0;
  return {
    ...(mentions.content ? { content: mentions.content } : empty ? { content: ELLIPSIS } : {}),
    ...(mentions.users.length > 0 ? { mentionUsers: mentions.users } : {}),
    embeds,
    components: rows,
    files,
    ephemeral: r.ephemeral === true,
    dropped,
  };
}

function field(label: string, value: string): APIEmbedField {
  const name = clip(label.trim() || '\u200b', LIMITS.fieldName);
  const v = clip(value.trim() || '-', LIMITS.fieldValue);
  return { name, value: v, inline: name.length <= 40 && v.length <= 40 && !v.includes('\n') };
}

function textOf(
  b: Exclude<Block, { kind: 'fields' | 'image' | 'file' | 'actions' }>,
  r: Pick<Reply, 'digits'>,
): string {
  switch (b.kind) {
    case 'text':
      return b.text;
    case 'context':
      // Discord's "subtext" markdown: small grey lines.
      return b.text
        .split('\n')
        .map((l) => `-# ${l}`)
        .join('\n');
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${numeral(i + 1, r)}.` : '•'} ${item}`).join('\n');
    case 'table':
      return tableText(b.columns, b.rows);
  }
}

/** A monospace table in a code block; rows that do not fit one embed are cut with a visible "…" row. */
function tableText(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const fence = '```';
  const head = [line(columns), line(widths.map((w) => '─'.repeat(w)))];
  const budget = LIMITS.description - 2 * fence.length - 4;
  const body: string[] = [];
  let used = head.join('\n').length;
  for (const r of rows) {
    const l = clip(line(r), 200);
    if (used + 1 + l.length + 2 > budget) {
      body.push(ELLIPSIS);
      break;
    }
    body.push(l);
    used += 1 + l.length;
  }
  return `${fence}\n${[...head, ...body].join('\n')}\n${fence}`;
}

/** Splits text at line breaks (or, for a single huge line, anywhere) into pieces of at most `max`. */
function splitText(s: string, max: number): string[] {
  if (s.length <= max) return [s];
  const out: string[] = [];
  let current = '';
  for (const lineRaw of s.split('\n')) {
    let line = lineRaw;
    while (line.length > max) {
      if (current) {
        out.push(current);
        current = '';
      }
      let cut = max;
      if (/[\ud800-\udbff]/.test(line.charAt(cut - 1))) cut -= 1;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

function hasContent(e: APIEmbed): boolean {
  return Boolean(e.title || e.description || e.fields?.length || e.image);
}

function embedChars(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** At most 10 embeds and 6,000 characters across them; whatever is cut ends in a visible "…". */
export function fitEmbeds(all: APIEmbed[]): APIEmbed[] {
  const reserve = ELLIPSIS.length + 2; // room for the marker that says something was left out
  let budget = LIMITS.totalEmbedChars;
  const out: APIEmbed[] = [];
  for (const [i, e] of all.entries()) {
    const lastAllowed = out.length === LIMITS.embeds - 1;
    const more = i < all.length - 1;
    const need = embedChars(e);
    if (need <= budget - (more ? reserve : 0) && !(lastAllowed && more)) {
      out.push(e);
      budget -= need;
      continue;
    }
    out.push(shrink(e, budget - reserve));
    break;
  }
  return out;
}

/** Cuts one embed down to `budget` characters (description first, then fields) and marks it with "…". */
function shrink(e: APIEmbed, budget: number): APIEmbed {
  const out: APIEmbed = { ...e };
  let left = Math.max(0, budget) - (out.title?.length ?? 0);
  if (left <= 0) {
    out.title = clip(out.title ?? '', Math.max(2, budget));
    delete out.description;
    delete out.fields;
    return out;
  }
  if (out.description !== undefined) {
    if (out.description.length > left) {
      out.description = clip(out.description, Math.max(1, left));
      delete out.fields;
      return out;
    }
    left -= out.description.length;
  }
  const kept: APIEmbedField[] = [];
  for (const f of out.fields ?? []) {
    if (f.name.length + f.value.length > left) break;
    kept.push(f);
    left -= f.name.length + f.value.length;
  }
  out.fields = kept;
  if (kept.length === 0) delete out.fields;
  out.description = out.description === undefined ? ELLIPSIS : `${out.description}\n${ELLIPSIS}`;
  return out;
}

function buttonRows(groups: Action[][]): { rows: ButtonRow[]; dropped: string[]; overflow: boolean } {
  const dropped: string[] = [];
  const all: ButtonRow[] = [];
  for (const actions of groups) {
    const buttons: Array<APIButtonComponentWithCustomId | APIButtonComponentWithURL> = [];
    for (const a of actions) {
      if (a.url) {
        // A link button (style 5) opens the address and sends the bot nothing.
        if (a.url.length > LIMITS.buttonUrl) dropped.push(a.id);
        else
          buttons.push({
            type: ComponentType.Button,
            style: ButtonStyle.Link,
            url: a.url,
            label: clip(a.label, LIMITS.buttonLabel),
          });
        continue;
      }
      const id = customId(a);
      if (id.length > LIMITS.customId) {
        dropped.push(a.id);
        continue;
      }
      buttons.push({
        type: ComponentType.Button,
        custom_id: id,
        label: clip(a.label, LIMITS.buttonLabel),
        style:
          a.style === 'primary'
            ? ButtonStyle.Primary
            : a.style === 'danger'
              ? ButtonStyle.Danger
              : ButtonStyle.Secondary,
      });
    }
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
      all.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  return { rows: all.slice(0, LIMITS.rows), dropped, overflow: all.length > LIMITS.rows };
}

function uniqueName(filename: string, files: DiscordFile[]): string {
  const safe = filename.replace(/[^\w.-]/g, '_') || 'file';
  if (!files.some((f) => f.name === safe)) return safe;
  const dot = safe.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  let n = 2;
  while (files.some((f) => f.name === `${stem}-${n}${ext}`)) n++;
  return `${stem}-${n}${ext}`;
}

/** The message as discord.js interaction methods take it. */
export function forDiscordJs(m: DiscordMessage) {
  return {
    ...(m.content === undefined ? {} : { content: m.content }),
    embeds: m.embeds,
    components: m.components,
    files: m.files.map((f) => ({ attachment: f.data, name: f.name })),
    // Replies echo user text; never let it ping @everyone or a role, only the people named.
    allowedMentions: { parse: [], ...(m.mentionUsers ? { users: m.mentionUsers } : {}) },
    ...(m.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

/** The message as a REST body (interaction callback data, webhook edit, channel message) plus its files. */
export function forRest(m: DiscordMessage): { body: Record<string, unknown>; files: DiscordFile[] } {
  return {
    body: {
      ...(m.content === undefined ? {} : { content: m.content }),
      embeds: m.embeds,
      components: m.components,
      allowed_mentions: { parse: [], ...(m.mentionUsers ? { users: m.mentionUsers } : {}) },
      ...(m.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      ...(m.files.length > 0
        ? {
            attachments: m.files.map((f, id) => ({
              id,
              filename: f.name,
              ...(f.description ? { description: f.description } : {}),
            })),
          }
        : {}),
    },
    files: m.files,
  };
}
