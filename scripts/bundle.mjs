#!/usr/bin/env node
/**
 * `npm run build` ends here: the CLI as one CommonJS file, dist/cli/triage.bundle.cjs, with
 * V8's code cache for it (dist/cli/triage.bundle.cjs.cache), and the score --jobs worker as
 * one ES module, dist/cli/score-worker.bundle.js. The bin loads the CLI bundle through
 * src/cli/bundle-loader.ts instead of a hundred modules one by one, and from the cache instead
 * of compiling 2.4 MB of JavaScript (start-up was mostly module loading and compiling). The
 * bundles sit beside dist/cli/main.js so the paths built from `import.meta.url` (the bundled
 * principles, package.json, the --jobs worker) resolve as they do unbundled. The library
 * (dist/index.js) stays unbundled. Without esbuild (a dev dependency) it says so and the bin
 * loads dist/cli/main.js.
 *
 * The CLI bundle is CommonJS because Node 20 can give a code cache only to a script
 * (`vm.Script`), not to an ES module. The cache holds what a few typical runs compiled: the
 * build runs them once, in a child process with its output thrown away
 * (scripts/code-cache.mjs).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/cli/triage.bundle.cjs`;
const workerOutfile = `${root}dist/cli/score-worker.bundle.js`;
const ZEROS = '0'.repeat(40);
// Builds before this one made an ES module bundle; the bin no longer looks for it.
rmSync(`${root}dist/cli/triage.bundle.js`, { force: true });
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  for (const file of [outfile, `${outfile}.cache`, workerOutfile]) rmSync(file, { force: true });
  process.stdout.write('bundle: esbuild is not installed; the bin loads dist/cli/main.js\n');
  process.exit(0);
}
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // HiGHS loads its WebAssembly from beside its own module: it must stay in node_modules.
  external: ['highs'],
};
/**
 * commander loads child_process (and with it net and dgram) to run subcommands that are
 * programs of their own, which triage has none of: 4-5 ms of every start. Its copy is loaded
 * at first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
await esbuild.build({
  ...common,
  plugins: [lazyChildProcess],
  format: 'cjs',
  entryPoints: [`${root}dist/cli/main.js`],
  outfile,
  // CommonJS has no import.meta: the bundle's own URL stands in (it sits beside main.js).
  define: { 'import.meta.url': '__triageBundleUrl' },
  // The first line carries the text's SHA-1, filled in below, for the loader to check the
  // code cache against without hashing the bundle at each start (src/cli/bundle-loader.ts).
  banner: { js: `/* triage bundle ${ZEROS} */ const __triageBundleUrl = require('node:url').pathToFileURL(__filename).href;` },
});
{
  // esbuild leaves a few characters beyond ASCII where escaping them could change a program
  // (regular expressions, tagged templates, comments); ours read only cooked template strings,
  // so a \u escape means the same character. An ASCII bundle is read in half the time (the
  // loader need not decode UTF-8). A character after a backslash would change meaning: stop.
  let text = readFileSync(outfile, 'utf8');
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error('bundle: a character beyond ASCII follows a backslash; escape it in the source');
  text = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const digest = createHash('sha1').update(text).digest('hex');
  writeFileSync(outfile, text.replace(ZEROS, digest));
}
await esbuild.build({
  ...common,
  format: 'esm',
  entryPoints: [`${root}dist/cli/score-worker.js`],
  outfile: workerOutfile,
  // The CommonJS dependencies (commander, yaml) call require: give the bundle one.
  banner: { js: "import { createRequire as __triageRequire } from 'node:module'; const require = __triageRequire(import.meta.url);" },
});
rmSync(`${outfile}.cache`, { force: true });
const warm = spawnSync(process.execPath, [`${root}scripts/code-cache.mjs`], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (warm.status !== 0) {
  // The bin works without the cache, only slower to start: say so, and do not fail the build.
  rmSync(`${outfile}.cache`, { force: true });
  process.stdout.write(warm.stderr);
  process.stdout.write(`bundle: no code cache (scripts/code-cache.mjs exited with ${warm.status ?? warm.signal}); the bin compiles the bundle each time\n`);
}
