/**
 * The one path every surface takes: text or structured options in, a Reply out.
 * parse -> bind -> validate -> authorise -> run; user mistakes become a clear message in the user's
 * language, anything else an internal error with a reference id.
 */
import type { z } from 'zod';
import { digitStyleOf } from '../lib/digits.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { type BindProblem, bind, findSubcommand } from './bind.js';
import type { Command, Subcommand } from './command.js';
import { type Context, type Identity, makeContext } from './context.js';
import { newReferenceId, UserError } from './errors.js';
import type { Locale } from './i18n.js';
import { core } from './messages.js';
import type { OptionSpec } from './options.js';
import { closest, MAX_INPUT_CHARS, splitCommand, tokenize } from './parse.js';
import { RateLimiter } from './rate-limit.js';
import { forLocale, type Reply, text } from './reply.js';
import { type Role, roleAllows } from './roles.js';

export type FieldErrors = Record<string, string>;

export type Validated = { ok: true; input: Record<string, unknown> } | { ok: false; errors: FieldErrors };

export class Router {
  private readonly byName: Map<string, Command>;
  private readonly limiter = new RateLimiter();

  constructor(
    readonly commands: readonly Command[],
    private readonly services: Services,
    private readonly log: Logger,
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
    if (this.byName.size !== commands.length) throw new Error('two commands share a name');
  }

  find(name: string): Command | undefined {
    return this.byName.get(name);
  }

  /** A line as typed: "/config lang ar" (the leading slash is optional). */
  async handleText(line: string, who: Identity): Promise<Reply> {
    return this.guard(who, this.metricLabel(splitCommand(line).name), async (ctx) => {
      const m = ctx.t(core);
      const length = [...line].length;
      if (length > MAX_INPUT_CHARS) throw new UserError(m.tooLong({ max: MAX_INPUT_CHARS, got: length }));
      const { name, rest } = splitCommand(line);
      if (!name) throw new UserError(m.empty);
      const command = this.byName.get(name);
      if (!command) throw new UserError(this.unknownCommand(name, ctx.locale));
      const bound = bind(command, tokenize(rest));
      if (!bound.ok) throw new UserError(this.describeProblem(command, bound.problem, ctx.locale));
      return this.execute(command, bound.sub, bound.raw, ctx);
    });
  }

  /** Options that arrive already split (Slack modal, Discord typed options). */
  async handleStructured(commandName: string, subName: string | undefined, raw: Record<string, string>, who: Identity) {
    return this.guard(who, this.metricLabel(commandName), async (ctx) => {
      const command = this.byName.get(commandName);
      if (!command) throw new UserError(this.unknownCommand(commandName, ctx.locale));
      const sub = findSubcommand(command, subName);
      if (!sub) {
        const choices = command.subcommands.map((s) => s.name).filter(Boolean);
        throw new UserError(ctx.t(core).needSubcommand({ command: command.name, choices: choices.join(', ') }));
      }
      return this.execute(command, sub, raw, ctx);
    });
  }

  /** A button press; the payload is validated by the action's schema, never trusted as sent. */
  async press(actionId: string, payload: string | undefined, who: Identity): Promise<Reply> {
    return this.guard(who, this.metricLabel(actionId.split('.')[0]), async (ctx) => {
      const m = ctx.t(core);
      const action = this.commands.flatMap((c) => c.actions).find((a) => a.id === actionId);
      if (!action) throw new UserError(m.unknownAction);
      // A form's receiver is reached only with its values (submit).
      if (action.fields) throw new UserError(m.unknownAction);
      const parsed = action.payload.safeParse(payload ?? '');
      if (!parsed.success) throw new UserError(m.unknownAction);
      this.authorise(action.allow, ctx);
      return action.run(parsed.data, ctx);
    });
  }

  /**
   * A submitted form (Reply.form): checked like a press (payload schema, role; the handler scopes by
   * workspace), then the values by the action's `fields` schema.
   */
  async submit(actionId: string, payload: string | undefined, values: Record<string, string>, who: Identity) {
    return this.guard(who, this.metricLabel(actionId.split('.')[0]), async (ctx) => {
      const m = ctx.t(core);
      const action = this.formAction(actionId);
      const parsed = action?.payload.safeParse(payload ?? '');
      if (!action?.fields || !parsed?.success) throw new UserError(m.unknownAction);
      this.authorise(action.allow, ctx);
      const checked = action.fields.safeParse(values);
      if (!checked.success) throw new UserError(Object.values(formErrors(checked.error, ctx.locale)).join('\n'));
      return action.run(parsed.data, ctx, checked.data);
    });
  }

  /** Per-field problems with submitted form values (Slack shows them under each input); none when valid. */
  checkForm(actionId: string, values: Record<string, string>, locale: Locale): FieldErrors | undefined {
    const checked = this.formAction(actionId)?.fields?.safeParse(values);
    return checked && !checked.success ? formErrors(checked.error, locale) : undefined;
  }

  private formAction(actionId: string) {
    return this.commands.flatMap((c) => c.actions).find((a) => a.id === actionId && a.fields);
  }

  /**
   * Values to offer for an option while the user types (Discord autocomplete). Never throws: a
   * failure offers nothing, since the user can still type the value.
   */
  async suggest(commandName: string, subName: string | undefined, option: string, typed: string, who: Identity) {
    const command = this.byName.get(commandName);
    const spec = command ? findSubcommand(command, subName)?.options[option] : undefined;
    if (!spec?.suggest) return [];
    try {
      const resolved = await this.services.workspaces.resolve(who);
      const ctx = makeContext({ identity: who, ...resolved, services: this.services, log: this.log });
      return (await spec.suggest(typed.trim(), ctx)).slice(0, 25);
    } catch (err) {
      this.log.warn({ err, command: commandName, option }, 'suggestions failed');
      return [];
    }
  }

  /** Validates raw option strings against a sub-action; used by modals to show errors per field. */
  validate(sub: Subcommand, raw: Record<string, string>, locale: Locale): Validated {
    const m = core[locale];
    const errors: FieldErrors = {};
    const input: Record<string, unknown> = {};
    for (const key of Object.keys(raw)) {
      if (!(key in sub.options)) errors[key] = m.unknownOption({ key, options: Object.keys(sub.options).join(', ') });
    }
    for (const [key, spec] of Object.entries(sub.options)) {
      const value = raw[key];
      if (value === undefined || value.trim() === '') {
        if (spec.required) errors[key] = m.missing({ label: spec.label[locale], key, expected: spec.expected[locale] });
        continue;
      }
      const result = spec.schema.safeParse(value);
      if (result.success) input[key] = result.data;
      // A value typed to a command that takes a secret may be the secret in the wrong place: not shown back.
      else if (spec.kind === 'secret' || takesSecret([sub]))
        errors[key] = m.badSecret({ label: spec.label[locale], key, expected: spec.expected[locale] });
      else
        errors[key] = m.badValue({
          label: spec.label[locale],
          key,
          value: preview(value),
          expected: spec.expected[locale],
        });
    }
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
  }

  /** "/schedule list [when:…]" from a declaration, for errors and /help. */
  usage(command: Command, sub: Subcommand, locale: Locale): string {
    const parts = [`/${command.name}`];
    if (sub.name) parts.push(sub.name);
    for (const [key, spec] of Object.entries(sub.options)) parts.push(usageOf(key, spec, locale));
    return parts.join(' ');
  }

  private async execute(command: Command, sub: Subcommand, raw: Record<string, string>, ctx: Context): Promise<Reply> {
    const checked = this.validate(sub, raw, ctx.locale);
    if (!checked.ok) {
      const lines = Object.values(checked.errors);
      lines.push(ctx.t(core).usage({ usage: this.usage(command, sub, ctx.locale) }));
      throw new UserError(lines.join('\n'));
    }
    this.authorise(sub.allow, ctx);
    if (sub.limit) {
      const key = `${ctx.workspace.id}:${ctx.member.externalId}:${command.name}:${sub.name}`;
      const wait = this.limiter.take(key, sub.limit.max, sub.limit.perMinutes * 60_000, ctx.now().getTime());
      if (wait !== undefined)
        throw new UserError(
          ctx.t(core).rateLimited({ seconds: wait, max: sub.limit.max, minutes: sub.limit.perMinutes }),
        );
    }
    return sub.run(checked.input, ctx);
  }

  private authorise(allow: readonly Role[] | undefined, ctx: Context): void {
    if (roleAllows(ctx.role, allow)) return;
    const m = ctx.t(core);
    const names: Record<Role, string> = {
      admin: m.roleAdmin,
      manager: m.roleManager,
      social: m.roleSocial,
      member: m.roleMember,
    };
    const roles = ['admin' as Role, ...(allow ?? [])].filter((r, i, all) => all.indexOf(r) === i).map((r) => names[r]);
    throw new UserError(m.needsRole({ roles: roles.join(` ${m.or} `) }));
  }

  /** A command name for metrics: only installed commands, so typed text cannot add label values. */
  private metricLabel(name: string | undefined): string {
    return name !== undefined && this.byName.has(name) ? name : 'unknown';
  }

  private async guard(who: Identity, command: string, work: (ctx: Context) => Promise<Reply>): Promise<Reply> {
    const metrics = this.services.telemetry;
    const done = metrics.commandSeconds.startTimer({ command });
    let ctx: Context | undefined;
    try {
      const resolved = await this.services.workspaces.resolve(who);
      ctx = makeContext({ identity: who, ...resolved, services: this.services, log: this.log });
      const result = await work(ctx);
      metrics.commands.inc({ command, outcome: 'ok' });
      return forLocale(result, ctx.locale, digitStyleOf(ctx.workspace));
    } catch (err) {
      const locale: Locale = ctx?.locale ?? who.locale ?? 'en';
      if (err instanceof UserError) {
        metrics.commands.inc({ command, outcome: 'user_error' });
        const digits = ctx ? digitStyleOf(ctx.workspace) : 'latin';
        return forLocale({ tone: 'error', blocks: [text(err.message)], ephemeral: true }, locale, digits);
      }
      metrics.commands.inc({ command, outcome: 'internal_error' });
      const ref = newReferenceId();
      this.log.error({ err, ref, platform: who.platform }, 'command failed');
      return forLocale({ tone: 'error', blocks: [text(core[locale].internal({ ref }))], ephemeral: true }, locale);
    } finally {
      done();
    }
  }

  private unknownCommand(name: string, locale: Locale): string {
    const m = core[locale];
    const suggestions = closest(name, [...this.byName.keys()]).map((s) => `/${s}`);
    const lines = [m.unknownCommand({ name: preview(name, 40) })];
    lines.push(suggestions.length > 0 ? m.didYouMean({ options: suggestions.join(`, `) }) : m.seeHelp);
    return lines.join(' ');
  }

  private describeProblem(command: Command, p: BindProblem, locale: Locale): string {
    const m = core[locale];
    switch (p.kind) {
      case 'needSubcommand':
        return m.needSubcommand({ command: command.name, choices: p.choices.join(', ') });
      case 'unknownSubcommand': {
        if (takesSecret(command.subcommands))
          return m.unknownSubcommandHidden({ command: command.name, choices: p.choices.join(', ') });
        const base = m.unknownSubcommand({
          command: command.name,
          word: preview(p.word, 40),
          choices: p.choices.join(', '),
        });
        return p.suggestions.length > 0 ? `${base} ${m.didYouMean({ options: p.suggestions.join(', ') })}` : base;
      }
      case 'unknownOption': {
        if (p.options.length === 0) return m.noOptions;
        const base = m.unknownOption({ key: preview(p.key, 40), options: p.options.join(', ') });
        return p.suggestions.length > 0 ? `${base} ${m.didYouMean({ options: p.suggestions.join(', ') })}` : base;
      }
      case 'duplicateOption':
        return m.duplicateOption({ key: p.key });
      case 'unexpected':
        // `/connect facebook account:111 EAAB…` (token: forgotten) must not print the token back.
        if (takesSecret(command.subcommands)) return m.unexpectedHidden;
        return m.unexpected({ word: preview(p.word, 60) });
    }
  }
}

function formErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const m = core[locale];
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (errors[key]) continue;
    if (issue.code === 'too_small' || issue.code === 'invalid_type') errors[key] = m.formEmpty;
    else if (issue.code === 'too_big') errors[key] = m.formTooLong({ max: Number(issue.maximum) });
    else errors[key] = m.formInvalid;
  }
  return errors;
}

/** Whether any of these sub-actions takes a secret: then no typed word or value is echoed back. */
function takesSecret(subs: readonly Subcommand[]): boolean {
  return subs.some((s) => Object.values(s.options).some((o) => o.kind === 'secret'));
}

/** Echoes user text back safely: short, one line. */
function preview(value: string, max = 80): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : oneLine;
}

function usageOf(key: string, spec: OptionSpec, locale: Locale): string {
  const value = spec.choices ? spec.choices.join('|') : spec.label[locale].toLowerCase().replace(/\s+/g, '-');
  const shown = spec.positional ? value : `${key}:${value}`;
  return spec.required ? shown : `[${shown}]`;
}
