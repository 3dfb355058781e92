import { afterEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../integrations/publisher.js';
import { COMMENT_POLL_JOB } from '../../src/listening/feature.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { CHANNEL, useSocialFakes } from '../helpers/social-fakes.js';

// 2026-11-26 00:00 in Los Angeles (PST, UTC-8): the start of Google's quota day.
const PACIFIC_MIDNIGHT = Date.parse('2026-11-26T08:00:00Z');
const TWO_MINUTES = 120_000;
const POLLS_A_DAY = 720;

describe('YouTube comment polling within the daily quota', () => {
  const fakes = useSocialFakes('ytquota');
  let app: TestApp;

  afterEach(async () => {
    await app.cleanup();
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    app = await createTestApp({ ...fakes.env(), ...env });
    app.clock.set(new Date(PACIFIC_MIDNIGHT - 60_000).toISOString());
    fakes.yt.now = () => app.clock.now();
    const youtube = fakes.connectLines().find((l) => l.startsWith('/connect youtube'));
    expect((await app.say(youtube ?? '')).tone).toBe('success');
  }

  /** Videos the bot published on the channel in the last days, known to the fake and to the bot. */
  async function publishVideos(n: number): Promise<string[]> {
    const workspace = await app.services.db.workspace.findFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `vidq${i}`;
      fakes.yt.addVideo(id, CHANNEL);
      const at = new Date(PACIFIC_MIDNIGHT - (i + 1) * 20 * 3_600_000);
      await app.services.db.scheduledPost.create({
        data: {
          workspaceId: workspace.id,
          channel: 'youtube',
          content: `Video ${i}`,
          title: `Video ${i}`,
          publishAt: at,
          publishedAt: at,
          status: 'published',
          externalId: id,
          url: `https://www.youtube.com/watch?v=${id}`,
          idempotencyKey: `quota-video-${i}`,
        },
      });
      ids.push(id);
    }
    return ids;
  }

  const poll = () => app.jobs.runNow(COMMENT_POLL_JOB);
  const stored = () => app.services.db.comment.count({ where: { provider: 'youtube' } });
  const youtube = () => app.services.db.integration.findFirstOrThrow({ where: { provider: 'youtube' } });
  const teamNotices = () => app.recorder.notices.filter((n) => n.to === 'team');
  const day = (ms: number) => fakes.yt.quotaDay(new Date(ms));

  it('polls a day with 30 published videos well under half the quota, and stores every comment', async () => {
    await start();
    const videos = await publishVideos(30);
    let written = 0;
    for (let i = 0; i < POLLS_A_DAY; i++) {
      const now = PACIFIC_MIDNIGHT + i * TWO_MINUTES;
      app.clock.set(new Date(now).toISOString());
      // A comment every 10 minutes, on every video in turn; a burst of 40 at lunch time.
      if (i % 5 === 0) {
        fakes.yt.addComment(videos[written % videos.length] ?? '', {
          text: `Where can I buy this? (${written})`,
          at: new Date(now - 30_000),
        });
        written++;
      }
      if (i === 360) {
        for (let k = 0; k < 40; k++) {
          fakes.yt.addComment(videos[k % videos.length] ?? '', {
            text: `Lunch rush question ${k}`,
            at: new Date(now - 60_000 + k),
          });
          written++;
        }
      }
      await poll();
    }
    // The last comments are read on the next poll, still within the day.
    const units = fakes.yt.unitsByDay.get(day(PACIFIC_MIDNIGHT)) ?? 0;
    expect(units).toBeLessThanOrEqual(5_000);
    // One channel-wide listing a poll: the bot's own videos are on the channel, never listed one by one.
    expect(fakes.yt.threadListings.video).toBe(0);
    expect(fakes.yt.threadListings.channel).toBeGreaterThanOrEqual(POLLS_A_DAY);
    expect(await stored()).toBe(written);
    expect((await youtube()).status).toBe('ok');
  }, 240_000);

  it('paces a small budget over the day: busy polls are skipped, and every comment is still stored', async () => {
    // 1% of 10,000: 100 units a day for polling, one unit a page of 5 threads; 360 comments.
    await start({ YOUTUBE_POLL_QUOTA_SHARE: '0.01' });
    const [video] = await publishVideos(1);
    fakes.yt.pageSize = 5;
    let written = 0;
    let skipped = 0;
    for (let i = 0; i < POLLS_A_DAY; i++) {
      const now = PACIFIC_MIDNIGHT + i * TWO_MINUTES;
      app.clock.set(new Date(now).toISOString());
      if (i % 12 === 0) {
        for (let k = 0; k < 6; k++) {
          fakes.yt.addComment(video ?? '', { text: `Question ${written}`, at: new Date(now - 50_000 + k) });
          written++;
        }
      }
      const before = fakes.yt.threadListings.channel;
      await poll();
      if (fakes.yt.threadListings.channel === before) skipped++;
    }
    // The next day's first poll reads what the last skipped polls left.
    app.clock.set(new Date(PACIFIC_MIDNIGHT + 86_400_000).toISOString());
    await poll();
    const units = fakes.yt.unitsByDay.get(day(PACIFIC_MIDNIGHT)) ?? 0;
    // A poll allowed by the budget finishes its pages: at most one poll (20 pages) past it.
    expect(units).toBeLessThanOrEqual(100 + 20);
    expect(skipped).toBeGreaterThan(POLLS_A_DAY / 2);
    expect(await stored()).toBe(written);
  }, 240_000);

  it('pauses on quotaExceeded until Pacific midnight, tells the team once, and reads what was missed', async () => {
    await start();
    const [video] = await publishVideos(1);
    app.clock.set(new Date(PACIFIC_MIDNIGHT + 10 * 3_600_000).toISOString());
    // The rest of the project (uploads' neighbours, another tool) spent all but 3 units today.
    fakes.yt.unitsByDay.set(day(app.clock.now().getTime()), fakes.yt.dailyUnits - 3);
    fakes.yt.addComment(video ?? '', { text: 'This is a scam, I want my money back', at: app.clock.now() });
    for (let i = 0; i < 5; i++) {
      app.clock.advance(TWO_MINUTES);
      await poll();
    }
    expect(await stored()).toBe(1);
    const paused = await youtube();
    expect(paused.status).toBe('error');
    // Resumes at midnight in Los Angeles: 08:00 UTC the next day.
    expect(paused.statusMessage).toContain('quotaExceeded');
    expect(paused.statusMessage).toContain('2026-11-27T08:00:00.000Z');
    expect(teamNotices()).toHaveLength(1);
    const notice = teamNotices()[0]?.reply;
    expect(notice?.tone).toBe('warning');
    expect(textOf(notice ?? { blocks: [] })).toMatch(
      /YouTube comments are not being read until the daily quota resets/,
    );
    expect(textOf(notice ?? { blocks: [] })).toMatch(/Nothing is lost/);

    // Paused: no call is made for the rest of the day, and the team is not told again.
    const calls = fakes.yt.server.requests.length;
    const during = fakes.yt.addComment(video ?? '', {
      text: 'Still waiting for an answer, terrible service',
      at: new Date(app.clock.now().getTime() + 60_000),
    });
    for (let i = 0; i < 30; i++) {
      app.clock.advance(TWO_MINUTES);
      await poll();
    }
    expect(fakes.yt.server.requests.length).toBe(calls);
    expect(teamNotices()).toHaveLength(1);

    // After Pacific midnight the quota is back: the comment written meanwhile is read and alerted.
    app.clock.set('2026-11-27T08:00:00Z');
    await poll();
    const resumed = await youtube();
    expect(resumed.status).toBe('ok');
    expect(resumed.statusMessage).toBeNull();
    expect(await app.services.db.comment.count({ where: { externalId: during } })).toBe(1);
    expect(teamNotices()).toHaveLength(1);
  });

  it('a reply refused for the quota is a known failure (nothing posted), so it can be sent again later', async () => {
    await start();
    const [video] = await publishVideos(1);
    const comment = fakes.yt.addComment(video ?? '', { text: 'Is this in stock?', at: app.clock.now() });
    fakes.yt.unitsByDay.set(day(app.clock.now().getTime()), fakes.yt.dailyUnits - 10);
    const source = app.services.integrations.commentsFor(await youtube());
    const err = await source.reply(comment, 'Yes, in all sizes.').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).outcome).toBe('known');
    expect((err as Error).message).toContain('quotaExceeded');
    expect(fakes.yt.comments.filter((c) => c.parentId === comment)).toHaveLength(0);
  });

  it('tells an Arabic team in Arabic, with the reset in its own time zone', async () => {
    await start();
    await app.services.db.workspace.updateMany({ data: { locale: 'ar', timezone: 'Asia/Riyadh' } });
    fakes.yt.dailyUnits = 0;
    app.clock.set('2026-11-26T10:00:00Z');
    await poll();
    expect(teamNotices()).toHaveLength(1);
    const body = textOf(teamNotices()[0]?.reply ?? { blocks: [] });
    expect(body).toContain('لن تُقرأ تعليقات يوتيوب حتى تتجدد الحصة اليومية');
    expect(body).toContain('بتوقيت المحيط الهادئ');
    // 08:00 UTC is 11:00 in Riyadh.
    expect(body).toMatch(/11:00/);
    expect(body).not.toMatch(/\b(the|is|and|until)\b/);
    // /connect status and /home say the same in Arabic, not the stored English mark.
    for (const line of ['/connect status', '/home']) {
      const shown = textOf(await app.say(line));
      expect(shown).toContain('لا تُقرأ التعليقات حتى تتجدد الحصة اليومية');
      expect(shown).toMatch(/11:00/);
      expect(shown).not.toMatch(/quota is used up|resumes at/);
    }
  });
});
