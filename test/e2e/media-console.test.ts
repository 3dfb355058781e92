/**
 * Media from the console, end to end: `media:./file` on the terminal is checked by its magic bytes,
 * kept under MEDIA_DIR, served at PUBLIC_URL/media/<id> to the networks that download it (the Meta
 * fake fetches it from the bot's own HTTP server, as Meta would) and uploaded as bytes to those that
 * take bytes (X). Carousels, per-network refusals in English and Arabic, the /media route and the
 * housekeeping of unused files.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import { FakeTiktok } from '../fakes/tiktok.js';
import { FakeX } from '../fakes/x.js';
import { FakeYoutube } from '../fakes/youtube.js';
import { createTestApp, settledPosts, type TestApp } from '../helpers/app.js';
import { typeAtConsole } from '../helpers/console-session.js';
import { dispatcherFor } from '../helpers/linkedin.js';
import { freePort, jpeg, mp4, pdf, png, zip } from '../helpers/media.js';
import { seedTiktok, TT_TOKEN, TT_USER } from '../helpers/tiktok.js';
import { seedX, X_TOKEN } from '../helpers/x.js';

const IG_TOKEN = 'EAAGig-media-token';
const meta = new FakeMetaGraph();
const xapi = new FakeX();
const yt = new FakeYoutube();
const tt = new FakeTiktok();
const YT_TOKEN = 'ya29.media-token';
const files = mkdtempSync(path.join(tmpdir(), 'mktbot-media-files-'));
/** Where the bot keeps attached files: given, since on PostgreSQL there is no SQLite folder to default to. */
const mediaDir = mkdtempSync(path.join(tmpdir(), 'mktbot-media-stored-'));
let app: TestApp;
let base: string;
let dispatcher: Dispatcher;

function file(name: string, bytes: Buffer): string {
  const p = path.join(files, name);
  writeFileSync(p, bytes);
  return p;
}

/** Types the lines into console mode and returns what it printed. */
const terminal = (lines: string[], lang?: 'ar') => typeAtConsole(app.router, lines, { locale: lang });

beforeAll(async () => {
  await Promise.all([meta.start(), xapi.start(), yt.start(), tt.start()]);
  seedTiktok(tt);
  yt.addChannel('UCmedia', YT_TOKEN, 'Cold Brew TV');
  meta.addInstagram('178414', IG_TOKEN, 'coldbrewco');
  seedX(xapi);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({
    PORT: String(port),
    PUBLIC_URL: base,
    MEDIA_DIR: mediaDir,
    META_GRAPH_URL: meta.url,
    X_API_URL: xapi.url,
    YOUTUBE_API_URL: yt.url,
    TIKTOK_API_URL: tt.url,
  });
  // The app verified its PUBLIC_URL's media prefix with TikTok (docs/networks/tiktok.md).
  tt.verifiedPrefixes.push(`${base}/media/`);
  yt.now = () => app.clock.now();
  await app.listen();
  app.clock.set('2026-11-26T09:00:00Z');
  dispatcher = dispatcherFor(app);
  await terminal([
    `/connect instagram account:178414 token:${IG_TOKEN}`,
    `/connect x account:@ColdBrewCo token:${X_TOKEN}`,
    `/connect youtube account:UCmedia token:${YT_TOKEN}`,
    `/connect tiktok account:@${TT_USER} token:${TT_TOKEN}`,
  ]);
});
afterAll(async () => {
  await app?.cleanup();
  await Promise.all([meta.close(), xapi.close(), yt.close(), tt.close()]);
  rmSync(files, { recursive: true, force: true });
  rmSync(mediaDir, { recursive: true, force: true });
});
beforeEach(() => {
  meta.videoPolls = 1;
});

const stored = () => app.services.db.mediaFile.findMany({ orderBy: { createdAt: 'asc' } });

describe('a file named on the console', () => {
  it('is kept, served at PUBLIC_URL/media/<id> and published on Instagram, which downloads it from there', async () => {
    const photo = file('cup.jpg', jpeg(1080, 1350));
    const out = await terminal([`/schedule instagram in 10 minutes media:${photo} | Cold brew, from a file`]);
    expect(out).toContain('Scheduled for Instagram');
    const [row] = await stored();
    expect(row).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 1080, height: 1350, name: 'cup.jpg' });
    expect(row?.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(readdirSync(mediaDir)).toEqual([`${row?.id}.jpg`]);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    // The app's own dispatcher may have taken it first: wait until it has settled either way.
    const [post] = await settledPosts(app, 'Cold brew, from a file');
    expect(post?.status).toBe('published');
    const fetched = [...meta.containers.values()].find((c) => c.source?.url === `${base}/media/${row?.id}`);
    expect(fetched?.source).toMatchObject({ contentType: 'image/jpeg', bytes: jpeg(1080, 1350).length });
  });

  it('three photos become an Instagram carousel: item containers, then the CAROUSEL container, then media_publish', async () => {
    const photos = ['a', 'b', 'c'].map((n) => file(`${n}.jpg`, jpeg(1080, 1080)));
    const out = await terminal([`/schedule instagram in 10 minutes media:"${photos.join(' ')}" | Three cups`]);
    expect(out).toContain('Scheduled for Instagram');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const [post] = await settledPosts(app, 'Three cups');
    expect(post?.status).toBe('published');
    const carousel = [...meta.containers.values()].find((c) => c.caption === 'Three cups');
    expect(carousel?.children).toHaveLength(3);
    expect(carousel?.status).toBe('PUBLISHED');
    for (const child of carousel?.children ?? []) {
      const item = meta.containers.get(child);
      expect(item).toMatchObject({ carouselItem: true, caption: '', status: 'FINISHED' });
      expect(item?.source?.url).toMatch(new RegExp(`^${base}/media/`));
    }
  });

  it('an image and a video mix in a carousel; the video item is waited for before the carousel is made', async () => {
    meta.videoPolls = 2;
    const photo = file('mix.jpg', jpeg(1080, 1350));
    const clip = file('mix.mp4', mp4(8000));
    await terminal([`/schedule instagram in 10 minutes media:"${photo} ${clip}" | Photo and clip`]);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const [post] = await settledPosts(app, 'Photo and clip');
    expect(post?.status).toBe('published');
  });

  it('is uploaded as bytes to X, with no public address involved', async () => {
    const chart = file('chart.png', png(1200, 675));
    const before = xapi.media.size;
    await terminal([`/schedule x in 10 minutes media:${chart} | Our numbers`]);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    const post = xapi.posts.find((p) => p.text === 'Our numbers');
    expect(post?.mediaIds).toHaveLength(1);
    expect(xapi.media.size).toBe(before + 1);
    expect(xapi.media.get(post?.mediaIds[0] ?? '')?.bytes).toBe(png(1200, 675).length);
  });
});

describe('a video file for YouTube', () => {
  it('is uploaded as bytes through the resumable session, with its duration read from the file', async () => {
    const clip = mp4(95_000, 1920, 1080);
    await terminal([`/schedule youtube in 1 hour title:"Launch film" media:${file('launch.mp4', clip)} | Our launch`]);
    const row = await app.services.db.mediaFile.findFirstOrThrow({ where: { name: 'launch.mp4' } });
    expect(row).toMatchObject({ kind: 'video', mime: 'video/mp4', durationMs: 95_000, width: 1920, height: 1080 });
    app.clock.advance(40 * 60_000); // YouTube holds the schedule: handed over up to 30 minutes early
    await dispatcher.tick();
    const post = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'Our launch' } });
    expect(post.lastError).toBeNull();
    expect(yt.videos.find((v) => v.title === 'Launch film')?.bytes).toBe(clip.length);
  });
});

describe('a video file for TikTok', () => {
  it('is pulled by TikTok from PUBLIC_URL/media/<id> (PULL_FROM_URL) and published', async () => {
    const clip = mp4(20_000, 1080, 1920);
    await terminal([`/schedule tiktok in 10 minutes media:${file('story.mp4', clip)} | Behind the bar`]);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await Promise.all(tt.pulls);
    const pulled = tt.publishes.find((p) => p.title === 'Behind the bar');
    expect(pulled?.videoUrl).toMatch(new RegExp(`^${base}/media/[A-Za-z0-9_-]{24}$`));
    expect(pulled?.pulled?.length).toBe(clip.length);
    // Still processing when the first attempt stopped reading: the next attempt finds it complete.
    for (let i = 0; i < 5 && pulled?.status !== 'PUBLISH_COMPLETE'; i++) {
      app.clock.advance(5 * 60_000);
      await dispatcher.tick();
    }
    expect(pulled?.status).toBe('PUBLISH_COMPLETE');
    const post = await app.services.db.scheduledPost.findFirstOrThrow({ where: { content: 'Behind the bar' } });
    expect(post?.status).toBe('published');
  });
});

describe('photos for TikTok', () => {
  it('three JPEGs become a photo post: content/init with PHOTO, DIRECT_POST and the URLs TikTok pulls from PUBLIC_URL/media', async () => {
    const shots = ['t1', 't2', 't3'].map((n) => file(`${n}.jpg`, jpeg(1080, 1440)));
    const out = await terminal([
      `/schedule tiktok in 10 minutes media:"${shots.join(' ')}" title:"Three pours" | Our three pours #coldbrew`,
    ]);
    expect(out).toContain('Scheduled for TikTok');
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await Promise.all(tt.pulls);
    const photo = tt.publishes.find((p) => p.description === 'Our three pours #coldbrew');
    expect(photo).toMatchObject({ kind: 'photo', title: 'Three pours', coverIndex: 0 });
    expect(photo?.photoUrls).toHaveLength(3);
    for (const url of photo?.photoUrls ?? []) expect(url).toMatch(new RegExp(`^${base}/media/[A-Za-z0-9_-]{24}$`));
    expect(photo?.pulledPhotos?.map((b) => b?.length)).toEqual([1, 2, 3].map(() => jpeg(1080, 1440).length));
    for (let i = 0; i < 5 && photo?.status !== 'PUBLISH_COMPLETE'; i++) {
      app.clock.advance(5 * 60_000);
      await dispatcher.tick();
    }
    const post = await app.services.db.scheduledPost.findFirstOrThrow({
      where: { content: 'Our three pours #coldbrew' },
    });
    expect(post?.status).toBe('published');
    expect(post.url).toBe(`https://www.tiktok.com/@${TT_USER}/photo/${photo?.postId}`);
    // One publish: the retries read its status, never started another.
    expect(tt.publishes.filter((p) => p.description === 'Our three pours #coldbrew')).toHaveLength(1);
  });

  it('refused with the reason: a PNG, 36 photos, a video beside a photo (English and Arabic)', async () => {
    const logo = file('tlogo.png', png(1080, 1080));
    const many = Array.from({ length: 36 }, (_, i) => file(`m${i}.jpg`, jpeg(1080, 1080, 8)));
    const mixed = `${file('tclip.mp4', mp4(8000))} ${file('tstill.jpg', jpeg(1080, 1080))}`;
    const out = await terminal([
      `/schedule tiktok in 10 minutes media:${logo} | Logo`,
      `/schedule tiktok in 10 minutes media:"${many.join(' ')}" | Many`,
      `/schedule tiktok in 10 minutes media:"${mixed}" | Clip and photo`,
    ]);
    expect(out).toContain('TikTok does not take PNG files here (tlogo.png): use JPEG or WebP.');
    expect(out).toContain('TikTok takes at most 35 files on one post; this one has 36 files.');
    expect(out).toContain('TikTok takes a video on a post of its own, without other files; this one has 2 files.');
    const ar = await terminal([`/schedule tiktok in 10 minutes media:${logo} | Logo`], 'ar');
    expect(ar).toContain('لا يقبل تيك توك هنا ملفات');
    expect(ar).not.toMatch(/does not take|use JPEG/);
    for (const content of ['Logo', 'Many', 'Clip and photo']) {
      expect(await app.services.db.scheduledPost.count({ where: { content } })).toBe(0);
    }
  });
});

describe('refused at scheduling time, with the reason, and nothing scheduled', () => {
  it('a renamed file is judged by its bytes, not its name (English and Arabic)', async () => {
    const fake = file('holiday.jpg', zip());
    const before = (await stored()).length;
    const en = await terminal([`/schedule x in 10 minutes media:${fake} | Renamed`]);
    expect(en).toContain('holiday.jpg is not a JPEG, PNG, GIF, WebP, MP4, MOV or PDF file, whatever its name says');
    const ar = await terminal([`/schedule x in 10 minutes media:${fake} | Renamed`], 'ar');
    expect(ar).toContain('ليس بصيغة');
    expect(ar).toContain('مهما قال اسمه');
    expect((await stored()).length).toBe(before);
    expect(await app.services.db.scheduledPost.count({ where: { content: 'Renamed' } })).toBe(0);
  });

  it('Instagram: a picture too tall, a PNG, eleven photos and a three-second-short video, each with its reason', async () => {
    const tall = file('tall.jpg', jpeg(1080, 1920));
    const out = await terminal([
      `/schedule instagram in 10 minutes media:${tall} | Too tall`,
      `/schedule instagram in 10 minutes media:${file('logo.png', png(1080, 1080))} | A PNG`,
      `/schedule instagram in 10 minutes media:"${Array.from({ length: 11 }, (_, i) => file(`p${i}.jpg`, jpeg(1080, 1080))).join(' ')}" | Eleven`,
      `/schedule instagram in 10 minutes media:${file('blink.mp4', mp4(2000))} | Blink`,
    ]);
    expect(out).toContain(
      'tall.jpg is 1080×1920 (0.56:1); Instagram takes pictures from 0.8:1 (portrait) to 1.91:1 (landscape).',
    );
    expect(out).toContain('Instagram does not take PNG files here (logo.png): use JPEG.');
    expect(out).toContain('Instagram takes at most 10 files on one post; this one has 11 files.');
    expect(out).toContain('blink.mp4 lasts 2 seconds; Instagram needs a video of at least 3 seconds.');
    const ar = await terminal([`/schedule instagram in 10 minutes media:${tall} | Too tall`], 'ar');
    expect(ar).toContain('طولية');
    expect(ar).not.toMatch(/portrait|takes/);
    for (const content of ['Too tall', 'A PNG', 'Eleven', 'Blink']) {
      expect(await app.services.db.scheduledPost.count({ where: { content } })).toBe(0);
    }
  });

  it('X: five images, a video beside a picture, a video over 140 seconds and a PDF, each with its reason', async () => {
    const five = Array.from({ length: 5 }, (_, i) => file(`x${i}.png`, png(800, 800)));
    const out = await terminal([
      `/schedule x in 10 minutes media:"${five.join(' ')}" | Five`,
      `/schedule x in 10 minutes media:"${file('x.mp4', mp4(5000))} ${file('xs.png', png(800, 800))}" | Clip and still`,
      `/schedule x in 10 minutes media:${file('long.mp4', mp4(150_000))} | Long clip`,
      `/schedule x in 10 minutes media:${file('deck.pdf', pdf(3))} | Deck`,
    ]);
    expect(out).toContain('X takes at most 4 files on one post; this one has 5 files.');
    expect(out).toContain(
      'X takes a video on a post of its own, without other files; this one has 2 files. Schedule the other files in a separate post.',
    );
    expect(out).toContain('long.mp4 lasts 150 seconds; X takes videos up to 140 seconds.');
    expect(out).toContain('X does not publish PDF documents; LinkedIn does.');
    const ar = await terminal([`/schedule x in 10 minutes media:${file('long.mp4', mp4(150_000))} | Long clip`], 'ar');
    expect(ar).toContain('مدة \u2068long.mp4\u2069 150 ثانية، وإكس يقبل مقاطع حتى 140 ثانية.');
    for (const content of ['Five', 'Clip and still', 'Long clip', 'Deck']) {
      expect(await app.services.db.scheduledPost.count({ where: { content } })).toBe(0);
    }
  });

  it('a path from Slack or Discord is refused: only the operator at the terminal may name a file on the server', async () => {
    const r = await app.say(`/schedule x in 10 minutes media:${file('s.png', png(10, 10))} | From Slack`);
    expect(r.tone).toBe('error');
    expect(r.blocks.map((b) => ('text' in b ? b.text : '')).join('')).toContain('attach it to the message');
  });
});

describe('GET /media/<id>', () => {
  it('serves the file with its type and length, byte ranges, and 404 for anything else', async () => {
    const clip = file('reel.mp4', mp4(30_000));
    await terminal([`/schedule x in 1 hour media:${file('r.png', png(100, 100))} | keep`]);
    const item = await app.services.media.saveFromPath(1, 'test', clip);
    if (!item.ok) throw new Error('not stored');
    const id = item.item.file?.id ?? '';
    const whole = await fetch(`${base}/media/${id}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('content-length')).toBe(String(mp4(30_000).length));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(mp4(30_000))).toBe(true);
    const part = await fetch(`${base}/media/${id}`, { headers: { range: 'bytes=4-11' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${mp4(30_000).length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('ftypisom');
    expect((await fetch(`${base}/media/${id}`, { headers: { range: 'bytes=999999-' } })).status).toBe(416);
    for (const p of ['/media/AAAAAAAAAAAAAAAAAAAAAAAA', '/media/', '/media', `/media/${id}.mp4`, `/media/../${id}`]) {
      expect((await fetch(`${base}${p}`)).status, p).toBe(404);
    }
    expect((await fetch(`${base}/media/${id}`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${base}/media/${id}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), head.headers.get('content-length')]).toEqual([
      200,
      'video/mp4',
      String(mp4(30_000).length),
    ]);
  });
});

describe('housekeeping', () => {
  it('removes files past their retention that no waiting post uses, and keeps those a post still needs', async () => {
    const waiting = file('later.jpg', jpeg(1080, 1080));
    await terminal([`/schedule instagram in 30 days media:${waiting} | Next month`]);
    const rows = await stored();
    const later = rows.find((r) => r.name === 'later.jpg');
    // Still waiting: "Next month" and "keep" (an hour ahead, never dispatched in this test).
    const waitingIds = rows.filter((r) => r.name === 'later.jpg' || r.name === 'r.png').map((r) => r.id);
    const published = rows.find((r) => r.name === 'cup.jpg');
    // Younger than the retention (7 days): nothing goes, used or not.
    expect(await app.services.media.removeUnused()).toBe(0);
    app.clock.advance(8 * 86_400_000);
    const removed = await app.services.media.removeUnused();
    expect(removed).toBe(rows.length - waitingIds.length);
    const left = await stored();
    expect(left.map((r) => r.id).sort()).toEqual([...waitingIds].sort());
    expect(existsSync(path.join(mediaDir, `${later?.id}.jpg`))).toBe(true);
    expect(readdirSync(mediaDir)).toHaveLength(waitingIds.length);
    expect((await fetch(`${base}/media/${published?.id}`)).status).toBe(404);
    expect((await fetch(`${base}/media/${later?.id}`)).status).toBe(200);
  });
});
