import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpServer, MAX_BODY_BYTES } from '../../src/http/server.js';
import { JobRunner } from '../../src/lib/job-runner.js';
import { createLogger } from '../../src/log.js';

const log = createLogger('silent');

describe('HttpServer', () => {
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers /healthz, 404 and 405, and hands routes the exact body bytes', async () => {
    server = new HttpServer(log);
    let seen = '';
    server.route('POST', '/echo', (req) => {
      seen = req.body.toString('utf8');
      return { status: 202, body: { ok: true } };
    });
    const port = await server.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/echo`)).status).toBe(405);
    const res = await fetch(`${base}/echo`, { method: 'POST', body: '{"a": "ü"}' });
    expect(res.status).toBe(202);
    expect(seen).toBe('{"a": "ü"}');
  });

  it('refuses bodies over the limit with 413 and does not call the route', async () => {
    server = new HttpServer(log);
    let called = false;
    server.route('POST', '/big', () => {
      called = true;
      return { status: 200 };
    });
    const port = await server.listen(0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/big`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(called).toBe(false);
  });

  it('gives a route its own body limit, and matches /* routes on one more path segment', async () => {
    server = new HttpServer(log);
    const seen: string[] = [];
    server.route('POST', '/bigger', (req) => ({ status: 200, body: { bytes: req.body.length } }), {
      maxBodyBytes: 2 * MAX_BODY_BYTES,
    });
    server.route('GET', '/things/*', (req) => {
      seen.push(req.path);
      return { status: 200 };
    });
    const port = await server.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    const ok = await fetch(`${base}/bigger`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(await ok.json()).toEqual({ bytes: MAX_BODY_BYTES + 1 });
    expect((await fetch(`${base}/bigger`, { method: 'POST', body: 'x'.repeat(2 * MAX_BODY_BYTES + 1) })).status).toBe(
      413,
    );
    expect((await fetch(`${base}/things/abc`)).status).toBe(200);
    expect((await fetch(`${base}/things/`)).status).toBe(404);
    expect((await fetch(`${base}/things/a/b`)).status).toBe(404);
    expect((await fetch(`${base}/things/abc`, { method: 'POST' })).status).toBe(405);
    expect(seen).toEqual(['/things/abc']);
  });

  it('turns a throwing route into a 500 without details', async () => {
    server = new HttpServer(log);
    server.route('GET', '/fail', () => {
      throw new Error('secret detail');
    });
    const port = await server.listen(0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/fail`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret detail');
  });
});

describe('JobRunner', () => {
  it('never runs a job twice at once and survives a failing run', async () => {
    const jobs = new JobRunner(log);
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    jobs.add({
      name: 'slow',
      schedule: '*/5 * * * * *',
      run: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((r) => {
          release = r;
        });
        active--;
        if (runs === 1) throw new Error('first run fails');
      },
    });
    const a = jobs.runNow('slow');
    const b = jobs.runNow('slow');
    expect(a).toBe(b);
    release();
    await a;
    const c = jobs.runNow('slow');
    release();
    await c;
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    await jobs.stop();
  });

  it('runs leader-only jobs on the replica holding the one lock, competed for at the first such run', async () => {
    let isLeader = false;
    const calls: string[] = [];
    const lock = {
      get isLeader() {
        return isLeader;
      },
      start: async () => {
        calls.push('start');
      },
      stop: async () => {
        calls.push('stop');
      },
    };
    const jobs = new JobRunner(log, lock);
    const ran: string[] = [];
    for (const name of ['a', 'b']) {
      jobs.add({ name, schedule: '0 0 1 1 *', leaderOnly: true, run: async () => void ran.push(name) });
    }
    jobs.add({ name: 'everywhere', schedule: '0 0 1 1 *', run: async () => void ran.push('everywhere') });
    await jobs.runNow('everywhere');
    expect(calls).toEqual([]);
    await jobs.runNow('a');
    expect(ran).toEqual(['everywhere']);
    isLeader = true;
    await jobs.runNow('a');
    await jobs.runNow('b');
    expect(ran).toEqual(['everywhere', 'a', 'b']);
    // One lock for both jobs, started once and released on stop.
    await jobs.stop();
    expect(calls).toEqual(['start', 'stop']);
  });

  it('waits for the stop hooks of background work on stop()', async () => {
    const jobs = new JobRunner(log);
    let stopped = false;
    jobs.onStop(async () => {
      await new Promise((r) => setTimeout(r, 20));
      stopped = true;
    });
    await jobs.stop();
    expect(stopped).toBe(true);
  });

  it('stop() asks a run in flight to wrap up, then waits for it', async () => {
    const jobs = new JobRunner(log);
    let finish: () => void = () => {};
    let asked = 0;
    jobs.add({
      name: 'long',
      schedule: '*/5 * * * * *',
      run: () =>
        new Promise<void>((r) => {
          finish = r;
        }),
      stop: () => {
        asked++;
        finish();
      },
    });
    const run = jobs.runNow('long');
    await jobs.stop();
    await run;
    expect(asked).toBe(1);
  });

  it('rejects an invalid schedule when the job is added', () => {
    const jobs = new JobRunner(log);
    expect(() => jobs.add({ name: 'bad', schedule: 'every tuesday', run: async () => {} })).toThrow(/invalid schedule/);
  });

  it("sends node-cron's missed-execution warning to the log, never to the console user's terminal", async () => {
    const lines: string[] = [];
    const captured = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const printed: unknown[] = [];
    const spies = (['log', 'warn', 'error', 'info'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args)),
    );
    const jobs = new JobRunner(captured);
    jobs.add({ name: 'every-second', schedule: '* * * * * *', run: async () => {} });
    jobs.start();
    try {
      await new Promise((r) => setTimeout(r, 1100));
      const until = Date.now() + 2500; // a blocked event loop, as a long report would cause
      while (Date.now() < until) {}
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await jobs.stop();
      for (const s of spies) s.mockRestore();
    }
    expect(printed).toEqual([]);
    expect(lines.some((l) => l.includes('missed execution') && l.includes('every-second'))).toBe(true);
  });
});
