#!/usr/bin/env node
/**
 * `npm run bench:capacity -- --items 100000`: `triage score` with capacity on three routes
 * (The Union, the council, the CCG) over a synthetic seeded backlog; prints the wall time and
 * the peak RSS of the run (the batch memory target is 150 MB). Each limit is about half of
 * what the backlog asks of its route, so selection has real work to do.
 *
 *   --items N        backlog size (default 100000)
 *   --time-limit S   seconds each solve may take (default 30)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBacklog } from './bench/generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_RSS_MB = 150;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const items = option('--items', 100000);
const timeLimit = option('--time-limit', 30);
if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}

const dir = join(tmpdir(), `triage-bench-capacity-${process.pid}`);
mkdirSync(dir, { recursive: true });
try {
  const backlog = join(dir, 'backlog.csv');
  await writeBacklog(backlog, items);
  // About half of what each route is asked for: effort per item averages a little under 10 weeks.
  const weeks = Math.max(1, Math.round(items * 1.2));
  const pounds = Math.max(1, Math.round(items * 60000));
  const set =
    readFileSync(join(ROOT, 'principles/union.yaml'), 'utf8').replace(/\s*$/, '\n') +
    [
      'capacity:',
      '  period: bench',
      '  routes:',
      `    union: { effort_weeks: ${weeks}, cost_gbp: ${pounds} }`,
      `    council: { effort_weeks: ${weeks} }`,
      `    ccg: { effort_weeks: ${weeks}, cost_gbp: ${pounds} }`,
      '',
    ].join('\n');
  const principles = join(dir, 'principles.yaml');
  writeFileSync(principles, set);
  const output = join(dir, 'results.json');
  const rssFile = join(dir, 'rss');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(ROOT, 'scripts/bench/maxrss.mjs'),
      join(ROOT, 'bin/triage.js'),
      'score',
      backlog,
      '-p',
      principles,
      '-f',
      'json',
      '--no-counterfactuals',
      '-o',
      output,
      '--quiet',
      '--time-limit',
      String(timeLimit),
    ],
    { cwd: ROOT, env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const code = await new Promise((done) => child.on('close', done));
  const ms = performance.now() - started;
  if (code !== 0) {
    console.error(`triage score exited with ${code}`);
    process.exit(1);
  }
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  console.log(`union-triage capacity bench: ${items.toLocaleString('en-GB')} items, capacity on 3 routes, time limit ${timeLimit} s per solve`);
  console.log(`time ${(ms / 1000).toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB (target ${TARGET_RSS_MB} MB)`);
  const summary = JSON.parse(readFileSync(output, 'utf8')).summary;
  for (const [route, entry] of Object.entries(summary.routes)) {
    const c = entry.capacity;
    if (!c) continue;
    const used = Object.keys(c.limit)
      .map((f) => `${f} ${c.used[f]} of ${c.limit[f]} (asked ${c.asked[f]})`)
      .join(', ');
    console.log(`  ${route}: ${c.fits} fit, ${c.over} over; ${used}; value ${c.value}; ${c.optimal ? 'optimal' : `gap ${c.gap}`}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
