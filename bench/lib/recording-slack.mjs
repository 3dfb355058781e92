// A child process (fork): the minimal fake Slack of slack.mjs that notes when each alert arrives.
// An alert names its comment by the key the load generator put in the comment's link
// (https://bench.example/c/<key>); a message naming several keys (a review summary) is no alert.
// IPC: {type:'take'} -> {type:'arrivals', arrivals: {key: [ms, ...]}} (and forgets them).
import { startMinimalSlack } from './slack.mjs';

const KEY = /bk\d+x\d+y/g;
const now = () => performance.timeOrigin + performance.now();
let arrivals = {};
let others = 0;

const slack = await startMinimalSlack((url, body) => {
  if (!url.startsWith('/api/chat.postMessage')) return;
  const keys = new Set(decodeURIComponent(body.replace(/\+/g, ' ')).match(KEY) ?? []);
  if (keys.size !== 1) {
    others++;
    return;
  }
  const [key] = keys;
  arrivals[key] = [...(arrivals[key] ?? []), now()];
});
process.on('message', (m) => {
  if (m.type === 'take') {
    process.send({ type: 'arrivals', arrivals, others });
    arrivals = {};
    others = 0;
  }
});
process.on('disconnect', () => {
  slack.close();
  process.exit(0);
});
process.send({ type: 'ready', url: slack.url });
