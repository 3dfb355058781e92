import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, Registry } from '../../src/http/metrics.js';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { createTestApp, identity, type TestApp } from '../helpers/app.js';
import { LogLines } from '../helpers/log-lines.js';

describe('metrics registry', () => {
  it('renders counters, gauges and histograms in the Prometheus text format', async () => {
    const r = new Registry();
    const c = r.counter('t_events_total', 'Events', ['kind']);
    const g = r.gauge('t_lag_seconds', 'Lag');
    const h = r.histogram('t_seconds', 'Durations', ['op'], [0.1, 1]);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'quote"back\\slash\nline' });
    g.set({}, 4.5);
    h.observe({ op: 'x' }, 0.05);
    h.observe({ op: 'x' }, 0.5);
    h.observe({ op: 'x' }, 3);
    expect(await r.render()).toBe(
      [
        '# HELP t_events_total Events',
        '# TYPE t_events_total counter',
        't_events_total{kind="a"} 3',
        't_events_total{kind="quote\\"back\\\\slash\\nline"} 1',
        '# HELP t_lag_seconds Lag',
        '# TYPE t_lag_seconds gauge',
        't_lag_seconds 4.5',
        '# HELP t_seconds Durations',
        '# TYPE t_seconds histogram',
        't_seconds_bucket{op="x",le="0.1"} 1',
        't_seconds_bucket{op="x",le="1"} 2',
        't_seconds_bucket{op="x",le="+Inf"} 3',
        't_seconds_sum{op="x"} 3.55',
        't_seconds_count{op="x"} 3',
        '',
      ].join('\n'),
    );
  });

  it('refuses a name twice, a bad name and a counter going down', () => {
    const r = new Registry();
    r.counter('a_total', 'A');
    expect(() => r.counter('a_total', 'A again')).toThrow(/twice/);
    expect(() => r.gauge('bad-name', 'x')).toThrow(/not valid/);
    expect(() => r.counter('b_total', 'B').inc({}, -1)).toThrow(/cannot go down/);
  });

  it('appends included registries (the process metrics) after its own metrics', async () => {
    const r = new Registry();
    r.gauge('t_own', 'Own').set({}, 1);
    r.include({ metrics: async () => '# HELP t_other Other\n# TYPE t_other gauge\nt_other 2\n\n' });
    expect(await r.render()).toBe(
      '# HELP t_own Own\n# TYPE t_own gauge\nt_own 1\n# HELP t_other Other\n# TYPE t_other gauge\nt_other 2\n',
    );
  });

  it('declares every metric the bot exports once', async () => {
    const text = await createMetrics().registry.render();
    for (const name of ['mktbot_commands_total', 'mktbot_publishes_total', 'mktbot_dispatcher_lag_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toMatch(/^mktbot_uptime_seconds \d/m);
  });
});

describe('HTTP request ids and logs', () => {
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps a sane X-Request-Id, makes one otherwise, and logs each request with it but without the query', async () => {
    const sink = new LogLines();
    const { lines } = sink;
    const metrics = createMetrics();
    server = new HttpServer(createLogger('info', sink), metrics);
    let seenId = '';
    server.route('GET', '/hook', (req) => {
      seenId = req.id;
      return { status: 204 };
    });
    const port = await server.listen(0, '127.0.0.1');
    const given = await fetch(`http://127.0.0.1:${port}/hook?hub.verify_token=s3cret`, {
      headers: { 'x-request-id': 'lb-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('lb-123');
    expect(seenId).toBe('lb-123');
    const made = await fetch(`http://127.0.0.1:${port}/nowhere`, { headers: { 'x-request-id': 'bad id\u00e9' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged).toContainEqual(
      expect.objectContaining({ reqId: 'lb-123', method: 'GET', path: '/hook', status: 204, msg: 'http request' }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ reqId: made.headers.get('x-request-id'), status: 404 }));
    expect(lines.join('')).not.toContain('s3cret');
    expect(metrics.httpRequests.get({ method: 'GET', route: '/hook', status: '204' })).toBe(1);
    // Unknown paths share one label value, so scanners cannot grow the series.
    expect(metrics.httpRequests.get({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
  });

  it('logs the requests a platform library answers itself (Slack) at debug only, and still counts them', async () => {
    const sink = new LogLines();
    const { lines } = sink;
    const metrics = createMetrics();
    server = new HttpServer(createLogger('info', sink), metrics);
    server.use((req, res) => {
      if (req.url !== '/slack/events') return false;
      res.writeHead(200).end();
      return true;
    });
    server.route('POST', '/hook', () => ({ status: 204 }));
    const port = await server.listen(0, '127.0.0.1');
    for (const path of ['/slack/events', '/slack/events', '/hook'])
      expect((await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    // A line per Slack command (a hundred at once) cost each ack time; the commands metric counts them.
    expect(lines.map((l) => JSON.parse(l).path)).toEqual(['/hook']);
    expect(metrics.httpRequests.get({ method: 'POST', route: 'adapter', status: '200' })).toBe(2);
  });
});

describe('/readyz and /metrics on the running app', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it('is ready when the database answers and every migration is applied, and says what is missing', async () => {
    app = await createTestApp({ PORT: '0' });
    const port = await app.listen();
    const base = `http://127.0.0.1:${port}`;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });

    // Forget one applied migration: this replica runs code newer than the database.
    await app.db.prisma.$executeRawUnsafe(
      'DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")',
    );
    let adapterConnected = false;
    app.readiness.add('discord', () => (adapterConnected ? undefined : 'gateway not connected'));
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not ready',
      checks: { database: '1 migration(s) not applied', discord: 'gateway not connected' },
    });
    adapterConnected = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("serves the standard process and Node.js metrics next to the bot's own, each declared once", async () => {
    app = await createTestApp({ PORT: '0' });
    const port = await app.listen();
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const standard = [
      ['process_start_time_seconds', 'gauge'],
      ['process_resident_memory_bytes', 'gauge'],
      ['process_cpu_seconds_total', 'counter'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_heap_size_used_bytes', 'gauge'],
    ];
    for (const [name, type] of standard) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    const started = Number(/^process_start_time_seconds (\d+)$/m.exec(text)?.[1]);
    expect(Math.abs(started - (Date.now() / 1000 - process.uptime()))).toBeLessThan(5);
    expect(Number(/^process_resident_memory_bytes (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(1_000_000);
    expect(text).toMatch(/^mktbot_uptime_seconds \d/m);
    const declared = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('counts commands by name and outcome, times them, and never uses typed text as a label', async () => {
    app = await createTestApp({ PORT: '0' });
    const port = await app.listen();
    await app.say('/config');
    await app.say('/config timezone Mars/Olympus');
    await app.say('/config lang ar', identity({ user: 'U2', admin: false }));
    await app.say('/no-such-command-xyz');
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toContain('mktbot_commands_total{command="config",outcome="ok"} 1');
    expect(text).toContain('mktbot_commands_total{command="config",outcome="user_error"} 2');
    expect(text).toContain('mktbot_commands_total{command="unknown",outcome="user_error"} 1');
    expect(text).not.toContain('no-such-command-xyz');
    expect(text).toMatch(/^mktbot_command_duration_seconds_count\{command="config"\} 3$/m);
  });
});
