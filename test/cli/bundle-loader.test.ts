/**
 * The bundle loader (src/cli/bundle-loader.ts): a CommonJS file run from V8's code cache. A
 * cache is used only for the exact text it was made from: V8 itself checks only the length.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheFileOf, loadBundle } from '../../src/cli/bundle-loader.js';
import { repoPath } from '../helpers/run.js';

/** A stand-in bundle: `run` answers `answer`, `main` throws from line 3. */
function bundleText(answer: number): string {
  return [
    "'use strict';",
    `module.exports.run = async () => ${answer};`,
    "module.exports.main = () => { throw new Error('from line 3'); };",
    "module.exports.where = __filename + ' ' + typeof require('node:path').join;",
    '',
  ].join('\n');
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-bundle-'));
}

describe('loadBundle', () => {
  it('runs the file as CommonJS, compiling it when there is no cache, and keeps its line numbers', async () => {
    const file = join(folder(), 'cli.cjs');
    writeFileSync(file, bundleText(7));
    const loaded = loadBundle(file);
    expect(loaded.cached).toBe(false);
    expect(await loaded.cli.run([])).toBe(7);
    expect((loaded.cli as unknown as { where: string }).where).toBe(`${file} function`);
    expect(() => loaded.cli.main()).toThrow('from line 3');
    try {
      loaded.cli.main();
    } catch (error) {
      expect(String((error as Error).stack).split('\n')[1]).toContain(`${file}:3:`);
    }
  });

  it('takes the cache it saved, and refuses it once the text changes, even to a text of the same length', async () => {
    const file = join(folder(), 'cli.cjs');
    writeFileSync(file, bundleText(7));
    loadBundle(file).saveCache();
    expect(statSync(cacheFileOf(file)).size).toBeGreaterThan(32);
    const again = loadBundle(file);
    expect(again.cached).toBe(true);
    expect(await again.cli.run([])).toBe(7);

    writeFileSync(file, bundleText(8));
    expect(readFileSync(file, 'utf8').length).toBe(bundleText(7).length);
    const changed = loadBundle(file);
    expect(changed.cached).toBe(false);
    expect(await changed.cli.run([])).toBe(8);
  });

  it('keys the cache by the digest the build wrote in the first line, so a new build refuses the last one', async () => {
    const file = join(folder(), 'cli.cjs');
    const built = (digest: string, answer: number): string => `/* triage bundle ${digest} */ ${bundleText(answer)}`;
    writeFileSync(file, built('a'.repeat(40), 7));
    loadBundle(file).saveCache();
    // The cache starts with the digest from the line, not with a hash of the text.
    expect(readFileSync(cacheFileOf(file)).subarray(0, 20).toString('hex')).toBe('a'.repeat(40));
    expect(loadBundle(file).cached).toBe(true);
    writeFileSync(file, built('b'.repeat(40), 8));
    const rebuilt = loadBundle(file);
    expect(rebuilt.cached).toBe(false);
    expect(await rebuilt.cli.run([])).toBe(8);
  });

  it('compiles as usual when the cache file is not one (truncated or foreign)', async () => {
    const file = join(folder(), 'cli.cjs');
    writeFileSync(file, bundleText(5));
    writeFileSync(cacheFileOf(file), 'not a cache');
    const loaded = loadBundle(file);
    expect(loaded.cached).toBe(false);
    expect(await loaded.cli.run([])).toBe(5);
  });

  it('saves through a temporary file, leaving only the cache', () => {
    const dir = folder();
    const file = join(dir, 'cli.cjs');
    writeFileSync(file, bundleText(1));
    loadBundle(file).saveCache();
    expect(existsSync(cacheFileOf(file))).toBe(true);
    expect(existsSync(`${cacheFileOf(file)}.${process.pid}.tmp`)).toBe(false);
  });
});

const built = repoPath('dist/cli/triage.bundle.cjs');
const fresh = existsSync(built) && existsSync(cacheFileOf(built)) && statSync(built).mtimeMs >= statSync(repoPath('dist/cli/main.js')).mtimeMs;

describe.skipIf(!fresh)('the built CLI bundle', () => {
  it('has a code cache V8 takes, in a process of its own as the bin runs it', () => {
    // Not in this process: V8 refuses a cache once any flag has changed, and tests in this
    // worker may have set one (the capacity solver sets --liftoff-only). Loading runs only the
    // bundle's top level: nothing is read or printed until main or run.
    const loader = pathToFileURL(repoPath('dist/cli/bundle-loader.js')).href;
    const script = `const { loadBundle } = await import(${JSON.stringify(loader)}); process.stdout.write(String(loadBundle(${JSON.stringify(built)}).cached));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, 'true', '']);
  });

  it('is ASCII, and its first line holds the SHA-1 of its text with that digest all zeros', () => {
    const bytes = readFileSync(built);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const text = bytes.toString('latin1');
    const digest = /^\/\* triage bundle ([0-9a-f]{40}) \*\//.exec(text)?.[1] ?? '';
    expect(
      createHash('sha1')
        .update(text.replace(digest, '0'.repeat(40)))
        .digest('hex'),
    ).toBe(digest);
  });
});
