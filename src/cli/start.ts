import { start } from '../main.js';
import { defineVerb } from './verb.js';

export const startVerb = defineVerb({
  name: 'start',
  summary: 'run the bot: Slack or Discord when configured, else console mode (default)',
  details: ['In console mode each stdin line is a slash command (/help lists them); end of input exits.'],
  async run({ config, log, lang, stdin, stdout }) {
    await start({ config, log, input: stdin, write: stdout, ...(lang ? { lang } : {}) });
    return 0;
  },
});

export const consoleVerb = defineVerb({
  name: 'console',
  summary: 'run console mode even when Slack or Discord is configured',
  details: ['Each stdin line is a slash command (/help lists them); end of input exits.'],
  async run({ config, log, lang, stdin, stdout }) {
    await start({ config, log, console: true, input: stdin, write: stdout, ...(lang ? { lang } : {}) });
    return 0;
  },
});
