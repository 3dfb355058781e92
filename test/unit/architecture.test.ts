/**
 * The layout rules of docs/architecture.md, checked on every run: no import cycle in the program,
 * no command reaching the database client, small folders and small files. The imports are read as
 * text (type-only imports count too, as madge counts them), so a rule broken by a new file fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PROGRAM = ['src', 'commands', 'integrations'];
/**
 * Files that hold data, not logic, may be long (docs/architecture.md, "Data out of code"). Matched
 * on the path inside the repository: a checkout under a folder named "data" exempts nothing.
 */
const DATA = /\/data\//;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The program's own files that `file` imports (relative specifiers only; packages are leaves). */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec?.startsWith('.')) continue;
    out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

/** Every cycle's files, found by a depth-first walk (each cycle reported once, from its first file). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const files = PROGRAM.flatMap((d) => sourceFiles(join(ROOT, d)));
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));
const rel = (f: string) => relative(ROOT, f);

describe('the layout (docs/architecture.md)', () => {
  it('the cycle finder finds a cycle, and none where there is none', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
    expect(importsOf('/x/y.ts', "import type { A } from '../core/a.js';\nexport { b } from './b.js';")).toEqual([
      '/core/a.ts',
      '/x/b.ts',
    ]);
  });

  it('has no import cycle in src/, commands/ or integrations/', () => {
    expect(findCycles(graph).map((c) => c.map(rel).join(' -> '))).toEqual([]);
  });

  it('no command imports the database client or Prisma', () => {
    const offenders = files
      .filter((f) => rel(f).startsWith('commands/'))
      .filter((f) => {
        const text = readFileSync(f, 'utf8');
        return (
          /from\s+['"]@prisma\/client['"]/.test(text) ||
          (graph.get(f) ?? []).some((t) => rel(t).startsWith('src/db/')) ||
          /\bservices\.db\b/.test(text)
        );
      })
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('platform code stays in src/adapters/', () => {
    const offenders = files
      .filter((f) => !rel(f).startsWith('src/adapters/') && rel(f) !== 'src/main.ts')
      .filter((f) => /from\s+['"](@slack\/bolt|discord\.js)['"]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('no folder under src/ holds more than 15 source files directly', () => {
    const perFolder = new Map<string, number>();
    for (const f of files.filter((f) => rel(f).startsWith('src/')))
      perFolder.set(rel(dirname(f)), (perFolder.get(rel(dirname(f))) ?? 0) + 1);
    expect([...perFolder].filter(([, n]) => n > 15)).toEqual([]);
  });

  it('no source file outside data is over 500 lines', () => {
    const long = files
      .filter((f) => !DATA.test(rel(f)))
      .map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 500);
    expect(long).toEqual([]);
  });

  it('files under a data/ folder import only types: the code that reads the data lives outside data/', () => {
    const offenders = files
      .filter((f) => DATA.test(rel(f)))
      .filter((f) => /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('every "docs/architecture.md" section a comment cites exists, and no comment cites DESIGN', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const sections = new Set([...doc.matchAll(/^#{2,3} (\d+(?:\.\d+)?)[ .]/gm)].map((m) => m[1]));
    const bad: string[] = [];
    for (const f of [...files, ...sourceFiles(join(ROOT, 'test')), ...sourceFiles(join(ROOT, 'bench'))]) {
      const text = readFileSync(f, 'utf8');
      if (/\bDESIGN \d/.test(text)) bad.push(`${rel(f)}: cites DESIGN`);
      for (const m of text.matchAll(/architecture\.md §(\d+(?:\.\d+)?)/g))
        if (!sections.has(m[1] ?? '')) bad.push(`${rel(f)}: §${m[1]} is not a section`);
    }
    expect(bad).toEqual([]);
  });

  it('no test builds dist/ itself: test/global-setup.ts compiles it once, before any test file runs', () => {
    // A test file that ran `npm run build` rewrote dist/ while other files ran the CLI from it
    // ("does not provide an export named ..." from a half-written file) and failed CI at random.
    const building = sourceFiles(join(ROOT, 'test'))
      .filter((f) => !f.endsWith('global-setup.ts') && !f.endsWith('architecture.test.ts'))
      .filter((f) => /\[\s*'run',\s*'build'|tsconfig\.build\.json['"]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(building).toEqual([]);
  });
});
