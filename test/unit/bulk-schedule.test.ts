import { afterEach, describe, expect, it } from 'vitest';
import { dropIsolates } from '../../src/core/i18n.js';
import type { Viewer } from '../../src/core/identity.js';
import { checkScheduleCsv, scheduleChecked } from '../../src/publishing/bulk-schedule.js';
import { previewText, refusedText } from '../../src/publishing/bulk-schedule-view.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

async function setup(over: { timezone?: string; requireApproval?: boolean } = {}) {
  app = await createTestApp();
  const ws = await app.services.db.workspace.create({
    data: { platform: 'slack', externalId: 'T-bulk', timezone: over.timezone ?? 'Asia/Riyadh', ...over },
  });
  const member = await app.services.db.member.create({ data: { workspaceId: ws.id, externalId: 'U1', name: 'Lina' } });
  const viewer = (locale: 'en' | 'ar'): Viewer => ({
    workspace: ws,
    member,
    locale,
    timezone: ws.timezone,
    t: (c) => c[locale],
    l: (x) => x[locale],
    now: () => app?.clock.now() ?? new Date(),
  });
  return { t: app, ws, viewer };
}

const GOOD = [
  'when,channels,text,media,campaign',
  '2026-12-01 09:00,facebook;instagram,"Winter menu is here.\nCome taste it, Riyadh.",https://cdn.example.com/menu.jpg,Winter',
  '2026-12-02 18:30,reminder,Post the story by hand,,',
  '2026-12-03 10:00,facebook | reminder,"Line one, with a comma",,Winter',
].join('\n');

describe('bulk scheduling from a CSV file', () => {
  it('schedules one post per channel per row, with the whole multi-line text, in the workspace zone', async () => {
    const { t, ws, viewer } = await setup();
    const checked = await checkScheduleCsv(t.services.db, ws, GOOD, t.clock.now());
    if (!checked.ok) throw new Error(refusedText('f.csv', checked.problems, viewer('en')));
    expect(checked.posts).toHaveLength(5);
    expect(await scheduleChecked(t.services.db, ws, checked.posts, 'U1')).toBe(5);
    const posts = await t.services.db.scheduledPost.findMany({ orderBy: [{ publishAt: 'asc' }, { channel: 'asc' }] });
    expect(posts.map((p) => [p.channel, p.publishAt.toISOString(), p.status])).toEqual([
      ['facebook', '2026-12-01T06:00:00.000Z', 'pending'],
      ['instagram', '2026-12-01T06:00:00.000Z', 'pending'],
      ['reminder', '2026-12-02T15:30:00.000Z', 'pending'],
      ['facebook', '2026-12-03T07:00:00.000Z', 'pending'],
      ['reminder', '2026-12-03T07:00:00.000Z', 'pending'],
    ]);
    expect(posts[0]?.content).toBe('Winter menu is here.\nCome taste it, Riyadh.');
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(5);
    const campaigns = await t.services.db.campaign.findMany();
    expect(campaigns.map((c) => c.name)).toEqual(['Winter']);
    expect(posts.filter((p) => p.campaignId === campaigns[0]?.id)).toHaveLength(4);
    const preview = previewText(checked.posts, 3, viewer('en'));
    expect(preview).toContain('5 posts from 3 rows, from 1 Dec 2026, 09:00 to 3 Dec 2026, 10:00 (Asia/Riyadh):');
    expect(preview).toContain('Winter menu is here. Come taste it, Riyadh.');
  });

  it('refuses the whole file with every problem and its line number, in English and Arabic, writing nothing', async () => {
    const { t, ws, viewer } = await setup();
    const csv = [
      'when,channels,text,media,first_comment',
      '2026-12-01 09:00,facebok,Hello,,',
      'yesterday 9am,facebook,Hello,,',
      '2026-12-01 10:00,instagram,No picture,,',
      '2026-12-01 11:00,facebook,Hi,ftp://files.example.com/a.jpg,',
      '2026-12-01 12:00,facebook,Hi,,#tags',
      '2026-12-01 13:00,facebook,Twice,,',
      '2026-12-01 13:00,facebook,Twice,,',
    ].join('\n');
    const checked = await checkScheduleCsv(t.services.db, ws, csv, t.clock.now());
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const en = refusedText('plan.csv', checked.problems, viewer('en'));
    expect(en).toContain('plan.csv: nothing scheduled, 6 problems to fix (the file is scheduled all or nothing):');
    expect(en).toContain('line 2: "facebok" is not a channel mktbot publishes to (did you mean facebook?)');
    expect(en).toMatch(/line 3: .*past/i);
    expect(en).toContain('line 4: Instagram needs an image or video');
    expect(en).toContain('line 5: media "ftp://files.example.com/a.jpg" is not a public https:// link');
    expect(en).toContain('line 6: only Instagram posts a first comment, and this row has no Instagram post');
    expect(en).toContain('line 8: the same Facebook post as line 7');
    const ar = dropIsolates(refusedText('plan.csv', checked.problems, viewer('ar')));
    expect(ar).toContain('plan.csv: لم يُجدول شيء، ويجب إصلاح 6 مشكلات (يُجدول الملف كله أو لا شيء):');
    expect(ar).toContain('السطر 2: «facebok» ليست قناة ينشر عليها mktbot (هل تقصد facebook؟)');
    expect(await t.services.db.scheduledPost.count()).toBe(0);
  });

  it('refuses a missing or unknown column, and an empty file', async () => {
    const { t, ws, viewer } = await setup();
    const bad = await checkScheduleCsv(
      t.services.db,
      ws,
      'when,channel,txt\n2026-12-01 09:00,facebook,Hi\n',
      t.clock.now(),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const text = refusedText('f.csv', bad.problems, viewer('en'));
    expect(text).toContain('line 1: unknown column "channel" (did you mean channels?)');
    expect(text).toContain('line 1: unknown column "txt" (did you mean text?)');
    expect(text).toContain('lacks the column(s) channels, text');
    const empty = await checkScheduleCsv(t.services.db, ws, 'when,channels,text\n', t.clock.now());
    expect(empty.ok || refusedText('f.csv', empty.problems, viewer('en'))).toContain('the file has no posts');
  });

  it('refuses a file imported twice, naming the posts already scheduled', async () => {
    const { t, ws, viewer } = await setup();
    const first = await checkScheduleCsv(t.services.db, ws, GOOD, t.clock.now());
    if (!first.ok) throw new Error('first import refused');
    await scheduleChecked(t.services.db, ws, first.posts, 'U1');
    const again = await checkScheduleCsv(t.services.db, ws, GOOD, t.clock.now());
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.problems).toHaveLength(5);
    expect(refusedText('f.csv', again.problems, viewer('en'))).toMatch(
      /line 2: this Facebook post is already scheduled as #\d+/,
    );
  });

  it('asks which account when a network has several, and records the one named', async () => {
    const { t, ws, viewer } = await setup();
    for (const accountId of ['page-a', 'page-b']) {
      await t.services.db.integration.create({
        data: { workspaceId: ws.id, provider: 'facebook', accountId, credentials: 'x' },
      });
    }
    const csv =
      'when,channels,text,account\n2026-12-01 09:00,facebook,Hi,\n2026-12-01 10:00,facebook,Hi,page-b\n2026-12-01 11:00,facebook,Hi,page-z\n';
    const checked = await checkScheduleCsv(t.services.db, ws, csv, t.clock.now());
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const text = refusedText('f.csv', checked.problems, viewer('en'));
    expect(text).toContain(
      'line 2: Facebook has several connected accounts (page-a, page-b): name one in the account column',
    );
    expect(text).toContain('line 4: page-z is not a connected Facebook account (connected: page-a, page-b)');
    expect(text).not.toContain('line 3');
  });

  it('keeps a first comment for the Instagram post of a row and not for its Facebook post', async () => {
    const { t, ws } = await setup();
    const csv =
      'when,channels,text,media,first_comment\n2026-12-01 09:00,facebook;instagram,Winter menu,https://cdn.example.com/m.jpg,#coffee #riyadh\n';
    const checked = await checkScheduleCsv(t.services.db, ws, csv, t.clock.now());
    if (!checked.ok) throw new Error('refused');
    await scheduleChecked(t.services.db, ws, checked.posts, 'U1');
    const posts = await t.services.db.scheduledPost.findMany({ orderBy: { channel: 'asc' } });
    expect(posts.map((p) => [p.channel, p.options])).toEqual([
      ['facebook', null],
      ['instagram', { firstComment: '#coffee #riyadh' }],
    ]);
  });

  it('makes posts wait for approval when the workspace requires it', async () => {
    const { t, ws } = await setup({ requireApproval: true });
    const checked = await checkScheduleCsv(t.services.db, ws, GOOD, t.clock.now());
    if (!checked.ok) throw new Error('refused');
    await scheduleChecked(t.services.db, ws, checked.posts, 'U1');
    expect(new Set((await t.services.db.scheduledPost.findMany()).map((p) => p.status))).toEqual(
      new Set(['awaiting_approval']),
    );
  });

  it('schedules 1,000 rows (2,000 posts) in one go', async () => {
    const { t, ws } = await setup({ timezone: 'UTC' });
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const minute = String((i * 15) % 60).padStart(2, '0');
      const hour = String(8 + Math.floor(i / 112)).padStart(2, '0');
      return `2026-12-${day} ${hour}:${minute},facebook;reminder,Post number ${i},,Bulk`;
    });
    const checked = await checkScheduleCsv(
      t.services.db,
      ws,
      ['when,channels,text,media,campaign', ...rows].join('\n'),
      t.clock.now(),
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
    expect(await scheduleChecked(t.services.db, ws, checked.posts, 'U1')).toBe(2000);
    expect(await t.services.db.scheduledPost.count()).toBe(2000);
  });
});

describe('bulk scheduling tags links as /schedule does', () => {
  it('tags each row with its network and campaign, leaves reminders and utm links alone, and follows /config utm', async () => {
    const { t, ws } = await setup();
    const csv = [
      'when,channels,text,campaign',
      '2026-12-01 09:00,facebook;reminder,Menu https://shop.example.com/m#top,Winter Menu',
      '2026-12-02 09:00,facebook,Tagged https://shop.example.com/?utm_source=x,',
    ].join('\n');
    const checked = await checkScheduleCsv(t.services.db, ws, csv, t.clock.now());
    if (!checked.ok) throw new Error('refused');
    expect(checked.posts.map((p) => p.draft.content)).toEqual([
      'Menu https://shop.example.com/m?utm_source=facebook&utm_medium=social&utm_campaign=winter-menu&utm_content=facebook-20261201-0900#top',
      'Menu https://shop.example.com/m#top',
      'Tagged https://shop.example.com/?utm_source=x',
    ]);
    const off = await checkScheduleCsv(t.services.db, { ...ws, utmTagging: false }, csv, t.clock.now());
    expect(off.ok && off.posts[0]?.draft.content).toBe('Menu https://shop.example.com/m#top');
  });
});
