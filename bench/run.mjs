// Runs every bench/*.bench.mjs in turn (after `npm run build`); each prints its own figures.
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const only = process.argv[2];
for (const file of readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  process.stdout.write(`\n## ${file}\n`);
  const mod = await import(new URL(file, here).href);
  await mod.default();
}
