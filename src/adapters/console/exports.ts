/**
 * Files in console mode: a terminal cannot attach a file, so each one a reply carries (the CSV of
 * /report format:csv) is written to the export folder (EXPORT_DIR, ./exports by default) and the
 * reply says where, instead of naming a file nobody can open.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineMessages, iso, type Locale } from '../../core/i18n.js';
import { type Block, context, type Reply } from '../../core/reply.js';

const m = defineMessages(
  'console-exports',
  { saved: (p: { path: string }) => `Saved the file to ${p.path}` },
  { saved: (p) => `حُفظ الملف في ${iso(p.path)}` },
);

/** The reply with each file block written to `dir` and replaced by a line with its path. */
export async function saveFiles(r: Reply, dir: string, locale: Locale): Promise<Reply> {
  if (!r.blocks.some((b) => b.kind === 'file')) return r;
  const folder = path.resolve(dir);
  await mkdir(folder, { recursive: true });
  const blocks: Block[] = [];
  for (const b of r.blocks) {
    if (b.kind !== 'file') {
      blocks.push(b);
      continue;
    }
    // The name comes from the bot, but keep it to one path segment all the same.
    const target = path.join(folder, path.basename(b.filename));
    await writeFile(target, b.content);
    blocks.push(context(m[locale].saved({ path: target })));
  }
  return { ...r, blocks };
}
