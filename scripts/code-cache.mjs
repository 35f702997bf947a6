#!/usr/bin/env node
/**
 * Makes dist/cli/triage.bundle.cjs.cache (scripts/bundle.mjs runs it after building): loads
 * the bundle, runs the commands most runs are made of, on the bundled examples, so that V8
 * compiles the functions they need, then saves what it compiled. Run with its standard output
 * thrown away: the runs print their results.
 */
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { URL, fileURLToPath } from 'node:url';
import { loadBundle } from '../dist/cli/bundle-loader.js';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const bundle = loadBundle(`${root}dist/cli/triage.bundle.cjs`);
const runs = [
  ['validate', 'examples/'],
  ['score', 'examples/backlog.csv'],
  ['score', 'examples/backlog.csv', '-f', 'json'],
  ['explain', 'WI-01', 'examples/backlog.csv'],
  ['test'],
];
for (const args of runs) {
  const code = await bundle.cli.run(args);
  // 0, or 1 for findings: anything else means the warm-up did not run what it meant to.
  if (code > 1) {
    process.stderr.write(`code-cache: triage ${args.join(' ')} exited with ${code}\n`);
    process.exit(1);
  }
}
// V8 takes a cache only under the flags it was made with, and a run may change some
// (src/cli/heap.ts): put them back as a fresh process has them.
setFlagsFromString('--semi-space-growth-factor=2');
setFlagsFromString('--heap-growing-percent=0');
bundle.saveCache();
process.exit(0);
