#!/usr/bin/env node
/**
 * `npm run bench:mentions`: how long `triage score` takes when the `mentions` keywords are
 * chosen to be expensive, next to ordinary keywords of the same size, so "matching costs time
 * in proportion to the text, whatever the keywords" is a number. Prints figures only.
 *
 *   long phrases   one item of 100,000 words against 500 phrases of 10 words sharing 9
 *                  (against 10 such phrases)
 *   collisions     20,000 ordinary rows against 19,500 keywords (the bundled set has the rest
 *                  of the 20,000 allowed) whose unseeded FNV-1a hashes share their low 18
 *                  bits (against 19,500 random words of the same length)
 *
 * Options: --runs N (3), --bin PATH (the triage bin to time; give it twice or more to compare
 * builds, run alternately: A B, B A, ...).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backlogLines } from './bench/generate.mjs';
import { collidingWords, sharedPrefixPhrases } from './hostile/keywords.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const options = { runs: 3, bins: [] };
const args = process.argv.slice(2);
for (let k = 0; k < args.length; k++) {
  if (args[k] === '--runs') options.runs = Number(args[++k]);
  else if (args[k] === '--bin') options.bins.push(args[++k]);
  else {
    process.stderr.write(`bench-mentions: unknown option ${args[k]}\nusage: node scripts/bench-mentions.mjs [--runs N] [--bin PATH]...\n`);
    process.exit(2);
  }
}
if (options.bins.length === 0) options.bins.push(join(ROOT, 'bin/triage.js'));

const dir = mkdtempSync(join(tmpdir(), 'triage-bench-mentions-'));
const union = readFileSync(join(ROOT, 'principles/union.yaml'), 'utf8');

/** The bundled set with signals that test the description against these keyword lists. */
function setWith(lists) {
  const signals = lists.map(
    (keywords, k) => `    - { id: hostile-${k}, when: { field: description, mentions: [${keywords.map((w) => JSON.stringify(w)).join(', ')}] }, points: 1 }`,
  );
  if (!union.includes('  signals:\n')) throw new Error('principles/union.yaml has no "  signals:" line');
  return union.replace('  signals:\n', `  signals:\n${signals.join('\n')}\n`);
}

function chunks(words, size) {
  return Array.from({ length: Math.ceil(words.length / size) }, (_, k) => words.slice(k * size, (k + 1) * size));
}

/** Random lower-case words of six letters, from a fixed seed. */
function randomWords(count) {
  let state = 12345;
  const words = new Set();
  while (words.size < count) {
    let word = '';
    for (let k = 0; k < 6; k++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      word += String.fromCharCode(0x61 + ((state >>> 16) % 26));
    }
    words.add(word);
  }
  return [...words];
}

const write = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const longItem = write('long.csv', `id,title,description\nL-1,Long,${'a '.repeat(100_000)}\n`);
const rows = write('rows.csv', [...backlogLines(20_000, 20240601)].join(''));
const cases = [
  { name: 'long phrases: 500 x 10 words, 1 item of 100,000 words', set: setWith([sharedPrefixPhrases(500, 10)]), items: longItem },
  { name: '  same, 10 phrases', set: setWith([sharedPrefixPhrases(10, 10)]), items: longItem },
  { name: 'collisions: 19,500 colliding keywords, 20,000 rows', set: setWith(chunks(collidingWords(19_500, 18), 500)), items: rows },
  { name: '  same, 19,500 random keywords', set: setWith(chunks(randomWords(19_500), 500)), items: rows },
];

const print = (line) => process.stdout.write(`${line}\n`);
print(`bench-mentions: ${options.runs} run(s) each, Node ${process.version}; bins: ${options.bins.join(', ')}`);
for (const c of cases) {
  const setPath = write('set.yaml', c.set);
  const times = options.bins.map(() => []);
  for (let run = 0; run < options.runs; run++) {
    const order = options.bins.map((_, k) => k);
    if (run % 2 === 1) order.reverse();
    for (const k of order) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [options.bins[k], 'score', c.items, '-p', setPath, '-f', 'csv', '--quiet'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      });
      const ms = performance.now() - started;
      if (result.status !== 0) {
        print(`  ${c.name}: ${options.bins[k]} exited ${result.status}: ${result.stderr.split('\n')[0]}`);
        times[k].push(NaN);
      } else times[k].push(ms);
    }
  }
  const medians = times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
  print(`${c.name.padEnd(58)} ${medians.map((ms) => `${(ms / 1000).toFixed(2)} s`.padStart(9)).join(' ')}`);
}
rmSync(dir, { recursive: true, force: true });
