import { start } from '../main.js';
import type { Verb } from './verbs.js';

export const startVerb: Verb = {
  name: 'start',
  summary: 'run the bot: Slack or Discord when configured, else console mode (default)',
  async run({ config, log, lang, stdin, stdout }) {
    await start({ config, log, input: stdin, write: stdout, ...(lang ? { lang } : {}) });
    return 0;
  },
};

export const consoleVerb: Verb = {
  name: 'console',
  summary: 'run console mode even when Slack or Discord is configured',
  async run({ config, log, lang, stdin, stdout }) {
    await start({ config, log, console: true, input: stdin, write: stdout, ...(lang ? { lang } : {}) });
    return 0;
  },
};
