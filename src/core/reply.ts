/**
 * A reply is a small document, not a platform message. Commands build one; each adapter renders it
 * within its platform's limits (docs/architecture.md §3.2).
 */

export interface Action {
  /** Stable id routed back on every platform, e.g. "plan.save". */
  id: string;
  label: string;
  /** Opaque to adapters; the router checks it before use (never trusted as sent). */
  payload?: string;
  style?: 'primary' | 'danger';
  /**
   * A link button: it opens this address in the browser instead of coming back to the bot (Slack
   * URL button, Discord link button, the address printed in the console). `id` then only names it.
   */
  url?: string;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: Array<{ label: string; value: string }> }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'image'; png: Uint8Array; alt: string; filename: string }
  | { kind: 'file'; filename: string; mime: string; content: string | Uint8Array }
  | { kind: 'actions'; actions: Action[] }
  | { kind: 'context'; text: string };

/** A field of a form; `key` is what the submitted values are keyed by. */
export interface FormField {
  key: string;
  label: string;
  /** Prefilled value. */
  value?: string;
  multiline?: boolean;
  maxLength?: number;
}

/**
 * A form a button asks for (a Slack modal, a Discord modal). Submitting it calls `router.submit`
 * with `action` and `payload`. A surface without forms (the console) shows the reply's blocks and
 * `typed`, the command that does the same.
 */
export interface Form {
  /** Full id of the action declared with `fields` that receives the values, e.g. "alerts.write". */
  action: string;
  payload?: string;
  title: string;
  submit: string;
  fields: FormField[];
  typed?: string;
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** Someone a message is addressed to: the platform's user id, and the name shown where ids mean nothing. */
export interface Person {
  id: string;
  name: string;
}

export interface Reply {
  title?: string;
  tone?: Tone;
  blocks: Block[];
  /** Seen only by the person who asked (Slack ephemeral, Discord ephemeral flag). */
  ephemeral?: boolean;
  /** Replace the message whose button was pressed instead of posting a new one. */
  replaceOriginal?: boolean;
  /** Right-to-left text direction (Arabic); adapters that can set direction use it. */
  rtl?: boolean;
  /**
   * The digits the reply's figures are shown in (`/config digits`), set with `rtl` by forLocale, so
   * the numbers an adapter adds itself (button numbers, list ordinals) match the reply's.
   */
  digits?: DigitStyle;
  /** Only from a button: ask for these values first. The blocks are the fallback where forms cannot show. */
  form?: Form;
  /**
   * The people the message is for, named before it: a Slack or Discord mention that notifies them
   * (user text elsewhere never can), the name in the console.
   */
  mention?: Person[];
}

import { arabicDigits, type DigitStyle, settleFigures } from '../lib/digits.js';
import { dropIsolates, type Locale } from './i18n.js';
import { core } from './messages.js';

/** Small helpers so commands read as prose. */
export const text = (t: string): Block => ({ kind: 'text', text: t });
export const fields = (f: Array<{ label: string; value: string }>): Block => ({ kind: 'fields', fields: f });
export const list = (items: string[], ordered = false): Block => ({ kind: 'list', items, ordered });
export const table = (columns: string[], rows: string[][]): Block => ({ kind: 'table', columns, rows });
export const context = (t: string): Block => ({ kind: 'context', text: t });
export const actions = (a: Action[]): Block => ({ kind: 'actions', actions: a });

export function reply(title: string | undefined, blocks: Block[], extra: Omit<Reply, 'title' | 'blocks'> = {}): Reply {
  return { ...(title === undefined ? {} : { title }), blocks, ...extra };
}

/** Every action button in a reply, in reading order (the console numbers them); link buttons are not pressed. */
export function actionsOf(r: Reply): Action[] {
  return r.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions.filter((a) => a.url === undefined) : []));
}

/** The same reply with every piece of text passed through `f` (labels, cells, buttons, alt texts). */
export function mapText(r: Reply, f: (s: string) => string): Reply {
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'text':
      case 'context':
        return { ...b, text: f(b.text) };
      case 'fields':
        return { ...b, fields: b.fields.map((x) => ({ label: f(x.label), value: f(x.value) })) };
      case 'list':
        return { ...b, items: b.items.map(f) };
      case 'table':
        return { ...b, columns: b.columns.map(f), rows: b.rows.map((row) => row.map(f)) };
      case 'image':
        return { ...b, alt: f(b.alt) };
      case 'actions':
        return { ...b, actions: b.actions.map((a) => ({ ...a, label: f(a.label) })) };
      case 'file':
        return b;
    }
  };
  const form = r.form && {
    ...r.form,
    title: f(r.form.title),
    submit: f(r.form.submit),
    fields: r.form.fields.map((x) => ({ ...x, label: f(x.label) })),
  };
  return {
    ...r,
    ...(r.title === undefined ? {} : { title: f(r.title) }),
    blocks: r.blocks.map(block),
    ...(form ? { form } : {}),
  };
}

/**
 * Where a form cannot be shown (a terminal, an expired Slack trigger, a late Discord answer): the
 * reply without it, followed by the fields with their values and the command that does the same.
 */
export function formAsText(r: Reply): Reply {
  const { form, ...rest } = r;
  if (!form) return r;
  const m = core[r.rtl ? 'ar' : 'en'];
  const blocks = [...r.blocks, fields(form.fields.map((f) => ({ label: f.label, value: f.value ?? '' })))];
  if (form.typed) blocks.push(context(m.formTyped), text(form.typed));
  return { ...rest, blocks };
}

/**
 * Marks Arabic replies right-to-left and shows their figures in the workspace's digits, keeping only
 * the isolates the layout needs (lib/digits); English replies drop the isolates, which only Arabic needs.
 */
export function forLocale(r: Reply, locale: Locale, digits: DigitStyle = 'latin'): Reply {
  return locale === 'ar'
    ? { ...mapText(r, (s) => settleFigures(s, digits)), rtl: true, digits }
    : mapText(r, dropIsolates);
}

/** A number an adapter adds to a finished reply (a button's number, a list's ordinal), in its digits. */
export function numeral(n: number, r: Pick<Reply, 'digits'>): string {
  return r.digits === 'arabic' ? arabicDigits(String(n)) : String(n);
}

/** One line an adapter adds to a finished reply, settled as forLocale settles the reply's own. */
export function settledLine(line: string, r: Pick<Reply, 'rtl' | 'digits'>): string {
  return r.rtl ? settleFigures(line, r.digits ?? 'latin') : dropIsolates(line);
}
