// A child process (fork): the baseline of bench/comments.mjs, the least any comment webhook can do
// on this machine. node:http, the bearer check, JSON.parse, one INSERT per comment into SQLite
// (better-sqlite3, WAL, unique key) and, for a comment the load generator marked urgent, one
// chat.postMessage to the same fake Slack before answering 202. No classification, no Prisma,
// no Bolt: what is left is the floor.
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const { BENCH_DB, BENCH_SECRET, BENCH_SLACK_URL } = process.env;
const db = new Database(BENCH_DB);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS comment (id INTEGER PRIMARY KEY, key TEXT UNIQUE, text TEXT, url TEXT)');
const insert = db.prepare('INSERT OR IGNORE INTO comment (key, text, url) VALUES (?, ?, ?)');

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    if (req.headers.authorization !== `Bearer ${BENCH_SECRET}`) {
      res.writeHead(401).end();
      return;
    }
    const c = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    insert.run(c.id, c.text, c.url);
    if (req.headers['x-bench-urgent'] === '1') {
      const alert = await fetch(`${BENCH_SLACK_URL}/api/chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ channel: 'C1', text: `⚠ ${c.text}\n${c.url}` }).toString(),
      });
      await alert.arrayBuffer();
    }
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"stored":1}');
  });
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
process.on('disconnect', () => {
  server.close();
  db.close();
  process.exit(0);
});
