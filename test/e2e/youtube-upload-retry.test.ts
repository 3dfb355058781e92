import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeYoutube } from '../fakes/youtube.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { dispatcherFor } from '../helpers/dispatcher.js';

const YT_TOKEN = 'ya29.youtube-retry-token';

describe('a YouTube upload whose connection drops', () => {
  const yt = new FakeYoutube();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await yt.start();
    yt.addChannel('UCabc', YT_TOKEN, 'Cold Brew TV');
  });
  afterAll(async () => {
    await yt.close();
  });
  beforeEach(async () => {
    app = await createTestApp({ YOUTUBE_API_URL: yt.url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    app.clock.set('2026-11-26T09:00:00Z');
    yt.now = () => app.clock.now();
    dispatcher = dispatcherFor(app);
  });
  afterEach(async () => {
    yt.server.clearScripts();
    await app.cleanup();
  });

  // Before: fetch refused the probe's 308 as an "unexpected redirect", so the post went to unknown.
  it('probes the session, says the whole video is sent again, then sends it again in a new session: one video', async () => {
    const url = yt.addMedia('drop.mp4', new Uint8Array(4096).fill(5));
    await app.say(`/connect youtube account:UCabc token:${YT_TOKEN}`);
    await app.say(`/schedule youtube 2026-11-26 11:00 title:"Launch day" media:${url} | Our launch video`);
    app.clock.set('2026-11-26T10:40:00Z');
    const sessionsBefore = yt.sessions.size;
    // The bytes PUT is dropped; the probe that follows (also a PUT to the session) is answered 308.
    yt.server.dropNext('PUT', /^\/upload\/youtube\/v3\/videos$/);
    await dispatcher.tick();
    let post = await app.services.db.scheduledPost.findFirstOrThrow();
    expect(post.status).toBe('pending');
    expect(post.lastError).toMatch(/did not complete; the whole video will be sent again/);
    expect(post.lastError).not.toMatch(/resumed/);
    expect(yt.videos).toHaveLength(0);
    expect(yt.sessions.size).toBe(sessionsBefore + 1);

    // The retry opens a new session and sends all 4,096 bytes: the text above was true.
    app.clock.set(new Date((post.nextAttemptAt ?? app.clock.now()).getTime() + 1000).toISOString());
    await dispatcher.tick();
    post = await app.services.db.scheduledPost.findFirstOrThrow();
    expect(post.status).toBe('published');
    expect(yt.sessions.size).toBe(sessionsBefore + 2);
    expect(yt.videos).toHaveLength(1);
    expect(yt.videos[0]).toMatchObject({ bytes: 4096, privacyStatus: 'private' });
  });
});
