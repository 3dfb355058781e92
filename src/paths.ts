import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from src/ (tests) or dist/src/ (built). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the running file');
    dir = parent;
  }
  return dir;
}

export const packageRoot = findRoot();
export const migrationsDir = path.join(packageRoot, 'prisma', 'migrations');
export const postgresMigrationsDir = path.join(packageRoot, 'prisma', 'postgres', 'migrations');
