/**
 * Loads the one-file build of the CLI (dist/cli/triage.bundle.cjs, made by scripts/bundle.mjs)
 * with V8's code cache: the bytecode of the functions a typical run compiles, saved at build
 * time beside the bundle. Node 20 has no compile cache of its own for modules
 * (`module.enableCompileCache` came in Node 22.1), and compiling the 2.4 MB bundle was the
 * largest part of every start-up. The bundle is our own build output, never input data.
 *
 * The cache file is the SHA-1 of the bundle's text, then V8's data. V8 checks its own version
 * and flags and refuses data that does not match them, but of the source it checks only the
 * length, so the digest is what keeps a cache from one build off another build's bundle. A
 * missing, stale or refused cache costs the compile time and nothing else.
 *
 * The build writes that digest into the bundle's first line (`/* triage bundle <sha1> *\/`,
 * scripts/bundle.mjs), and the loader takes it from there: hashing 2.4 MB took 9 ms of every
 * start. A bundle edited by hand keeps the digest of the text it was built as, so rebuild
 * instead. A file without the line (not made by the build) is hashed.
 */
import { isAscii } from 'node:buffer';
import type * as Crypto from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** What the bundle exports (src/cli/main.ts). */
export interface BundledCli {
  main(): void;
  run(args: readonly string[]): Promise<number>;
}

export interface LoadedBundle {
  cli: BundledCli;
  /** Whether V8 took the saved code cache. */
  cached: boolean;
  /** Save the code compiled so far as the bundle's cache (the build does, after warm-up runs). */
  saveCache(): void;
}

const DIGEST_BYTES = 20;
/** The first line the build gives a bundle: its text's SHA-1, with this line's digest all zeros. */
const BUILD_LINE = /^\/\* triage bundle ([0-9a-f]{40}) \*\//;

/** The bundle's digest: the one the build wrote into it, else its text's SHA-1. */
function digestOf(source: string): Buffer {
  const built = BUILD_LINE.exec(source.slice(0, 64));
  if (built) return Buffer.from(built[1] as string, 'hex');
  // Loaded only here: the module costs start-up time the built bundle need not pay.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return createHash('sha1').update(source).digest();
}

/** The cache beside a bundle: triage.bundle.cjs -> triage.bundle.cjs.cache. */
export function cacheFileOf(bundleFile: string): string {
  return `${bundleFile}.cache`;
}

/** Run the CommonJS bundle at `bundleFile` in this context, from its code cache when it matches. */
export function loadBundle(bundleFile: string): LoadedBundle {
  // The build makes the bundle ASCII, which needs no UTF-8 decoding (half the 11 ms reading took).
  const bytes = readFileSync(bundleFile);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const digest = digestOf(source);
  const cacheFile = cacheFileOf(bundleFile);
  let cachedData: Buffer | undefined;
  try {
    const saved = readFileSync(cacheFile);
    if (saved.length > DIGEST_BYTES && saved.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = saved.subarray(DIGEST_BYTES);
  } catch {
    // No cache (a build that could not make one): compile as usual.
  }
  // The wrapper CommonJS gives a module, on a line of its own so the bundle's lines keep their numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: bundleFile,
    lineOffset: -1,
    cachedData,
  });
  const module = { exports: {} as BundledCli };
  const factory = script.runInThisContext() as (
    exports: BundledCli,
    require: NodeJS.Require,
    module: { exports: BundledCli },
    filename: string,
    dirname: string,
  ) => void;
  factory(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile));
  return {
    cli: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    saveCache() {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]));
        renameSync(temporary, cacheFile);
      } finally {
        rmSync(temporary, { force: true });
      }
    },
  };
}
