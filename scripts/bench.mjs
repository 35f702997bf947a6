#!/usr/bin/env node
/**
 * `npm run bench -- --items 1M`: how fast `triage score` is, with one job and with all of
 * them, next to csv-parse alone parsing the same file to objects and to DuckDB running the
 * same policy as one SQL query (when the optional @duckdb/node-api is installed), and how
 * much memory each needs.
 *
 * The backlog is synthetic and seeded (scripts/bench/generate.mjs), so every machine times
 * the same bytes. The commands run in rotation in one session (A B C D, then B C D A, ...)
 * so a busy neighbour or a warming disk cache weighs on all alike; each ratio is the median
 * of the ratios of runs in the same round. Peak RSS is each child's own `maxRSS` (worker
 * threads and DuckDB's native memory included), recorded on exit. At the end it checks the
 * runs did the same work: --jobs N wrote the bytes --jobs 1 wrote, and DuckDB's routes,
 * rules and scores agree with triage's.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, devNull, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareResults } from './bench/compare-results.mjs';
import { loadDuckDb } from './bench/duckdb-policy.mjs';
import { GENERATOR_VERSION, writeBacklog } from './bench/generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The issue's goals: all jobs in half csv-parse's time, ahead of DuckDB, and flat memory. */
const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 150;

const options = parseArgs(process.argv.slice(2));
if (!existsSync(join(ROOT, 'dist/cli/main.js'))) fail('dist/ is missing: run "npm run build" first');
const data = await ensureBacklog(options);
const jobs = options.jobs ?? availableParallelism();
const duckdb = options.duckdb && options.format === 'csv' ? await loadDuckDb() : undefined;
const out = (name) => (options.stdout ? undefined : join(options.dir, `.out-${process.pid}-${name}.${options.format === 'markdown' ? 'md' : options.format}`));
const triage = (name, n) => ({
  name,
  output: out(`jobs${n}`),
  args: [
    join(ROOT, 'bin/triage.js'),
    'score',
    data.path,
    '--format',
    options.format,
    '--quiet',
    '--jobs',
    String(n),
    ...(out(`jobs${n}`) ? ['-o', out(`jobs${n}`)] : []),
  ],
});
const commands = [
  { name: 'csv-parse alone (columns: true)', args: [join(ROOT, 'scripts/bench/parse-only.mjs'), data.path] },
  triage(`triage --jobs 1 -f ${options.format}`, 1),
  ...(jobs > 1 ? [triage(`triage --jobs ${jobs} -f ${options.format}`, jobs)] : []),
  ...(duckdb
    ? [
        {
          name: `DuckDB SQL, ${jobs} thread(s)`,
          output: out('duckdb'),
          duckdb: true,
          args: [join(ROOT, 'scripts/bench/duckdb-run.mjs'), data.path, out('duckdb') ?? devNull, '--threads', String(jobs)],
        },
      ]
    : []),
];

print(
  `union-triage bench: ${options.items.toLocaleString('en-GB')} items (${(data.bytes / 1e6).toFixed(1)} MB CSV, seed ${options.seed}), ${options.runs} run(s) each, alternating`,
);
print(`machine: ${machine()}`);
print(
  `output: ${options.stdout ? 'standard output (to /dev/null)' : 'a file (-o)'}${duckdb || options.format !== 'csv' || !options.duckdb ? '' : '; DuckDB: @duckdb/node-api is not installed, left out'}`,
);
const results = commands.map(() => []);
for (let run = 0; run < options.runs; run++) {
  // Each run starts one command later than the one before: none always goes first.
  const order = commands.map((_, k) => (k + run) % commands.length);
  for (const k of order) {
    const result = await measure(commands[k], options.dir);
    results[k].push(result);
    print(`  run ${run + 1}: ${commands[k].name.padEnd(32)} ${seconds(result.ms)}  ${mb(result.rssKb)}`);
  }
}
report(results, options);
await check();
for (const command of commands) if (command.output) rmSync(command.output, { force: true });

/** Run one command as a child, its standard output thrown away; wall time and its own peak RSS. */
async function measure(command, dir) {
  const rssFile = join(dir, `.rss-${process.pid}`);
  const sink = openSync(devNull, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'scripts/bench/maxrss.mjs'), ...command.args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', sink, 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((done) => child.on('close', done));
  const ms = performance.now() - started;
  closeSync(sink);
  if (code !== 0) fail(`${command.name} exited with ${code}: ${stderr.trim()}`);
  const rssKb = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { ms, rssKb };
}

function report(results, { items }) {
  const stats = results.map((runs) => ({
    ms: median(runs.map((r) => r.ms)),
    best: Math.min(...runs.map((r) => r.ms)),
    rssKb: Math.max(...runs.map((r) => r.rssKb)),
  }));
  // Ratios are of runs made in the same round, so a busy neighbour weighs on both alike.
  const ratio = (k, base) => median(results[k].map((r, run) => r.ms / results[base][run].ms));
  print('');
  print(`${'what'.padEnd(34)}${'median'.padStart(9)}${'best'.padStart(9)}${'items/s'.padStart(11)}${'peak RSS'.padStart(10)}${'x csv-parse'.padStart(13)}`);
  commands.forEach((command, k) => {
    const s = stats[k];
    print(
      `${command.name.padEnd(34)}${seconds(s.ms).padStart(9)}${seconds(s.best).padStart(9)}${Math.round((items / s.ms) * 1000)
        .toLocaleString('en-GB')
        .padStart(11)}${mb(s.rssKb).padStart(10)}${`${ratio(k, 0).toFixed(2)}x`.padStart(13)}`,
    );
  });
  const verdict = (ok) => (ok ? 'within target' : 'OVER target');
  const fastest = commands.length > 2 && !commands[2].duckdb ? 2 : 1;
  const duck = commands.findIndex((c) => c.duckdb);
  print('');
  print(
    `ratio triage (${commands[fastest].name.replace(/^triage /, '')}) / csv-parse: ${ratio(fastest, 0).toFixed(2)}x (median of paired runs; target <= ${TARGET_RATIO}x: ${verdict(ratio(fastest, 0) <= TARGET_RATIO)})`,
  );
  if (fastest === 2) print(`ratio triage --jobs ${jobs} / --jobs 1: ${ratio(2, 1).toFixed(2)}x`);
  if (duck >= 0)
    print(
      `ratio triage (${commands[fastest].name.replace(/^triage /, '')}) / DuckDB: ${ratio(fastest, duck).toFixed(2)}x (target < 1x: ${verdict(ratio(fastest, duck) < 1)})`,
    );
  const rss = Math.max(...commands.map((c, k) => (c.name.startsWith('triage') ? stats[k].rssKb : 0)));
  print(`triage peak RSS: ${mb(rss)} (target <= ${TARGET_RSS_MB} MB: ${verdict(rss / 1024 <= TARGET_RSS_MB)})`);
}

/** The runs did the same work: all jobs wrote what one job wrote, and DuckDB agrees with triage. */
async function check() {
  const one = commands[1].output;
  if (!one) return;
  if (commands[2] && !commands[2].duckdb && commands[2].output) {
    const same = readFileSync(one).equals(readFileSync(commands[2].output));
    print(`--jobs ${jobs} output byte-identical to --jobs 1: ${same ? 'yes' : 'NO'}`);
  }
  const duck = commands.find((c) => c.duckdb);
  if (duck?.output) {
    const { rows, different, differences } = await compareResults(one, duck.output);
    print(
      `DuckDB agrees with triage on ${(rows - different).toLocaleString('en-GB')} of ${rows.toLocaleString('en-GB')} items (route, rule, scores, confidence)${differences.length ? `; first difference: ${JSON.stringify(differences[0])}` : ''}`,
    );
  }
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
  const options = { items: 100_000, runs: 3, seed: 20240601, dir: join(ROOT, '.bench'), format: 'csv', stdout: false, duckdb: true, jobs: undefined };
  for (let k = 0; k < args.length; k++) {
    const [flag, inline] = args[k].split('=', 2);
    const value = () => inline ?? args[++k] ?? fail(`${flag} needs a value`);
    if (flag === '--items') options.items = count(value());
    else if (flag === '--runs') options.runs = count(value());
    else if (flag === '--seed') options.seed = count(value());
    else if (flag === '--dir') options.dir = resolve(value());
    else if (flag === '--format') options.format = value();
    else if (flag === '--jobs') options.jobs = count(value());
    else if (flag === '--stdout') options.stdout = true;
    else if (flag === '--no-duckdb') options.duckdb = false;
    else if (flag === '--help' || flag === '-h') {
      print('usage: npm run bench -- [--items 10k|100k|1M] [--runs 3] [--seed N] [--dir .bench] [--format csv] [--jobs N] [--stdout] [--no-duckdb]');
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
