// The minimal fake Slack as its own process (bench/slack-ack.mjs): prints `READY <url>` on stdout;
// `GET /_count` answers how many response_url posts it has received, so the load generator can tell
// when the work after the acks has drained.
import { startMinimalSlack } from './slack.mjs';

let responses = 0;
const fake = await startMinimalSlack((url) => {
  if (url === '/_count') return { responses };
  if (url.startsWith('/respond/')) responses++;
  return undefined;
});
process.stdout.write(`READY ${fake.url}\n`);
process.on('SIGTERM', () => {
  fake.close();
  process.exit(0);
});
