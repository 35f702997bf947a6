#!/usr/bin/env node
/**
 * `node scripts/bench-calibrate.mjs --items 2000`: how long `triage calibrate` takes with every
 * weight, points and threshold of the bundled set free to move (±50%). The backlog is the
 * seeded synthetic one of `npm run bench` (scripts/bench/generate.mjs), written to .bench/ if
 * missing; every item is decided, by a copy of the set with citizen outcomes weighing 4.8
 * instead of 3 and the transformational threshold at 67 instead of 60. The items are read into
 * memory first, so only the calibration is timed: the search, then leave-one-out (up to 200
 * items) or 10-fold. `--noise 0.1` sends a tenth of the decisions (drawn from a fixed seed) to
 * another route, as people who disagree with any set would: the search then makes more moves
 * and the held-out searches part ways more often. Run `npm run build` first.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random, writeBacklog } from './bench/generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(ROOT, 'dist/core/calibrate/calibrate.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}
const at = process.argv.indexOf('--items');
const items = Number(at >= 0 ? process.argv[at + 1] : 2000) || 2000;
const noiseAt = process.argv.indexOf('--noise');
const noise = noiseAt >= 0 ? Number(process.argv[noiseAt + 1]) : 0;
const path = join(ROOT, '.bench', `b${items}.csv`);
if (!existsSync(path)) {
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  await writeBacklog(path, items, 1);
}
const { loadPrinciples } = await import(join(ROOT, 'dist/principles/load.js'));
const { readItems } = await import(join(ROOT, 'dist/items/read.js'));
const { createNormaliser } = await import(join(ROOT, 'dist/items/normalise.js'));
const { assess } = await import(join(ROOT, 'dist/core/assess.js'));
const { compilePolicy } = await import(join(ROOT, 'dist/core/compile.js'));
const { calibrate, parametersIn } = await import(join(ROOT, 'dist/core/calibrate/calibrate.js'));

const { policy, set } = await loadPrinciples();
const truth = structuredClone(set);
truth.principles.find((p) => p.id === 'citizen-outcomes').weight = 4.8;
truth.transformation.thresholds.transformational = 67;
const truthPolicy = compilePolicy(truth);
const cases = [];
const next = random(7);
const routes = set.routes.map((r) => r.id);
for await (const item of readItems([path], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined })) {
  const route = assess(truthPolicy, item).route;
  const flip = next() < noise;
  const other = routes.filter((r) => r !== route)[Math.floor(next() * (routes.length - 1))];
  cases.push({ item, decided: flip ? other : route });
}

const vary = parametersIn(policy, ['weights', 'points', 'thresholds']);
let phase = '';
let phases = {};
let last = performance.now();
const started = performance.now();
const result = calibrate(set, cases, {
  vary,
  maxChange: 0.5,
  onProgress: (p) => {
    if (p.phase === phase) return;
    const now = performance.now();
    if (phase) phases[phase] = now - last;
    phase = p.phase;
    last = now;
  },
});
const total = performance.now() - started;
phases[phase] = performance.now() - last;
const pct = (n) => `${((100 * n) / cases.length).toFixed(1)}%`;
console.log(
  `union-triage calibrate bench: ${cases.length.toLocaleString('en-GB')} decided items${noise ? ` (${100 * noise}% noise)` : ''}, ${vary.length} parameters free (±50%)`,
);
console.log(
  `  agreement  before ${pct(result.before.agreed)} · after ${pct(result.after.agreed)} · ${result.validation.method} (${result.validation.folds} folds) ${pct(result.validation.agreed)}`,
);
console.log(`  changes    ${result.changes.map((c) => `${c.parameter} ${c.from} → ${c.to}`).join(', ') || 'none'}`);
console.log(`  search     ${((phases.search ?? 0) / 1000).toFixed(2)} s  (${result.steps.length} moves)`);
console.log(`  validation ${((phases.validation ?? 0) / 1000).toFixed(2)} s`);
console.log(`  in all     ${(total / 1000).toFixed(2)} s (the engine's before/after scoring included)`);
