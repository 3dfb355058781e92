import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, identity, type TestApp } from '../helpers/app.js';

// Every Slack command resolves its workspace and member at least twice (the router, then the answer's
// language). For a workspace already known that is one read, not an upsert: on SQLite an upsert is a
// transaction of five statements, and each statement holds the event loop while acks wait
// (bench/slack-ack.mjs, docs/operations.md "Slack: work after the ack").
describe('resolving a known workspace', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await app?.cleanup();
    app = undefined;
  });

  it('creates it on first contact, then only reads it', async () => {
    app = await createTestApp();
    const upsert = vi.spyOn(app.services.db.workspace, 'upsert');
    const who = identity({ workspace: 'TKNOWN', user: 'U1', admin: false });
    const first = await app.services.workspaces.resolve(who);
    expect(upsert).toHaveBeenCalledTimes(1);
    const again = await Promise.all([1, 2, 3].map(() => app?.services.workspaces.resolve(who)));
    expect(upsert).toHaveBeenCalledTimes(1);
    expect(again.map((r) => r?.workspace.id)).toEqual([first.workspace.id, first.workspace.id, first.workspace.id]);
    expect(again.map((r) => r?.role)).toEqual(['admin', 'admin', 'admin']);
    // Someone new in the known workspace joins it as a member; no second workspace appears.
    const other = await app.services.workspaces.resolve(identity({ workspace: 'TKNOWN', user: 'U2', admin: false }));
    expect(other.workspace.id).toBe(first.workspace.id);
    expect(other.role).toBe('member');
    expect(await app.services.db.workspace.count({ where: { externalId: 'TKNOWN' } })).toBe(1);
  });
});
