/**
 * A reply is a small document, not a platform message. Commands build one; each adapter renders it
 * within its platform's limits (DESIGN 3.2).
 */

export interface Action {
  /** Stable id routed back on every platform, e.g. "plan.save". */
  id: string;
  label: string;
  /** Opaque to adapters; the router checks it before use (never trusted as sent). */
  payload?: string;
  style?: 'primary' | 'danger';
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

export type Tone = 'info' | 'success' | 'warning' | 'error';

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
}

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

/** Every action button in a reply, in reading order (the console numbers them). */
export function actionsOf(r: Reply): Action[] {
  return r.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []));
}
