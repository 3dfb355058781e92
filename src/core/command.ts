/**
 * A command is declared once (docs/architecture.md §3.1): name, descriptions, sub-actions with typed options, a
 * handler per sub-action, and the buttons it answers. Every surface (text parser, Slack manifest and
 * modals, Discord command data, /help) is derived from this declaration.
 */
import type { z } from 'zod';
import type { Context } from './context.js';
import type { L10n } from './i18n.js';
import type { InputOf, OptionMap } from './options.js';
import type { Reply } from './reply.js';
import type { Role } from './roles.js';

export interface RateLimit {
  max: number;
  perMinutes: number;
}

export interface SubcommandDef<O extends OptionMap> {
  description: L10n;
  options: O;
  /**
   * Other words people type for it (`language` for `lang`): read wherever a command is typed, never
   * listed as a sub-action of their own (/help names them under the sub-action; Discord's picker,
   * which lists the name with its description, gets the name only).
   */
  aliases?: readonly string[];
  /** Who may run it (admins always may); open to everyone when absent. */
  allow?: readonly Role[];
  /**
   * Typed the way a user would, without the command name: `lang ar`. One with words in it (a caption,
   * a product) comes in both languages, so Arabic help shows an Arabic example.
   */
  examples?: readonly (string | L10n)[];
  /** Option that receives the text after an unquoted " | " (captions). */
  pipe?: string;
  /** May take more than a second: platforms show a "working on it" state first. */
  slow?: boolean;
  /**
   * How many files a person may attach to it where the platform asks for them one by one (Discord
   * file options); the handler finds them in `ctx.identity.attachments`, from every platform.
   */
  attachments?: number;
  /** What those file options ask for, when not an image or video to publish (Discord shows it). */
  fileDescription?: L10n;
  /** At most `max` runs per person per `perMinutes` (expensive work such as LLM calls). */
  limit?: RateLimit;
  // Method syntax on purpose: a sub-action with concrete options must fit where any options are
  // accepted (a table of sub-actions), which the property form's strict variance forbids.
  handler(input: InputOf<O>, ctx: Context): Reply | Promise<Reply>;
}

/** A sub-action with its types erased, as the router and the adapters see it. */
export interface Subcommand {
  /** "" for a command without named sub-actions. */
  name: string;
  /** Other words typed for it, lower case; empty when none. */
  aliases: readonly string[];
  description: L10n;
  options: OptionMap;
  allow?: readonly Role[];
  examples: readonly (string | L10n)[];
  pipe?: string;
  slow: boolean;
  attachments?: number;
  fileDescription?: L10n;
  limit?: RateLimit;
  run(input: Record<string, unknown>, ctx: Context): Reply | Promise<Reply>;
}

export interface ActionDef<P extends z.ZodType, F extends z.ZodType | undefined = undefined> {
  /** Checks the payload that comes back with the button press; a forged one is refused. */
  payload: P;
  /**
   * Makes this the receiver of a submitted form (Reply.form): it is then reached only through
   * `router.submit`, never by a press, and gets the parsed values as its third argument.
   */
  fields?: F;
  allow?: readonly Role[];
  handler(
    payload: z.output<P>,
    ctx: Context,
    values: F extends z.ZodType ? z.output<F> : undefined,
  ): Reply | Promise<Reply>;
}

export interface Action {
  id: string;
  payload: z.ZodType;
  fields?: z.ZodType;
  allow?: readonly Role[];
  run(payload: unknown, ctx: Context, values?: unknown): Reply | Promise<Reply>;
}

export interface Command {
  name: string;
  description: L10n;
  /** In declaration order; a single entry named "" when the command has no sub-actions. */
  subcommands: readonly Subcommand[];
  /** Sub-action used when none is named (e.g. `/config` shows the settings). */
  defaultSubcommand?: string;
  actions: readonly Action[];
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

function eraseSub<O extends OptionMap>(name: string, def: SubcommandDef<O>): Subcommand {
  return {
    name,
    aliases: def.aliases ?? [],
    description: def.description,
    options: def.options,
    ...(def.allow ? { allow: def.allow } : {}),
    examples: def.examples ?? [],
    ...(def.pipe ? { pipe: def.pipe } : {}),
    slow: def.slow ?? false,
    ...(def.attachments ? { attachments: def.attachments } : {}),
    ...(def.fileDescription ? { fileDescription: def.fileDescription } : {}),
    ...(def.limit ? { limit: def.limit } : {}),
    // The router validated `input` against def.options before calling, so it has this shape.
    run: (input, ctx) => def.handler(input as InputOf<O>, ctx),
  };
}

/** Declares a sub-action, keeping its option types for the handler. */
export function sub<O extends OptionMap>(def: SubcommandDef<O>): SubcommandDef<O> {
  return def;
}

/** Declares a button handler, keeping its payload type. */
export function action<P extends z.ZodType, F extends z.ZodType | undefined = undefined>(
  def: ActionDef<P, F>,
): ActionDef<P, F> {
  return def;
}

type AnySubDef = SubcommandDef<OptionMap>;
type AnyActionDef = ActionDef<z.ZodType, z.ZodType | undefined>;

interface CommandDefBase {
  name: string;
  description: L10n;
  actions?: Record<string, AnyActionDef>;
}

export function defineCommand<O extends OptionMap>(
  def: CommandDefBase & Omit<SubcommandDef<O>, 'description'>,
): Command;
export function defineCommand(
  def: CommandDefBase & { subcommands: Record<string, AnySubDef>; defaultSubcommand?: string },
): Command;
export function defineCommand(
  def: CommandDefBase &
    Partial<Omit<SubcommandDef<OptionMap>, 'description'>> & {
      subcommands?: Record<string, AnySubDef>;
      defaultSubcommand?: string;
    },
): Command {
  if (!NAME.test(def.name)) throw new Error(`command name "${def.name}" must match ${NAME}`);
  const subs = def.subcommands;
  let subcommands: Subcommand[];
  if (subs) {
    subcommands = Object.entries(subs).map(([name, s]) => {
      if (!NAME.test(name)) throw new Error(`/${def.name} ${name}: sub-action names must match ${NAME}`);
      return eraseSub(name, s);
    });
  } else {
    const { handler, options } = def;
    if (!handler || !options) throw new Error(`/${def.name}: declare options and a handler, or subcommands`);
    subcommands = [eraseSub('', { ...def, options, handler, description: def.description })];
  }
  const defaultSubcommand = def.defaultSubcommand;
  if (defaultSubcommand && !subcommands.some((s) => s.name === defaultSubcommand)) {
    throw new Error(`/${def.name}: default sub-action "${defaultSubcommand}" is not declared`);
  }
  for (const s of subcommands) validateOptions(def.name, s);
  validateAliases(def.name, subcommands);
  const actions = Object.entries(def.actions ?? {}).map(
    ([id, a]): Action => ({
      id: `${def.name}.${id}`,
      payload: a.payload,
      ...(a.fields ? { fields: a.fields } : {}),
      ...(a.allow ? { allow: a.allow } : {}),
      // The router parsed `values` with a.fields (or left it undefined when there are none).
      run: (payload, ctx, values) => a.handler(payload, ctx, values as never),
    }),
  );
  return {
    name: def.name,
    description: def.description,
    subcommands,
    ...(defaultSubcommand ? { defaultSubcommand } : {}),
    actions,
  };
}

/** Every word names one sub-action: an alias may not be a name or another sub-action's alias. */
function validateAliases(command: string, subs: readonly Subcommand[]): void {
  const taken = new Set(subs.map((s) => s.name));
  for (const s of subs) {
    for (const alias of s.aliases) {
      if (!s.name) throw new Error(`/${command}: a command without sub-actions has no aliases`);
      if (!NAME.test(alias)) throw new Error(`/${command} ${s.name}: alias "${alias}" must match ${NAME}`);
      if (taken.has(alias)) throw new Error(`/${command} ${s.name}: alias "${alias}" names another sub-action`);
      taken.add(alias);
    }
  }
}

/** Mistakes in a declaration fail at load time, not when a user first hits them. */
function validateOptions(command: string, s: Subcommand): void {
  const where = `/${command}${s.name ? ` ${s.name}` : ''}`;
  const names = Object.keys(s.options);
  const positional = names.filter((n) => s.options[n]?.positional);
  positional.forEach((n, i) => {
    if (s.options[n]?.greedy && i !== positional.length - 1) {
      throw new Error(`${where}: greedy option "${n}" must be the last positional one`);
    }
  });
  for (const n of names) {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(n)) throw new Error(`${where}: option name "${n}" is not allowed`);
  }
  if (s.pipe && !s.options[s.pipe]) throw new Error(`${where}: pipe option "${s.pipe}" is not declared`);
  if (s.description.en.length > 100 || s.description.ar.length > 100) {
    throw new Error(`${where}: descriptions must fit Discord's 100 characters`);
  }
}
