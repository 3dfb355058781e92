import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionsOf } from '../../src/core/reply.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import { postOptions } from '../../src/publishing/scheduler.js';
import { FakeMailchimp } from '../fakes/mailchimp.js';
import { createTestApp, type TestApp, textOf } from '../helpers/app.js';
import { dispatcherFor } from '../helpers/dispatcher.js';

const MC_KEY = '0123456789abcdef-us19';

describe('the preview text /draft writes for an email reaches the Mailchimp campaign', () => {
  const mc = new FakeMailchimp();
  let app: TestApp;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    await mc.start();
    mc.addKey(MC_KEY);
    mc.addList('list1', 'Customers', 'Cold Brew Co', 'hello@coldbrew.example');
  });
  afterAll(async () => {
    await mc.close();
  });
  beforeEach(async () => {
    app = await createTestApp({ MAILCHIMP_API_URL: mc.url });
    app.clock.set('2026-11-26T09:00:00Z');
    mc.now = () => app.clock.now();
    dispatcher = dispatcherFor(app);
    expect((await app.say(`/connect mailchimp account:list1 token:${MC_KEY}`)).tone).toBe('success');
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function draftAndPublish(line: string): Promise<{ preview: string; settings: Record<string, unknown> }> {
    const drafted = await app.say(line);
    const id = actionsOf(drafted)[0]?.payload;
    expect((await app.say(`/schedule channel:mailchimp when:"2026-11-26 12:00" draft:${id}`)).tone).toBe('success');
    const post = await app.services.db.scheduledPost.findFirstOrThrow();
    const preview = postOptions(post).previewText ?? '';
    // What the draft showed is what is kept for the campaign, and /schedule show says it.
    expect(preview.length).toBeGreaterThan(0);
    expect(textOf(drafted)).toContain(preview);
    expect(textOf(await app.say(`/schedule show ${post.id}`))).toContain(preview);
    app.clock.set('2026-11-26T11:40:00Z');
    await dispatcher.tick();
    expect((await app.services.db.scheduledPost.findFirstOrThrow()).status).toBe('published');
    const campaign = [...mc.campaigns.values()].at(-1);
    return { preview, settings: (campaign?.settings ?? {}) as Record<string, unknown> };
  }

  it('sends it as settings.preview_text, next to the subject', async () => {
    const { preview, settings } = await draftAndPublish(
      '/draft mailchimp topic:"December newsletter: 3 HR compliance changes in KSA" tone:formal',
    );
    expect(settings.preview_text).toBe(preview);
    expect(settings.subject_line).toBeTruthy();
    expect(settings.preview_text).not.toBe(settings.subject_line);
  });

  it('in Arabic too, unchanged', async () => {
    await app.say('/config lang ar');
    const { preview, settings } = await draftAndPublish(
      '/draft mailchimp topic:"نشرة ديسمبر: 3 تغييرات في أنظمة العمل"',
    );
    expect(preview).toMatch(/[\u0600-\u06ff]/);
    expect(settings.preview_text).toBe(preview);
  });

  it('a post scheduled by hand has no preview text, and the campaign gets none', async () => {
    await app.say('/schedule mailchimp 2026-11-26 12:00 title:"December news" | Hello from Cold Brew Co');
    app.clock.set('2026-11-26T11:40:00Z');
    await dispatcher.tick();
    const campaign = [...mc.campaigns.values()].at(-1);
    expect(campaign?.settings).not.toHaveProperty('preview_text');
  });
});
