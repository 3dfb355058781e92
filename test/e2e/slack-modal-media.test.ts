/**
 * Media from Slack's /schedule modal (issue 22): `/schedule x` typed without a time opens the
 * command modal, which carries a Block Kit file input (filetypes, max_files) because /schedule takes
 * files; the view_submission's state holds the files as Slack describes shared files; the bot
 * downloads them with its token (files:read) and hands them to the same media path as a file shared
 * in a DM: checked by their bytes, stored, and published with the post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import type { Dispatcher } from '../../src/publishing/dispatcher.js';
import {
  FakeSlack,
  interactionBody,
  signedPost,
  slashCommandBody,
  viewSubmissionPayload,
  type Wire,
} from '../fakes/slack.js';
import { FakeX } from '../fakes/x.js';
import { createTestApp, settledPosts, type TestApp } from '../helpers/app.js';
import { dispatcherFor } from '../helpers/linkedin.js';
import { png, zip } from '../helpers/media.js';
import { startSlack } from '../helpers/slack-adapter.js';
import { seedX, X_HANDLE, X_TOKEN } from '../helpers/x.js';

const SECRET = 'test-signing-secret';
const xapi = new FakeX();

describe('files put in the /schedule modal on Slack', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let events: string;
  let dispatcher: Dispatcher;
  let seq = 0;

  beforeAll(async () => {
    await xapi.start();
    seedX(xapi);
    fake = await new FakeSlack().start();
    app = await createTestApp({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      X_API_URL: xapi.url,
    });
    ({ adapter, events } = await startSlack(app));
    dispatcher = dispatcherFor(app);
    await app.say(`/connect x account:@${X_HANDLE} token:${X_TOKEN}`, {
      platform: 'slack',
      workspace: { externalId: 'T0001' },
      user: { externalId: 'U_ADMIN', platformAdmin: true },
    });
  });
  afterAll(async () => {
    await adapter?.stop();
    await app?.cleanup();
    await fake?.stop();
    await xapi.close();
  });

  /** `/schedule x` without a time: the modal Slack was asked to open, and where its answer goes. */
  async function openModal(): Promise<{ view: Wire; responseUrl: string }> {
    const responseUrl = fake.responseUrl();
    const triggerId = fake.triggerId();
    const body = slashCommandBody({
      command: '/schedule',
      text: 'x',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    expect((await signedPost(events, body, { secret: SECRET })).status).toBe(200);
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId));
    // Each opened view has its own id and hash, as Slack's do (a submission runs once per view).
    seq++;
    return { view: { ...(open.args.view as Wire), id: `V${seq}`, hash: `h${seq}` }, responseUrl };
  }

  async function submit(view: Wire, values: Record<string, string>, files: Array<Record<string, unknown>>) {
    const payload = viewSubmissionPayload({
      view,
      values,
      files: { mktbot_files: files },
      triggerId: fake.triggerId(),
    });
    return signedPost(events, interactionBody(payload), { secret: SECRET });
  }
  const answered = (url: string) => fake.until(() => fake.responsesTo(url).at(-1));

  it('offers a file input, and the files submitted are published with the post', async () => {
    const { view, responseUrl } = await openModal();
    const input = (view.blocks as Wire[]).find((b) => b.block_id === 'mktbot_files');
    expect(input).toMatchObject({
      type: 'input',
      optional: true,
      label: { text: 'Images or videos' },
      element: {
        type: 'file_input',
        filetypes: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'mp4', 'mov'],
        max_files: 4,
      },
    });
    const photo = png(1080, 1080);
    const res = await submit(view, { channel: 'x', when: 'in 10 minutes', text: 'Photo from the form' }, [
      fake.shareFile('launch.png', photo, 'image/png'),
    ]);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await answered(responseUrl))).toContain('Scheduled for X');
    // Downloaded with the bot token, from Slack's own host, as a DM's files are.
    expect(fake.fileDownloads.at(-1)?.authorization).toBe(`Bearer ${fake.botToken}`);
    app.clock.advance(10 * 60_000);
    await dispatcher.tick();
    await settledPosts(app, 'Photo from the form');
    const post = xapi.posts.find((p) => p.text === 'Photo from the form');
    expect(xapi.media.get(post?.mediaIds[0] ?? '')?.bytes).toBe(photo.length);
  });

  it('refuses a file that is not what its name says, and schedules nothing', async () => {
    const { view, responseUrl } = await openModal();
    await submit(view, { channel: 'x', when: 'in 10 minutes', text: 'Renamed in the form' }, [
      fake.shareFile('banner.png', zip(), 'image/png'),
    ]);
    expect(JSON.stringify(await answered(responseUrl))).toContain(
      'banner.png is not a JPEG, PNG, GIF, WebP, MP4, MOV or PDF file',
    );
    expect(await app.services.db.scheduledPost.count({ where: { content: 'Renamed in the form' } })).toBe(0);
  });

  it('a modal without files schedules as before', async () => {
    const { view, responseUrl } = await openModal();
    await submit(view, { channel: 'x', when: 'in 30 minutes', text: 'Text only from the form' }, []);
    expect(JSON.stringify(await answered(responseUrl))).toContain('Scheduled for X');
  });
});
