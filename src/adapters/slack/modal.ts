/**
 * The modal shown when a command is typed without its required arguments, built from the
 * sub-action's declaration: one input block per option (block_id = option name, action_id "value"):
 * a menu for choices, Slack's channel and people pickers for channel and person options (which
 * answer with ids), a text box otherwise; and, for a sub-action that takes files (/schedule), a file
 * input whose files go the way files shared in a DM go (./files.ts). Submitted state is read back into the same raw strings the text parser produces, so validation
 * and execution go through the router exactly like typed commands.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Command, Subcommand } from '../../core/command.js';
import type { Locale } from '../../core/i18n.js';
import type { OptionSpec } from '../../core/options.js';
import type { Form } from '../../core/reply.js';
import type { SlackFile } from './files.js';
import { slackText } from './messages.js';
import { clip } from './render.js';

export const MODAL_CALLBACK_ID = 'mktbot.command';
const ACTION = 'value';
/** The file input's block; no option is named so (option names are lower-case words). */
export const FILES_BLOCK = 'mktbot_files';
/** What the media path takes (src/publishing/media/): checked again by the bytes, whatever the name says. */
const FILE_TYPES = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'mp4', 'mov'];
/** Slack's file input takes 1 to 10 files. */
const MAX_FILES = 10;

/** Carried through the modal so the submission knows what to run and where to answer. */
export const modalMetadata = z.object({
  command: z.string().max(40),
  sub: z.string().max(40),
  channel: z.string().max(40).optional(),
  responseUrl: z.url().max(1000).optional(),
});
export type ModalMetadata = z.infer<typeof modalMetadata>;

/** A form a button asked for (Reply.form); distinct from the command modal above. */
export const FORM_CALLBACK_ID = 'mktbot.form';

/** Carried through the form so the submission knows which action gets the values and where to answer. */
export const formMetadata = z.object({
  action: z.string().max(80),
  payload: z.string().max(1000).optional(),
  channel: z.string().max(40).optional(),
  responseUrl: z.url().max(1000).optional(),
});
export type FormMetadata = z.infer<typeof formMetadata>;

const plain = (t: string, max: number) => ({ type: 'plain_text' as const, text: clip(t, max, false), emoji: true });

function element(spec: OptionSpec, initial: string | undefined, locale: Locale): types.InputBlockElement {
  const placeholder = plain(slackText[locale].choose, 150);
  if (spec.choices && spec.choices.length > 0) {
    const options = spec.choices.slice(0, 100).map((c) => ({ text: plain(c, 75), value: c.slice(0, 150) }));
    const chosen = initial === undefined ? undefined : options.find((o) => o.value === initial.trim().toLowerCase());
    return {
      type: 'static_select',
      action_id: ACTION,
      placeholder,
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    };
  }
  if (spec.kind === 'channel') {
    const id = initial === undefined ? undefined : /^<#([A-Z0-9]+)(\|[^>]*)?>$|^([CG][A-Z0-9]{6,})$/.exec(initial);
    const initialId = id?.[1] ?? id?.[3];
    return {
      type: 'conversations_select',
      action_id: ACTION,
      placeholder,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(initialId ? { initial_conversation: initialId } : {}),
    };
  }
  if (spec.kind === 'user') {
    const id = initial === undefined ? undefined : /^<@([A-Z0-9]+)(\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$/.exec(initial);
    const initialId = id?.[1] ?? id?.[3];
    return {
      type: 'users_select',
      action_id: ACTION,
      placeholder,
      ...(initialId ? { initial_user: initialId } : {}),
    };
  }
  const maxLength = Math.min(spec.maxLength ?? 3000, 3000);
  // A token typed with the command is never put back on screen, even to the person who typed it.
  if (spec.kind === 'secret')
    return { type: 'plain_text_input', action_id: ACTION, multiline: false, max_length: maxLength };
  return {
    type: 'plain_text_input',
    action_id: ACTION,
    multiline: spec.kind === 'text',
    max_length: maxLength,
    ...(initial === undefined ? {} : { initial_value: initial.slice(0, maxLength) }),
  };
}

export function buildModal(
  command: Command,
  sub: Subcommand,
  prefill: Record<string, string>,
  locale: Locale,
  meta: ModalMetadata,
): types.ModalView {
  const m = slackText[locale];
  const blocks: types.KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(pickDescription(command, sub, locale), 2000) }] },
  ];
  for (const [key, spec] of Object.entries(sub.options).slice(0, 99)) {
    blocks.push({
      type: 'input',
      block_id: key,
      optional: !spec.required,
      label: plain(spec.label[locale], 2000),
      hint: plain(spec.description[locale], 2000),
      element: element(spec, prefill[key], locale),
    });
  }
  if (sub.attachments) {
    blocks.push({
      type: 'input',
      block_id: FILES_BLOCK,
      optional: true,
      label: plain(m.filesLabel, 2000),
      hint: plain(m.filesHint, 2000),
      element: {
        type: 'file_input',
        action_id: ACTION,
        filetypes: FILE_TYPES,
        max_files: Math.min(sub.attachments, MAX_FILES),
      },
    });
  }
  const title = `/${command.name}${sub.name ? ` ${sub.name}` : ''}`;
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: plain(title, 24),
    submit: plain(m.submit, 24),
    close: plain(m.cancel, 24),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** One multiline or single-line input per field (block_id = field key), prefilled with its value. */
export function buildFormModal(form: Form, locale: Locale, meta: FormMetadata): types.ModalView {
  const blocks: types.KnownBlock[] = form.fields.slice(0, 100).map((f) => {
    const maxLength = Math.min(f.maxLength ?? 3000, 3000);
    return {
      type: 'input',
      block_id: f.key,
      label: plain(f.label, 2000),
      element: {
        type: 'plain_text_input',
        action_id: ACTION,
        multiline: f.multiline === true,
        max_length: maxLength,
        ...(f.value ? { initial_value: f.value.slice(0, maxLength) } : {}),
      },
    };
  });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, 24),
    submit: plain(form.submit, 24),
    close: plain(slackText[locale].cancel, 24),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

function pickDescription(command: Command, sub: Subcommand, locale: Locale): string {
  return sub.name ? `${command.description[locale]}: ${sub.description[locale]}` : command.description[locale];
}

/** The subset of a view_submission's state this adapter reads. */
export interface ViewState {
  values: Record<
    string,
    Record<
      string,
      {
        type: string;
        value?: string | null;
        selected_option?: { value: string } | null;
        selected_conversation?: string | null;
        selected_channel?: string | null;
        selected_user?: string | null;
        /** A file input's files, as Slack describes shared files. */
        files?: SlackFile[] | null;
      }
    >
  >;
}

/** Submitted values as raw option strings; empty inputs are left out (they are "not given"). */
export function readModal(state: ViewState): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    const a = actions[ACTION];
    if (!a) continue;
    const v =
      a.value ??
      a.selected_option?.value ??
      a.selected_conversation ??
      a.selected_channel ??
      a.selected_user ??
      undefined;
    if (typeof v === 'string' && v.trim() !== '') raw[blockId] = v;
  }
  return raw;
}

/** The files put in the modal's file input; none when it had none. */
export function readModalFiles(state: ViewState): SlackFile[] {
  return state.values[FILES_BLOCK]?.[ACTION]?.files ?? [];
}
