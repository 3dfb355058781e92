import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleButtons, ConsoleNotifier, consoleIdentity, runConsole } from '../../src/adapters/console/console.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp;
afterEach(async () => {
  await app?.cleanup();
});

describe('console buttons', () => {
  it('a number presses a button of the last alert printed, not only of the last reply', async () => {
    app = await createTestApp();
    const ws = await app.services.comments.consoleWorkspace();
    const r = await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: 'c1',
      // Urgent (a clown emoji is an insult), so it is posted at once.
      text: 'these sneakers are sick 🤡',
    });
    expect(r.alerted).toBe(true);
    const alert = app.recorder.notices.find((n) => n.to === 'alerts');
    expect(alert).toBeDefined();

    // The alert as the console prints it, then the person at the terminal types 5.
    const out: string[] = [];
    const buttons = new ConsoleButtons();
    await new ConsoleNotifier((t) => void out.push(t), buttons).post(ws, 'alerts', alert?.reply ?? { blocks: [] });
    expect(out.join('')).toContain('[5] Not negative');
    await runConsole({
      router: app.router,
      identity: consoleIdentity(),
      input: Readable.from(['5\n']),
      write: (t) => void out.push(t),
      interactive: false,
      buttons,
    });

    expect(out.join('')).not.toContain('There is no command');
    const comment = await app.services.db.comment.findUniqueOrThrow({ where: { id: r.comment.id } });
    expect(comment.status).toBe('ignored');
    expect(await app.services.db.sentimentFeedback.count({ where: { commentId: r.comment.id } })).toBe(1);
  });
});

describe('console link buttons', () => {
  it('prints a link button as its address, unnumbered, and numbers only the buttons that can be pressed', async () => {
    const { renderText } = await import('../../src/adapters/console/render.js');
    const { actions, actionsOf, reply } = await import('../../src/core/reply.js');
    const r = reply(undefined, [
      actions([
        { id: 'connect.link', label: 'Connect', url: 'https://bot.example/oauth/x/start?state=abc' },
        { id: 'x.retry', label: 'Retry', payload: '1' },
      ]),
    ]);
    const shown = renderText(r);
    expect(shown).toContain('Connect: https://bot.example/oauth/x/start?state=abc');
    expect(shown).toContain('[1] Retry');
    expect(actionsOf(r).map((a) => a.id)).toEqual(['x.retry']);
  });
});
