import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR } from '../../src/listening/sentiment/index.js';
import { packageRoot } from '../../src/paths.js';
import { fontFiles } from '../../src/reporting/charts.js';

// No Docker engine runs on the development machines, so the image is never built in CI: this reads
// the Dockerfile instead, so that files the bot reads at run time outside dist/ are not left out and
// the layer order that keeps rebuilds cheap stays (docs/operations.md, "The image").
const dockerfile = readFileSync(path.join(packageRoot, 'Dockerfile'), 'utf8');
const stages = dockerfile
  .split(/\n(?=FROM )/)
  .filter((s) => s.startsWith('FROM '))
  .map((text) => ({ name: /^FROM \S+(?: AS (\S+))?/.exec(text)?.[1], text }));
const runtime = stages.at(-1)?.text ?? '';
const stage = (name: string | undefined) => stages.find((s) => s.name === name)?.text ?? '';
/** The stage the runtime's node_modules come from. */
const depsName = /^COPY --from=(\S+) \/app\/node_modules \.\/node_modules$/m.exec(runtime)?.[1];
const deps = stage(depsName);
/** Lines of RUN instructions, continuation lines joined. */
const runs = (text: string) => [...text.replace(/\\\n/g, ' ').matchAll(/^RUN (.*)$/gm)].map((m) => m[1] ?? '');

describe('the Docker build', () => {
  it('installs dependencies before it copies any source, so a code change reuses the install', () => {
    for (const { name, text } of stages.filter((s) => /\bnpm ci\b/.test(s.text))) {
      const install = text.search(/^RUN npm ci\b/m);
      const sources = text.search(/^COPY (src|commands|integrations|bin) /m);
      expect(install, `stage ${name}`).toBeGreaterThan(0);
      if (sources >= 0) expect(install, `stage ${name}`).toBeLessThan(sources);
    }
  });

  it('compiles better-sqlite3 in a stage that copies only package.json and package-lock.json', () => {
    expect(runs(deps).join('\n')).toContain('npm rebuild better-sqlite3');
    const copies = [...deps.matchAll(/^COPY (.*)$/gm)].map((m) => m[1]);
    expect(copies).toEqual(['package.json package-lock.json ./']);
  });

  it('gives the runtime production dependencies only, without the optional peers prisma and typescript', () => {
    expect(depsName).toBeDefined();
    const install = runs(deps).find((r) => r.startsWith('npm ci'));
    expect(install).toMatch(/--omit=dev\b/);
    // --omit=dev keeps devOptional packages: @prisma/client's optional peers (prisma, typescript).
    expect(install).toMatch(/--omit=optional\b/);
    // undici, a required peer of Slack Socket Mode, must stay.
    expect(install).not.toMatch(/--omit=peer\b/);
    // The build stage installs dev dependencies too: its node_modules never reaches the runtime whole.
    expect(runtime).not.toMatch(/^COPY --from=build \/app\/node_modules \.\/node_modules$/m);
    expect(runtime).not.toMatch(/\bnpm (ci|install)\b/);
  });

  it("adds the generated Prisma clients and the chart renderer's platform binary from the build stage", () => {
    expect(runtime).toContain('COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma');
    expect(runtime).toContain('COPY --from=build /app/node_modules/@resvg ./node_modules/@resvg');
    const build = stage('build');
    expect(runs(build)).toContain('npm run generate --silent');
    const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
    expect(pkg.scripts.postinstall).toContain('npm run generate');
  });

  it('deletes nothing from node_modules that the program loads', () => {
    const removed = runs(deps)
      .flatMap((r) => r.split('&&'))
      .flatMap((cmd) => /^\s*rm -rf (.*)$/.exec(cmd)?.[1]?.trim().split(/\s+/) ?? [])
      .filter((p) => p.startsWith('node_modules/'));
    expect(removed.length).toBeGreaterThan(0);
    const matches = (file: string, glob: string) => {
      const re = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
      return new RegExp(`^${re}(/|$)`).test(file);
    };
    const require = createRequire(import.meta.url);
    const inNodeModules = (p: string) => p.slice(p.lastIndexOf('node_modules/'));
    const loaded = [
      ...fontFiles().map(inNodeModules),
      inNodeModules(require.resolve('@prisma/client/runtime/client.js')),
      inNodeModules(require.resolve('better-sqlite3')),
    ];
    for (const file of loaded) {
      for (const glob of removed) expect(matches(file, glob), `${glob} removes ${file}`).toBe(false);
    }
    // The check itself catches a deletion.
    expect(matches('node_modules/vazirmatn/misc/x.ttf', 'node_modules/vazirmatn/misc')).toBe(true);
  });

  it('docker-compose.yml hands .env (optional) to the bots, whatever variables it holds', () => {
    const compose = readFileSync(path.join(packageRoot, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/^ {2}env_file:\n {4}- path: \.env\n {6}required: false$/m);
  });

  it('never sends .env to the build context', () => {
    const ignored = readFileSync(path.join(packageRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toContain('.env');
  });
});

describe('the Docker runtime stage', () => {
  it('copies the sentiment models, which are read from their source folder', () => {
    const relative = path.relative(packageRoot, MODEL_DIR);
    expect(runtime).toContain(`COPY --from=build /app/${relative} ./${relative}`);
  });

  it('copies what start-up needs: dist, bin, prisma migrations and package.json', () => {
    for (const part of ['dist', 'bin', 'prisma', 'package.json']) {
      expect(runtime).toContain(`COPY --from=build /app/${part} ./${part}`);
    }
  });
});
