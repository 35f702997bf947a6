#!/usr/bin/env node
// The one-file build, from its code cache, when it is there and no older than the modules
// (scripts/bundle.mjs, src/cli/bundle-loader.ts); else the modules.
import { statSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/triage.bundle.cjs', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
let fresh = false;
try {
  fresh = statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
} catch {
  fresh = false;
}
if (fresh) {
  const { loadBundle } = await import('../dist/cli/bundle-loader.js');
  loadBundle(fileURLToPath(bundle)).cli.main();
} else {
  const { main } = await import(modules.href);
  main();
}
