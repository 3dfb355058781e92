/**
 * The V8 flags that keep the bot under 200 MB resident (docs/operations.md, Memory) are passed by
 * `npm start` and the image alike (bench/memory.mjs reads them from `npm start`). One of them
 * forgetting them would make that start hold far more memory, with nothing else failing. The bin's
 * shebang stays plain: `env -S` is missing from BusyBox (Alpine).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=512'];
const read = (f: string) => readFileSync(path.join(packageRoot, f), 'utf8');

describe('the memory flags', () => {
  it('are not in the shebang of bin/mktbot.js, which must start wherever node does', () => {
    expect(read('bin/mktbot.js').split('\n')[0]).toBe('#!/usr/bin/env node');
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
