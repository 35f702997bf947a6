#!/usr/bin/env node
// The one-file build when it is there and no older than the modules (scripts/bundle.mjs).
import { statSync } from 'node:fs';
import { URL } from 'node:url';

const bundle = new URL('../dist/cli/triage.bundle.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
let fresh = false;
try {
  fresh = statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
} catch {
  fresh = false;
}
const { main } = await import(fresh ? bundle.href : modules.href);
main();
