// A child process (fork): the load generator of bench/comments.mjs. It POSTs comment webhooks
// (POST /webhooks/comments, Bearer secret, one comment each, as a sender such as Zapier or an
// agency's relay delivers them) and notes when each was sent and when it was answered.
// IPC in: {type:'burst', target, comments} sends them all at once;
//         {type:'steady', target, comments, rate} sends them at `rate` a second (open loop: a slow
//         answer never delays the next send).
// IPC out: {type:'done', sent: {key: ms}, answeredMs: number[], statuses: {code: n}, seconds}.
// Like a real sender (Meta, a relay), it keeps its connections open and uses at most CONNECTIONS at
// once; the rest wait their turn, and that wait counts in their latency. (1,000 connections opened
// at once would measure the kernel's accept queue and TCP's retransmission timers instead.)
import http from 'node:http';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const now = () => performance.timeOrigin + performance.now();

function post(target, c) {
  const body = JSON.stringify({
    platform: 'instagram',
    id: c.key,
    text: c.text,
    author: 'bench',
    url: `https://bench.example/c/${c.key}`,
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${target.secret}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          // Read by the baseline server only (mktbot classifies for itself): whether this comment alerts.
          ...(c.urgent ? { 'x-bench-urgent': '1' } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(m) {
  const sent = {};
  const answeredMs = [];
  const statuses = {};
  const one = async (c) => {
    const t0 = now();
    sent[c.key] = t0;
    let code = 'error';
    try {
      code = String(await post(m.target, c));
    } catch (err) {
      code = err.code ?? 'error';
    }
    statuses[code] = (statuses[code] ?? 0) + 1;
    answeredMs.push(now() - t0);
  };
  const start = now();
  if (m.type === 'burst') {
    await Promise.all(m.comments.map(one));
  } else {
    const pending = [];
    let next = 0;
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(m.comments.length, Math.floor(((now() - start) / 1000) * m.rate) + 1);
        while (next < due) pending.push(one(m.comments[next++]));
        if (next >= m.comments.length) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    await Promise.all(pending);
  }
  process.send({ type: 'done', sent, answeredMs, statuses, seconds: (now() - start) / 1000 });
}

process.on('message', (m) => {
  run(m).catch((err) => {
    process.send({ type: 'failed', error: String(err?.stack ?? err) });
  });
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
