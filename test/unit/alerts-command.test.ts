import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.js';
import type { Identity } from '../../src/core/context.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const angry = {
  provider: 'instagram',
  externalId: 'ig-1',
  // Abuse: urgent, so it is posted at once.
  text: 'Your delivery is a joke, my order never arrived, you idiots. I want a refund',
  author: '@sara',
};

describe('alert buttons and /alerts', () => {
  let app: TestApp;
  let admin: Identity;
  let social: Identity;
  let member: Identity;
  beforeEach(async () => {
    app = await createTestApp();
    admin = identity({ workspace: 'T1', user: 'U-admin', name: 'Amal' });
    social = identity({ workspace: 'T1', user: 'U-social', name: 'Omar', admin: false });
    member = identity({ workspace: 'T1', user: 'U-member', name: 'Mona', admin: false });
    await app.say('/help', admin);
    await app.say('/help', social);
    await app.say('/help', member);
    await app.services.db.member.updateMany({ where: { externalId: 'U-social' }, data: { role: 'social' } });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function alertInT1() {
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    const r = await app.services.comments.ingest(ws, angry);
    expect(r.alerted).toBe(true);
    return r.comment.id;
  }

  it('Handled updates the alert in place with who and when, and closes it', async () => {
    const id = await alertInT1();
    app.clock.set('2026-11-26T09:05:00Z');
    const r = await app.router.press('alerts.handle', String(id), social);
    expect(r.replaceOriginal).toBe(true);
    expect(textOf(r)).toContain('Handled by Omar at 26 Nov, 09:05');
    expect(textOf(r)).not.toContain('[Handled]');
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: 'handled', handledBy: 'Omar' });
    expect(c.handledAt?.toISOString()).toBe('2026-11-26T09:05:00.000Z');
    const again = await app.router.press('alerts.ignore', String(id), admin);
    expect(textOf(again)).toContain('already handled');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id } })).status).toBe('handled');
    const audit = await app.services.db.auditLog.findMany({ where: { action: 'alert.handle' } });
    expect(audit).toHaveLength(1);
  });

  it('a button id past 32 bits is "not found", not an internal error (PostgreSQL ids are 32-bit)', async () => {
    await alertInT1();
    for (const id of ['2147483648', '9999999999']) {
      for (const act of ['alerts.handle', 'alerts.assign', 'alerts.draft']) {
        const r = await app.router.press(act, id, social);
        expect(textOf(r)).toContain('does not exist');
      }
    }
  });

  it('Assign to me keeps the alert open and names the assignee', async () => {
    const id = await alertInT1();
    const r = await app.router.press('alerts.assign', String(id), social);
    expect(r.replaceOriginal).toBe(true);
    expect(textOf(r)).toContain('Assigned to Omar.');
    expect(textOf(r)).toContain('Omar took this at');
    expect(textOf(r)).toContain('[Handled]');
    // The platform id is stored (reminders mention it); the name is what people see.
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id } });
    expect(c.assignedTo).toBe('U-social');
    expect(c.assignedAt?.toISOString()).toBe(app.clock.now().toISOString());
  });

  it('Draft reply proposes a calm reply in the comment language', async () => {
    const id = await alertInT1();
    const r = await app.router.press('alerts.draft', String(id), social);
    expect(r.replaceOriginal).toBe(true);
    expect(textOf(r)).toMatch(/Hi sara, we're sorry/);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    const ar = await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: 'fb-ar',
      text: 'الطلب ما وصل لحد الآن، خدمة زفت',
      author: 'خالد',
    });
    const d = await app.router.press('alerts.draft', String(ar.comment.id), social);
    expect(textOf(d)).toContain('أهلًا خالد، نعتذر عن تأخر طلبك');
  });

  it('Ignore closes the alert; members may not act on alerts', async () => {
    const id = await alertInT1();
    const refused = await app.router.press('alerts.ignore', String(id), member);
    expect(refused.tone).toBe('error');
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id } })).status).toBe('new');
    const r = await app.router.press('alerts.ignore', String(id), admin);
    expect(textOf(r)).toContain('Ignored by Amal');
  });

  it("refuses a crafted payload for another workspace's comment and changes nothing", async () => {
    const otherWs = await app.services.comments.consoleWorkspace();
    const other = await app.services.comments.ingest(otherWs, { ...angry, externalId: 'other' });
    for (const a of ['alerts.handle', 'alerts.assign', 'alerts.draft', 'alerts.ignore']) {
      const r = await app.router.press(a, String(other.comment.id), admin);
      expect(r.tone).toBe('error');
      expect(textOf(r)).toContain('does not exist in this workspace');
    }
    for (const bad of ['', 'abc', '1;DROP', '-1', '99999999999']) {
      expect((await app.router.press('alerts.handle', bad, admin)).tone).toBe('error');
    }
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id: other.comment.id } });
    expect(c).toMatchObject({ status: 'new', assignedTo: null, handledBy: null });
  });

  it('Edit reply asks for a form; its submit refuses forged payloads and other workspaces', async () => {
    const id = await alertInT1();
    await app.services.db.comment.update({ where: { id }, data: { replyDraft: 'Sorry, we will fix it.' } });
    const edit = await app.router.press('alerts.edit', String(id), social);
    expect(edit.form).toMatchObject({ action: 'alerts.write', payload: String(id) });
    expect(edit.form?.fields[0]).toMatchObject({ key: 'text', value: 'Sorry, we will fix it.', multiline: true });
    expect(edit.form?.typed).toBe(`/alerts reply ${id} text:"Sorry, we will fix it."`);
    // The console has no modal: it prints the field with the draft and the exact command to type.
    const printed = renderText(edit);
    expect(printed).toMatch(/Reply to post under the comment +Sorry, we will fix it\./);
    expect(printed).toContain(`Type this, changed as you like:\n/alerts reply ${id} text:"Sorry, we will fix it."`);
    const otherWs = await app.services.comments.consoleWorkspace();
    const other = await app.services.comments.ingest(otherWs, { ...angry, externalId: 'other-form' });
    const foreign = await app.router.submit('alerts.write', String(other.comment.id), { text: 'hi' }, admin);
    expect(textOf(foreign)).toContain('does not exist in this workspace');
    for (const bad of ['', 'abc', '1;DROP']) {
      expect(textOf(await app.router.submit('alerts.write', bad, { text: 'hi' }, admin))).toContain('no longer valid');
    }
    expect(textOf(await app.router.submit('alerts.write', String(id), { text: 'hi' }, member))).toContain('Only');
    expect(textOf(await app.router.submit('alerts.write', String(id), { text: '   ' }, social))).toContain(
      'Fill this in',
    );
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id: other.comment.id } });
    expect(c.repliedAt).toBeNull();
    expect((await app.services.db.comment.findUniqueOrThrow({ where: { id } })).repliedAt).toBeNull();
  });

  it('/alerts lists the open alerts of this workspace only', async () => {
    expect(textOf(await app.say('/alerts', admin))).toContain('No open alerts');
    const id = await alertInT1();
    await app.services.comments.ingest(await app.services.comments.consoleWorkspace(), { ...angry, externalId: 'x' });
    const shown = textOf(await app.say('/alerts', social));
    expect(shown).toContain('Open alerts (1)');
    expect(shown).toContain(`#${id} Instagram`);
    expect(shown).toContain('@sara');
    await app.router.press('alerts.handle', String(id), social);
    expect(textOf(await app.say('/alerts', admin))).toContain('No open alerts');
  });

  it('/alerts config sets channel, threshold, limit and escalation; bad values change nothing', async () => {
    const r = await app.say('/alerts config channel:#social threshold:-0.5 limit:45 escalate:#managers', admin);
    expect(r.tone).toBe('success');
    let ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    expect(ws).toMatchObject({
      alertChannel: 'social',
      alertThreshold: -0.5,
      escalationMinutes: 45,
      escalationChannel: 'managers',
    });
    const bad = await app.say('/alerts config threshold:0.5 limit:45', admin);
    expect(bad.tone).toBe('error');
    expect(textOf(bad)).toContain('Threshold (threshold)');
    const denied = await app.say('/alerts config limit:5', social);
    expect(denied.tone).toBe('error');
    ws = await app.services.db.workspace.findFirstOrThrow({ where: { externalId: 'T1' } });
    expect(ws.escalationMinutes).toBe(45);
    expect(textOf(await app.say('/alerts config', admin))).toContain('45 minutes');
  });

  it('renders the alert in Arabic for an Arabic workspace', async () => {
    await app.say('/config lang ar', admin);
    const id = await alertInT1();
    const posted = app.recorder.notices.at(-1)?.reply;
    expect(posted?.rtl).toBe(true);
    expect(textOf(posted ?? { blocks: [] })).toContain('تعليق سلبي على');
    const r = await app.router.press('alerts.handle', String(id), social);
    expect(textOf(r)).toContain('عالجها');
  });
});
