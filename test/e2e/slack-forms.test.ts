/**
 * A button that asks for a form, over the real Bolt app on HTTP: Edit reply on an alert opens a
 * modal prefilled with the draft (views.open with the press's trigger_id); submitting it posts the
 * edited reply at the fake Graph API once and re-renders the alert through the press's response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { FakeMetaGraph } from '../fakes/meta-graph.js';
import {
  blockActionPayload,
  FakeSlack,
  interactionBody,
  signedPost,
  viewSubmissionPayload,
  type Wire,
} from '../fakes/slack.js';
import { createTestApp, identity, type TestApp } from '../helpers/app.js';
import { startSlack } from '../helpers/slack-adapter.js';

const SECRET = 'test-signing-secret';
const PAGE = '111';
const PAGE_TOKEN = 'EAAGpage-token-forms';
let fake: FakeSlack;
let meta: FakeMetaGraph;
let app: TestApp;
let adapter: SlackAdapter;
let events: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  meta = await new FakeMetaGraph().start();
  app = await createTestApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    META_GRAPH_URL: meta.url,
    PORT: '0',
  });
  ({ adapter, events } = await startSlack(app, app.log));
});

afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
  await meta?.close();
});

const post = (payload: Record<string, unknown>) => signedPost(events, interactionBody(payload), { secret: SECRET });

function textOfBlocks(body: Record<string, unknown>): string {
  const parts: string[] = [String(body.text ?? '')];
  for (const b of (body.blocks ?? []) as Array<Wire>) {
    if (b.text?.text) parts.push(b.text.text);
    for (const e of b.elements ?? []) if (typeof e.text === 'string') parts.push(e.text);
  }
  return parts.join('\n');
}

describe('Slack forms', () => {
  it('Edit reply -> modal with the draft -> field error -> edited reply posted once, alert re-rendered', async () => {
    const admin = identity({ workspace: 'T0001', user: 'U_ADMIN', name: 'Ada' });
    meta.addPage(PAGE, PAGE_TOKEN, 'Cold Brew Co');
    await app.say(`/connect facebook account:${PAGE} token:${PAGE_TOKEN}`, admin);
    const angry = 'My order never arrived. I want a refund!';
    const commentId = meta.addComment(meta.addPost(PAGE), {
      message: angry,
      from: { id: '4', name: 'Sara' },
      at: new Date(),
    });
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
    const { comment } = await app.services.comments.ingest(ws, {
      provider: 'facebook',
      externalId: commentId,
      text: angry,
      author: 'Sara',
    });
    await app.services.db.comment.update({
      where: { id: comment.id },
      data: { replyDraft: 'Sorry Sara, checking now.' },
    });

    const pressUrl = fake.responseUrl();
    const triggerId = fake.triggerId();
    const press = await post(
      blockActionPayload({ actionId: 'alerts.edit', value: String(comment.id), responseUrl: pressUrl, triggerId }),
    );
    expect(press.status).toBe(200);
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId));
    const view = open.args.view as Wire;
    expect(view.callback_id).toBe('mktbot.form');
    expect(view.submit.text).toBe('Post reply');
    const input = (view.blocks as Array<Wire>).find((b) => b.block_id === 'text');
    expect(input?.element).toMatchObject({
      type: 'plain_text_input',
      multiline: true,
      initial_value: 'Sorry Sara, checking now.',
    });
    expect(fake.responsesTo(pressUrl)).toHaveLength(0);

    const blank = await post(viewSubmissionPayload({ view, values: { text: '  ' }, triggerId: fake.triggerId() }));
    expect(JSON.parse(blank.text)).toEqual({ response_action: 'errors', errors: { text: 'Fill this in.' } });
    expect(meta.repliesTo(commentId)).toHaveLength(0);

    const edited = 'Sorry Sara, your refund is on its way.';
    const submission = viewSubmissionPayload({ view, values: { text: edited }, triggerId: fake.triggerId() });
    expect((await post(submission)).text).toBe('');
    const [answer] = await fake.until(() =>
      fake.responsesTo(pressUrl).length > 0 ? fake.responsesTo(pressUrl) : undefined,
    );
    expect(answer?.replace_original).toBe(true);
    expect(textOfBlocks(answer ?? {})).toContain('Reply posted under the comment by Ada');
    expect(meta.repliesTo(commentId).map((r) => r.message)).toEqual([edited]);

    // Slack retrying the same submission changes nothing.
    await post(submission);
    await new Promise((r) => setTimeout(r, 200));
    expect(meta.repliesTo(commentId)).toHaveLength(1);
    expect(await app.services.db.auditLog.count({ where: { action: 'alert.reply', workspaceId: ws.id } })).toBe(1);
  });

  it('Schedule this -> modal asking only for the time -> the exact draft is scheduled once', async () => {
    const admin = identity({ workspace: 'T0001', user: 'U_ADMIN', name: 'Ada' });
    const drafted = await app.say('/draft facebook topic:"autumn menu launch" keywords:"pumpkin"', admin);
    const button = drafted.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : []))[0];
    const pressUrl = fake.responseUrl();
    const triggerId = fake.triggerId();
    await post(
      blockActionPayload({
        actionId: 'draft.schedule',
        value: button?.payload ?? '',
        responseUrl: pressUrl,
        triggerId,
      }),
    );
    const open = await fake.until(
      () => fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId),
      20_000,
    );
    const view = open.args.view as Wire;
    expect((view.blocks as Array<Wire>).map((b) => b.block_id)).toEqual(['when']);
    expect((view.blocks as Array<Wire>)[0]?.element).toMatchObject({ initial_value: 'tomorrow 9am' });
    // Its own view id: Slack dedupes submissions by view id and hash (the other test's is V1).
    const submission = viewSubmissionPayload({
      view: { ...view, id: 'V-draft', hash: 'h-draft' },
      values: { when: 'tomorrow 9am' },
      triggerId: fake.triggerId(),
    });
    expect((await post(submission)).text).toBe('');
    const [answer] = await fake.until(
      () => (fake.responsesTo(pressUrl).length > 0 ? fake.responsesTo(pressUrl) : undefined),
      20_000,
    );
    expect(textOfBlocks(answer ?? {})).toContain('Scheduled for Facebook');
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
    const posts = await app.services.db.scheduledPost.findMany({ where: { workspaceId: ws.id, channel: 'facebook' } });
    expect(posts).toHaveLength(1);
    const kept = (await app.services.audit.details(ws.id, Number(button?.payload), 'draft.create')) as { text: string };
    expect(posts[0]?.content).toBe(kept.text);
    expect(posts[0]?.content).toContain('\n\n');
  });

  it('refuses a form submitted for another workspace without posting anything', async () => {
    const other = await app.services.comments.consoleWorkspace();
    const { comment } = await app.services.comments.ingest(other, {
      provider: 'instagram',
      externalId: 'x9',
      text: 'bad bad bad, refund now',
      author: 'z',
    });
    const responseUrl = fake.responseUrl();
    const view = {
      id: 'V-forged',
      callback_id: 'mktbot.form',
      private_metadata: JSON.stringify({ action: 'alerts.write', payload: String(comment.id), responseUrl }),
      blocks: [{ type: 'input', block_id: 'text', element: { type: 'plain_text_input', action_id: 'value' } }],
    } as Wire;
    await post(viewSubmissionPayload({ view, values: { text: 'hello' }, triggerId: fake.triggerId() }));
    const [answer] = await fake.until(() =>
      fake.responsesTo(responseUrl).length > 0 ? fake.responsesTo(responseUrl) : undefined,
    );
    expect(textOfBlocks(answer ?? {})).toContain('does not exist in this workspace');
    const c = await app.services.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(c.repliedAt).toBeNull();
  });
});
