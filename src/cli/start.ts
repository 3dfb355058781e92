import { start } from '../main.js';
import { defineVerb, type OptionSpec } from './verb.js';

/** Where console mode writes files a reply carries (/report format:csv), over EXPORT_DIR. */
const outOption = {
  type: 'string',
  valueName: 'DIR',
  description:
    'folder for files replies carry in console mode, e.g. /report format:csv (default EXPORT_DIR or ./exports)',
} as const satisfies OptionSpec;

export const startVerb = defineVerb({
  name: 'start',
  summary: 'run the bot: Slack or Discord when configured, else console mode (default)',
  details: ['In console mode each stdin line is a slash command (/help lists them); end of input exits.'],
  options: { out: outOption },
  async run({ config, log, lang, stdin, stdout, values }) {
    const exportDir = values.out ?? config.EXPORT_DIR;
    await start({ config, log, input: stdin, write: stdout, exportDir, ...(lang ? { lang } : {}) });
    return 0;
  },
});

export const consoleVerb = defineVerb({
  name: 'console',
  summary: 'run console mode even when Slack or Discord is configured',
  details: ['Each stdin line is a slash command (/help lists them); end of input exits.'],
  options: { out: outOption },
  async run({ config, log, lang, stdin, stdout, values }) {
    const exportDir = values.out ?? config.EXPORT_DIR;
    await start({ config, log, console: true, input: stdin, write: stdout, exportDir, ...(lang ? { lang } : {}) });
    return 0;
  },
});
