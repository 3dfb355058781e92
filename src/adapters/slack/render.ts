/**
 * Reply -> Block Kit, within Slack's limits (docs/architecture.md §3.2): 50 blocks a message, 3,000 characters a
 * section text, 10 fields a section, 2,000 characters a field, 25 buttons an actions block, and
 * about 12k characters a message (Slack answers msg_blocks_too_long near 13.2k even when every block
 * is within its own limit). Long content is split over several messages; past the last allowed
 * message it is cut with a visible "…" note. Nothing produced here can be refused for its size.
 */
import type { types } from '@slack/bolt';
import type { Locale } from '../../core/i18n.js';
import { type Action, type Block, numeral, type Reply } from '../../core/reply.js';
import { slackText } from './messages.js';

type KnownBlock = types.KnownBlock;

export const LIMITS = {
  blocksPerMessage: 50,
  charsPerMessage: 12_000,
  sectionText: 3000,
  field: 2000,
  fieldsPerSection: 10,
  /** Our own cap on one fields section, so any single block fits a message with room to spare. */
  fieldsSectionChars: 6000,
  header: 150,
  buttonsPerBlock: 25,
  buttonText: 75,
  buttonValue: 2000,
  contextText: 2000,
  /** The `text` fallback shown in notifications. */
  fallback: 3000,
} as const;

export interface SlackMessage {
  /** Notification and accessibility fallback. */
  text: string;
  blocks: KnownBlock[];
}

/** Binary content that must go up through files.uploadV2 rather than inside a message. */
export interface SlackUpload {
  filename: string;
  title: string;
  content: Buffer;
  altText?: string;
}

export interface Rendered {
  messages: SlackMessage[];
  uploads: SlackUpload[];
}

export interface RenderOptions {
  /** Messages that may be sent for one reply (response_url allows 5 uses in all). */
  maxMessages?: number;
  locale?: Locale;
}

const ELLIPSIS = '…';

/** mrkdwn control characters; user text must never turn into mentions or links. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes and cuts to at most `max` characters (as Slack counts them), ending with "…" when cut. */
export function clip(raw: string, max: number, mrkdwn = true): string {
  const whole = mrkdwn ? escapeMrkdwn(raw) : raw;
  if (whole.length <= max) return whole;
  let out = '';
  for (const ch of raw) {
    const piece = mrkdwn ? escapeMrkdwn(ch) : ch;
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/**
 * Splits text into pieces whose escaped form fits `max`, preferring line breaks, then spaces; no
 * character is lost.
 */
export function splitText(raw: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  const flush = () => {
    if (current !== '') pieces.push(current);
    current = '';
    size = 0;
  };
  for (const line of raw.split('\n')) {
    const lineSize = escapeMrkdwn(line).length + (current === '' ? 0 : 1);
    if (size + lineSize <= max) {
      current = current === '' ? line : `${current}\n${line}`;
      size += lineSize;
      continue;
    }
    flush();
    // A single line longer than a whole piece: cut at spaces where possible, else anywhere.
    let rest = line;
    while (escapeMrkdwn(rest).length > max) {
      let cut = 0;
      let len = 0;
      const chars = [...rest];
      while (cut < chars.length && len + escapeMrkdwn(chars[cut] as string).length <= max) {
        len += escapeMrkdwn(chars[cut] as string).length;
        cut++;
      }
      const head = chars.slice(0, cut).join('');
      const space = head.lastIndexOf(' ');
      const at = space > max / 2 ? space + 1 : head.length;
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    current = rest;
    size = escapeMrkdwn(rest).length;
  }
  flush();
  return pieces.length > 0 ? pieces : [''];
}

/** Slack requires unique action ids within a block; repeats get "#n", which `actionIdOf` removes. */
export function actionIdOf(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, '');
}

const TONE_MARK: Record<NonNullable<Reply['tone']>, string> = {
  info: '',
  success: '✅ ',
  warning: '⚠️ ',
  error: '❌ ',
};

interface Unit {
  block: KnownBlock;
  size: number;
}

const section = (t: string): Unit => ({
  block: { type: 'section', text: { type: 'mrkdwn', text: t } },
  size: t.length,
});

function textUnits(raw: string, prefix = ''): Unit[] {
  return splitText(raw, LIMITS.sectionText - prefix.length).map((p, i) =>
    section(`${i === 0 ? prefix : ''}${escapeMrkdwn(p)}`),
  );
}

function fieldUnits(fs: Array<{ label: string; value: string }>): Unit[] {
  const units: Unit[] = [];
  let chunk: Array<{ type: 'mrkdwn'; text: string }> = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0) units.push({ block: { type: 'section', fields: chunk }, size });
    chunk = [];
    size = 0;
  };
  for (const f of fs) {
    const label = clip(f.label, 200);
    const t = `*${label}*\n${clip(f.value, LIMITS.field - label.length - 3)}`;
    // Ten fields of 2,000 characters would pass each field's limit and fail the message's.
    if (chunk.length >= LIMITS.fieldsPerSection || size + t.length > LIMITS.fieldsSectionChars) flush();
    chunk.push({ type: 'mrkdwn', text: t });
    size += t.length;
  }
  flush();
  return units;
}

function tableUnits(columns: string[], rows: string[][]): Unit[] {
  const width = (s: string) => [...s].length;
  const widths = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c))))
      .join('  ')
      .trimEnd();
  const head = [line(columns), line(widths.map((w) => '─'.repeat(Math.min(w, 40))))];
  // Each piece repeats the header so a split table stays readable; code fences take 8 characters.
  const budget = LIMITS.sectionText - 8;
  const units: Unit[] = [];
  let body: string[] = [];
  const flush = () => {
    const t = `\`\`\`\n${escapeMrkdwn([...head, ...body].join('\n'))}\n\`\`\``;
    units.push(section(t.length <= LIMITS.sectionText ? t : `\`\`\`\n${clip(t.slice(4, -4), budget, false)}\n\`\`\``));
    body = [];
  };
  for (const row of rows) {
    const next = [...head, ...body, line(row)].join('\n');
    if (escapeMrkdwn(next).length > budget && body.length > 0) flush();
    body.push(line(row));
  }
  flush();
  return units;
}

function actionUnits(acts: Action[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < acts.length; i += LIMITS.buttonsPerBlock) {
    const seen = new Map<string, number>();
    const elements = acts.slice(i, i + LIMITS.buttonsPerBlock).map((a) => {
      const n = (seen.get(a.id) ?? 0) + 1;
      seen.set(a.id, n);
      return {
        type: 'button' as const,
        action_id: n === 1 ? a.id : `${a.id}#${n}`,
        text: { type: 'plain_text' as const, text: clip(a.label, LIMITS.buttonText, false), emoji: true },
        ...(a.payload === undefined ? {} : { value: a.payload.slice(0, LIMITS.buttonValue) }),
        ...(a.style ? { style: a.style } : {}),
        ...(a.url ? { url: a.url } : {}),
      };
    });
    units.push({
      block: { type: 'actions', elements },
      size: elements.reduce((n, e) => n + e.text.text.length, 0),
    });
  }
  return units;
}

function contextUnit(raw: string): Unit {
  const t = clip(raw, LIMITS.contextText);
  return { block: { type: 'context', elements: [{ type: 'mrkdwn', text: t }] }, size: t.length };
}

function blockUnits(b: Block, uploads: SlackUpload[], prefix: string, r: Pick<Reply, 'digits'>): Unit[] {
  switch (b.kind) {
    case 'text':
      return textUnits(b.text, prefix);
    case 'fields':
      return fieldUnits(b.fields);
    case 'list': {
      const lines = b.items.map((item, i) => `${b.ordered ? `${numeral(i + 1, r)}.` : '•'} ${item}`);
      return textUnits(lines.join('\n'), prefix);
    }
    case 'table':
      return tableUnits(b.columns, b.rows);
    case 'context':
      return splitText(b.text, LIMITS.contextText).map(contextUnit);
    case 'actions':
      return actionUnits(b.actions);
    case 'image':
      uploads.push({ filename: b.filename, title: b.alt, content: Buffer.from(b.png), altText: b.alt });
      return [];
    case 'file':
      uploads.push({
        filename: b.filename,
        title: b.filename,
        content: typeof b.content === 'string' ? Buffer.from(b.content, 'utf8') : Buffer.from(b.content),
      });
      return [];
  }
}

function fallbackText(r: Reply): string {
  const first = r.blocks.find((b) => b.kind === 'text' || b.kind === 'context');
  const raw = r.title ?? (first && 'text' in first ? first.text : '');
  return clip(`${TONE_MARK[r.tone ?? 'info']}${raw}`.trim() || '…', LIMITS.fallback);
}

/** Slack user ids; anything else (a name typed in the console) is shown as plain, escaped text. */
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** `<@U…>` for each person: the only mentions a message may carry, so only they are notified. */
export function slackMentions(r: Reply): string {
  return (r.mention ?? []).map((p) => (SLACK_USER.test(p.id) ? `<@${p.id}>` : escapeMrkdwn(`@${p.name}`))).join(' ');
}

export function renderReply(r: Reply, o: RenderOptions = {}): Rendered {
  const maxMessages = Math.max(1, o.maxMessages ?? 4);
  const locale = o.locale ?? (r.rtl ? 'ar' : 'en');
  const uploads: SlackUpload[] = [];
  const units: Unit[] = [];
  const mentions = slackMentions(r);
  if (mentions) units.push(section(mentions));
  const mark = TONE_MARK[r.tone ?? 'info'];
  if (r.title) {
    const t = clip(`${mark}${r.title}`, LIMITS.header, false);
    units.push({ block: { type: 'header', text: { type: 'plain_text', text: t, emoji: true } }, size: t.length });
  }
  r.blocks.forEach((b, i) => {
    units.push(...blockUnits(b, uploads, i === 0 && !r.title ? mark : '', r));
  });
  if (units.length === 0) units.push(section(escapeMrkdwn(fallbackText(r)) || ELLIPSIS));

  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let size = 0;
  for (const u of units) {
    if (current.length > 0 && (current.length >= LIMITS.blocksPerMessage || size + u.size > LIMITS.charsPerMessage)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(u.block);
    size += u.size;
  }
  messages.push(current);

  if (messages.length > maxMessages) {
    const dropped = messages.length - maxMessages;
    const kept = messages.slice(0, maxMessages);
    const last = kept[kept.length - 1] as KnownBlock[];
    const note = contextUnit(`${ELLIPSIS} ${slackText[locale].truncated({ parts: dropped })}`);
    // Make room for the note within both the block and the character budget.
    while (
      last.length > 1 &&
      (last.length >= LIMITS.blocksPerMessage ||
        last.reduce((n, b) => n + blockSize(b), 0) + note.size > LIMITS.charsPerMessage)
    ) {
      last.pop();
    }
    last.push(note.block);
    messages.splice(0, messages.length, ...kept);
  }
  // The notification text carries the mentions too, so the people named are notified.
  const text = mentions ? `${mentions} ${fallbackText(r)}` : fallbackText(r);
  return { messages: messages.map((blocks) => ({ text, blocks })), uploads };
}

/** Characters a block shows, the same way the units were measured. */
export function blockSize(b: KnownBlock): number {
  switch (b.type) {
    case 'header':
      return b.text.text.length;
    case 'section':
      return (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return b.elements.reduce((n, e) => n + ('text' in e && typeof e.text === 'string' ? e.text.length : 0), 0);
    case 'actions':
      return b.elements.reduce(
        (n, e) => n + ('text' in e && e.text && typeof e.text === 'object' ? e.text.text.length : 0),
        0,
      );
    default:
      return 0;
  }
}

/** A last resort when Slack still refuses the blocks: plain text, cut to fit. */
export function plainFallback(r: Reply): SlackMessage {
  const parts: string[] = [];
  if (r.title) parts.push(r.title);
  for (const b of r.blocks) {
    if (b.kind === 'text' || b.kind === 'context') parts.push(b.text);
    if (b.kind === 'fields') for (const f of b.fields) parts.push(`${f.label}: ${f.value}`);
    if (b.kind === 'list') parts.push(...b.items.map((i) => `• ${i}`));
    if (b.kind === 'table') parts.push(b.columns.join(' | '), ...b.rows.map((row) => row.join(' | ')));
  }
  return { text: clip(parts.join('\n'), LIMITS.fallback), blocks: [] };
}
