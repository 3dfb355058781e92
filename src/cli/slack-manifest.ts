import { commands } from '../../commands/index.js';
import { buildManifest } from '../adapters/slack/manifest.js';
import type { Verb } from './verbs.js';

/** `mktbot slack-manifest --url https://host [--socket] [--name NAME]`: the app manifest as JSON. */
export const slackManifest: Verb = {
  name: 'slack-manifest',
  summary: 'print the Slack app manifest (--url https://your-host, or --socket for Socket Mode)',
  async run({ args, stdout }) {
    let url: string | undefined;
    let name: string | undefined;
    let socketMode = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === '--url') url = args[++i];
      else if (a.startsWith('--url=')) url = a.slice('--url='.length);
      else if (a === '--name') name = args[++i];
      else if (a.startsWith('--name=')) name = a.slice('--name='.length);
      else if (a === '--socket') socketMode = true;
      else {
        process.stderr.write(`slack-manifest: unknown argument "${a}"\n`);
        return 2;
      }
    }
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
};
