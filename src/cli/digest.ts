import { writeFileSync } from 'node:fs';
import { renderText } from '../adapters/console/render.js';
import { today } from '../lib/periods.js';
import { createApp } from '../main.js';
import { buildDigest } from '../reporting/digest.js';
import { workspaceFromRef } from '../workspace/workspace-ref.js';
import { defineVerb, workspaceOption } from './verb.js';

export const digest = defineVerb({
  name: 'digest',
  summary: 'print the weekly digest for the last 7 full days (--dry-run; --png FILE saves the chart)',
  details: ['The bot sends the digest itself on schedule; from the command line it is only printed.'],
  options: {
    'dry-run': { type: 'boolean', required: true, description: 'print the digest instead of sending it' },
    png: { type: 'string', valueName: 'FILE', description: 'also save the chart as a PNG file' },
    workspace: workspaceOption,
  },
  async run({ config, log, values, lang, stdout, usageError }) {
    const { png, workspace: spec } = values;
    if (png === '') return usageError('--png needs a file name');
    // Only the digest belongs on stdout: routine start-up logs would mix into it.
    const app = await createApp({ config: { ...config, PORT: undefined }, log: log.child({}, { level: 'warn' }) });
    try {
      const ws = await workspaceFromRef(app.services.db, spec);
      if (typeof ws === 'string') {
        process.stderr.write(`${ws}\n`);
        return 2;
      }
      const locale = lang ?? (ws.locale === 'ar' ? 'ar' : 'en');
      const r = await buildDigest(app.services, ws, today(app.services.clock.now(), ws.timezone), locale);
      stdout(`${renderText(r)}\n`);
      const image = r.blocks.find((b) => b.kind === 'image');
      if (png && image?.kind === 'image') writeFileSync(png, image.png);
      return 0;
    } finally {
      await app.stop();
    }
  },
});
