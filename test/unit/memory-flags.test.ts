/**
 * The V8 flags that keep the bot under 200 MB resident (docs/operations.md, Memory) are passed by
 * every way the bot is started: `npx mktbot` (the bin's shebang), `npm start` and the image. One
 * of them forgetting them would make that start hold twice the memory, with nothing else failing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=512'];
const read = (f: string) => readFileSync(path.join(packageRoot, f), 'utf8');

describe('the memory flags', () => {
  it('are in the shebang of bin/mktbot.js, run through env -S so that both reach node', () => {
    const shebang = read('bin/mktbot.js').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${FLAGS.join(' ')}`);
  });

  it('are in npm start', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${FLAGS.join(' ')} bin/mktbot.js`);
  });

  it('are in the image entry point', () => {
    const entry = /^ENTRYPOINT (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(entry ?? '[]')).toEqual(['node', ...FLAGS, 'bin/mktbot.js']);
  });
});
