import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR } from '../../src/listening/sentiment/index.js';
import { packageRoot } from '../../src/paths.js';

// No Docker engine runs on the development machines, so the image is never built in CI: this reads
// the runtime stage instead, so that files the bot reads at run time outside dist/ are not left out.
const dockerfile = readFileSync(path.join(packageRoot, 'Dockerfile'), 'utf8');
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

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
