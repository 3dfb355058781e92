/**
 * Every change a person makes leaves an AuditLog row. A script walks every feature, command by
 * command and button by button; after each step, if any table other than the audit log changed,
 * the audit log must have grown, and if the step answered with an error nothing may have changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { createTestApp, identity, type TestApp, textOf } from '../helpers/app.js';

const ADMIN = identity({ workspace: 'T-audit', user: 'U-admin', name: 'Ada' });
let app: TestApp;

/** Every table but the audit log (and Member, which the router upserts to know who is speaking). */
async function stateOf(): Promise<string> {
  const db = app.db.prisma;
  const strip = (rows: object[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'updatedAt' && k !== 'lastSeenAt')));
  return JSON.stringify([
    strip(await db.workspace.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.persona.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.plan.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.planPersona.findMany({ orderBy: [{ planId: 'asc' }, { personaId: 'asc' }] })),
    strip(await db.brainstorm.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.campaign.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.scheduledPost.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.integration.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.comment.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.metricDaily.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.digestRun.findMany({ orderBy: { id: 'asc' } })),
    strip(await db.sentimentFeedback.findMany({ orderBy: { id: 'asc' } })),
    // Roles are changes too; who was seen when is not.
    (await db.member.findMany({ orderBy: { id: 'asc' } })).map((m) => [m.externalId, m.role]),
  ]);
}

async function latest<T extends { id: number }>(rows: Promise<T | null>): Promise<number> {
  const row = await rows;
  if (!row) throw new Error('expected a row');
  return row.id;
}

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.cleanup());

describe('audit log coverage', () => {
  it('every step that changes data writes an audit row; every error changes nothing', async () => {
    const db = app.db.prisma;
    const say = (line: string) => () => app.say(line, ADMIN);
    const press = (action: string, payload: () => Promise<string>) => async () =>
      app.router.press(action, await payload(), ADMIN);
    const lastPost = () => latest(db.scheduledPost.findFirst({ orderBy: { id: 'desc' } })).then(String);
    const lastBrainstorm = () => latest(db.brainstorm.findFirst({ orderBy: { id: 'desc' } }));
    const lastComment = () => latest(db.comment.findFirst({ orderBy: { id: 'desc' } })).then(String);
    const lastDraft = () =>
      latest(db.auditLog.findFirst({ where: { action: 'draft.create' }, orderBy: { id: 'desc' } })).then(String);
    const lastPersona = () => latest(db.persona.findFirst({ orderBy: { id: 'desc' } }));
    const lastPlan = () => latest(db.plan.findFirst({ orderBy: { id: 'desc' } }));

    const steps: Array<[string, () => Promise<Reply>]> = [
      // A change each (setting the language the workspace already has changes nothing), back to English.
      ['config lang', say('/config lang ar')],
      ['config lang back', say('/config lang en')],
      ['config timezone', say('/config timezone Asia/Riyadh')],
      ['config currency', say('/config currency SAR')],
      ['config approval', say('/config approval on')],
      ['config channel', say('/config channel alerts #social')],
      ['alerts config', say('/alerts config threshold:-0.5 limit:30')],
      ['digest schedule', say('/digest schedule monday 09:00')],
      ['digest preview', say('/digest preview')],
      ['roles set', say('/roles set @sara manager')],
      ['persona create', say('/persona create bakers in Jeddah name:"Baker Bana"')],
      ['plan create', say('/plan create product:"bread" goal:sales budget:3000 duration:6w')],
      ['plan edit', async () => app.say(`/plan edit ${await lastPlan()} budget:5000`, ADMIN)],
      ['plan personas', async () => app.say(`/plan edit ${await lastPlan()} personas:${await lastPersona()}`, ADMIN)],
      ['brainstorm', say('/brainstorm product:"bread" goal:awareness budget:2000')],
      ['brainstorm more', press('brainstorm.more', async () => String(await lastBrainstorm()))],
      ['brainstorm save', press('brainstorm.save', async () => `${await lastBrainstorm()}:0`)],
      ['brainstorm personas', press('brainstorm.personas', async () => String(await lastBrainstorm()))],
      ['plan delete', async () => app.say(`/plan delete ${await lastPlan()}`, ADMIN)],
      ['persona delete', async () => app.say(`/persona delete ${await lastPersona()}`, ADMIN)],
      ['schedule add', say('/schedule reminder in 2 hours | Bread day')],
      ['schedule approve', press('schedule.approve', lastPost)],
      ['schedule edit', async () => app.say(`/schedule edit ${await lastPost()} | Bread day, now warm`, ADMIN)],
      ['schedule reject', press('schedule.reject', lastPost)],
      ['schedule add 2', say('/schedule reminder in 3 hours | Second')],
      ['schedule cancel', async () => app.say(`/schedule cancel ${await lastPost()}`, ADMIN)],
      ['schedule cancel again (error)', async () => app.say(`/schedule cancel ${await lastPost()}`, ADMIN)],
      [
        'schedule resolve',
        async () => {
          const id = Number(await lastPost());
          await db.scheduledPost.update({ where: { id }, data: { status: 'unknown' } });
          return app.router.press('schedule.resolve', `${id}:published`, ADMIN);
        },
      ],
      [
        'schedule retry',
        async () => {
          const id = Number(await lastPost());
          await db.scheduledPost.update({ where: { id }, data: { status: 'failed', lastError: 'refused' } });
          return app.router.press('schedule.retry', String(id), ADMIN);
        },
      ],
      ['schedule retry again (error)', async () => app.say(`/schedule retry ${await lastPost()}`, ADMIN)],
      ['draft', say('/draft channel:instagram topic:"bread week"')],
      ['draft schedule button', press('draft.schedule', lastDraft)],
      [
        'alert assign',
        async () => {
          const ws = await db.workspace.findFirstOrThrow({ where: { externalId: 'T-audit' } });
          await db.comment.create({
            data: {
              workspaceId: ws.id,
              provider: 'facebook',
              externalId: `c-${Date.now()}`,
              text: 'cold and stale',
              sentiment: 'negative',
              score: -0.8,
              alertedAt: app.clock.now(),
            },
          });
          return app.router.press('alerts.assign', await lastComment(), ADMIN);
        },
      ],
      ['alert draft', press('alerts.draft', lastComment)],
      ['alert handle', press('alerts.handle', lastComment)],
      ['alert handle again', press('alerts.handle', lastComment)],
      ['alert correct', press('alerts.correct', lastComment)],
      ['alert not negative', press('alerts.notnegative', lastComment)],
      ['alert not negative again', press('alerts.notnegative', lastComment)],
      ['report', say('/report 30d')],
      ['audit', say('/audit')],
      ['bad option (error)', say('/plan create product:x goal:nothing budget:-4')],
      ['missing row (error)', say('/schedule cancel 999999')],
    ];

    const unaudited: string[] = [];
    for (const [name, step] of steps) {
      const before = await stateOf();
      const audits = await db.auditLog.count();
      const r = await step();
      expect(textOf(r), name).not.toContain('Something went wrong');
      expect(r.tone === 'error', `${name}: ${textOf(r)}`).toBe(name.endsWith('(error)'));
      const changed = (await stateOf()) !== before;
      const audited = (await db.auditLog.count()) > audits;
      if (r.tone === 'error') expect(changed, `${name} answered an error but changed data: ${textOf(r)}`).toBe(false);
      if (changed && !audited) unaudited.push(name);
    }
    expect(unaudited).toEqual([]);
  }, 120_000);
});
