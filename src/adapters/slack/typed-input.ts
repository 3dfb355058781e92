/**
 * What a person typed in Slack, turned into what the router takes. The manifest asks Slack to escape
 * slash command text (`should_escape`, docs/slack.md), and messages (app mentions) always are: people
 * arrive as <@U123|sara>, channels as <#C123|general>, links as <https://…|as typed>, and &, <, > as
 * HTML entities. So:
 * - a person or channel option keeps the mention, which its option kind turns into the bare id
 *   (src/core/options.ts is the one place where a mention becomes an id);
 * - every other option gets the text as the person saw it: @sara, #general, the link as typed, &;
 * - a person or channel that arrived as plain text (@sara: an old manifest without should_escape,
 *   or a name Slack did not recognise) is reported, because Slack's APIs (files.uploadV2,
 *   conversations.join, roles stored by user id) need the id.
 */
import { bind } from '../../core/bind.js';
import type { Command, Subcommand } from '../../core/command.js';
import type { Locale } from '../../core/i18n.js';
import type { OptionKind } from '../../core/options.js';
import { MAX_INPUT_CHARS, splitCommand, tokenize } from '../../core/parse.js';
import { forLocale, type Reply, text } from '../../core/reply.js';
import type { Router } from '../../core/router.js';
import { slackText } from './messages.js';

interface Mention {
  sigil: '@' | '#';
  id: string;
  label: string | undefined;
}

/** A person or channel option whose value Slack sent as plain text. */
export interface PlainMention {
  kind: 'user' | 'channel';
  value: string;
}

export type SlackInput =
  /** Bound to a sub-action: `raw` is ready for router.handleStructured (unless `plain` says why not). */
  | { kind: 'bound'; command: Command; sub: Subcommand; raw: Record<string, string>; plain?: PlainMention }
  /** Not bound (unknown command, a word out of place, too long): router.handleText explains. */
  | { kind: 'text'; line: string };

// Slack's escapes (docs.slack.dev, "Formatting text for app surfaces"). Mentions are lifted out
// before the words are split, so a label with a space in it cannot break a mention in two.
const MENTION = /<([@#])([A-Z0-9]+)(?:\|([^>]*))?>/g;
const LINK = /<((?:https?|mailto|tel):[^>|]*)(?:\|([^>]*))?>/g;
const SPECIAL = /<!([a-z]+)[^>|]*(?:\|([^>]*))?>/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
/** What Slack ids look like, for ids typed or picked in a form rather than mentioned. */
const BARE_ID: Record<PlainMention['kind'], RegExp> = { user: /^[UW][A-Z0-9]{2,}$/, channel: /^[CGD][A-Z0-9]{2,}$/ };

/** Reads a slash command line ("/roles set <@U1|sara> manager") or an app mention's text. */
export function readSlackInput(router: Pick<Router, 'find'>, line: string): SlackInput {
  const mentions: Mention[] = [];
  const lifted = decodeEntities(
    line
      .replace(MENTION, (_m, sigil: '@' | '#', id: string, label?: string) => {
        mentions.push({ sigil, id, label: label || undefined });
        return `\uE000${mentions.length - 1}\uE001`;
      })
      .replace(LINK, (_m, url: string, label?: string) => label || url)
      .replace(SPECIAL, (_m, word: string, label?: string) => label || `@${word}`),
  );
  const readable = (s: string) => restore(s, mentions, false);
  const { name, rest } = splitCommand(lifted);
  const command = router.find(name);
  const bound = command && [...lifted].length <= MAX_INPUT_CHARS ? bind(command, tokenize(rest)) : undefined;
  if (!command || !bound?.ok) return { kind: 'text', line: readable(lifted) };
  const raw: Record<string, string> = {};
  let plain: PlainMention | undefined;
  for (const [key, value] of Object.entries(bound.raw)) {
    const kind = bound.sub.options[key]?.kind;
    if (!isMentionKind(kind)) {
      raw[key] = readable(value);
      continue;
    }
    raw[key] = restore(value, mentions, true);
    const whole = /^\uE000(\d+)\uE001$/.exec(value.trim());
    const mentioned = whole && mentions[Number(whole[1])];
    if (!mentioned && !BARE_ID[kind].test(value.trim()) && value.trim() !== '')
      plain ??= { kind, value: readable(value) };
  }
  return { kind: 'bound', command, sub: bound.sub, raw, ...(plain ? { plain } : {}) };
}

/** The error for a person or channel Slack sent as plain text, in the person's language. */
export function plainMentionReply(p: PlainMention, locale: Locale): Reply {
  const m = slackText[locale];
  const message = p.kind === 'user' ? m.plainPerson({ value: p.value }) : m.plainChannel({ value: p.value });
  return forLocale({ tone: 'error', blocks: [text(message)], ephemeral: true }, locale);
}

function isMentionKind(kind: OptionKind | undefined): kind is PlainMention['kind'] {
  return kind === 'user' || kind === 'channel';
}

/** Puts the lifted mentions back: as Slack's form for person and channel options, else as read. */
function restore(s: string, mentions: readonly Mention[], asMention: boolean): string {
  return s.replace(PLACEHOLDER, (_m, i: string) => {
    const x = mentions[Number(i)] as Mention;
    return asMention ? `<${x.sigil}${x.id}>` : `${x.sigil}${x.label ?? x.id}`;
  });
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
