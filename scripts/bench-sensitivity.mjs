#!/usr/bin/env node
/**
 * `npm run bench:sensitivity -- --items 20000`: how long `triage sensitivity` takes over a
 * backlog, next to assessing the same items once. The items are read into memory first, so
 * only the work on them is timed: the sensitivity analysis (every parameter, every item, in
 * closed form) against one plain assessment per item. The backlog is the seeded synthetic one
 * of `npm run bench` (scripts/bench/generate.mjs), written to .bench/ if missing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBacklog } from './bench/generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(ROOT, 'dist/core/sensitivity/analyse.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}
const items = Number(process.argv[process.argv.indexOf('--items') + 1] ?? 20000) || 20000;
const path = join(ROOT, '.bench', `b${items}.csv`);
if (!existsSync(path)) {
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  await writeBacklog(path, items, 1);
}
const { loadPrinciples } = await import(join(ROOT, 'dist/principles/load.js'));
const { readItems } = await import(join(ROOT, 'dist/items/read.js'));
const { createNormaliser } = await import(join(ROOT, 'dist/items/normalise.js'));
const { assess } = await import(join(ROOT, 'dist/core/assess.js'));
const { SensitivityBuilder } = await import(join(ROOT, 'dist/core/sensitivity/analyse.js'));

const { policy } = await loadPrinciples();
const backlog = [];
for await (const item of readItems([path], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined })) backlog.push(item);

const time = (work) => {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
};
// Once to warm up, then timed.
for (let k = 0; k < 2; k++) {
  const assessed = time(() => backlog.map((item) => assess(policy, item)));
  const analysed = time(() => {
    const builder = new SensitivityBuilder(policy);
    for (const item of backlog) builder.add(item);
    return builder.result();
  });
  if (k === 0) continue;
  const parameters = analysed.result.parameters;
  const flips = parameters.reduce((n, p) => n + p.flips.length, 0);
  console.log(
    `union-triage sensitivity bench: ${backlog.length.toLocaleString('en-GB')} items, ${parameters.length} parameters, ${flips.toLocaleString('en-GB')} flips found`,
  );
  console.log(`  assess each item once        ${(assessed.ms / 1000).toFixed(2)} s`);
  console.log(
    `  sensitivity (all parameters) ${(analysed.ms / 1000).toFixed(2)} s  (${((1000 * analysed.ms) / (backlog.length * parameters.length)).toFixed(2)} µs per item and parameter)`,
  );
}
