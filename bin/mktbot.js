#!/usr/bin/env node
// The CLI entry: runs the compiled program (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('mktbot is not built yet: run `npm run build` (npm install does it too).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
// Exit explicitly: a platform client left open must not keep a finished run alive.
process.exit(await main(process.argv.slice(2)));
