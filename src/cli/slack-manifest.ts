import { commands } from '../../commands/index.js';
import { buildManifest } from '../adapters/slack/manifest.js';
import { defineVerb } from './verb.js';

/** `mktbot slack-manifest --url https://host [--socket] [--name NAME]`: the app manifest as JSON. */
export const slackManifest = defineVerb({
  name: 'slack-manifest',
  summary: 'print the Slack app manifest (--url https://your-host, or --socket for Socket Mode)',
  details: ['Paste it at https://api.slack.com/apps: Create New App, From an app manifest (docs/slack.md).'],
  options: {
    url: {
      type: 'string',
      valueName: 'https://HOST',
      description: "this server's public https:// address (Slack over HTTP)",
    },
    socket: { type: 'boolean', description: 'Socket Mode: no public URL needed (set SLACK_APP_TOKEN)' },
    name: { type: 'string', valueName: 'NAME', description: "the app's name in Slack (default: mktbot)" },
  },
  async run({ values, stdout }) {
    const { url, name, socket: socketMode } = values;
    if (url !== undefined && !/^https:\/\/[^\s/]+/.test(url)) {
      process.stderr.write('slack-manifest: --url must be the public https:// address of this server\n');
      return 2;
    }
    if (!url && !socketMode) {
      process.stderr.write(
        'slack-manifest: give --url https://your-host (Slack over HTTP) or --socket (Socket Mode, no public URL)\n',
      );
      return 2;
    }
    const manifest = buildManifest(commands, {
      socketMode,
      ...(url ? { url } : {}),
      ...(name ? { name } : {}),
    });
    stdout(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  },
});
