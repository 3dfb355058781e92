// A child process (fork): the load generator of bench/comments.mjs. It POSTs comment webhooks
// (POST /webhooks/comments, Bearer secret, one comment each, as a sender such as Zapier or an
// agency's relay delivers them) and notes when each was sent and when it was answered.
// IPC in: {type:'burst', target, comments} sends them all at once;
//         {type:'steady', target, comments, rate} sends them at `rate` a second (open loop: a slow
//         answer never delays the next send).
// IPC out: {type:'done', sent: {key: ms}, answeredMs: number[], statuses: {code: n}, seconds}.
const now = () => performance.timeOrigin + performance.now();

function post(target, c) {
  return fetch(target.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${target.secret}`,
      'content-type': 'application/json',
      // Read by the baseline server only (mktbot classifies for itself): whether this comment alerts.
      ...(c.urgent ? { 'x-bench-urgent': '1' } : {}),
    },
    body: JSON.stringify({
      platform: 'instagram',
      id: c.key,
      text: c.text,
      author: 'bench',
      url: `https://bench.example/c/${c.key}`,
    }),
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
      const res = await post(m.target, c);
      await res.arrayBuffer();
      code = String(res.status);
    } catch (err) {
      code = err.cause?.code ?? 'error';
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
