/**
 * The layers are a rule, not a wish: the core stays pure, formats only turn data into text,
 * and the CLI's start-up path imports no heavy module until a command needs it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from './helpers/run.js';

const SRC = repoPath('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Static imports (`import ... from 'x'`, `export ... from 'x'`), not `await import('x')`. */
function staticImports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) found.push(match[1] as string);
  for (const match of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1] as string);
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
}

const layer = (path: string): string => relative(SRC, path).split('/')[0] as string;

describe('layers', () => {
  it('core imports nothing but core: no node modules, no packages, no I/O', () => {
    let checked = 0;
    for (const path of files(join(SRC, 'core'))) {
      for (const specifier of staticImports(path)) {
        checked++;
        const local = resolveLocal(path, specifier);
        expect({ file: relative(SRC, path), specifier, layer: local ? layer(local) : 'package' }).toEqual({
          file: relative(SRC, path),
          specifier,
          layer: 'core',
        });
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('formats read no files and know nothing of the CLI or the readers', () => {
    for (const path of files(join(SRC, 'formats'))) {
      for (const specifier of staticImports(path)) {
        expect(specifier.startsWith('node:fs'), `${relative(SRC, path)} imports ${specifier}`).toBe(false);
        const local = resolveLocal(path, specifier);
        if (local) expect(['core', 'formats', 'errors.ts', 'findings.ts'], `${relative(SRC, path)} imports ${specifier}`).toContain(layer(local));
      }
    }
  });

  it('no module outside the CLI shell touches process.exit', () => {
    for (const path of files(SRC)) {
      if (path.endsWith(join('cli', 'main.ts'))) continue;
      expect(readFileSync(path, 'utf8').includes('process.exit('), relative(SRC, path)).toBe(false);
    }
  });

  it('nothing evaluates code', () => {
    for (const path of files(SRC)) {
      const text = readFileSync(path, 'utf8');
      expect(/\beval\(|new Function\(/.test(text), relative(SRC, path)).toBe(false);
    }
  });
});

describe('start-up', () => {
  it('the CLI entry point reaches no heavy package through static imports', () => {
    const heavy = ['ajv', 'yaml', 'csv-parse', 'csv-stringify', 'cli-table3', '@inquirer/prompts', 'playwright-core', 'saxes', 'exceljs'];
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (path: string): void => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const specifier of staticImports(path)) {
        const local = resolveLocal(path, specifier);
        if (local) visit(local);
        else packages.add(specifier);
      }
    };
    visit(join(SRC, 'cli', 'main.ts'));
    expect([...packages].filter((p) => heavy.some((h) => p === h || p.startsWith(`${h}/`)))).toEqual([]);
  });
});

describe('packages', () => {
  /** `chalk`, `@inquirer/prompts`, from `@inquirer/prompts/sub` or `yaml/util`. */
  const packageName = (specifier: string): string =>
    specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/');

  it('the code that runs imports only runtime dependencies, and every one of them is used', () => {
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const runtime = new Set(Object.keys(manifest.dependencies));
    const used = new Set<string>();
    for (const path of files(SRC)) {
      const text = readFileSync(path, 'utf8');
      // Static and dynamic imports of values (`import type` is gone once compiled), and
      // CommonJS packages loaded through createRequire.
      const specifiers = [
        ...[...text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] as string),
        ...[...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1] as string),
        ...[...text.matchAll(/createRequire\([^)]*\)\('([^']+)'\)/g)].map((m) => m[1] as string),
      ];
      for (const specifier of specifiers) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        const name = packageName(specifier);
        expect(runtime.has(name), `${relative(SRC, path)} imports ${name}, which is not in dependencies`).toBe(true);
        used.add(name);
      }
    }
    expect([...runtime].filter((name) => !used.has(name))).toEqual([]);
  });
});
