/**
 * Console mode: the terminal is both the user and the team's channel (docs/architecture.md §6). Each input line is
 * a slash command; replies and notices print as plain text; a number presses a button of the last
 * message shown, a reply or a notice such as an alert. Lines are answered strictly in order, and end
 * of input resolves once every reply is printed.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Workspace } from '@prisma/client';
import { CONSOLE_WORKSPACE, type Identity } from '../../core/context.js';
import type { Locale } from '../../core/i18n.js';
import { core } from '../../core/messages.js';
import type { ChannelRole, Notifier, PostedMessage } from '../../core/notifier.js';
import { type Action, actionsOf, type Reply, settledLine } from '../../core/reply.js';
import type { Router } from '../../core/router.js';
import { latinDigits } from '../../lib/text.js';
import { saveFiles } from './exports.js';
import { renderText } from './render.js';

export function consoleIdentity(locale?: Locale): Identity {
  let name = 'you';
  try {
    name = userInfo().username || name;
  } catch {
    // Some containers have no passwd entry for the uid; the default name is fine.
  }
  return {
    platform: 'console',
    workspace: { externalId: CONSOLE_WORKSPACE, name: 'Console' },
    // Whoever holds the terminal runs the bot, so they are its admin.
    user: { externalId: `console:${name}`, name, platformAdmin: true },
    ...(locale ? { locale } : {}),
    channel: 'console',
  };
}

/** The buttons of the last message shown, reply or notice: what typing a number presses. */
export class ConsoleButtons {
  private current: Action[] = [];

  shown(r: Reply): void {
    const next = actionsOf(r);
    // A reply that updates a message in place without buttons leaves the earlier ones pressable.
    if (next.length > 0 || !r.replaceOriginal) this.current = next;
  }

  /** A button's number, in whichever digits it was typed (the buttons may show ١ ٢ ٣). */
  numbered(line: string): Action | undefined {
    const n = latinDigits(line);
    return /^\d{1,2}$/.test(n) ? this.current[Number(n) - 1] : undefined;
  }
}

export class ConsoleNotifier implements Notifier {
  constructor(
    private readonly write: (text: string) => void,
    private readonly buttons?: ConsoleButtons,
  ) {}

  async post(_workspace: Workspace, to: ChannelRole, reply: Reply): Promise<PostedMessage> {
    this.write(`[#${to}]\n${renderText(reply)}\n\n`);
    this.buttons?.shown(reply);
    return { channel: to };
  }
}

export interface ConsoleOptions {
  router: Router;
  identity: Identity;
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  interactive: boolean;
  /** Shared with the ConsoleNotifier, so an alert's buttons can be pressed too. */
  buttons?: ConsoleButtons;
  /** Where files a reply carries are written (a terminal cannot attach them); default ./exports. */
  exportDir?: string;
}

export async function runConsole(o: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: o.input, terminal: o.interactive, crlfDelay: Number.POSITIVE_INFINITY });
  const buttons = o.buttons ?? new ConsoleButtons();
  const prompt = () => {
    if (o.interactive) o.write('mktbot> ');
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    const pressed = buttons.numbered(line);
    const r = pressed
      ? await o.router.press(pressed.id, pressed.payload, o.identity)
      : await o.router.handleText(line, o.identity);
    buttons.shown(r);
    const next = actionsOf(r);
    let out = renderText(await saveFiles(r, o.exportDir ?? 'exports', o.identity.locale ?? (r.rtl ? 'ar' : 'en')));
    if (next.length > 0 && o.interactive) {
      out += `\n  ${settledLine(core[o.identity.locale ?? (r.rtl ? 'ar' : 'en')].chooseButton({ count: next.length }), r)}`;
    }
    o.write(`${out}\n\n`);
    prompt();
  }
}
