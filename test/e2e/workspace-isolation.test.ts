/**
 * Two workspaces on one database, with data in every feature. Workspace B, as an admin, tries every
 * command that takes an id and presses every button with payloads crafted by hand from A's row ids.
 * Nothing of A's may show in B's replies, and not one of A's rows may change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Reply } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const A = identity({ workspace: 'T-A', user: 'UA', name: 'Alice Zebra' });
const B = identity({ workspace: 'T-B', user: 'UB', name: 'Bob' });
/** Everything A owns carries this word, so a leak into B's replies is easy to see. */
const MARK = /zebra|987[,.٬]?654/i;

let app: TestApp;
let aId: number;
const ids: Record<string, number[]> = {};

/** Every row of workspace A, in a stable form, so any change shows up. */
async function snapshotOfA(): Promise<string> {
  const db = app.db.prisma;
  const where = { workspaceId: aId };
  const orderBy = { id: 'asc' } as const;
  const plans = await db.plan.findMany({ where, orderBy });
  const tables = {
    workspace: await db.workspace.findUnique({ where: { id: aId } }),
    members: await db.member.findMany({ where, orderBy }),
    personas: await db.persona.findMany({ where, orderBy }),
    plans,
    planPersonas: await db.planPersona.findMany({ where: { planId: { in: plans.map((p) => p.id) } } }),
    brainstorms: await db.brainstorm.findMany({ where, orderBy }),
    campaigns: await db.campaign.findMany({ where, orderBy }),
    posts: await db.scheduledPost.findMany({ where, orderBy }),
    integrations: await db.integration.findMany({ where, orderBy }),
    comments: await db.comment.findMany({ where, orderBy }),
    metrics: await db.metricDaily.findMany({ where, orderBy }),
    digestRuns: await db.digestRun.findMany({ where, orderBy }),
    audit: await db.auditLog.findMany({ where, orderBy }),
  };
  return JSON.stringify(tables);
}

function expectOk(r: Reply, what: string) {
  expect(r.tone, `${what}: ${textOf(r)}`).not.toBe('error');
}

beforeAll(async () => {
  app = await createTestApp();
  const say = (line: string) => app.say(line, A);
  expectOk(await say('/config approval on'), 'approval');
  expectOk(await say('/persona create zebrafrost fans in Riyadh name:"Zebra Persona"'), 'persona');
  expectOk(await say('/plan create product:"Zebrafrost" goal:sales budget:3000 duration:6w market:"Riyadh"'), 'plan');
  expectOk(await say('/brainstorm product:"Zebrafrost" goal:awareness budget:2000'), 'brainstorm');
  expectOk(await say('/schedule reminder in 2 hours | Zebrafrost launch story'), 'post');
  expectOk(await say('/schedule reminder in 3 hours | Zebrafrost second story'), 'post 2');
  expectOk(await say('/draft channel:instagram topic:"zebrafrost launch"'), 'draft');
  const ws = await app.db.prisma.workspace.findFirstOrThrow({ where: { externalId: 'T-A' } });
  aId = ws.id;
  const db = app.db.prisma;
  // The second post's outcome is unknown, so "resolve" has something to act on.
  const second = await db.scheduledPost.findFirstOrThrow({ where: { workspaceId: aId }, orderBy: { id: 'desc' } });
  await db.scheduledPost.update({ where: { id: second.id }, data: { status: 'unknown' } });
  await db.integration.create({
    data: {
      workspaceId: aId,
      provider: 'facebook',
      accountId: 'ZEBRA-ACCOUNT',
      credentials: 'v1:not-a-real-seal',
      statusMessage: 'Zebra Page',
    },
  });
  await db.comment.create({
    data: {
      workspaceId: aId,
      provider: 'facebook',
      externalId: 'zebra-c1',
      author: 'Zebra Critic',
      text: 'Zebrafrost is awful, refund me',
      sentiment: 'negative',
      score: -0.9,
      status: 'new',
      alertedAt: app.clock.now(),
    },
  });
  await db.metricDaily.create({
    data: { workspaceId: aId, date: '2026-11-20', channel: 'facebook', campaign: 'ZebraLaunch', impressions: 987654 },
  });
  await db.digestRun.create({
    data: { workspaceId: aId, period: '2026-W47', status: 'sent', messageRef: 'zebra-msg' },
  });

  // B has data of its own, so a query that forgets the workspace would find rows at the same ids.
  const sayB = (line: string) => app.say(line, B);
  expectOk(await sayB('/persona create bakers in Jeddah'), 'B persona');
  expectOk(await sayB('/plan create product:"bread" goal:sales budget:1000'), 'B plan');
  expectOk(await sayB('/schedule reminder in 4 hours | Bread day'), 'B post');

  for (const [name, rows] of Object.entries({
    persona: await db.persona.findMany({ where: { workspaceId: aId } }),
    plan: await db.plan.findMany({ where: { workspaceId: aId } }),
    brainstorm: await db.brainstorm.findMany({ where: { workspaceId: aId } }),
    post: await db.scheduledPost.findMany({ where: { workspaceId: aId } }),
    comment: await db.comment.findMany({ where: { workspaceId: aId } }),
    audit: await db.auditLog.findMany({ where: { workspaceId: aId } }),
    integration: await db.integration.findMany({ where: { workspaceId: aId } }),
  })) {
    ids[name] = rows.map((r) => r.id);
    expect(ids[name]?.length, name).toBeGreaterThan(0);
  }
}, 60_000);

afterAll(() => app.cleanup());

describe('workspace B cannot see or change workspace A', () => {
  it('through every command that names a row', async () => {
    const before = await snapshotOfA();
    const all = (k: string) => ids[k] ?? [];
    const lines = [
      '/persona list',
      '/plan list',
      '/schedule list',
      '/alerts list',
      '/audit',
      '/audit 200',
      '/connect status',
      '/report 30d',
      '/report range:2026-11-01..2026-11-30',
      '/report trends',
      '/digest preview',
      '/roles',
      ...all('persona').flatMap((id) => [`/persona show ${id}`, `/persona delete ${id}`]),
      ...all('persona').flatMap((id) => [
        `/plan create product:"bread" goal:sales budget:1000 personas:${id}`,
        `/plan edit ${all('plan')[0] ?? 1} personas:${id}`,
      ]),
      ...all('plan').flatMap((id) => [
        `/plan show ${id}`,
        `/plan edit ${id} budget:9000 name:"taken"`,
        `/plan delete ${id}`,
      ]),
      ...all('post').flatMap((id) => [
        `/schedule show ${id}`,
        `/schedule edit ${id} | hijacked`,
        `/schedule cancel ${id}`,
        `/schedule resolve ${id} published`,
        `/schedule resolve ${id} retry`,
      ]),
    ];
    for (const line of lines) {
      const r = await app.say(line, B);
      expect(textOf(r), line).not.toMatch(MARK);
      expect(textOf(r), line).not.toContain('Something went wrong');
    }
    expect(await snapshotOfA()).toBe(before);
  }, 60_000);

  it('through every button, with payloads made from every id of A', async () => {
    const before = await snapshotOfA();
    const allIds = [...new Set(Object.values(ids).flat())];
    const payloads = allIds.flatMap((id) => [String(id), `${id}:0`, `${id}:1`, `${id}:published`, `${id}:retry`]);
    const actions = commands.flatMap((c) => c.actions.map((a) => a.id));
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) {
      for (const payload of payloads) {
        const r = await app.router.press(action, payload, B);
        expect(r.tone, `${action} ${payload}`).toBe('error');
        expect(textOf(r), `${action} ${payload}`).not.toMatch(MARK);
        expect(textOf(r)).not.toContain('Something went wrong');
      }
    }
    expect(await snapshotOfA()).toBe(before);
  }, 120_000);

  it('while the same lines and payloads work for A (the marks and ids above are real)', async () => {
    for (const line of ['/report range:2026-11-01..2026-11-30', '/alerts list', '/audit', '/connect status']) {
      expect(textOf(await app.say(line, A)), line).toMatch(MARK);
    }
    const post = ids.post?.[0];
    const comment = ids.comment?.[0];
    const brainstorm = ids.brainstorm?.[0];
    const approved = await app.router.press('schedule.approve', String(post), A);
    expect(textOf(approved)).toMatch(/approved/i);
    const handled = await app.router.press('alerts.handle', String(comment), A);
    expect(handled.tone).not.toBe('error');
    const saved = await app.router.press('brainstorm.save', `${brainstorm}:0`, A);
    expect(saved.tone).not.toBe('error');
    expect(textOf(await app.say(`/persona show ${ids.persona?.[0]}`, A))).toMatch(/Zebra Persona/);
  });
});
