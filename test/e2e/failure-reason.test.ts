/**
 * A failed post's reason reads in the reader's language (the schedule list, the failure and overdue
 * notices): the bot stores a code and the network's own words, and words it when shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { reasonText } from '../../src/publishing/failure-reason.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { allowedLatin, latinWords } from '../helpers/arabic.js';
import { dispatcherFor } from '../helpers/dispatcher.js';

const PAGE_TOKEN = 'EAAGpage-token-123';
const ar = identity({ locale: 'ar' });

describe('a failure reason in the reader’s language', () => {
  let meta: FakeMetaGraph;
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeEach(async () => {
    meta = await new FakeMetaGraph().start();
    meta.addPage('111', PAGE_TOKEN, 'Cold Brew Co');
    app = await createTestApp({ META_GRAPH_URL: meta.url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' });
    app.clock.set('2026-11-26T09:00:00Z');
    dispatcher = dispatcherFor(app);
    await app.say('/config lang ar', ar);
  });
  afterEach(async () => {
    await app.cleanup();
    await meta.close().catch(() => {});
  });

  const englishIn = (s: string) => {
    const ok = allowedLatin();
    return latinWords(s).filter((w) => !ok.has(w.toLowerCase()));
  };

  it('an account no longer connected: Arabic in the notice and the list, English after switching', async () => {
    await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`, ar);
    await app.say('/schedule facebook in 10 minutes account:111 | قهوتنا الباردة', ar);
    await app.services.db.integration.deleteMany({ where: { accountId: '111' } });
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();

    const notice = textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] });
    expect(notice).toContain('لم يعد متصلًا');
    expect(englishIn(notice), notice).toEqual([]);
    const listed = textOf(await app.say('/schedule list', ar));
    expect(listed).toContain('لم يعد متصلًا');
    expect(englishIn(listed), listed).toEqual([]);

    await app.say('/config lang en', ar);
    const en = identity({ locale: 'en' });
    expect(textOf(await app.say('/schedule list', en))).toContain(
      'The Facebook account 111 this post was scheduled for is no longer connected',
    );
  });

  it('a network that cannot be reached: the overdue notice says so in Arabic', async () => {
    await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`, ar);
    await app.say('/schedule facebook in 10 minutes | قهوتنا الباردة', ar);
    await meta.close();
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const post = await app.services.db.scheduledPost.findFirstOrThrow();
    expect(post.status).toBe('pending');
    expect(JSON.parse(post.lastError ?? '{}')).toEqual({
      code: 'unreachable',
      params: { host: expect.stringMatching(/^127.0.0.1:/) },
    });

    app.clock.advance(6 * 60_000);
    await dispatcher.watchdog();
    const notice = textOf(app.recorder.notices.at(-1)?.reply ?? { blocks: [] });
    expect(notice).toContain('تعذّر على البوت الوصول إلى');
    expect(englishIn(notice), notice).toEqual([]);
    expect(notice).not.toMatch(/cannot reach/);
  });

  it('/connect to a network that cannot be reached says why in Arabic, saving nothing', async () => {
    await meta.close();
    const r = await app.say(`/connect facebook account:111 token:${PAGE_TOKEN}`, ar);
    const shown = textOf(r);
    expect(r.tone).toBe('error');
    expect(shown).toContain('تعذّر على البوت الوصول إلى');
    expect(shown).not.toMatch(/cannot reach|ENOTFOUND|ECONNREFUSED/);
    expect(englishIn(shown), shown).toEqual([]);
    expect(shown).not.toContain(PAGE_TOKEN);
    expect(await app.services.db.integration.count()).toBe(0);
  });

  it('a reason stored as plain text before codes is quoted inside a sentence of the reader’s language', () => {
    expect(reasonText('Graph API error 368: blocked', 'ar')).toBe(
      'نص الخطأ كما ورد: «\u2068Graph API error 368: blocked\u2069»',
    );
    expect(reasonText('Graph API error 368: blocked', 'en')).toBe(
      'The error, as reported: “Graph API error 368: blocked”',
    );
    expect(reasonText(null, 'ar')).toBe('');
  });
});
