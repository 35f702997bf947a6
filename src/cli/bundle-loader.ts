/**
 * Loads the one-file build of the CLI (dist/cli/triage.bundle.cjs, made by scripts/bundle.mjs)
 * with V8's code cache: the bytecode of the functions a typical run compiles, saved at build
 * time beside the bundle. Node 20 has no compile cache of its own for modules
 * (`module.enableCompileCache` came in Node 22.1), and compiling the 2.4 MB bundle was the
 * largest part of every start-up. The bundle is our own build output, never input data.
 *
 * The cache file is the SHA-1 of the bundle's text, 12 bytes of padding (V8 copies data that
 * does not start on an 8-byte boundary, 1.3 MB at every start), then V8's data. V8 checks its own version
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
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { pageMemory } from '../io/page-memory.js';

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
const HEADER_BYTES = 32;
/** Under Node's 1 MB, above which a string decoded from bytes is a copy outside V8's heap, made by malloc. */
const PIECE_BYTES = 64 * 1024;
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
  const source = readSource(bundleFile);
  const digest = digestOf(source);
  const cacheFile = cacheFileOf(bundleFile);
  let cachedData: Buffer | undefined;
  try {
    const saved = readWhole(cacheFile);
    if (saved.length > HEADER_BYTES && saved.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = saved.subarray(HEADER_BYTES);
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
        writeFileSync(temporary, Buffer.concat([digest, Buffer.alloc(HEADER_BYTES - DIGEST_BYTES), script.createCachedData()]));
        renameSync(temporary, cacheFile);
      } finally {
        rmSync(temporary, { force: true });
      }
    },
  };
}

/*
 * Both files are read so that no big buffer from malloc is freed afterwards: glibc would then
 * keep the memory of every later buffer under 2.5 MB in its arenas (io/page-memory.ts).
 */

/**
 * The bundle's text, decoded 64 KB at a time from one small buffer. The build makes it ASCII,
 * which needs no UTF-8 decoding (half the 11 ms reading took); a bundle that is not is read as
 * UTF-8, whole.
 */
function readSource(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const piece = Buffer.allocUnsafeSlow(PIECE_BYTES);
    const parts: string[] = [];
    for (let got = readSync(fd, piece); got > 0; got = readSync(fd, piece)) {
      const bytes = piece.subarray(0, got);
      if (!isAscii(bytes)) return readFileSync(file, 'utf8');
      parts.push(bytes.toString('latin1'));
    }
    return parts.join('');
  } finally {
    closeSync(fd);
  }
}

/** A file's bytes, in pages of their own. */
function readWhole(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(pageMemory(size), 0, size);
    let at = 0;
    for (let got = 1; at < size && got > 0; at += got) got = readSync(fd, bytes, at, size - at, null);
    return bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
