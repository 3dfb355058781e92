/**
 * Discord application command data derived from the command specs (docs/architecture.md §3.1): the same
 * declarations that drive the text parser, Slack and /help become typed slash command options here,
 * so nothing is declared twice.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  type Locale as DiscordLocale,
  InteractionContextType,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, Subcommand } from '../../core/command.js';
import type { L10n, Locale } from '../../core/i18n.js';
import type { OptionSpec } from '../../core/options.js';
import { PERMISSION } from './interactions.js';

export type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * Which Discord client locales show each of our languages. English is the base text (what every
 * client shows without a localisation). Discord's locale list (developers/reference#locales) has no
 * Arabic, and a key outside that list makes the whole registration fail with 50035, so Arabic
 * labels are only sent for the locales listed here: none by default. Arabic-speaking teams still get
 * every reply in Arabic through `/config lang ar`; only the command picker stays English.
 */
export type LocaleMap = Readonly<Record<Exclude<Locale, 'en'>, readonly DiscordLocale[]>>;
export const DISCORD_LOCALES: LocaleMap = { ar: [] };

/** Discord's limits on command data (application-commands documentation). */
export const COMMAND_LIMITS = { options: 25, choices: 25, choiceChars: 100, stringLength: 6000 } as const;

/** Every command as the body of `PUT /applications/{app}/commands` (or the guild route). */
export function commandData(commands: readonly Command[], locales: LocaleMap = DISCORD_LOCALES): CommandData[] {
  return commands.map((c) => oneCommand(c, locales));
}

function oneCommand(c: Command, locales: LocaleMap): CommandData {
  const localized = (l: L10n) => localize('description', l.ar, locales);
  const named = c.subcommands.filter((s) => s.name !== '');
  const options: APIApplicationCommandOption[] =
    named.length > 0
      ? named.map((s) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: s.name,
          description: s.description.en,
          ...localized(s.description),
          options: optionsOf(c, s, locales),
        }))
      : optionsOf(c, c.subcommands[0] as Subcommand, locales);
  if (options.length > COMMAND_LIMITS.options) {
    throw new Error(`/${c.name}: Discord allows at most ${COMMAND_LIMITS.options} options or sub-actions`);
  }
  return {
    type: ApplicationCommandType.ChatInput,
    name: c.name,
    description: c.description.en,
    ...localized(c.description),
    // A workspace is a server: the commands are offered in servers only, never in DMs.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...(adminOnly(c) ? { default_member_permissions: String(PERMISSION.manageGuild) } : {}),
    options,
  };
}

/**
 * Whether Discord should hide the command from members without Manage Server (the permission that
 * makes a Discord admin here; Administrator passes every such check). Discord applies
 * default_member_permissions to the whole command, not to a sub-action, so only a command whose
 * every sub-action is for admins gets it: /roles (anyone may list, only admins set) and /connect
 * (anyone may see the status) stay visible, and the bot refuses the admin-only sub-action by role.
 * Roles other than admin (/audit is for managers) have no Discord permission to stand for them.
 * A member made admin with /roles set but without Manage Server does not see such a command until a
 * server admin allows them under Server Settings, Integrations (where any command's access can be
 * changed).
 */
export function adminOnly(c: Command): boolean {
  return c.subcommands.every((s) => s.allow !== undefined && s.allow.length > 0 && s.allow.every((r) => r === 'admin'));
}

function optionsOf(c: Command, s: Subcommand, locales: LocaleMap): APIApplicationCommandBasicOption[] {
  const entries = Object.entries(s.options);
  if (entries.length > COMMAND_LIMITS.options) {
    throw new Error(`/${c.name} ${s.name}: Discord allows at most ${COMMAND_LIMITS.options} options`);
  }
  const usedArabic = new Set<string>();
  const out = entries.map(([name, spec]) => {
    const ar = localName(spec.label);
    const unique = ar !== undefined && ar !== name && !usedArabic.has(ar) ? ar : undefined;
    if (unique) usedArabic.add(unique);
    return optionOf(name, spec, unique, locales);
  });
  const files = fileOptions(s.attachments ?? 0, locales, s.fileDescription);
  if (entries.length + files.length > COMMAND_LIMITS.options) {
    throw new Error(`/${c.name} ${s.name}: Discord allows at most ${COMMAND_LIMITS.options} options`);
  }
  // Discord refuses required options after optional ones; values arrive by name, so order is free.
  return [...out.filter((o) => o.required), ...out.filter((o) => !o.required), ...files];
}

/** `file`, `file2`…: attachment options (type 11); their files reach the command as identity attachments. */
export const FILE_OPTION = /^file\d*$/;

const MEDIA_FILE: L10n = {
  en: 'An image or video to publish (checked by its content)',
  ar: 'صورة أو فيديو للنشر (يُفحص بمحتواه)',
};

function fileOptions(count: number, locales: LocaleMap, about = MEDIA_FILE): APIApplicationCommandBasicOption[] {
  return Array.from({ length: count }, (_, i) => ({
    type: ApplicationCommandOptionType.Attachment,
    name: i === 0 ? 'file' : `file${i + 1}`,
    description: about.en,
    ...localize('description', about.ar, locales),
    ...localize('name', i === 0 ? 'ملف' : `ملف${i + 1}`, locales),
    required: false,
  }));
}

function optionOf(
  name: string,
  spec: OptionSpec,
  arName: string | undefined,
  locales: LocaleMap,
): APIApplicationCommandBasicOption {
  const base = {
    name,
    description: spec.description.en,
    ...localize('description', spec.description.ar, locales),
    ...(arName ? localize('name', arName, locales) : {}),
    required: spec.required,
  };
  switch (spec.kind) {
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, ...range(spec) };
    case 'number':
      return { ...base, type: ApplicationCommandOptionType.Number, ...range(spec) };
    case 'user':
      // A member picker: the interaction carries the chosen user's id (and the user under data.resolved).
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'channel':
      return {
        ...base,
        type: ApplicationCommandOptionType.Channel,
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      };
    default: {
      const choices = spec.choices ?? [];
      const offer = choices.length > 0 && choices.length <= COMMAND_LIMITS.choices;
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(offer
          ? { choices: choices.map((v) => ({ name: v.slice(0, COMMAND_LIMITS.choiceChars), value: v })) }
          : {
              ...(spec.suggest ? { autocomplete: true } : {}),
              ...(spec.maxLength ? { max_length: Math.min(spec.maxLength, COMMAND_LIMITS.stringLength) } : {}),
            }),
      };
    }
  }
}

function range(spec: OptionSpec): { min_value?: number; max_value?: number } {
  return {
    ...(spec.min === undefined ? {} : { min_value: spec.min }),
    ...(spec.max === undefined ? {} : { max_value: spec.max }),
  };
}

/** `{ description_localizations: {...} }`, or nothing when no Discord locale shows Arabic. */
function localize<K extends 'name' | 'description'>(
  key: K,
  arabic: string,
  locales: LocaleMap,
): Partial<Record<`${K}_localizations`, LocalizationMap>> {
  if (locales.ar.length === 0) return {};
  const map: LocalizationMap = {};
  for (const l of locales.ar) map[l] = arabic;
  return { [`${key}_localizations`]: map } as Partial<Record<`${K}_localizations`, LocalizationMap>>;
}

/**
 * An option's Arabic label as a Discord option name: lower case, words joined with "_", only letters,
 * digits, "-" and "_" (Discord's name pattern), at most 32 characters. Undefined when nothing is left.
 */
export function localName(label: L10n): string | undefined {
  const slug = label.ar
    .normalize('NFC')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/[^-_\p{L}\p{N}]/gu, '');
  const chars = [...slug].slice(0, 32).join('');
  return /^[-_\p{L}\p{N}]{1,32}$/u.test(chars) ? chars : undefined;
}
