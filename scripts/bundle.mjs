#!/usr/bin/env node
/**
 * `npm run build` ends here: the CLI as one file, dist/cli/triage.bundle.js, which the bin
 * loads instead of a hundred modules one by one (start-up is mostly module loading), and the
 * score --jobs worker as another, dist/cli/score-worker.bundle.js. It sits
 * beside dist/cli/main.js so the paths its modules build from `import.meta.url` (the bundled
 * principles, package.json, the --jobs worker) resolve as they do unbundled. The library
 * (dist/index.js) stays unbundled. Without esbuild (a dev dependency) it says so and the bin
 * loads dist/cli/main.js.
 */
import { rmSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/cli/triage.bundle.js`;
const workerOutfile = `${root}dist/cli/score-worker.bundle.js`;
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  rmSync(outfile, { force: true });
  rmSync(workerOutfile, { force: true });
  process.stdout.write('bundle: esbuild is not installed; the bin loads dist/cli/main.js\n');
  process.exit(0);
}
const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // HiGHS loads its WebAssembly from beside its own module: it must stay in node_modules.
  external: ['highs'],
  // The CommonJS dependencies (commander, yaml) call require: give the bundle one.
  banner: { js: "import { createRequire as __triageRequire } from 'node:module'; const require = __triageRequire(import.meta.url);" },
};
await esbuild.build({ ...options, entryPoints: [`${root}dist/cli/main.js`], outfile });
// The score --jobs worker too: each worker thread loads it, and one file halves its start.
await esbuild.build({ ...options, entryPoints: [`${root}dist/cli/score-worker.js`], outfile: workerOutfile });
