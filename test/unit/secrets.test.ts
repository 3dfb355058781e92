import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Secrets } from '../../src/workspace/secrets.js';

describe('Secrets', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'mktbot-secrets-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('round-trips with a fresh IV each time and hides the plaintext', () => {
    const s = Secrets.load('a'.repeat(64), tmp());
    const one = s.seal('{"token":"EAAG-secret"}');
    const two = s.seal('{"token":"EAAG-secret"}');
    expect(one).not.toBe(two);
    expect(one).not.toContain('EAAG');
    expect(s.open(one)).toBe('{"token":"EAAG-secret"}');
  });

  it('accepts a base64 key and refuses a tampered value or another key', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const s = Secrets.load(key, tmp());
    const sealed = s.seal('hello');
    const flipped = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(() => s.open(flipped)).toThrow();
    expect(() => Secrets.load('b'.repeat(64), tmp()).open(sealed)).toThrow();
  });

  it('generates the key once into the data folder with mode 0600 and reuses it', () => {
    const dir = tmp();
    const first = Secrets.load(undefined, dir);
    const file = path.join(dir, 'encryption.key');
    const key = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('kept');
    expect(Secrets.load(undefined, dir).open(sealed)).toBe('kept');
    expect(readFileSync(file, 'utf8')).toBe(key);
  });
});
