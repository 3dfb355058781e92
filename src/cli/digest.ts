import { writeFileSync } from 'node:fs';
import { renderText } from '../adapters/console/render.js';
import { today } from '../lib/periods.js';
import { createApp } from '../main.js';
import { buildDigest } from '../reporting/digest.js';
import { takeWorkspaceFlag, workspaceFromRef } from '../workspace/workspace-ref.js';
import type { Verb } from './verbs.js';

const USAGE = 'Usage: mktbot digest --dry-run [--png FILE] [--workspace PLATFORM:ID]\n';

export const digest: Verb = {
  name: 'digest',
  summary: 'print the weekly digest for the last 7 full days (--dry-run; --png FILE saves the chart)',
  async run({ config, log, args, lang, stdout }) {
    const { spec, rest } = takeWorkspaceFlag(args);
    const dry = rest.includes('--dry-run');
    const pngAt = rest.indexOf('--png');
    const png = pngAt >= 0 ? rest[pngAt + 1] : undefined;
    const known = new Set(['--dry-run', '--png', ...(png ? [png] : [])]);
    if (!dry || rest.some((a) => !known.has(a)) || (pngAt >= 0 && !png)) {
      process.stderr.write(USAGE);
      return 2;
    }
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
};
