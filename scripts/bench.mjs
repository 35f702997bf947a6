#!/usr/bin/env node
/**
 * `npm run bench -- --items 1M`: how fast `triage score --format csv` is next to csv-parse
 * alone parsing the same file to objects, and how much memory each needs.
 *
 * The backlog is synthetic and seeded (scripts/bench/generate.mjs), so every machine times
 * the same bytes. The two commands run alternately in one session (A B, then B A, ...) so
 * a busy neighbour or a warming disk cache weighs on both alike; the ratio is the median of
 * the paired runs' ratios. Peak RSS is each child's own `maxRSS`, recorded on exit.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, devNull, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, writeBacklog } from './bench/generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 150;

const options = parseArgs(process.argv.slice(2));
if (!existsSync(join(ROOT, 'dist/cli/main.js'))) fail('dist/ is missing: run "npm run build" first');
const data = await ensureBacklog(options);
const commands = [
  { name: 'csv-parse alone (columns: true)', args: [join(ROOT, 'scripts/bench/parse-only.mjs'), data.path] },
  { name: 'triage score --format csv', args: [join(ROOT, 'bin/triage.js'), 'score', data.path, '--format', 'csv', '--quiet'] },
];

print(`union-triage bench: ${options.items.toLocaleString('en-GB')} items (${(data.bytes / 1e6).toFixed(1)} MB CSV, seed ${options.seed}), ${options.runs} run(s) each, alternating`);
print(`machine: ${machine()}`);
const results = commands.map(() => []);
for (let run = 0; run < options.runs; run++) {
  // A B, then B A: neither command always goes first.
  const order = run % 2 === 0 ? [0, 1] : [1, 0];
  for (const k of order) {
    const result = await measure(commands[k], options.dir);
    results[k].push(result);
    print(`  run ${run + 1}: ${commands[k].name.padEnd(32)} ${seconds(result.ms)}  ${mb(result.rssKb)}`);
  }
}
report(results, options);

/** Run one command as a child, its output thrown away; wall time and its own peak RSS. */
async function measure(command, dir) {
  const rssFile = join(dir, `.rss-${process.pid}`);
  const out = openSync(devNull, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'scripts/bench/maxrss.mjs'), ...command.args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', out, 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((done) => child.on('close', done));
  const ms = performance.now() - started;
  closeSync(out);
  if (code !== 0) fail(`${command.name} exited with ${code}: ${stderr.trim()}`);
  const rssKb = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { ms, rssKb };
}

function report(results, { items }) {
  const [parse, triage] = results.map((runs) => ({
    ms: median(runs.map((r) => r.ms)),
    best: Math.min(...runs.map((r) => r.ms)),
    rssKb: Math.max(...runs.map((r) => r.rssKb)),
  }));
  const ratio = median(results[1].map((r, k) => r.ms / results[0][k].ms));
  print('');
  print(`${''.padEnd(34)}${'median'.padStart(9)}${'best'.padStart(9)}${'items/s'.padStart(11)}${'peak RSS'.padStart(10)}`);
  commands.forEach((command, k) => {
    const s = [parse, triage][k];
    print(`${command.name.padEnd(34)}${seconds(s.ms).padStart(9)}${seconds(s.best).padStart(9)}${Math.round((items / s.ms) * 1000).toLocaleString('en-GB').padStart(11)}${mb(s.rssKb).padStart(10)}`);
  });
  const verdict = (ok) => (ok ? 'within target' : 'OVER target');
  print('');
  print(`ratio triage / csv-parse: ${ratio.toFixed(2)}x (median of paired runs; target <= ${TARGET_RATIO}x: ${verdict(ratio <= TARGET_RATIO)})`);
  print(`triage peak RSS: ${mb(triage.rssKb)} (target < ${TARGET_RSS_MB} MB: ${verdict(triage.rssKb / 1024 < TARGET_RSS_MB)})`);
}

/** The backlog file for this size and seed, generated once and kept in the gitignored folder. */
async function ensureBacklog({ items, seed, dir }) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `backlog-v${GENERATOR_VERSION}-${items}-${seed}.csv`);
  if (!existsSync(path)) {
    print(`generating ${path} ...`);
    const partial = `${path}.partial`;
    await writeBacklog(partial, items, seed);
    renameSync(partial, path);
  }
  return { path, bytes: statSync(path).size };
}

function parseArgs(args) {
  const options = { items: 100_000, runs: 3, seed: 20240601, dir: join(ROOT, '.bench') };
  for (let k = 0; k < args.length; k++) {
    const [flag, inline] = args[k].split('=', 2);
    const value = () => inline ?? args[++k] ?? fail(`${flag} needs a value`);
    if (flag === '--items') options.items = count(value());
    else if (flag === '--runs') options.runs = count(value());
    else if (flag === '--seed') options.seed = count(value());
    else if (flag === '--dir') options.dir = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      print('usage: npm run bench -- [--items 10k|100k|1M] [--runs 3] [--seed N] [--dir .bench]');
      process.exit(0);
    } else fail(`unknown option ${flag}`);
  }
  return options;
}

/** `2000`, `10k`, `1M`, `1e6`. */
function count(text) {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(text.replaceAll('_', ''));
  const n = match ? Number(match[1]) * ({ k: 1e3, m: 1e6 }[match[2].toLowerCase()] ?? 1) : NaN;
  if (!Number.isInteger(n) || n < 1) fail(`"${text}" is not a count (e.g. 2000, 10k, 1M)`);
  return n;
}

function machine() {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} x ${model}, Node.js ${process.version}, ${process.platform}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function mb(kb) {
  return `${Math.round(kb / 1024)} MB`;
}

function print(line) {
  process.stdout.write(`${line}\n`);
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}
