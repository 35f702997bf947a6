/**
 * Is the built CLI (dist/, which bin/triage.js runs) older than its sources? Tests that spawn
 * the bin must never test a stale build: `npx vitest run` does not run `pretest`.
 *
 * Stale means: a source under src/ has no compiled file in dist/ or one older than itself, or a
 * generated module (scripts/build-schema.mjs) is older than the schema or bundled principles it is
 * made from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const mtime = (path: string): number => statSync(path).mtimeMs;

/** Why the modules scripts/build-schema.mjs generates into src/ are stale, or undefined. */
export function staleGenerated(): string | undefined {
  const generated = ['src/principles/schema-validator.generated.ts', 'src/validate/bundled-principles.generated.ts'].map((p) => join(ROOT, p));
  const inputs = ['principles/schema.json', 'principles/union.yaml', 'scripts/build-schema.mjs'].map((p) => join(ROOT, p));
  for (const file of generated) {
    if (!existsSync(file)) return `${relative(ROOT, file)} is missing`;
    for (const input of inputs) if (mtime(input) > mtime(file)) return `${relative(ROOT, input)} is newer than ${relative(ROOT, file)}`;
  }
  return undefined;
}

/** Why dist/ is stale, or undefined when it is up to date. */
export function staleDist(): string | undefined {
  const generated = staleGenerated();
  if (generated !== undefined) return generated;
  const src = join(ROOT, 'src');
  for (const file of sources(src)) {
    const built = join(ROOT, 'dist', relative(src, file)).replace(/\.ts$/, '.js');
    if (!existsSync(built)) return `${relative(ROOT, built)} is missing`;
    if (mtime(file) > mtime(built)) return `${relative(ROOT, file)} is newer than ${relative(ROOT, built)}`;
  }
  return undefined;
}

/** Rebuild as `npm run build` does (or only the generated modules); throws when it fails. */
export function rebuild(only: 'generated' | 'all' = 'all'): void {
  const steps = [['scripts/build-schema.mjs'], ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']];
  for (const args of only === 'generated' ? steps.slice(0, 1) : steps) {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) throw new Error(`the build failed (node ${args.join(' ')}):\n${result.stdout}${result.stderr}`);
  }
}
