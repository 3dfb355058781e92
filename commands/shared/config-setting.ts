/**
 * One /config setting: a single value written to a workspace column, recorded in the audit log with
 * what it was before, and confirmed in the person's language. A value the setting already has changes
 * nothing: no write, no audit entry (an "EUR to EUR" line helps nobody), and the reply says so. Every
 * plain setting of /config has this shape, so it is written once here.
 */
import type { z } from 'zod';
import { type SubcommandDef, sub } from '../../src/core/command.js';
import type { Context } from '../../src/core/context.js';
import type { L10n } from '../../src/core/i18n.js';
import { type OptionSpec, required } from '../../src/core/options.js';
import { type Reply, reply, text } from '../../src/core/reply.js';
import type { Role } from '../../src/core/roles.js';

type Workspace = Context['workspace'];
/** What a setting holds: options here parse to strings, numbers and yes/no. */
type Plain = string | number | boolean | null;

export interface SettingDef<S extends z.ZodType, C extends keyof Workspace> {
  description: L10n;
  allow: readonly Role[];
  examples: string[];
  /** The value as its option builder gives it (optional); the setting makes it required and positional. */
  value: OptionSpec<z.ZodOptional<S>>;
  /** The workspace column the value is written to. */
  column: C;
  /** The name the change is recorded under in /audit (test/unit/roles-audit names each in words). */
  audit: string;
  /** What the audit entry says it was before, when the column is not the whole story. */
  before?: (ws: Workspace) => Plain;
  /** The confirmation, in the person's language. */
  confirm: (value: z.output<S>, ctx: Context) => string;
  /** The reply when the setting already has the value: nothing is written or recorded. */
  unchanged: (ctx: Context) => Reply;
}

export function setting<S extends z.ZodType, C extends keyof Workspace>(
  def: SettingDef<S, C>,
): SubcommandDef<{ value: OptionSpec<S> }> {
  return sub({
    description: def.description,
    allow: def.allow,
    examples: def.examples,
    options: { value: required({ ...def.value, positional: true }) },
    async handler({ value }, ctx) {
      // The setting's columns hold plain values (a time zone, a code, a count, a yes/no).
      const before = def.before ? def.before(ctx.workspace) : (ctx.workspace[def.column] as Plain);
      if (before === value) return def.unchanged(ctx);
      await ctx.services.workspaces.update(ctx.workspace.id, { [def.column]: value });
      await ctx.services.audit.record(ctx, 'config.set', def.audit, { from: before, to: value as Plain });
      return reply(undefined, [text(def.confirm(value, ctx))], { tone: 'success' });
    },
  });
}
