/**
 * .env.example documents every variable src/config.ts reads (docs/architecture.md §6), each with a
 * comment, and is safe to copy as it is: nothing is set, and secrets show placeholders only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig, SECRET_VARIABLES } from '../../src/config.js';
import { packageRoot } from '../../src/paths.js';

const text = readFileSync(path.join(packageRoot, '.env.example'), 'utf8');
const lines = text.split('\n');
/** `# NAME=value` (commented out) or `NAME=value`. */
const ENTRY = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/;
const entries = lines.flatMap((line, i) => {
  const m = ENTRY.exec(line);
  return m ? [{ name: m[1] ?? '', value: m[2] ?? '', line: i }] : [];
});

describe('.env.example', () => {
  it('lists every variable config.ts reads, once, and no other', () => {
    const listed = entries.map((e) => e.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('explains each variable in a comment just above it', () => {
    for (const e of entries) {
      const above = lines[e.line - 1] ?? '';
      expect(above, e.name).toMatch(/^# \S/);
      expect(ENTRY.test(above), `${e.name}: the line above is another variable`).toBe(false);
    }
  });

  it('sets nothing when copied to .env as it is: the bot starts on its defaults', () => {
    expect(parseEnv(text)).toEqual({});
    expect(() => loadConfig(parseEnv(text))).not.toThrow();
  });

  it('shows secrets as empty or obvious placeholders, never as real-looking values', () => {
    const secrets = new Set<string>(SECRET_VARIABLES);
    for (const e of entries.filter((x) => secrets.has(x.name))) {
      expect(e.value === '' || /your-/.test(e.value), `${e.name}=${e.value}`).toBe(true);
    }
  });
});
