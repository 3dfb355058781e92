#!/usr/bin/env node
// The CLI entry: runs the compiled program (npm install builds it; `npm run build` rebuilds it).
// `npm start` and the Dockerfile run it with the V8 flags that keep the bot under 200 MB resident
// (docs/operations.md, Memory). Not this shebang: `env -S`, needed to pass them here, is missing
// from BusyBox (Alpine), where `npx mktbot` would then not start at all.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

// Settings from a .env file in the working directory, when there is one (docs/architecture.md §6;
// .env.example lists every variable). A variable already in the environment wins over the file, so
// the shell, systemd or the container always has the last word. Values are never printed.
// util.parseEnv (Node 20.12+, the parser of `node --env-file`) rather than --env-file-if-exists,
// which Node 20 has only from 20.19.
const envFile = path.resolve('.env');
if (existsSync(envFile)) {
  let text;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch (err) {
    process.stderr.write(`mktbot: cannot read ${envFile} (${err.code ?? err.message})\n`);
    process.exit(1);
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('mktbot is not built yet: run `npm run build` (npm install does it too).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
// Exit explicitly: a platform client left open must not keep a finished run alive.
process.exit(await main(process.argv.slice(2)));
