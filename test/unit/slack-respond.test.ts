import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseUrlError, respond } from '../../src/adapters/slack/reply-sender.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A response_url endpoint on 127.0.0.1 that hands each POST to `handle`. */
async function endpoint(handle: Handler) {
  const sockets = new Set<string>();
  const server = createServer((req, res) => {
    sockets.add(`${req.socket.remotePort}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  stops.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${port}/respond/1`, sockets, server };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('respond (response_url)', () => {
  it('posts the body as UTF-8 JSON and reuses one connection for the answers that follow', async () => {
    const seen: Array<{ type: string | undefined; length: string | undefined; body: unknown }> = [];
    const { url, sockets } = await endpoint((req, body, res) => {
      seen.push({ type: req.headers['content-type'], length: req.headers['content-length'], body: JSON.parse(body) });
      res.end('ok');
    });
    await respond(url, { response_type: 'ephemeral', text: 'تم ضبط العملة على SAR.' });
    await respond(url, { delete_original: true });
    expect(seen[0]).toEqual({
      type: 'application/json; charset=utf-8',
      length: String(Buffer.byteLength(JSON.stringify({ response_type: 'ephemeral', text: 'تم ضبط العملة على SAR.' }))),
      body: { response_type: 'ephemeral', text: 'تم ضبط العملة على SAR.' },
    });
    expect(seen[1]?.body).toEqual({ delete_original: true });
    expect(sockets.size).toBe(1);
  });

  it('throws what Slack answered when it refuses', async () => {
    const { url } = await endpoint((_req, _body, res) => {
      res.writeHead(400).end('invalid_blocks');
    });
    const err = await respond(url, { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseUrlError);
    expect(err).toMatchObject({ status: 400, body: 'invalid_blocks' });
  });

  it('fails, rather than waiting for ever, when Slack does not answer', async () => {
    const { url } = await endpoint(() => {
      // Never answers.
    });
    await expect(respond(url, { text: 'x' }, 200)).rejects.toThrow(/did not answer within 0.2 s/);
  });

  it('refuses an address that is not http(s)', async () => {
    await expect(respond('file:///etc/passwd', { text: 'x' })).rejects.toThrow(/http\(s\) address, not file:/);
  });
});
