/**
 * The real Bolt app over HTTP on the shared server, receiving requests signed exactly as Slack
 * signs them, and talking to a fake Slack Web API and response_url.
 */
import { MemoryStore } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { Router } from '../../src/core/router.js';
import { createLogger } from '../../src/log.js';
import {
  blockActionPayload,
  FakeSlack,
  interactionBody,
  signedPost,
  slashCommandBody,
  viewSubmissionPayload,
  type Wire,
} from '../fakes/slack.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { LogLines } from '../helpers/log-lines.js';
import { probe, TINY_PNG } from './slack-probe-command.js';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let app: TestApp;
let adapter: SlackAdapter;
let events: string;
const logs = new LogLines();

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await createTestApp({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
  });
  const router = new Router([...commands, probe], app.services, app.log);
  adapter = new SlackAdapter({
    config: app.services.config,
    router,
    services: app.services,
    http: app.http,
    log: createLogger('warn', logs),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await adapter.start();
  const port = await app.listen();
  events = `http://127.0.0.1:${port}/slack/events`;
  // The workspace's first member is its admin; make that the Slack admin so roles below are real.
  await command('/config', '');
});

afterAll(async () => {
  await adapter?.stop();
  await app?.cleanup();
  await fake?.stop();
});

async function command(name: string, text: string, o: { user?: string; headers?: Record<string, string> } = {}) {
  const responseUrl = fake.responseUrl();
  const triggerId = fake.triggerId();
  const body = slashCommandBody({
    command: name,
    text,
    response_url: responseUrl,
    trigger_id: triggerId,
    ...(o.user ? { user_id: o.user } : {}),
  });
  const res = await signedPost(events, body, { secret: SECRET, ...(o.headers ? { headers: o.headers } : {}) });
  return { ...res, responseUrl, triggerId, body };
}

/** The first answer posted to a response_url (work happens after the ack). */
const answered = (url: string, n = 1) =>
  fake.until(() => (fake.responsesTo(url).length >= n ? fake.responsesTo(url) : undefined));

function textOfBlocks(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as Array<Wire>;
  const parts: string[] = [String(body.text ?? '')];
  for (const b of blocks) {
    if (b.text?.text) parts.push(b.text.text);
    for (const f of b.fields ?? []) parts.push(f.text);
    for (const e of b.elements ?? []) if (typeof e.text === 'string') parts.push(e.text);
  }
  return parts.join('\n');
}

describe('slash commands', () => {
  it('acks at once with an empty 200 and answers through response_url', async () => {
    const res = await command('/config', 'currency EUR');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [first] = await answered(res.responseUrl);
    expect(first?.response_type).toBe('in_channel');
    expect(textOfBlocks(first ?? {})).toContain('Currency set to EUR');
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
    expect(ws.currency).toBe('EUR');
  });

  it("does not look each request up in Bolt's conversation store on the way to the ack (it keeps nothing there)", async () => {
    const lookups = vi.spyOn(MemoryStore.prototype, 'get');
    try {
      const res = await command('/config', '');
      expect(res.status).toBe(200);
      await answered(res.responseUrl);
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });

  it('reaches every command by its own slash command and through /mkt', async () => {
    const installed = [...commands, probe].filter((c) => c.name !== 'probe');
    for (const c of installed) {
      const own = await command(`/${c.name}`, '');
      const umbrella = await command('/mkt', c.name);
      expect(own.status).toBe(200);
      expect(umbrella.status).toBe(200);
      const main = c.subcommands.find((s) => s.name === (c.defaultSubcommand ?? ''));
      if (main && Object.values(main.options).some((o) => o.required)) {
        // Typed without its required options: both ways open the same form.
        const opened = (r: { triggerId: string }) =>
          fake.until(() => fake.callsTo('views.open').find((x) => x.args.trigger_id === r.triggerId));
        const [a, b] = await Promise.all([opened(own), opened(umbrella)]);
        expect((b.args.view as { blocks: unknown }).blocks).toEqual((a.args.view as { blocks: unknown }).blocks);
        continue;
      }
      const [a] = await answered(own.responseUrl);
      const [b] = await answered(umbrella.responseUrl);
      expect(textOfBlocks(a ?? {})).not.toMatch(/Something went wrong|There is no command/);
      // The same command gives the same answer whichever way it was typed.
      expect(b?.blocks).toEqual(a?.blocks);
    }
  });

  it('/mkt alone shows the help, and an unknown command gets a suggestion', async () => {
    const help = await command('/mkt', '');
    expect(textOfBlocks((await answered(help.responseUrl))[0] ?? {})).toContain('/config');
    const typo = await command('/mkt', 'confg');
    const [answer] = await answered(typo.responseUrl);
    expect(answer?.response_type).toBe('ephemeral');
    expect(textOfBlocks(answer ?? {})).toContain('/config');
  });

  it('treats Slack admins as admins and others by their stored role', async () => {
    const refused = await command('/config', 'currency SAR', { user: 'U_MEMBER' });
    const [answer] = await answered(refused.responseUrl);
    expect(answer?.response_type).toBe('ephemeral');
    expect(textOfBlocks(answer ?? {})).toMatch(/Only admins/);
    expect(fake.callsTo('users.info').some((c) => c.args.user === 'U_MEMBER')).toBe(true);
    const member = await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U_MEMBER' } });
    expect(member.role).toBe('member');
    const admin = await app.services.db.member.findFirstOrThrow({ where: { externalId: 'U_ADMIN' } });
    expect(admin.role).toBe('admin');
  });

  it('shows "working on it" for slow work, then replaces it with the result', async () => {
    const res = await command('/probe', 'slow private:on');
    expect(res.ms).toBeLessThan(1000);
    const [working, result] = await answered(res.responseUrl, 2);
    expect(working?.response_type).toBe('ephemeral');
    expect(String(working?.text)).toContain('Working on /probe slow');
    expect(result?.replace_original).toBe(true);
    expect(textOfBlocks(result ?? {})).toContain('done after a while');
  });

  it('a public slow result removes the working note and posts in the channel', async () => {
    const res = await command('/probe', 'slow');
    const all = await answered(res.responseUrl, 3);
    expect(all[1]).toEqual({ delete_original: true });
    expect(all[2]?.response_type).toBe('in_channel');
    expect(all[2]?.replace_original).toBe(false);
  });

  it('a failure after the ack still reaches the user, with a reference id', async () => {
    const res = await command('/probe', 'boom');
    expect(res.status).toBe(200);
    const [answer] = await answered(res.responseUrl);
    expect(answer?.response_type).toBe('ephemeral');
    expect(textOfBlocks(answer ?? {})).toMatch(/Something went wrong.*reference: [0-9a-f]{8}/s);
  });

  it('falls back to plain text when Slack refuses the blocks', async () => {
    fake.failResponse(400, 'invalid_blocks');
    const res = await command('/config', '');
    const [answer] = await answered(res.responseUrl);
    expect(answer?.blocks).toEqual([]);
    expect(String(answer?.text)).toContain('Settings');
  });

  it('splits an oversized reply into messages Slack accepts, marking what was cut', async () => {
    const res = await command('/probe', 'long');
    // The fake refuses anything over Slack's limits, so every recorded message passed them.
    const all = await answered(res.responseUrl, 3);
    expect(all).toHaveLength(3);
    const last = textOfBlocks(all[2] ?? {});
    expect(last).toMatch(/…/);
    expect(textOfBlocks(all[0] ?? {})).toContain('&lt;@U123&gt; &amp; &lt;!channel&gt;');
  });

  it('uploads charts with files.uploadV2 into the channel', async () => {
    // Earlier tests may upload too (/home draws the week's calendar): take the upload this command made.
    const before = fake.callsTo('files.completeUploadExternal').length;
    const res = await command('/probe', 'chart');
    await answered(res.responseUrl);
    const complete = await fake.until(() => fake.callsTo('files.completeUploadExternal')[before]);
    expect(complete.args.channel_id).toBe('C_TEAM');
    const files = complete.args.files as Array<{ id: string }>;
    const upload = fake.uploads.get(files[0]?.id ?? '');
    expect(upload?.filename).toBe('spend.png');
    expect(upload?.bytes?.includes(TINY_PNG)).toBe(true);
  });

  it('tells the user when a chart cannot be posted in the channel', async () => {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({
      command: '/probe',
      text: 'chart',
      response_url: responseUrl,
      trigger_id: fake.triggerId(),
      channel_id: 'G_PRIVATE',
    });
    await signedPost(events, body, { secret: SECRET });
    const all = await answered(responseUrl, 2);
    expect(String(all[1]?.text)).toContain('/invite @mktbot');
  });
});

describe('signatures and retries', () => {
  it('refuses a forged signature and a stale timestamp with 401, and does nothing', async () => {
    const before = fake.responses.length;
    const forged = slashCommandBody({
      command: '/config',
      text: 'currency JPY',
      response_url: fake.responseUrl(),
      trigger_id: fake.triggerId(),
    });
    expect((await signedPost(events, forged, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await signedPost(events, forged, { secret: SECRET, signature: 'v0=deadbeef' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await signedPost(events, forged, { secret: SECRET, ts: stale })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.responses.length).toBe(before);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
    expect(ws.currency).not.toBe('JPY');
  });

  it('refuses a validly signed request timestamped over five minutes ahead, and accepts one a minute ahead', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ahead = (text: string) =>
      slashCommandBody({ command: '/config', text, response_url: fake.responseUrl(), trigger_id: fake.triggerId() });
    const future = ahead('currency CHF');
    expect((await signedPost(events, future, { secret: SECRET, ts: now + 10 * 60 })).status).toBe(401);
    const soon = ahead('currency AED');
    const accepted = await signedPost(events, soon, { secret: SECRET, ts: now + 60 });
    expect(accepted.status).toBe(200);
    const responseUrl = new URLSearchParams(soon).get('response_url') ?? '';
    expect(textOfBlocks((await answered(responseUrl))[0] ?? {})).toContain('Currency set to AED');
    const refusedUrl = new URLSearchParams(future).get('response_url') ?? '';
    expect(fake.responsesTo(refusedUrl)).toHaveLength(0);
    const audits = await app.services.db.auditLog.findMany({ where: { action: 'config.set', target: 'currency' } });
    expect(audits.some((a) => JSON.stringify(a.details).includes('CHF'))).toBe(false);
  });

  it('acks a retried delivery but runs it once', async () => {
    const first = await command('/config', 'currency GBP');
    await answered(first.responseUrl);
    const retry = await signedPost(events, first.body, {
      secret: SECRET,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesTo(first.responseUrl)).toHaveLength(1);
    const audits = await app.services.db.auditLog.findMany({ where: { action: 'config.set', target: 'currency' } });
    expect(audits.filter((a) => JSON.stringify(a.details).includes('GBP'))).toHaveLength(1);
  });

  it('shares the port with /healthz', async () => {
    const res = await fetch(events.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
  });
});

describe('modals', () => {
  it('opens a modal built from the spec when required arguments are missing', async () => {
    const res = await command('/config', 'channel');
    expect(res.status).toBe(200);
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === res.triggerId));
    const view = open.args.view as Wire;
    const inputs = (view.blocks as Array<Wire>).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(['role', 'channel']);
    expect(inputs[0]?.element.type).toBe('static_select');
    expect(inputs[0]?.element.options.map((o: { value: string }) => o.value)).toEqual([
      'team',
      'alerts',
      'digest',
      'escalation',
    ]);
    expect(inputs[1]?.element.type).toBe('conversations_select');
    expect(inputs.every((b) => b.optional === false)).toBe(true);
    expect(fake.responsesTo(res.responseUrl)).toHaveLength(0);
  });

  it('reads a sub-action by its alias, typed and through /mkt, and opens its form when a value is missing', async () => {
    // Each one a change (a language the workspace already has changes nothing); each confirmed in
    // the language it sets.
    for (const [name, text, confirmed] of [
      ['/config', 'language ar', 'تم ضبط اللغة على العربية.'],
      ['/mkt', 'config language en', 'Language set to English.'],
    ] as const) {
      const res = await command(name, text);
      const [answer] = await answered(res.responseUrl);
      expect(textOfBlocks(answer ?? {})).toContain(confirmed);
    }
    const res = await command('/mkt', 'config language');
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === res.triggerId));
    const inputs = ((open.args.view as Wire).blocks as Array<Wire>).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(['value']);
    expect(String((open.args.view as Wire).private_metadata)).toContain('lang');
  });

  it('uses a multiline input for text options and prefills what was typed', async () => {
    const res = await command('/config', 'channel alerts');
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === res.triggerId));
    const role = ((open.args.view as Wire).blocks as Array<Wire>).find((b) => b.block_id === 'role');
    expect(role?.element.initial_option.value).toBe('alerts');
    const note = await command('/probe', 'note');
    const noteOpen = await fake.until(() =>
      fake.callsTo('views.open').find((c) => c.args.trigger_id === note.triggerId),
    );
    const body = ((noteOpen.args.view as Wire).blocks as Array<Wire>).find((b) => b.block_id === 'body');
    expect(body?.element).toMatchObject({ type: 'plain_text_input', multiline: true });
  });

  it('round trip: bad value -> field error, good value -> result', async () => {
    const res = await command('/mkt', 'config timezone');
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === res.triggerId));
    const view = open.args.view as Wire;

    const bad = await signedPost(
      events,
      interactionBody(viewSubmissionPayload({ view, values: { value: 'Mars/Olympus' }, triggerId: fake.triggerId() })),
      { secret: SECRET },
    );
    expect(bad.status).toBe(200);
    const errors = JSON.parse(bad.text) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(errors.errors.value).toMatch(/Mars\/Olympus.*not valid.*IANA/);

    const good = await signedPost(
      events,
      interactionBody(viewSubmissionPayload({ view, values: { value: 'Asia/Riyadh' }, triggerId: fake.triggerId() })),
      { secret: SECRET },
    );
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
    const [answer] = await answered(res.responseUrl);
    expect(textOfBlocks(answer ?? {})).toContain('Time zone set to Asia/Riyadh');
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
    expect(ws.timezone).toBe('Asia/Riyadh');
  });

  it('gives field errors in the workspace language', async () => {
    await answered((await command('/config', 'lang ar')).responseUrl);
    try {
      const res = await command('/config', 'currency');
      const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === res.triggerId));
      const view = open.args.view as Wire;
      expect(view.submit.text).toBe('تشغيل');
      const bad = await signedPost(
        events,
        interactionBody(viewSubmissionPayload({ view, values: { value: 'ZZZ' }, triggerId: fake.triggerId() })),
        { secret: SECRET },
      );
      const errors = JSON.parse(bad.text) as { errors: Record<string, string> };
      expect(errors.errors.value).toContain('غير صالحة');
    } finally {
      await answered((await command('/config', 'lang en')).responseUrl);
    }
  });
});

describe('buttons', () => {
  it('renders actions with their ids and payloads, and routes a press to the router', async () => {
    const res = await command('/probe', 'buttons');
    const [answer] = await answered(res.responseUrl);
    const actionsBlock = ((answer?.blocks ?? []) as Array<Wire>).find((b) => b.type === 'actions');
    expect(actionsBlock?.elements.map((e: { action_id: string; value: string }) => [e.action_id, e.value])).toEqual([
      ['probe.pick', '1'],
      ['probe.pick#2', '2'],
    ]);

    const pressUrl = fake.responseUrl();
    const press = await signedPost(
      events,
      interactionBody(
        blockActionPayload({
          actionId: 'probe.pick#2',
          value: '2',
          responseUrl: pressUrl,
          triggerId: fake.triggerId(),
        }),
      ),
      { secret: SECRET },
    );
    expect(press.status).toBe(200);
    const [pressed] = await answered(pressUrl);
    expect(pressed?.replace_original).toBe(true);
    expect(textOfBlocks(pressed ?? {})).toContain('picked 2');
  });

  it('refuses a forged payload without running anything', async () => {
    const pressUrl = fake.responseUrl();
    await signedPost(
      events,
      interactionBody(
        blockActionPayload({ actionId: 'probe.pick', value: '9', responseUrl: pressUrl, triggerId: fake.triggerId() }),
      ),
      { secret: SECRET },
    );
    const [answer] = await answered(pressUrl);
    expect(textOfBlocks(answer ?? {})).toContain('no longer valid');
  });
});

describe('requests that name no Slack workspace', () => {
  const both = (answer: Record<string, unknown> | undefined) => {
    expect(answer?.response_type).toBe('ephemeral');
    expect(String(answer?.text)).toContain('could not tell which Slack workspace');
    expect(String(answer?.text)).toContain('مساحة عمل Slack');
  };
  const teamless = { team: null, user: { id: 'U_ADMIN', username: 'ada', name: 'ada' } };

  it('a signed button press with team: null and no user.team_id runs nothing and creates no workspace', async () => {
    const workspaces = await app.services.db.workspace.count();
    const pressUrl = fake.responseUrl();
    const press = blockActionPayload({
      actionId: 'probe.pick',
      value: '1',
      responseUrl: pressUrl,
      triggerId: fake.triggerId(),
    });
    const res = await signedPost(events, interactionBody({ ...press, ...teamless }), { secret: SECRET });
    expect(res.status).toBe(200);
    const [answer] = await answered(pressUrl);
    both(answer);
    expect(textOfBlocks(answer ?? {})).not.toContain('picked');
    expect(await app.services.db.workspace.count()).toBe(workspaces);
    expect(await app.services.db.workspace.count({ where: { externalId: '' } })).toBe(0);
    expect(logs.lines.join('')).toContain('names no workspace');
  });

  it('so do a modal submission and a slash command without a team id', async () => {
    const workspaces = await app.services.db.workspace.count();
    const opened = await command('/config', 'timezone');
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === opened.triggerId));
    const view = { ...(open.args.view as Wire), team_id: '' };
    const submission = viewSubmissionPayload({ view, values: { value: 'Asia/Tokyo' }, triggerId: fake.triggerId() });
    const submitted = await signedPost(
      events,
      interactionBody({ ...submission, ...teamless, view: { ...(submission.view as Wire), team_id: '' } }),
      {
        secret: SECRET,
      },
    );
    expect(submitted.status).toBe(200);
    both((await answered(opened.responseUrl))[0]);

    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({
      command: '/config',
      text: 'currency NOK',
      team_id: '',
      response_url: responseUrl,
      trigger_id: fake.triggerId(),
    });
    expect((await signedPost(events, body, { secret: SECRET })).status).toBe(200);
    both((await answered(responseUrl))[0]);
    expect(await app.services.db.workspace.count()).toBe(workspaces);
    const ws = await app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
    expect(ws.timezone).not.toBe('Asia/Tokyo');
    expect(ws.currency).not.toBe('NOK');
  });
});

describe('people and channels typed after a command (should_escape)', () => {
  const said = async (name: string, text: string) => {
    const res = await command(name, text);
    const [answer] = await answered(res.responseUrl);
    return { ...res, answer, text: textOfBlocks(answer ?? {}) };
  };
  const workspace = () =>
    app.services.db.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0001' } });
  const member = (externalId: string) => app.services.db.member.findFirst({ where: { externalId } });

  it('stores the person id from <@U…|name> and <@U…>', async () => {
    const sara = await said('/roles', 'set <@U0SARA|sara> manager');
    expect(sara.text).toContain('is now manager');
    expect((await member('U0SARA'))?.role).toBe('manager');
    await said('/mkt', 'roles set <@U0OMAR> social');
    expect((await member('U0OMAR'))?.role).toBe('social');
    expect(await member('sara')).toBeNull();
  });

  it('stores the channel id from <#C…|name> and <#C…>, which files.uploadV2 can post into', async () => {
    await said('/alerts', 'config channel:<#C123|alerts> escalate:<#C0ESC>');
    expect((await workspace()).alertChannel).toBe('C123');
    expect((await workspace()).escalationChannel).toBe('C0ESC');
    fake.channels.set('C0PROMO', { id: 'C0PROMO', name: 'promo', member: true });
    const set = await said('/config', 'channel digest <#C0PROMO|promo>');
    expect(set.text).toContain('C0PROMO');
    const ws = await workspace();
    expect(ws.digestChannel).toBe('C0PROMO');
    const chart = { kind: 'image' as const, png: TINY_PNG, alt: 'spend', filename: 'digest.png' };
    await adapter.notifier.post(ws, 'digest', { title: 'Digest', blocks: [chart] });
    const complete = fake.callsTo('files.completeUploadExternal').at(-1);
    expect(complete?.args.channel_id).toBe('C0PROMO');
  });

  it('refuses a person or channel Slack sent as plain text, in the workspace language, changing nothing', async () => {
    const before = await workspace();
    const person = await said('/roles', 'set @sara admin');
    expect(person.answer?.response_type).toBe('ephemeral');
    expect(person.text).toContain('Slack sent "@sara" as plain text');
    expect(person.text).toContain('npx mktbot slack-manifest');
    expect(await member('sara')).toBeNull();
    const channel = await said('/config', 'channel team #general');
    expect(channel.text).toContain('Slack sent "#general" as plain text rather than as a channel');
    expect((await workspace()).teamChannel).toBe(before.teamChannel);
    await said('/config', 'lang ar');
    try {
      const ar = await said('/alerts', 'config channel:#social');
      expect(ar.text).toContain('نصًا عاديًا');
      expect(ar.text).toContain('#social');
    } finally {
      await said('/config', 'lang en');
    }
    expect((await workspace()).alertChannel).toBe('C123');
  });

  it('gives other options the text as the person saw it: names, links as typed, & < >', async () => {
    const note = await said(
      '/probe',
      'note "Thanks <@U0SARA|sara> &amp; <#C123|alerts>: see <https://example.com/a?b=1&amp;c=2|example.com/a?b=1&amp;c=2> &lt;3"',
    );
    // The reply's own mrkdwn escaping is what turns & and < back into entities here.
    expect(note.text).toContain('noted: Thanks @sara &amp; #alerts: see example.com/a?b=1&amp;c=2 &lt;3');
  });

  it("the form for /roles set offers Slack's people picker, whose id is stored", async () => {
    const res = await command('/roles', 'set');
    const open = await fake.until(() => fake.callsTo('views.open').find((c) => c.args.trigger_id === res.triggerId));
    // Views are claimed by id and hash (Slack retries): this one is new.
    const view: Wire = { ...(open.args.view as Wire), id: 'V0ROLES', hash: 'h0roles' };
    const user = (view.blocks as Array<Wire>).find((b) => b.block_id === 'user');
    expect(user?.element.type).toBe('users_select');
    const submitted = await signedPost(
      events,
      interactionBody(
        viewSubmissionPayload({ view, values: { user: 'U0LINA', role: 'manager' }, triggerId: fake.triggerId() }),
      ),
      { secret: SECRET },
    );
    expect(submitted.text).toBe('');
    await answered(res.responseUrl);
    expect((await member('U0LINA'))?.role).toBe('manager');
  });

  it('"@mktbot roles set @rami social" in a channel keeps the person mention as input', async () => {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: 'T0001',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev0RAMI',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
      event: {
        type: 'app_mention',
        user: 'U_ADMIN',
        text: '<@UBOT> roles set <@U0RAMI> social',
        ts: '1700000000.000300',
        channel: 'C_TEAM',
        event_ts: '1700000000.000300',
      },
    });
    expect((await signedPost(events, body, { secret: SECRET }, 'application/json')).status).toBe(200);
    const posted = await fake.until(() =>
      fake.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes('is now social')),
    );
    expect(posted.args.channel).toBe('C_TEAM');
    expect((await member('U0RAMI'))?.role).toBe('social');
  });
});
