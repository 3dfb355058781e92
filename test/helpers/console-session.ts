/** Types lines into console mode, as at the terminal (not interactive), and returns what it printed. */
import { Readable } from 'node:stream';
import { type ConsoleButtons, consoleIdentity, runConsole } from '../../src/adapters/console/console.js';
import type { Locale } from '../../src/core/i18n.js';
import type { Router } from '../../src/core/router.js';

export async function typeAtConsole(
  router: Router,
  lines: readonly string[],
  o: { locale?: Locale | undefined; buttons?: ConsoleButtons } = {},
): Promise<string> {
  const out: string[] = [];
  await runConsole({
    router,
    identity: consoleIdentity(o.locale),
    input: Readable.from(lines.map((l) => `${l}\n`)),
    write: (t) => void out.push(t),
    interactive: false,
    ...(o.buttons ? { buttons: o.buttons } : {}),
  });
  return out.join('');
}
