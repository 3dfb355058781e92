/**
 * What the adapters say themselves is in the reader's language (issue 21): why a Discord notice could
 * not be posted, what the terminal shows for a picture or a file, and the numbers it gives buttons
 * and list items, in the workspace's digits (and read back in either).
 */
import type { Workspace } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import { ConsoleButtons } from '../../src/adapters/console/console.js';
import { renderText } from '../../src/adapters/console/render.js';
import { DiscordNotifier } from '../../src/adapters/discord/notifier.js';
import { actions, forLocale, list, reply } from '../../src/core/reply.js';
import { createLogger } from '../../src/log.js';

// Only the columns the notifier reads; the rest of a row does not matter to it.
const workspace = (over: Partial<Workspace>) =>
  ({ platform: 'discord', externalId: '111111111111111111', locale: 'ar', ...over }) as Workspace;

describe('adapter text in Arabic', () => {
  it('a Discord notice that cannot be posted says why in the workspace’s language', async () => {
    const notifier = new DiscordNotifier(undefined, createLogger('silent'));
    const notice = reply('x', []);
    await expect(notifier.post(workspace({ teamChannel: null }), 'alerts', notice)).rejects.toThrow(
      /^لم تُحدَّد قناة في Discord لإشعارات «التنبيهات»/,
    );
    await expect(notifier.post(workspace({ teamChannel: 'general' }), 'team', notice)).rejects.toThrow(
      /^قناة «الفريق» المحفوظة .* ليست معرّف قناة في Discord/,
    );
    await expect(notifier.post(workspace({ teamChannel: '222222222222222222' }), 'team', notice)).rejects.toThrow(
      /^النشر في قنوات Discord يحتاج إلى/,
    );
    await expect(notifier.post(workspace({ teamChannel: null, locale: 'en' }), 'alerts', notice)).rejects.toThrow(
      /^No Discord channel is set for alerts notices/,
    );
  });

  it('the terminal names pictures and files in Arabic and numbers buttons and lists in the workspace’s digits', () => {
    const r = forLocale(
      reply('الملخص', [
        { kind: 'image', png: new Uint8Array(), alt: 'رسم خطي', filename: 'digest.png' },
        { kind: 'file', filename: 'report.csv', mime: 'text/csv', content: 'a,b' },
        list(['أولًا', 'ثانيًا'], true),
        actions([
          { id: 'a.one', label: 'احفظ' },
          { id: 'a.two', label: 'تجاهل' },
        ]),
      ]),
      'ar',
      'arabic',
    );
    const shown = renderText(r);
    expect(shown).toContain('[صورة: رسم خطي (\u2068digest.png\u2069)]');
    expect(shown).toContain('[ملف: \u2068report.csv\u2069]');
    expect(shown).toContain('١. أولًا');
    expect(shown).toContain('[١] احفظ   [٢] تجاهل');
    expect(shown).not.toMatch(/image|file|\d/);
    const buttons = new ConsoleButtons();
    buttons.shown(r);
    expect(buttons.numbered('٢')?.id).toBe('a.two');
    expect(buttons.numbered('2')?.id).toBe('a.two');
    // A Latin-digit workspace numbers them as before.
    expect(renderText(forLocale(r, 'ar', 'latin'))).toContain('[1] احفظ');
    expect(renderText(forLocale(reply('x', [list(['a'], true)]), 'en'))).toContain('1. a');
  });
});
