/**
 * How long `triage validate examples/` takes next to the cost of starting Node at all
 * (`node -e 0`), so "feels instant in CI" is a number. Runs alternate between the two, so a
 * busy machine slows both alike; the figure reported is the ratio of the medians (target: at
 * most 2). Prints figures only: it is not a test and never fails on time.
 *
 *   npm run build && npm run bench:validate [-- --runs 30] [-- --args "validate portfolio/"]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/triage.js', import.meta.url));
const TARGET = 2;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
}

const runs = Number(option('runs', '20'));
const args = option('args', 'validate examples/').split(/\s+/).filter(Boolean);

if (!existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

/** Milliseconds one run of `node ...argv` takes, and its exit code. */
function time(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, code: result.status };
}

const baseline = { argv: ['-e', '0'], label: 'node -e 0', times: [] };
const command = { argv: [BIN, ...args], label: `triage ${args.join(' ')}`, times: [], codes: new Set() };

// Two warm-up rounds fill the file-system cache; they are not counted.
for (let i = 0; i < 2; i++) {
  time(baseline.argv);
  time(command.argv);
}
for (let i = 0; i < runs; i++) {
  baseline.times.push(time(baseline.argv).ms);
  const run = time(command.argv);
  command.times.push(run.ms);
  command.codes.add(run.code);
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  return { median, mean, min: sorted[0], max: sorted.at(-1) };
}

const line = (label, s) =>
  `${label.padEnd(34)} median ${s.median.toFixed(1).padStart(6)} ms   mean ${s.mean.toFixed(1).padStart(6)}   min ${s.min.toFixed(1).padStart(6)}   max ${s.max.toFixed(1).padStart(6)}`;

const base = stats(baseline.times);
const measured = stats(command.times);
const ratio = measured.median / base.median;
process.stdout.write(`${runs} alternating runs each, Node ${process.version}\n`);
process.stdout.write(`${line(baseline.label, base)}\n${line(command.label, measured)}\n`);
process.stdout.write(`exit codes of triage: ${[...command.codes].join(', ')}\n`);
process.stdout.write(`ratio ${ratio.toFixed(2)}x (target at most ${TARGET}x): ${ratio <= TARGET ? 'within target' : 'above target'}\n`);
