// The floor for bench/slack-ack.mjs, as its own process: a bare Bolt app whose every slash command
// handler only acks. Reads SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_API_URL; prints `READY <url>`.
import bolt from '@slack/bolt';

const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: bolt.LogLevel.ERROR,
});
app.command(/.*/, async ({ ack }) => ack());
const server = await app.start({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY http://127.0.0.1:${server.address().port}/slack/events\n`);
process.on('SIGTERM', async () => {
  await app.stop();
  process.exit(0);
});
