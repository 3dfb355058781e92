import type { Command } from '../src/core/command.js';
import { defineCommand } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { core } from '../src/core/messages.js';
import { opt } from '../src/core/options.js';
import { closest, normalizeName } from '../src/core/parse.js';
import { type Block, fields, list, reply, text } from '../src/core/reply.js';

/**
 * /help lists what `installed()` returns: the command list names /help itself, so it is handed in
 * lazily rather than imported (an import would be a cycle).
 */
export default function help(installed: () => readonly Command[]): Command {
  return defineCommand({
    name: 'help',
    description: { en: 'List the commands, or explain one', ar: 'عرض الأوامر أو شرح أحدها' },
    options: {
      command: opt.string({
        label: { en: 'Command', ar: 'الأمر' },
        description: { en: 'A command to explain, e.g. config', ar: 'أمر لشرحه، مثل config' },
        positional: true,
        maxLength: 40,
      }),
    },
    examples: ['', 'config'],
    handler({ command }, ctx) {
      const all = installed();
      if (command === undefined) return overview(all, ctx);
      const name = normalizeName(command).replace(/^\//, '');
      const found = all.find((c) => c.name === name);
      if (!found) {
        const m = ctx.t(core);
        const suggestions = closest(
          name,
          all.map((c) => c.name),
        ).map((s) => `/${s}`);
        const tail = suggestions.length > 0 ? m.didYouMean({ options: suggestions.join(', ') }) : m.seeHelp;
        throw new UserError(`${m.unknownCommand({ name })} ${tail}`);
      }
      return detail(found, ctx);
    },
  });
}

function overview(all: readonly Command[], ctx: Context) {
  const m = ctx.t(core);
  const rows = all.map((c) => ({ label: `/${c.name}`, value: ctx.l(c.description) }));
  return reply(m.helpTitle, [text(m.helpIntro), fields(rows)]);
}

function detail(c: Command, ctx: Context) {
  const m = ctx.t(core);
  const blocks: Block[] = [text(ctx.l(c.description))];
  for (const s of c.subcommands) {
    const head = s.name
      ? m.helpSubcommand({ usage: `/${c.name} ${s.name}`, description: ctx.l(s.description) })
      : undefined;
    if (head) blocks.push(text(head));
    // An alias is a second way to type the sub-action, not a second sub-action.
    if (s.aliases.length > 0) {
      const words = s.aliases.map((a) => `/${c.name} ${a}`).join(` ${m.or} `);
      blocks.push(text(m.helpAliases({ words })));
    }
    const opts = Object.entries(s.options).map(([key, o]) => {
      const flags = [o.required ? m.required : m.optional];
      if (o.positional) flags.push(m.helpPositional);
      return m.helpOption({
        key,
        description: ctx.l(o.description),
        flags: flags.join(m.listSeparator),
        expected: ctx.l(o.expected),
      });
    });
    if (opts.length > 0) blocks.push(list(opts));
    const examples = s.examples
      .map((e) => (typeof e === 'string' ? e : ctx.l(e)))
      .map((e) => `/${c.name}${s.name && !e.startsWith(s.name) ? ` ${s.name}` : ''}${e ? ` ${e}` : ''}`);
    if (examples.length > 0) blocks.push(fields([{ label: m.examples, value: examples.join('\n') }]));
  }
  return reply(m.helpCommandTitle({ command: c.name }), blocks);
}
