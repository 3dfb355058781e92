// Shared by the benchmarks that go through the Slack adapter: a minimal Slack on 127.0.0.1 and signed
// slash-command requests. (The full fake with its checks is test/fakes/slack.ts; benchmarks want the
// cheapest peer, so the figures are ours.)
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * Every Web API call succeeds; response_url posts are accepted. `onCall(path, body)` sees each call;
 * what it returns, when not undefined, is the answer instead (a benchmark's own counters).
 */
export async function startMinimalSlack(onCall = () => {}) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const own = onCall(req.url ?? '', Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' });
      if (own !== undefined) return res.end(JSON.stringify(own));
      if (req.url?.startsWith('/respond/')) return res.end('ok');
      res.end(
        JSON.stringify({
          ok: true,
          ts: `${Date.now() / 1000}`,
          channel: 'C1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
          team_id: 'T1',
          user: { id: 'U1', is_admin: true },
        }),
      );
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => server.close() };
}

/** A slash command from user U1 in channel C1 of team T1, signed as Slack signs it: fetch options. */
export function slashCommand({ secret, slackUrl, n, command, text }) {
  const body = new URLSearchParams({
    command,
    text,
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: 'C1',
    user_id: 'U1',
    user_name: 'u',
    response_url: `${slackUrl}/respond/${n}`,
    trigger_id: `trigger-${n}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    },
    body,
  };
}
