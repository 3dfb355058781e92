/**
 * The weekly digest's part for a job role, posted through the real Discord notifier (REST) against the
 * local fake: the role's people are mentioned for real, and only they may be pinged.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDigest } from '../../src/reporting/digest.js';
import type { TestApp } from '../helpers/app.js';
import { discordApp, type PlatformApp } from '../helpers/role-digests.js';

const HUDA = '1180000000000004444';
let platform: PlatformApp;
let app: TestApp;

beforeAll(async () => {
  platform = await discordApp();
  app = platform.app;
});
afterAll(() => platform?.stop());

it('addresses the SEO part of an Arabic digest to the SEO role with a real mention', async () => {
  const ws = await app.services.db.workspace.create({
    data: {
      platform: 'discord',
      externalId: '1180000000000000222',
      digestChannel: '1180000000000005103',
      locale: 'ar',
    },
  });
  await app.services.db.member.create({
    data: { workspaceId: ws.id, externalId: HUDA, name: 'Huda', jobRoles: 'seo' },
  });
  const csv = [
    'date,channel,campaign,impressions,clicks,spend,position',
    '2026-11-20,facebook,Launch,1000,20,10,',
    '2026-11-20,organic-search,,5000,150,,8.5',
  ].join('\n');
  expect((await app.services.metrics.importCsv(ws, csv)).ok).toBe(true);
  const digest = await buildDigest(app.services, ws, DateTime.fromISO('2026-11-23', { zone: 'UTC' }), 'ar');
  expect(digest.mention).toEqual([{ id: HUDA, name: 'Huda' }]);
  await app.services.notifier.post(ws, 'digest', digest);
  const [text] = platform.posted('1180000000000005103');
  expect(text).toContain(`<@${HUDA}>`);
  expect(text).toContain('تحسين محركات البحث: Huda');
  expect(text).toContain('البحث المجاني');
});
