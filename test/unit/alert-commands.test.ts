/**
 * Alerts addressed by number (/alerts show|handle|assign|ignore|not-negative|draft|reply N), the
 * confirmation before a reply is posted, the assignee's time limit, job-role mentions and the daily
 * "still unanswered" reminder.
 */
import { Readable } from 'node:stream';
import type { Workspace } from '@prisma/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleButtons, ConsoleNotifier, consoleIdentity, runConsole } from '../../src/adapters/console/console.js';
import { renderText } from '../../src/adapters/console/render.js';
import type { Identity } from '../../src/core/context.js';
import { dropIsolates } from '../../src/core/i18n.js';
import { actionsOf, type Reply } from '../../src/core/reply.js';
import { AssigneeReminders } from '../../src/listening/assignee-reminders.js';
import { REMINDER_JOB } from '../../src/listening/feature.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const ANGRY = {
  provider: 'instagram',
  externalId: 'ig-1',
  text: 'Your delivery is a scam, my order never arrived. I want a refund',
  author: '@sara',
};
const MINUTE = 60_000;

let app: TestApp;
let admin: Identity;
let social: Identity;
let member: Identity;
let ws: Workspace;

beforeEach(async () => {
  app = await createTestApp();
  admin = identity({ user: 'U0ADMIN', name: 'Amal', admin: false });
  social = identity({ user: 'U0OMAR', name: 'Omar', admin: false });
  member = identity({ user: 'U0MONA', name: 'Mona', admin: false });
  for (const who of [admin, social, member]) await app.say('/help', who);
  await app.say('/roles set <@U0OMAR> social', admin);
  ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
});
afterEach(async () => {
  await app.cleanup();
});

async function alert(over: Partial<typeof ANGRY> = {}) {
  const r = await app.services.comments.ingest(ws, { ...ANGRY, ...over });
  expect(r.alerted).toBe(true);
  return r.comment.id;
}
const comment = (id: number) => app.services.db.comment.findUniqueOrThrow({ where: { id } });
const audits = (action: string) => app.services.db.auditLog.count({ where: { action } });
/** The text as read, without the direction isolates around names and numbers in Arabic. */
const read = (r: Reply | undefined) => dropIsolates(textOf(r ?? { blocks: [] }));
const ids = (r: Reply) => actionsOf(r).map((a) => a.id);

describe('/alerts <verb> N does what the button does', () => {
  it('show, handle, ignore: the same checks and changes as the buttons, answered in a message of its own', async () => {
    const id = await alert();
    const shown = await app.say(`/alerts show ${id}`, member);
    expect(shown.replaceOriginal).toBe(false);
    expect(textOf(shown)).toContain('Negative comment on Instagram');
    expect(ids(shown)).toEqual([
      'alerts.handle',
      'alerts.assign',
      'alerts.draft',
      'alerts.ignore',
      'alerts.notnegative',
      'alerts.correct',
    ]);

    // Members may read an alert but not act on it, by command as by button.
    const refused = await app.say(`/alerts handle ${id}`, member);
    expect(refused.tone).toBe('error');
    expect((await comment(id)).status).toBe('new');

    app.clock.set('2026-11-26T09:05:00Z');
    const handled = await app.say(`/alerts handle ${id}`, social);
    expect(handled.replaceOriginal).toBe(false);
    expect(textOf(handled)).toContain('Handled by Omar at 26 Nov, 09:05');
    expect(ids(handled)).toEqual([]);
    expect(await comment(id)).toMatchObject({ status: 'handled', handledBy: 'Omar' });

    // Already closed: said clearly, nothing changes, nothing is audited twice.
    for (const verb of ['handle', 'ignore', 'not-negative', 'draft', 'assign']) {
      const again = await app.say(`/alerts ${verb} ${id}`, admin);
      expect(textOf(again), verb).toContain('This alert is already handled; nothing changed.');
    }
    expect(await comment(id)).toMatchObject({
      status: 'handled',
      handledBy: 'Omar',
      replyDraft: null,
      assignedTo: null,
    });
    expect(await audits('alert.handle')).toBe(1);
    expect(await app.services.db.sentimentFeedback.count()).toBe(0);

    const other = await alert({ externalId: 'ig-2' });
    expect(textOf(await app.say(`/alerts ignore ${other}`, social))).toContain('Ignored by Omar');
    expect((await comment(other)).status).toBe('ignored');
  });

  it('a number that is not an alert of this workspace is named, in English and Arabic', async () => {
    const foreign = await app.services.comments.ingest(await app.services.comments.consoleWorkspace(), ANGRY);
    for (const verb of ['show', 'handle', 'assign', 'ignore', 'not-negative', 'draft', 'reply']) {
      const r = await app.say(`/alerts ${verb} ${foreign.comment.id}`, admin);
      expect(r.tone, verb).toBe('error');
      expect(textOf(r)).toBe(
        `Alert #${foreign.comment.id} does not exist in this workspace. /alerts lists the open ones.`,
      );
    }
    expect((await comment(foreign.comment.id)).status).toBe('new');
    const ar = await app.say('/alerts show 999', identity({ user: 'U0ADMIN', locale: 'ar', admin: false }));
    expect(read(ar)).toContain('التنبيه رقم 999 غير موجود في مساحة العمل هذه.');
    const missing = await app.say('/alerts handle', social);
    expect(textOf(missing)).toContain('Alert number');
  });

  it('assign N @person: to someone who may handle alerts, with assignedAt; others are refused', async () => {
    const id = await alert();
    app.clock.set('2026-11-26T09:10:00Z');
    const r = await app.say(`/alerts assign ${id} <@U0OMAR>`, admin);
    expect(textOf(r)).toContain('Assigned to Omar.');
    expect(textOf(r)).toContain('Amal assigned this to Omar at 26 Nov, 09:10');
    const c = await comment(id);
    expect(c.assignedTo).toBe('U0OMAR');
    expect(c.assignedAt?.toISOString()).toBe('2026-11-26T09:10:00.000Z');

    const refused = await app.say(`/alerts assign ${id} <@U0MONA>`, admin);
    expect(refused.tone).toBe('error');
    expect(textOf(refused)).toContain('Mona cannot handle alerts here');
    expect(textOf(await app.say(`/alerts assign ${id} <@U0NOBODY>`, admin))).toContain('U0NOBODY cannot handle alerts');
    expect((await comment(id)).assignedTo).toBe('U0OMAR');

    // The social job role is enough to be given alerts; "assign N" alone takes it yourself.
    await app.say('/roles set <@U0MONA> job:social', admin);
    expect(textOf(await app.say(`/alerts assign ${id} <@U0MONA>`, social))).toContain('Assigned to Mona.');
    expect(textOf(await app.say(`/alerts assign ${id}`, social))).toContain('Omar took this at');
    expect(await audits('alert.assign')).toBe(3);
  });

  it('not-negative N closes it and teaches the classifier; draft N keeps a draft and posts nothing', async () => {
    const id = await alert();
    const drafted = await app.say(`/alerts draft ${id}`, social);
    expect(drafted.replaceOriginal).toBe(false);
    expect(textOf(drafted)).toMatch(/Hi sara, we (understand your concern|'re sorry)/);
    expect((await comment(id)).replyDraft).toMatch(/^Hi sara/);
    expect((await comment(id)).repliedAt).toBeNull();

    const judged = await app.say(`/alerts not-negative ${id}`, social);
    expect(textOf(judged)).toContain('Marked not negative by Omar');
    expect((await comment(id)).status).toBe('ignored');
    expect(await app.services.db.sentimentFeedback.count({ where: { commentId: id } })).toBe(1);
    // The closed alert no longer offers its unsent draft.
    expect(textOf(judged)).not.toContain('Press Send reply');
    expect(textOf(judged)).not.toContain('Hi sara');
  });
});

describe('/alerts reply N asks before anything is posted', () => {
  async function connected() {
    // The stored integration is what makes a reply possible; nothing is sent in these tests.
    await app.services.db.integration.create({
      data: { workspaceId: ws.id, provider: 'instagram', accountId: 'ig-acct', credentials: 'x' },
    });
  }

  it('shows the stored draft with Send reply and Cancel, and sends nothing', async () => {
    await connected();
    const id = await alert();
    expect(textOf(await app.say(`/alerts reply ${id}`, social))).toContain('no reply to send yet');
    await app.router.press('alerts.draft', String(id), social);
    const draft = (await comment(id)).replyDraft ?? '';
    const asked = await app.say(`/alerts reply ${id}`, social);
    expect(asked.title).toBe(`Post this reply under @sara's comment on Instagram (alert #${id})?`);
    expect(textOf(asked)).toContain(draft);
    expect(textOf(asked)).toContain('Nothing is posted until you press Send reply.');
    expect(ids(asked)).toEqual(['alerts.confirm', 'alerts.cancel']);
    expect(await comment(id)).toMatchObject({ repliedAt: null, status: 'new' });
    expect(await audits('alert.reply')).toBe(0);

    const cancelled = await app.router.press('alerts.cancel', String(id), social);
    expect(textOf(cancelled)).toBe(`Nothing was posted. The draft stays on alert #${id}.`);
    expect(await comment(id)).toMatchObject({ repliedAt: null, replyDraft: draft });
  });

  it('a typed text becomes the draft; a confirmation whose text changed since posts nothing', async () => {
    await connected();
    const id = await alert();
    const first = await app.say(`/alerts reply ${id} text:"Sorry Sara, we are on it."`, social);
    expect(textOf(first)).toContain('Sorry Sara, we are on it.');
    expect((await comment(id)).replyDraft).toBe('Sorry Sara, we are on it.');
    // Someone else types another reply before the first confirmation is pressed.
    await app.say(`/alerts reply ${id} text:"Hello, DM us please."`, admin);
    const stale = actionsOf(first).find((a) => a.id === 'alerts.confirm');
    const pressed = await app.router.press('alerts.confirm', stale?.payload ?? '', social);
    expect(textOf(pressed)).toContain('The draft changed after this was shown, so nothing was posted.');
    expect(textOf(pressed)).toContain('Hello, DM us please.');
    expect((await comment(id)).repliedAt).toBeNull();
    // Members may not confirm; forged confirmations are refused.
    expect((await app.router.press('alerts.confirm', stale?.payload ?? '', member)).tone).toBe('error');
    expect((await app.router.press('alerts.confirm', `${id}:zz`, social)).tone).toBe('error');
  });

  it('a closed alert takes no reply, and the confirmation reads in Arabic', async () => {
    await connected();
    const id = await alert();
    await app.say(`/alerts handle ${id}`, social);
    const closed = await app.say(`/alerts reply ${id} text:"late"`, social);
    expect(textOf(closed)).toContain('already handled');
    expect((await comment(id)).replyDraft).toBeNull();

    await app.say('/config lang ar', admin);
    const open = await alert({ externalId: 'ig-ar', text: 'الطلب ما وصل لحد الآن، هذا نصب واحتيال', author: 'خالد' });
    const asked = await app.say(`/alerts reply ${open} text:"نعتذر يا خالد"`, social);
    expect(asked.rtl).toBe(true);
    expect(asked.title).toContain('هل تنشر هذا الرد تحت تعليق');
    expect(textOf(asked)).toContain('لن يُنشر شيء حتى تضغط «أرسل الرد».');
    expect(actionsOf(asked).map((a) => a.label)).toEqual(['أرسل الرد', 'إلغاء']);
  });
});

describe('in the console', () => {
  async function consoleSession(lines: string[], notice: Reply, buttons = new ConsoleButtons()) {
    const out: string[] = [];
    const cws = await app.services.comments.consoleWorkspace();
    await new ConsoleNotifier((t) => void out.push(t), buttons).post(cws, 'alerts', notice);
    await runConsole({
      router: app.router,
      identity: consoleIdentity(),
      input: Readable.from(lines.map((l) => `${l}\n`)),
      write: (t) => void out.push(t),
      interactive: false,
      buttons,
    });
    return out.join('');
  }

  it('the buttons keep their numbers after Draft reply: 5 is still Not negative', async () => {
    const cws = await app.services.comments.consoleWorkspace();
    const r = await app.services.comments.ingest(cws, ANGRY);
    const notice = app.recorder.notices.at(-1)?.reply ?? { blocks: [] };
    const printed = renderText(notice);
    expect(printed).toContain('[1] Handled   [2] Assign to me   [3] Draft reply   [4] Ignore');
    expect(printed).toContain('[5] Not negative   [6] Correct');

    const out = await consoleSession(['3', '5'], notice);
    // 5 pressed Not negative (a verdict was stored), not Ignore.
    const c = await comment(r.comment.id);
    expect(await app.services.db.sentimentFeedback.count({ where: { commentId: c.id } })).toBe(1);
    expect(c.status).toBe('ignored');
    expect(out).toContain('[1] Handled   [2] Assign to me   [3] Draft reply   [4] Ignore');
    expect(out).toContain('[7] Send reply   [8] Edit reply');
    // Once closed, the unsent draft's "Press Send reply" line goes.
    const afterClose = out.slice(out.lastIndexOf('Marked not negative'));
    expect(afterClose).not.toContain('Press Send reply');
    expect(out.slice(out.lastIndexOf('Negative comment on Instagram'))).not.toContain('Press Send reply');
  });

  it('every /alerts verb typed at the terminal acts on the numbered alert', async () => {
    const cws = await app.services.comments.consoleWorkspace();
    const one = (await app.services.comments.ingest(cws, ANGRY)).comment.id;
    const two = (await app.services.comments.ingest(cws, { ...ANGRY, externalId: 'ig-2' })).comment.id;
    const out = await consoleSession(
      [
        `/alerts assign ${one}`,
        `/alerts draft ${one}`,
        `/alerts handle ${one}`,
        `/alerts ignore ${one}`,
        `/alerts not-negative ${two}`,
        `/alerts show ${two}`,
        '/alerts handle 999',
      ],
      { blocks: [] },
    );
    expect(out).toMatch(/took this at/);
    expect(out).toContain('Reply drafted for');
    expect(out).toMatch(/Handled by \S+ at/);
    expect(out).toContain('This alert is already handled; nothing changed.');
    expect(out).toContain('Marked not negative by');
    expect(out).toContain('Alert #999 does not exist in this workspace.');
    expect(await comment(one)).toMatchObject({ status: 'handled', repliedAt: null });
    expect((await comment(two)).status).toBe('ignored');
  });

  it('/alerts reply N then the number of Cancel posts nothing; /alerts show N prints the buttons', async () => {
    const cws = await app.services.comments.consoleWorkspace();
    const r = await app.services.comments.ingest(cws, ANGRY);
    await app.services.db.integration.create({
      data: { workspaceId: cws.id, provider: 'instagram', accountId: 'a', credentials: 'x' },
    });
    const notice = app.recorder.notices.at(-1)?.reply ?? { blocks: [] };
    const out = await consoleSession([`/alerts reply ${r.comment.id} text:"We are sorry"`, '2'], notice);
    expect(out).toContain('[1] Send reply   [2] Cancel');
    expect(out).toContain(`Nothing was posted. The draft stays on alert #${r.comment.id}.`);
    expect((await comment(r.comment.id)).repliedAt).toBeNull();

    const shown = await consoleSession([`/alerts show ${r.comment.id}`, '1'], { blocks: [] });
    expect(shown).toContain('[1] Handled');
    expect((await comment(r.comment.id)).status).toBe('handled');
  });
});

describe('assigned alerts: time limit, reminders, mentions', () => {
  it('an assigned alert escalates only when its assignee limit passes, naming the managers', async () => {
    await app.say('/roles set <@U0MONA> manager', admin);
    const id = await alert();
    app.clock.advance(10 * MINUTE);
    await app.router.press('alerts.assign', String(id), social);
    // Past the workspace's 30-minute limit, but Omar has 120 minutes from taking it.
    app.clock.advance(60 * MINUTE);
    expect(await app.services.comments.escalateOverdue()).toBe(0);
    // Taking it again does not restart his clock.
    expect(textOf(await app.router.press('alerts.assign', String(id), social))).toContain('Assigned to Omar.');
    app.clock.advance(59 * MINUTE);
    expect(await app.services.comments.escalateOverdue()).toBe(0);
    app.clock.advance(MINUTE);
    expect(await app.services.comments.escalateOverdue()).toBe(1);
    const posted = app.recorder.notices.find((n) => n.to === 'escalation');
    expect(posted?.reply.title).toBe('Escalated: Omar took this Instagram comment and it is still open after 2 hours');
    expect(posted?.reply.mention?.map((p) => p.id)).toEqual(['U0ADMIN', 'U0MONA']);
    expect((await comment(id)).status).toBe('escalated');

    // An unassigned one still escalates on the workspace's limit.
    const other = await alert({ externalId: 'ig-2' });
    app.clock.advance(31 * MINUTE);
    expect(await app.services.comments.escalateOverdue()).toBe(1);
    expect((await comment(other)).status).toBe('escalated');
  });

  it('/config assignee-minutes sets the limit (checked, audited, both languages)', async () => {
    expect((await app.say('/config assignee-minutes 30', admin)).tone).toBe('success');
    expect((await app.services.db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).assigneeMinutes).toBe(30);
    const bad = await app.say('/config assignee-minutes 2', admin);
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('Minutes (value)');
    expect((await app.say('/config assignee-minutes 60', social)).tone).toBe('error');
    expect(textOf(await app.say('/config', admin))).toContain('Escalate and remind assigned alerts after: 30 minutes');
    expect(textOf(await app.say('/alerts config', admin))).toContain('Escalate assigned alerts after: 30 minutes');
    const ar = await app.say('/config assignee-minutes 90', identity({ user: 'U0ADMIN', locale: 'ar', admin: false }));
    expect(read(ar)).toBe('أصبحت التنبيهات المُسندة تُصعَّد، ويُذكَّر من تولّاها مرة كل يوم، بعد 90 دقيقة بلا رد.');
    expect(await audits('config.set')).toBe(2);

    const id = await alert();
    await app.router.press('alerts.assign', String(id), social);
    app.clock.advance(89 * MINUTE);
    expect(await app.services.comments.escalateOverdue()).toBe(0);
    app.clock.advance(MINUTE);
    expect(await app.services.comments.escalateOverdue()).toBe(1);
  });

  it('alerts name the social job role; the console shows the names', async () => {
    await app.say('/roles set <@U0MONA> seo,social', admin);
    await app.say('/roles set <@U0ADMIN> seo', admin);
    await alert();
    const posted = app.recorder.notices.find((n) => n.to === 'alerts');
    expect(posted?.reply.mention).toEqual([{ id: 'U0MONA', name: 'Mona' }]);
    expect(renderText(posted?.reply ?? { blocks: [] }).split('\n')[0]).toBe('@Mona');
  });

  it('reminds the assignee once a day while the alert is open and unanswered', async () => {
    const id = await alert();
    await app.router.press('alerts.assign', String(id), social);
    const reminders = () => app.recorder.notices.filter((n) => n.reply.title?.startsWith('Reminder'));
    app.clock.advance(119 * MINUTE);
    await app.jobs.runNow(REMINDER_JOB);
    expect(reminders()).toHaveLength(0);
    app.clock.advance(MINUTE);
    // Two replicas at the same moment, then a later tick: one reminder.
    const otherReplica = new AssigneeReminders({ ...app.services, log: app.log });
    await Promise.all([app.jobs.runNow(REMINDER_JOB), otherReplica.run()]);
    await app.jobs.runNow(REMINDER_JOB);
    expect(reminders()).toHaveLength(1);
    const first = reminders()[0];
    expect(first?.to).toBe('alerts');
    expect(first?.reply.title).toBe(`Reminder: alert #${id} on Instagram is still unanswered after 2 hours`);
    expect(first?.reply.mention).toEqual([{ id: 'U0OMAR', name: 'Omar' }]);
    expect(textOf(first?.reply ?? { blocks: [] })).toContain(`close it with /alerts handle ${id}`);
    expect(ids(first?.reply ?? { blocks: [] })).toContain('alerts.handle');

    // Twice in the same day is once; the next day brings the next one.
    app.clock.advance(23 * 60 * MINUTE);
    await app.jobs.runNow(REMINDER_JOB);
    expect(reminders()).toHaveLength(1);
    app.clock.advance(60 * MINUTE);
    await app.jobs.runNow(REMINDER_JOB);
    expect(reminders()).toHaveLength(2);

    // Closed (or answered) alerts remind nobody.
    await app.say(`/alerts handle ${id}`, social);
    app.clock.advance(24 * 60 * MINUTE);
    await app.jobs.runNow(REMINDER_JOB);
    expect(reminders()).toHaveLength(2);
  });

  it('the reminder reads in Arabic in an Arabic workspace', async () => {
    await app.say('/config lang ar', admin);
    const id = await alert();
    await app.router.press('alerts.assign', String(id), social);
    app.clock.advance(120 * MINUTE);
    await app.jobs.runNow(REMINDER_JOB);
    const r = app.recorder.notices.at(-1)?.reply;
    expect(dropIsolates(r?.title ?? '')).toBe(`تذكير: التنبيه رقم ${id} على إنستغرام ما زال بلا رد بعد ساعتين`);
    expect(textOf(r ?? { blocks: [] })).toContain('وسنذكّرك به مرة كل يوم ما دام مفتوحًا.');
  });
});

describe('/roles: job roles beside permission roles', () => {
  it('sets, shows, clears and audits job roles; social alone stays the permission role', async () => {
    const r = await app.say('/roles set <@U0MONA> seo,content', admin);
    expect(r.tone).toBe('success');
    expect(textOf(r)).toBe("Mona's job roles are now SEO, content.");
    let mona = await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U0MONA' } });
    expect(mona).toMatchObject({ jobRoles: 'seo,content', role: 'member' });
    expect(textOf(await app.say('/roles', member))).toContain('Mona (U0MONA) | member | SEO, content');
    expect(textOf(await app.say('/roles set <@U0MONA> content,seo', admin))).toContain('already has these job roles');

    // "social" alone is the permission role, as before; job:social is the job role.
    await app.say('/roles set <@U0MONA> social', admin);
    mona = await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U0MONA' } });
    expect(mona).toMatchObject({ role: 'social', jobRoles: 'seo,content' });
    await app.say('/roles set <@U0MONA> job:social,automation', admin);
    mona = await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U0MONA' } });
    expect(mona.jobRoles).toBe('social,automation');
    expect(textOf(await app.say('/roles set <@U0MONA> none', admin))).toBe('Mona has no job role now.');
    expect((await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U0MONA' } })).jobRoles).toBe('');
    expect(await audits('role.jobs')).toBe(3);
    expect(textOf(await app.say('/audit', admin))).toContain('changed job roles | U0MONA');

    const bad = await app.say('/roles set <@U0MONA> seo,chef', admin);
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('seo,chef');
    expect((await app.say('/roles set <@U0MONA> seo', member)).tone).toBe('error');
    expect((await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U0MONA' } })).jobRoles).toBe('');
  });

  it('answers in Arabic', async () => {
    const ar = identity({ user: 'U0ADMIN', locale: 'ar', admin: false });
    expect(read(await app.say('/roles set <@U0MONA> social,seo', ar))).toBe(
      'أصبحت أدوار عمل Mona: تحسين محركات البحث، التواصل الاجتماعي.',
    );
    const list = read(await app.say('/roles', ar));
    expect(list).toContain('أدوار العمل');
    expect(list).toContain('social: مدير وسائل التواصل الاجتماعي، يُذكر اسمه في تنبيهات التعليقات');
    expect(read(await app.say('/roles set <@U0MONA> none', ar))).toBe('لم يعد لدى Mona أي دور عمل.');
  });
});
