/**
 * `/schedule import path:…csv` in console mode, as typed at the terminal: the same all-or-nothing
 * check as `mktbot schedule-import` (line-numbered problems in English and Arabic, nothing stored),
 * a preview with Confirm and Cancel, Confirm scheduling the previewed posts exactly once, an expired
 * preview said plainly, and files that are not CSV text refused by their bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../src/adapters/console/console.js';
import { BulkImportService } from '../../src/publishing/bulk-import.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';
import { typeAtConsole } from '../helpers/console-session.js';
import { png, zip } from '../helpers/media.js';

const files = mkdtempSync(path.join(tmpdir(), 'mktbot-import-files-'));
let app: TestApp;

function file(name: string, content: string | Buffer): string {
  const p = path.join(files, name);
  writeFileSync(p, content);
  return p;
}

/** Types the lines into console mode and returns what it printed. */
const terminal = (lines: string[], lang?: 'ar') => typeAtConsole(app.router, lines, { locale: lang });

const posts = () => app.services.db.scheduledPost.findMany({ orderBy: [{ publishAt: 'asc' }, { channel: 'asc' }] });
/** The ids of confirmed previews, as BulkImportService records them. */
const confirmedIds = async () =>
  (await app.services.db.processedEvent.findMany({ where: { key: { startsWith: 'bulk-import:' } } })).map((r) =>
    r.key.slice('bulk-import:'.length),
  );

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set('2026-11-26T09:00:00Z');
});
afterAll(async () => {
  await app?.cleanup();
  rmSync(files, { recursive: true, force: true });
});

const BAD = [
  'when,channels,text',
  '2027-01-05 09:00,facebook,Fine row',
  '2027-01-06 25:00,facebok,Typo row',
  '2027-01-07 09:00,reminder,',
].join('\n');

describe('/schedule import in the console', () => {
  it('lists every problem by line in English and schedules nothing', async () => {
    const out = await terminal([`/schedule import path:${file('bad.csv', BAD)}`]);
    expect(out).toContain('bad.csv: nothing scheduled, 3 problems to fix (the file is scheduled all or nothing):');
    expect(out).toContain('line 3: "facebok" is not a channel mktbot publishes to (did you mean facebook?)');
    expect(out).toContain('line 3: "2027-01-06 25:00" is not a time I can read.');
    expect(out).toContain('line 4: Reminder needs text');
    expect(out).not.toContain('line 2:');
    expect(out).not.toContain('[1]');
    expect(await posts()).toEqual([]);
  });

  it('shows the first 25 problems of a long list and counts the rest', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `2027-01-${String(i + 1).padStart(2, '0')} 09:00,facebok,Row ${i}`,
    );
    const out = await terminal([
      `/schedule import path:${file('long.csv', ['when,channels,text', ...rows].join('\n'))}`,
    ]);
    expect(out).toContain('long.csv: nothing scheduled, 30 problems to fix');
    expect(out).toContain('line 26: "facebok"');
    expect(out).not.toContain('line 27:');
    expect(out).toContain('… and 5 problems not shown here');
  });

  it('says the same in Arabic', async () => {
    const out = await terminal([`/schedule import path:${file('bad.csv', BAD)}`], 'ar');
    expect(out).toContain('bad.csv: لم يُجدول شيء، ويجب إصلاح 3 مشكلات (يُجدول الملف كله أو لا شيء):');
    expect(out).toContain('السطر 4: تذكير يحتاج نصًا');
    expect(out).toContain('السطر 3: «facebok» ليست قناة ينشر عليها mktbot (هل تقصد facebook؟)');
    expect(out).not.toMatch(/\b(line|nothing|problems)\b/);
    expect(await posts()).toEqual([]);
  });

  it('previews, and Confirm schedules the posts once with tagged links; a second Confirm says it was done', async () => {
    const csv = file(
      'month.csv',
      [
        'when,channels,text,campaign',
        '2027-01-05 09:00,facebook;reminder,New menu: https://shop.example.com/menu,Winter',
        '2027-01-06 18:00,reminder,Story by hand,',
      ].join('\r\n'),
    );
    const out = await terminal([`/schedule import path:${csv}`, '1']);
    expect(out).toContain('3 posts from 2 rows, from 5 Jan 2027, 09:00 to 6 Jan 2027, 18:00 (UTC):');
    expect(out).toContain('5 Jan 2027, 09:00  Facebook  New menu: https://shop.example.com/menu?utm_source=facebook');
    expect(out).toContain('Nothing is scheduled yet: press Confirm to schedule exactly these posts, or Cancel.');
    expect(out).toContain('Scheduled 3 posts. See them with /schedule list.');
    const rows = await posts();
    expect(rows.map((r) => r.channel)).toEqual(['facebook', 'reminder', 'reminder']);
    expect(rows[0]?.content).toContain('utm_campaign=winter');
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    const [id] = await confirmedIds();
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const again = await app.router.press('schedule.importConfirm', id, consoleIdentity());
    expect(textOf(again)).toContain('This import was already scheduled by an earlier Confirm; nothing was added.');
    expect(await app.services.db.scheduledPost.count()).toBe(3);
    const audit = await app.services.db.auditLog.findMany({ where: { action: 'post.import' } });
    expect(audit).toHaveLength(1);
    // The preview's entry keeps only the count once confirmed; /audit names both in words.
    const preview = await app.services.db.auditLog.findFirstOrThrow({ where: { action: 'post.import.preview' } });
    expect(preview.details).toEqual({ confirmed: true, posts: 3 });
    const shown = textOf(await app.say('/audit', consoleIdentity()));
    expect(shown).toContain('previewed posts from a CSV file');
    expect(shown).toContain('scheduled posts from a CSV file');
    expect(shown).not.toContain('import:');
  });

  it('two previews of one file: the second Confirm finds the posts scheduled by the first and adds nothing', async () => {
    const csv = file('twice.csv', 'when,channels,text\n2027-05-01 09:00,reminder,Twice previewed\n');
    const ids = [];
    for (const _ of [1, 2]) {
      const preview = await app.router.handleText(`/schedule import path:${csv}`, consoleIdentity());
      ids.push(preview.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []))[0]?.payload);
    }
    expect(textOf(await app.router.press('schedule.importConfirm', ids[0], consoleIdentity()))).toContain(
      'Scheduled 1 post.',
    );
    const second = textOf(await app.router.press('schedule.importConfirm', ids[1], consoleIdentity()));
    expect(second).toContain('twice.csv: nothing scheduled, 1 problem to fix');
    expect(second).toContain('line 2: this Reminder post is already scheduled as #');
    expect(await app.services.db.scheduledPost.count({ where: { content: 'Twice previewed' } })).toBe(1);
  });

  it('the same file again is refused: its posts are already scheduled', async () => {
    const out = await terminal([`/schedule import path:${path.join(files, 'month.csv')}`]);
    expect(out).toContain('line 2: this Facebook post is already scheduled as #');
    expect(await app.services.db.scheduledPost.count({ where: { content: { not: 'Twice previewed' } } })).toBe(3);
  });

  it('an expired preview schedules nothing and says so; Cancel drops the batch and Confirm then says so', async () => {
    const csv = file('later.csv', 'when,channels,text\n2027-02-01 10:00,reminder,Later post\n');
    const first = await app.router.handleText(`/schedule import path:${csv}`, consoleIdentity('ar'));
    const confirm = first.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []));
    expect(confirm.map((a) => a.label)).toEqual(['تأكيد', 'إلغاء']);
    app.clock.advance(31 * 60_000);
    const late = await app.router.press('schedule.importConfirm', confirm[0]?.payload, consoleIdentity('ar'));
    expect(textOf(late)).toContain('انتهت صلاحية هذه المعاينة (تبقى المعاينات 30 دقيقةً)');
    const out = await terminal([`/schedule import path:${csv}`, '2']);
    expect(out).toContain('Import cancelled: nothing was scheduled.');
    const cancelled = await app.services.db.auditLog.findFirstOrThrow({
      where: { action: 'post.import.preview' },
      orderBy: { id: 'desc' },
    });
    expect(cancelled.details).toEqual({ cancelled: true, posts: 1 });
    const after = await app.router.press('schedule.importConfirm', cancelled.target.slice(7), consoleIdentity());
    expect(textOf(after)).toContain('This import was cancelled, so nothing was scheduled.');
    expect(await app.services.db.scheduledPost.count({ where: { content: 'Later post' } })).toBe(0);
  });

  it('the preview is kept in the database: another process (a replica, the bot restarted) confirms it', async () => {
    const csv = file('replica.csv', 'when,channels,text\n2027-02-02 10:00,reminder,From a replica\n');
    const preview = await app.router.handleText(`/schedule import path:${csv}`, consoleIdentity());
    const id = preview.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []))[0]?.payload ?? '';
    const other = new BulkImportService(app.services.db);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'console' } });
    expect(await other.confirm(ws, id, 'someone', app.clock.now())).toEqual({ ok: true, scheduled: 1 });
    const again = await app.router.press('schedule.importConfirm', id, consoleIdentity());
    expect(textOf(again)).toContain('already scheduled by an earlier Confirm');
    expect(await app.services.db.scheduledPost.count({ where: { content: 'From a replica' } })).toBe(1);
  });

  it('Confirm refuses a preview whose times went by while it waited, naming the lines', async () => {
    const soon = new Date(app.clock.now().getTime() + 10 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const csv = file(
      'soon.csv',
      `when,channels,text\n${soon},reminder,Soon post\n2027-03-09 09:00,reminder,Later one\n`,
    );
    const preview = await app.router.handleText(`/schedule import path:${csv}`, consoleIdentity('ar'));
    const id = preview.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []))[0]?.payload;
    app.clock.advance(15 * 60_000);
    const late = await app.router.press('schedule.importConfirm', id, consoleIdentity('ar'));
    expect(textOf(late)).toContain('فات الموعد في السطر 2 أثناء انتظار المعاينة، فلم يُجدول شيء');
    expect(await app.services.db.scheduledPost.count({ where: { content: { in: ['Soon post', 'Later one'] } } })).toBe(
      0,
    );
  });

  it('is for managers and social members: a plain member can neither import nor confirm', async () => {
    const csv = file('member.csv', 'when,channels,text\n2027-04-01 09:00,reminder,By a member\n');
    const admin = identity({ workspace: 'T9', user: 'U_BOSS' });
    const member = identity({ workspace: 'T9', user: 'U_INTERN', admin: false });
    // The first person seen in a workspace is its admin; the intern comes second, as a plain member.
    const preview = await app.say(`/schedule import path:${csv}`, { ...admin, platform: 'console' });
    const own = await app.say(`/schedule import path:${csv}`, { ...member, platform: 'console' });
    expect(textOf(own)).toContain('Ask an admin to change your role');
    const id = preview.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []))[0]?.payload;
    expect(id).toBeDefined();
    const pressed = await app.router.press('schedule.importConfirm', id, { ...member, platform: 'console' });
    expect(textOf(pressed)).toContain('Ask an admin to change your role');
    expect(await app.services.db.scheduledPost.count({ where: { content: 'By a member' } })).toBe(0);
  });

  it('refuses a workbook or a picture named .csv by its bytes, and a missing file', async () => {
    const out = await terminal([
      `/schedule import path:${file('plan.csv', zip())}`,
      `/schedule import path:${file('photo.csv', png(20, 20))}`,
      '/schedule import',
    ]);
    expect(out).toContain('plan.csv is a spreadsheet workbook, not a CSV: save it as "CSV UTF-8"');
    expect(out).toContain('photo.csv is not a CSV text file (UTF-8 or UTF-16), whatever its name says.');
    expect(out).toContain('Name the CSV file with path:, e.g. /schedule import path:./january.csv');
  });

  it('reads a UTF-16 file with Arabic text, as Excel saves "Unicode text"', async () => {
    const text = 'when,channels,text\n2027-03-01 09:00,reminder,عرض رمضان\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const out = await terminal([`/schedule import path:${file('ramadan.csv', utf16)}`, '1']);
    expect(out).toContain('Scheduled 1 post.');
    expect(await app.services.db.scheduledPost.count({ where: { content: 'عرض رمضان' } })).toBe(1);
  });
});
