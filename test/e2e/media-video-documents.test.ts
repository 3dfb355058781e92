/**
 * A video for X and a PDF for LinkedIn, end to end from console mode: `media:./clip.mp4` is kept,
 * uploaded to the X fake in chunks (initialize, append in order, finalize, status until processed)
 * and posted once, even when X is still processing on the first attempt; `media:./deck.pdf` goes up
 * through LinkedIn's Documents API and is posted with the title LinkedIn requires. The limits of
 * each (length, size, pages, a video or a document alone on its post) are said at scheduling time
 * in English and Arabic, and nothing is scheduled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X_CHUNK_BYTES } from '../../integrations/x/video.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeLinkedIn } from '../fakes/linkedin.js';
import { FakeX } from '../fakes/x.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { typeAtConsole } from '../helpers/console-session.js';
import { ADMIN_TOKEN, dispatcherFor, ORG, seedLinkedIn } from '../helpers/linkedin.js';
import { jpeg, mp4, mp4Sized, pdf, png } from '../helpers/media.js';
import { seedX, X_TOKEN } from '../helpers/x.js';

const xapi = new FakeX();
const li = new FakeLinkedIn();
const files = mkdtempSync(path.join(tmpdir(), 'mktbot-video-doc-files-'));
const mediaDir = mkdtempSync(path.join(tmpdir(), 'mktbot-video-doc-stored-'));
let app: TestApp;
let dispatcher: Dispatcher;

function file(name: string, bytes: Buffer): string {
  const p = path.join(files, name);
  writeFileSync(p, bytes);
  return p;
}

/** Types the lines into console mode and returns what it printed. */
const terminal = (lines: string[], lang?: 'ar') => typeAtConsole(app.router, lines, { locale: lang });

const postOf = (content: string) => app.services.db.scheduledPost.findFirstOrThrow({ where: { content } });

/** Lets the dispatcher take what is due ten minutes from now. */
async function tenMinutesLater(): Promise<void> {
  app.clock.advance(10 * 60_000);
  await dispatcher.tick();
}

beforeAll(async () => {
  await Promise.all([xapi.start(), li.start()]);
  seedX(xapi);
  seedLinkedIn(li);
  // No PUBLIC_URL: X and LinkedIn take bytes, read from the bot's disk.
  app = await createTestApp({ MEDIA_DIR: mediaDir, X_API_URL: xapi.url, LINKEDIN_API_URL: li.url });
  app.clock.set('2026-11-26T09:00:00Z');
  dispatcher = dispatcherFor(app);
  const out = await terminal([
    `/connect x account:@ColdBrewCo token:${X_TOKEN}`,
    `/connect linkedin account:${ORG} token:${ADMIN_TOKEN}`,
  ]);
  expect(out).toContain('Cold Brew Co');
});
afterAll(async () => {
  await app?.cleanup();
  await Promise.all([xapi.close(), li.close()]);
  rmSync(files, { recursive: true, force: true });
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('a video for X', () => {
  it('goes up in chunks (initialize, append 0, 1, 2 in order, finalize), is waited for, then posted with its media id', async () => {
    const clip = mp4Sized(30_000, 2 * X_CHUNK_BYTES + 1000);
    xapi.videoReads = 2;
    xapi.uploadLog.length = 0;
    const out = await terminal([`/schedule x in 10 minutes media:${file('launch.mp4', clip)} | Launch day, in motion`]);
    expect(out).toContain('Scheduled for X');
    await tenMinutesLater();
    expect((await postOf('Launch day, in motion')).status).toBe('published');
    expect(xapi.uploadLog).toEqual(['initialize', 'append 0', 'append 1', 'append 2', 'finalize', 'status', 'status']);
    const tweet = xapi.posts.find((p) => p.text === 'Launch day, in motion');
    expect(tweet?.mediaIds).toHaveLength(1);
    const upload = xapi.uploads.get(tweet?.mediaIds[0] ?? '');
    expect(upload?.state).toBe('succeeded');
    expect(Buffer.concat(upload?.chunks ?? []).equals(clip)).toBe(true);
  });

  it('still processing when the attempt stops waiting: retried later from its status, never uploaded or posted twice', async () => {
    xapi.videoReads = 20;
    xapi.uploadLog.length = 0;
    await terminal([`/schedule x in 10 minutes media:${file('slow.mp4', mp4(20_000))} | A slow one`]);
    await tenMinutesLater();
    const waiting = await postOf('A slow one');
    // Nothing was sent: the post waits for its retry, with the finalized upload saved on it.
    expect(waiting.status).toBe('pending');
    expect(waiting.sentAt).toBeNull();
    expect(xapi.posts.some((p) => p.text === 'A slow one')).toBe(false);
    expect(xapi.uploadLog.filter((s) => s === 'initialize')).toHaveLength(1);
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    expect((await postOf('A slow one')).status).toBe('published');
    expect(xapi.uploadLog.filter((s) => s === 'initialize')).toHaveLength(1);
    expect(xapi.uploadLog.filter((s) => s === 'finalize')).toHaveLength(1);
    expect(xapi.posts.filter((p) => p.text === 'A slow one')).toHaveLength(1);
  });

  it('an upload X no longer knows when the retry comes (expired) is sent again, and the post still goes out once', async () => {
    xapi.videoReads = 20;
    xapi.uploadLog.length = 0;
    await terminal([`/schedule x in 10 minutes media:${file('expired.mp4', mp4(15_000))} | Expired upload`]);
    await tenMinutesLater();
    expect((await postOf('Expired upload')).status).toBe('pending');
    const [first] = [...xapi.uploads.values()].filter((u) => u.total === mp4(15_000).length).slice(-1);
    xapi.uploads.delete(first?.id ?? '');
    xapi.videoReads = 1;
    app.clock.advance(5 * 60_000);
    await dispatcher.tick();
    expect((await postOf('Expired upload')).status).toBe('published');
    expect(xapi.uploadLog.filter((s) => s === 'initialize')).toHaveLength(2);
    expect(xapi.posts.filter((p) => p.text === 'Expired upload')).toHaveLength(1);
  });

  it('a video X fails to process ends the post with X’s reason, and nothing is posted', async () => {
    xapi.videoReads = 1;
    // Scheduled as a short clip, replaced on disk later: X's processing has the last word.
    await terminal([`/schedule x in 10 minutes media:${file('broken.mp4', mp4(10_000))} | Broken clip`]);
    const post = await postOf('Broken clip');
    const [item] = post.media as Array<{ file: { id: string } }>;
    const stored = await app.services.media.find(item?.file.id ?? '');
    writeFileSync(stored?.file ?? '', mp4(200_000));
    await tenMinutesLater();
    const failed = await postOf('Broken clip');
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('X could not process the video (InvalidMedia');
    expect(xapi.posts.some((p) => p.text === 'Broken clip')).toBe(false);
  });

  it('the fake refuses what X refuses: APPEND without INIT, a gap in the segments, FINALIZE before every byte, a post naming a video still processing', async () => {
    const call = (p: string, body?: unknown, method = 'POST') =>
      fetch(`${xapi.url}${p}`, {
        method,
        headers: { authorization: `Bearer ${X_TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: { id: string } } }));
    const chunk = (b: Buffer, i: number) => ({ media: b.toString('base64'), segment_index: i });
    const clip = mp4(5000);
    expect((await call('/2/media/upload/123/append', chunk(clip, 0))).status).toBe(400);
    const init = await call('/2/media/upload/initialize', {
      media_type: 'video/mp4',
      total_bytes: clip.length,
      media_category: 'tweet_video',
    });
    const id = init.body.data?.id ?? '';
    const [a, b] = [clip.subarray(0, 100), clip.subarray(100)];
    expect((await call(`/2/media/upload/${id}/append`, chunk(b, 1))).status).toBe(400);
    expect((await call(`/2/media/upload/${id}/append`, chunk(a, 0))).status).toBe(200);
    expect((await call(`/2/media/upload/${id}/finalize`)).status).toBe(400);
    expect((await call(`/2/media/upload/${id}/append`, chunk(b, 1))).status).toBe(200);
    expect((await call(`/2/media/upload/${id}/finalize`)).status).toBe(200);
    expect((await call('/2/tweets', { text: 'Too early', media: { media_ids: [id] } })).status).toBe(400);
  });

  it('refused at scheduling time with the reason, in English and Arabic', async () => {
    const long = file('long-x.mp4', mp4(141_000));
    const mixed = `${file('v.mp4', mp4(5000))} ${file('still.png', png(800, 800))}`;
    const en = await terminal([
      `/schedule x in 10 minutes media:${long} | Too long for X`,
      `/schedule x in 10 minutes media:"${mixed}" | Video and still`,
    ]);
    expect(en).toContain('long-x.mp4 lasts 141 seconds; X takes videos up to 140 seconds.');
    expect(en).toContain('X takes a video on a post of its own, without other files; this one has 2 files.');
    const ar = await terminal([`/schedule x in 10 minutes media:"${mixed}" | Video and still`], 'ar');
    expect(ar).toContain('يقبل إكس الفيديو في منشور خاص به دون ملفات أخرى، وهذا المنشور يحمل ملفين.');
    for (const content of ['Too long for X', 'Video and still']) {
      expect(await app.services.db.scheduledPost.count({ where: { content } })).toBe(0);
    }
  });
});

describe('a PDF for LinkedIn', () => {
  it('is kept, uploaded through the Documents API and posted with the file name as its title', async () => {
    const deck = pdf(12);
    const out = await terminal([
      `/schedule linkedin in 10 minutes media:${file('Q3-results.pdf', deck)} | Our quarter`,
    ]);
    expect(out).toContain('Scheduled for LinkedIn');
    const row = await app.services.db.mediaFile.findFirstOrThrow({ where: { name: 'Q3-results.pdf' } });
    expect(row).toMatchObject({ kind: 'document', mime: 'application/pdf', bytes: deck.length });
    const { id } = await postOf('Our quarter');
    expect(await terminal([`/schedule show ${id}`])).toContain('Q3-results.pdf · PDF · 12 pages');
    expect(await terminal([`/schedule show ${id}`], 'ar')).toContain('12 صفحة');
    await tenMinutesLater();
    expect((await postOf('Our quarter')).status).toBe('published');
    const post = li.posts.find((p) => p.text === 'Our quarter');
    expect(post?.content?.media?.id).toMatch(/^urn:li:document:/);
    expect(post?.content?.media?.title).toBe('Q3 results');
    expect(li.documents.get(post?.content?.media?.id ?? '')?.bytes).toBe(deck.length);
  });

  it('takes the post’s own title when one is given', async () => {
    await terminal([
      `/schedule linkedin in 10 minutes media:${file('menu.pdf', pdf(2))} title:"Winter menu" | New on the menu`,
    ]);
    await tenMinutesLater();
    expect(li.posts.find((p) => p.text === 'New on the menu')?.content?.media?.title).toBe('Winter menu');
  });

  it('refused at scheduling time: over 300 pages, beside a picture, and a video, in English and Arabic', async () => {
    const big = file('catalogue.pdf', pdf(301));
    const withPhoto = `${file('brochure.pdf', pdf(4))} ${file('cover.jpg', jpeg(1200, 627))}`;
    const en = await terminal([
      `/schedule linkedin in 10 minutes media:${big} | Catalogue`,
      `/schedule linkedin in 10 minutes media:"${withPhoto}" | Brochure`,
      `/schedule linkedin in 10 minutes media:${file('reel.mp4', mp4(5000))} | Reel`,
    ]);
    expect(en).toContain('catalogue.pdf has 301 pages; LinkedIn takes documents of up to 300 pages.');
    expect(en).toContain(
      'LinkedIn takes a PDF document on a post of its own, without other files; this one has 2 files.',
    );
    expect(en).toContain('LinkedIn takes images and PDF documents here, not videos');
    const ar = await terminal([`/schedule linkedin in 10 minutes media:${big} | Catalogue`], 'ar');
    expect(ar).toContain('صفحة');
    expect(ar).toContain('300 صفحة');
    expect(ar).not.toMatch(/pages|takes/);
    for (const content of ['Catalogue', 'Brochure', 'Reel']) {
      expect(await app.services.db.scheduledPost.count({ where: { content } })).toBe(0);
    }
  });

  it('a PDF goes nowhere else: X says LinkedIn publishes it', async () => {
    const ar = await terminal([`/schedule x in 10 minutes media:${file('flyer.pdf', pdf(1))} | Flyer`], 'ar');
    expect(ar).toContain('لا ينشر إكس مستندات PDF، وينشرها لينكدإن.');
  });
});
