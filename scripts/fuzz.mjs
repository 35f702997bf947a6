#!/usr/bin/env node
/**
 * `npm run fuzz -- --cases 20000 --seed 7`: feed mutated CSV, YAML, JSON and JSONL files
 * (bit flips, truncation, random bytes, repeated quotes, deep brackets, huge lines, ...)
 * through `triage score` and `triage validate` of the built CLI, and, for a few cases in a
 * hundred each, the families of scripts/fuzz/families.mjs: principle sets built to be
 * expensive to analyse, keywords built to collide or to share long prefixes, odd file names,
 * and symbolic links, /dev/null, /dev/zero and FIFOs in place of files. Check every run:
 *
 * - it ends, within --timeout, with exit code 0, 1 or 2 (validate: 0 or 1 for a file that
 *   exists, since anything wrong inside a file is a finding);
 * - stderr has no stack trace, no "internal error", and is a bounded number of lines;
 * - validate's JSON report parses;
 * - nothing is written to the real stdout or stderr behind the CLI's back.
 *
 * Each case runs in-process (`run(args, io)` from dist/cli/main.js with fake streams) in a
 * worker process, so a case that loops, overflows the stack or aborts the process kills only
 * its worker: the parent's watchdog records the case and starts a new worker. A sample of the
 * cases also runs through real child processes (`node bin/triage.js`). Every case is made from
 * the seed and its index alone, so `--seed S --only I` replays one case exactly.
 *
 * Options: --cases N (1000), --seed S (1), --workers W (2), --timeout MS per case (30000),
 * --processes N (cases also run as child processes; cases/50), --only I, --save DIR (where
 * failing inputs are written; .fuzz/failures), --json (a machine-readable summary),
 * --families a,b (only cases of these families: complexity, keywords, names, links).
 */
import { fork, spawnSync } from 'node:child_process';
import { constants, createWriteStream, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FAMILIES } from './fuzz/families.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/triage.js');
const BACKLOG = join(ROOT, 'examples/backlog.csv');
/** The export the config seed was written for. */
const EXPORT = join(ROOT, 'test/fixtures/exports/latin1-semicolon.csv');
const STACK = /^\s+at .+:\d+:\d+\)?$/m;
/** Lines an error may take: one, or a file's findings (at most 20) and a line saying how many more. */
const MAX_STDERR_LINES = 25;
const CAPTURE_LIMIT = 4 * 1024 * 1024;

// ---------------------------------------------------------------------------------------
// Seeds: real files of each kind, from the repository.

const SEEDS = [
  { kind: 'items', ext: 'csv', file: 'examples/backlog.csv' },
  { kind: 'items', ext: 'csv', file: 'test/fixtures/reports/hostile.csv' },
  { kind: 'items', ext: 'csv', file: 'test/fixtures/exports/latin1-semicolon.csv' },
  { kind: 'items', ext: 'csv', file: 'test/fixtures/validate/portfolio/backlog.csv' },
  { kind: 'items', ext: 'yaml', file: 'examples/backlog.yaml' },
  { kind: 'items', ext: 'yaml', file: 'test/fixtures/validate/portfolio/more.yaml' },
  { kind: 'items', ext: 'json', text: () => JSON.stringify(yamlishItems(), null, 2) },
  {
    kind: 'items',
    ext: 'jsonl',
    text: () =>
      yamlishItems()
        .map((item) => JSON.stringify(item))
        .join('\n') + '\n',
  },
  { kind: 'principles', ext: 'yaml', file: 'principles/union.yaml' },
  { kind: 'principles', ext: 'yaml', file: 'test/fixtures/validate/portfolio/principles.yaml' },
  { kind: 'decisions', ext: 'yaml', file: 'test/fixtures/validate/portfolio/decisions.yaml' },
  {
    kind: 'decisions',
    ext: 'yaml',
    text: () =>
      'decisions:\n  - id: WI-12\n    route: union\n    rationale: "The board backs it: see minutes #4"\n    answers: { quantitative-evidence: true }\n    expires: "2031-01-01"\n',
  },
  { kind: 'config', ext: 'yaml', file: 'test/fixtures/exports/latin1-semicolon.yaml' },
];

/** A few items as plain objects, for the JSON and JSONL seeds. */
function yamlishItems() {
  return [
    {
      id: 'J-1',
      title: 'Joint discharge hub',
      description: 'Council and CCG, "shared" record',
      lead: 'union',
      organisations: ['council', 'ccg'],
      effort_weeks: 20,
      cost_gbp: 250000,
      recurring: false,
      citizen_impact: 5,
      evidence: ['quantitative'],
      tags: ['flow'],
    },
    { id: 'J-2', title: 'Licence renewal', lead: 'council', organisations: 'council', effort_weeks: 1, recurring: 'yes', owner: 'Sam' },
    { id: 'J-3', title: 'Ünïcödé ✓', description: null, effort_weeks: '2.5', citizen_impact: 3 },
  ];
}

function seedBytes(seed) {
  return seed.text ? Buffer.from(seed.text(), 'utf8') : readFileSync(join(ROOT, seed.file));
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness: every case from (seed, index) alone.

function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

function caseSeed(seed, index) {
  // A hash of both, so neighbouring indexes start far apart.
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x27d4eb2f) >>> 0;
}

const SNIPPETS = [
  '"',
  '""',
  '"""',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\ufeff',
  '\u2028',
  '\\',
  "'",
  ':',
  ': ',
  '- ',
  '? ',
  '#',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '!foo ',
  '<<: ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '{',
  '}',
  '[',
  ']',
  '__proto__',
  'constructor',
  'prototype',
  '__proto__: {polluted: 1}\n',
  '"__proto__": 1,',
  '=cmd|',
  '@SUM(A1)',
  'NaN',
  '-1e309',
  '0x10',
  '1e999',
  'null',
  '~',
  'true',
  'no',
  '\u00e9',
  '\uD83D\uDE00',
  '\uff1d',
  'id',
  'title',
  'effort_weeks',
  'lead',
  'council',
];

/** One mutation of the bytes, chosen at random; returns new bytes and what was done. */
function mutate(bytes, r) {
  const at = () => r.int(bytes.length + 1);
  const splice = (start, remove, insert) => Buffer.concat([bytes.subarray(0, start), insert, bytes.subarray(start + remove)]);
  const kind = r.int(16);
  switch (kind) {
    case 0: {
      // bit flips
      const copy = Buffer.from(bytes);
      const flips = 1 + r.int(8);
      for (let k = 0; k < flips && copy.length > 0; k++) copy[r.int(copy.length)] ^= 1 << r.int(8);
      return [copy, `flip ${flips} bits`];
    }
    case 1:
      return [bytes.subarray(0, at()), 'truncate'];
    case 2: {
      const n = 1 + r.int(64);
      return [splice(at(), 0, Buffer.from(Array.from({ length: n }, () => r.int(256)))), `insert ${n} random bytes`];
    }
    case 3: {
      const n = 1 + r.int(2000);
      return [splice(at(), 0, Buffer.from('"'.repeat(n))), `insert ${n} quotes`];
    }
    case 4: {
      const open = r.pick(['[', '{', '- ', '? ', '{a: ', '[[', '"a": [']);
      const n = 10 + r.int(r.chance(0.2) ? 200_000 : 500);
      const close = open.startsWith('{') ? '}' : open.includes('[') ? ']' : '';
      return [splice(at(), 0, Buffer.from(open.repeat(n) + (r.chance(0.5) ? close.repeat(n) : ''))), `insert ${n} x ${JSON.stringify(open)}`];
    }
    case 5: {
      const n = r.chance(0.1) ? 1024 * 1024 + r.int(100_000) : 1000 + r.int(200_000);
      return [splice(at(), 0, Buffer.from(r.pick(['x', 'a ', ' ', ',', '\t', 'é', '""']).repeat(n))), `insert a huge line (${n})`];
    }
    case 6: {
      const start = at();
      return [splice(start, Math.min(bytes.length - start, 1 + r.int(200)), Buffer.alloc(0)), 'delete a chunk'];
    }
    case 7: {
      const start = at();
      const chunk = bytes.subarray(start, start + 1 + r.int(400));
      const times = 1 + r.int(r.chance(0.1) ? 2000 : 20);
      return [splice(at(), 0, Buffer.concat(Array.from({ length: times }, () => chunk))), `repeat a chunk ${times} times`];
    }
    case 8: {
      const s = r.pick(SNIPPETS);
      return [splice(at(), 0, Buffer.from(s)), `insert ${JSON.stringify(s)}`];
    }
    case 9: {
      const start = at();
      return [splice(start, Math.min(1, bytes.length - start), Buffer.from(r.pick(SNIPPETS))), 'replace a byte'];
    }
    case 10: {
      // line ends: all CRLF, all CR, or mixed
      const text = bytes.toString('latin1');
      const style = r.pick(['\r\n', '\r', 'mixed']);
      let k = 0;
      const out = text.replace(/\r?\n/g, () => (style === 'mixed' ? ['\n', '\r\n', '\r'][k++ % 3] : style));
      return [Buffer.from(out, 'latin1'), `line ends ${JSON.stringify(style)}`];
    }
    case 11: {
      // an alias bomb, anywhere
      const levels = 3 + r.int(8);
      let text = 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let k = 1; k <= levels; k++)
        text += `l${k}: &l${k} [${Array(9)
          .fill(`*l${k - 1}`)
          .join(', ')}]\n`;
      return [r.chance(0.5) ? Buffer.concat([Buffer.from(text), bytes]) : splice(at(), 0, Buffer.from(text)), `alias bomb of ${levels} levels`];
    }
    case 12:
      return [Buffer.concat([Buffer.from(r.pick(['\ufeff', '\ufffe', '\u00ff\u00fe', '\0\0\ufeff']), 'utf8'), bytes]), 'byte-order mark'];
    case 13: {
      // Re-encode as Latin-1 or UTF-16: not UTF-8 any more.
      const text = bytes.toString('utf8');
      return [r.chance(0.5) ? Buffer.from(text, 'latin1') : Buffer.from(`\ufeff${text}`, 'utf16le'), 're-encode'];
    }
    case 14: {
      // swap delimiters or quotes
      const from = r.pick([',', '"', ':', ' ', '\n', '-']);
      const to = r.pick([';', "'", '\t', '|', '"', ',', '']);
      return [Buffer.from(bytes.toString('latin1').split(from).join(to), 'latin1'), `replace ${JSON.stringify(from)} by ${JSON.stringify(to)}`];
    }
    default:
      return [Buffer.from(Array.from({ length: r.int(4096) }, () => r.int(256))), 'random bytes only'];
  }
}

/** The family of a case, drawn apart from its content so mutated cases stay as they were. */
function familyOf(seed, index, only) {
  const roll = prng(caseSeed(seed ^ 0x5eed, index)).next();
  if (only) {
    const chosen = FAMILIES.filter((family) => only.includes(family.name));
    return chosen[Math.floor(roll * chosen.length)];
  }
  let sum = 0;
  for (const family of FAMILIES) {
    sum += family.share;
    if (roll < sum) return family;
  }
  return undefined;
}

/** The case for an index: which seed, its mutated bytes (or a family's files), and the commands to run on it. */
export function makeCase(seed, index, only) {
  const family = familyOf(seed, index, only);
  if (family) {
    const made = family.make(prng(caseSeed(seed, index)), ROOT);
    return { index, family: family.name, seed: `(${family.name})`, kind: family.name, ext: 'dir', ...made };
  }
  const r = prng(caseSeed(seed, index));
  const source = r.pick(SEEDS);
  let bytes = seedBytes(source);
  const steps = [];
  const count = r.chance(0.5) ? 1 : 1 + r.int(4);
  for (let k = 0; k < count; k++) {
    const [next, what] = mutate(bytes, r);
    bytes = next;
    steps.push(what);
  }
  // Keep cases bounded: a few MB at most, which is past every limit that matters.
  if (bytes.length > 6 * 1024 * 1024) bytes = bytes.subarray(0, 6 * 1024 * 1024);
  const viaStdin = source.kind === 'items' && r.chance(0.1);
  return {
    index,
    seed: source.file ?? `(built-in ${source.ext})`,
    kind: source.kind,
    ext: source.ext,
    bytes,
    steps,
    viaStdin,
    relax: r.chance(0.2),
    format: r.pick(['jsonl', 'csv', 'json', 'table']),
  };
}

/** The runs of one case: a score and a validate, each args and what exit codes are allowed. */
function commandsFor(c, path) {
  const input = c.viaStdin ? '-' : path;
  const relax = c.relax && c.kind === 'items' ? ['--relax'] : [];
  switch (c.kind) {
    case 'items':
      return [
        { args: ['score', input, '-f', c.format, ...relax], allowed: [0, 1, 2], stdin: c.viaStdin },
        { args: ['validate', input, '-f', 'json', ...relax], allowed: [0, 1], json: true, stdin: c.viaStdin },
      ];
    case 'principles':
      return [
        { args: ['score', BACKLOG, '-p', path, '-f', 'jsonl'], allowed: [0, 1, 2] },
        { args: ['validate', '-p', path, '-f', 'json'], allowed: [0, 1], json: true },
      ];
    case 'decisions':
      return [
        { args: ['score', BACKLOG, '--decisions', path, '-f', 'jsonl'], allowed: [0, 1, 2] },
        { args: ['validate', path, BACKLOG, '-f', 'json'], allowed: [0, 1], json: true },
      ];
    default:
      return [{ args: ['score', EXPORT, '--config', path, '-f', 'jsonl'], allowed: [0, 1, 2] }];
  }
}

/** What is wrong with one run's ending, or undefined. */
function problemOf(command, code, stdout, stderr) {
  if (!command.allowed.includes(code)) return `exit code ${code}, expected one of ${command.allowed.join(', ')}`;
  if (STACK.test(stderr)) return 'a stack trace on stderr';
  if (/internal error/i.test(stderr)) return '"internal error" on stderr';
  const lines = stderr.split('\n').filter((line) => line !== '');
  if (lines.length > MAX_STDERR_LINES) return `${lines.length} lines on stderr`;
  if (code === 2 && lines.length === 0) return 'exit 2 with nothing on stderr';
  // Exit 2 (a path that cannot be read, a usage error) prints no report.
  if (command.json && code !== 2 && stdout.length < CAPTURE_LIMIT) {
    try {
      JSON.parse(stdout);
    } catch {
      return 'validate -f json printed something that is not JSON';
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// The worker: runs cases in-process, as the parent asks.

function capture() {
  let text = '';
  let bytes = 0;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      bytes += chunk.length;
      if (text.length < CAPTURE_LIMIT) text += chunk.toString();
      done();
    },
  });
  stream.isTTY = false;
  return { stream, text: () => text, bytes: () => bytes };
}

async function worker(options) {
  const { run } = await import(join(ROOT, 'dist/cli/main.js'));
  const dir = mkdtempSync(join(tmpdir(), 'triage-fuzz-'));
  // Anything written to the real streams during a case went round the injected ones.
  let leaked = '';
  const realWrite = (stream) => {
    const original = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      leaked += String(chunk).slice(0, 200);
      return original(chunk, ...rest);
    };
  };
  realWrite(process.stdout);
  realWrite(process.stderr);
  process.on('message', async (message) => {
    if (message.type === 'stop') {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
    const c = makeCase(options.seed, message.index, options.families);
    const folder = c.files ? join(dir, `case-${c.index}`) : dir;
    const path = c.files ? folder : join(dir, `case-${c.index}.${c.ext}`);
    if (c.files) layOut(folder, c.files);
    else writeFileSync(path, c.bytes);
    const runs = [];
    for (const command of c.files
      ? c.commands.map((k) => ({ ...k, args: k.args.map((a) => (typeof a === 'string' ? a : join(folder, c.files[a.file].name))) }))
      : commandsFor(c, path)) {
      const fifos = c.files ? refill(folder, c.files) : [];
      leaked = '';
      const out = capture();
      const err = capture();
      const stdin = Readable.from(command.stdin ? [c.bytes] : []);
      stdin.isTTY = false;
      const started = performance.now();
      let code;
      try {
        code = await run(command.args, { stdout: out.stream, stderr: err.stream, stdin, env: { NO_COLOR: '1' }, cwd: folder });
      } catch (error) {
        code = `threw ${error?.stack ?? error}`;
      }
      await drain(fifos);
      const ms = performance.now() - started;
      let problem = typeof code === 'number' ? problemOf(command, code, out.text(), err.text()) : String(code);
      if (!problem && leaked) problem = `wrote to the real stdout or stderr: ${JSON.stringify(leaked)}`;
      runs.push({ mode: 'in-process', args: command.args, code, ms, problem, stderr: err.text().slice(0, 600) });
      if (message.child && !c.noChild) runs.push(childRun(command, c, path, folder));
    }
    rmSync(path, { recursive: true, force: true });
    process.send({ type: 'done', index: c.index, family: c.family ?? 'mutation', runs });
  });
  process.send({ type: 'ready' });
}

/** Create a family case's files, links, folders and FIFOs (a FIFO falls back to a file where mkfifo fails). */
function layOut(folder, files) {
  mkdirSync(folder, { recursive: true });
  for (const file of files) {
    const at = join(folder, file.name);
    try {
      if (file.link !== undefined) symlinkSync(file.link, at);
      else if (file.folder) mkdirSync(at);
      else if (file.fifo !== undefined) {
        if (spawnSync('mkfifo', [at]).status !== 0) writeFileSync(at, file.fifo);
      } else if (file.bytes !== undefined) writeFileSync(at, file.bytes);
    } catch (error) {
      // A name too long to create: the commands are expected to find nothing there.
      if (error.code !== 'ENAMETOOLONG') throw error;
    }
  }
}

/** Start writing each FIFO's bytes, for the next command to read. */
function refill(folder, files) {
  return files
    .filter((file) => file.fifo !== undefined)
    .map((file) => {
      const at = join(folder, file.name);
      const stream = createWriteStream(at);
      const done = new Promise((resolve) => {
        stream.on('error', resolve);
        stream.on('close', resolve);
      });
      stream.end(file.fifo);
      return { at, stream, done };
    });
}

/** After a command: a FIFO it did not read to the end is opened and closed, so the writer ends. */
async function drain(fifos) {
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo.at, constants.O_RDONLY | constants.O_NONBLOCK));
    } catch {
      // Not a FIFO after all (mkfifo failed): the writer has finished already.
    }
    fifo.stream.destroy();
    await fifo.done;
  }
}

/** The same command through the real bin, as a user runs it. */
function childRun(command, c, path, folder = ROOT) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...command.args], {
    cwd: c.files ? folder : ROOT,
    input: command.stdin ? c.bytes : '',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  let problem;
  if (result.error?.code === 'ETIMEDOUT') problem = 'the child process did not end within 20 s';
  else if (result.signal) problem = `the child process was killed by ${result.signal}`;
  else problem = problemOf(command, result.status, result.stdout, result.stderr);
  return {
    mode: 'child',
    args: command.args.map((a) => (a === path ? `case.${c.ext}` : a.startsWith(`${folder}/`) && c.files ? a.slice(folder.length + 1) : a)),
    code: result.status,
    ms,
    problem,
    stderr: result.stderr.slice(0, 600),
  };
}

// ---------------------------------------------------------------------------------------
// The parent: hands out cases, watches the clock, collects the results.

function parseArgs(argv) {
  const options = { cases: 1000, seed: 1, workers: 2, timeout: 30_000, processes: undefined, only: undefined, save: join(ROOT, '.fuzz/failures'), json: false };
  for (let k = 0; k < argv.length; k++) {
    const name = argv[k];
    const value = () => {
      const v = argv[++k];
      if (v === undefined) usage(`${name} needs a value`);
      return v;
    };
    const count = (text) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) usage(`${name} takes a whole number, not ${JSON.stringify(text)}`);
      return n;
    };
    if (name === '--cases') options.cases = count(value());
    else if (name === '--seed') options.seed = count(value());
    else if (name === '--workers') options.workers = Math.max(1, count(value()));
    else if (name === '--timeout') options.timeout = count(value());
    else if (name === '--processes') options.processes = count(value());
    else if (name === '--only') options.only = count(value());
    else if (name === '--save') options.save = value();
    else if (name === '--json') options.json = true;
    else if (name === '--families') {
      options.families = value().split(',');
      const unknown = options.families.filter((f) => !FAMILIES.some((family) => family.name === f));
      if (unknown.length > 0) usage(`unknown family ${unknown[0]}: choose from ${FAMILIES.map((f) => f.name).join(', ')}`);
    } else if (name === '--worker') options.worker = true;
    else usage(`unknown option ${name}`);
  }
  options.processes ??= Math.max(1, Math.ceil(options.cases / 50));
  return options;
}

function usage(message) {
  process.stderr.write(
    `fuzz: ${message}\nusage: node scripts/fuzz.mjs [--cases N] [--seed S] [--workers W] [--timeout MS] [--processes N] [--only INDEX] [--save DIR] [--json] [--families a,b]\n`,
  );
  process.exit(2);
}

async function parent(options) {
  const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.cases }, (_, k) => k);
  // Spread the child-process sample evenly over the cases.
  const every = Math.max(1, Math.floor(indexes.length / Math.max(1, options.processes)));
  const sampled = new Set(options.processes === 0 ? [] : indexes.filter((_, k) => k % every === 0).slice(0, options.processes));
  const started = performance.now();
  const results = new Map();
  const failures = [];
  const codes = {};
  let childRuns = 0;
  let inProcessRuns = 0;
  let slowest = { ms: 0 };
  let next = 0;

  const families = {};
  const record = (index, runs, family = 'unknown') => {
    results.set(index, true);
    families[family] = (families[family] ?? 0) + 1;
    for (const run of runs) {
      if (run.mode === 'child') childRuns++;
      else inProcessRuns++;
      const key = `${run.args[0]} ${run.code}`;
      codes[key] = (codes[key] ?? 0) + 1;
      if (run.ms > slowest.ms) slowest = { ms: run.ms, index, args: run.args };
      if (run.problem) failures.push({ index, ...run });
    }
    if (!options.json && results.size % 500 === 0) process.stdout.write(`  ${results.size} of ${indexes.length} cases, ${failures.length} failure(s)\n`);
  };

  await new Promise((finish) => {
    let live = 0;
    const startWorker = () => {
      live++;
      const child = fork(
        fileURLToPath(import.meta.url),
        ['--worker', '--seed', String(options.seed), ...(options.families ? ['--families', options.families.join(',')] : [])],
        {
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          execArgv: ['--max-old-space-size=1024'],
        },
      );
      let tail = '';
      const keep = (chunk) => (tail = (tail + chunk).slice(-2000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      let current;
      let timer;
      const give = () => {
        if (next >= indexes.length) {
          current = undefined;
          child.send({ type: 'stop' });
          return;
        }
        current = indexes[next++];
        child.send({ type: 'case', index: current, child: sampled.has(current) });
        timer = setTimeout(
          () => {
            record(current, [
              {
                mode: 'in-process',
                args: ['(case)'],
                code: null,
                ms: options.timeout,
                problem: `no answer within ${options.timeout} ms: a hang`,
                stderr: tail,
              },
            ]);
            current = undefined;
            child.kill('SIGKILL');
          },
          options.timeout + (sampled.has(current) ? 45_000 : 0),
        );
      };
      child.on('message', (message) => {
        if (message.type === 'ready') give();
        else if (message.type === 'done') {
          clearTimeout(timer);
          record(message.index, message.runs, message.family);
          give();
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        live--;
        if (current !== undefined) {
          record(current, [{ mode: 'in-process', args: ['(case)'], code, ms: 0, problem: `the worker died (${signal ?? `exit ${code}`})`, stderr: tail }]);
          current = undefined;
        }
        if (next < indexes.length) startWorker();
        else if (live === 0) finish();
      });
    };
    for (let k = 0; k < Math.min(options.workers, indexes.length); k++) startWorker();
    if (indexes.length === 0) finish();
  });

  for (const failure of failures) save(options, failure);
  const summary = {
    seed: options.seed,
    cases: indexes.length,
    inProcessRuns,
    childRuns,
    families: Object.fromEntries(Object.entries(families).sort()),
    exitCodes: Object.fromEntries(Object.entries(codes).sort()),
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    slowestMs: Math.round(slowest.ms),
    failures: failures.map((f) => ({
      index: f.index,
      mode: f.mode,
      args: f.args,
      code: f.code,
      problem: f.problem,
      stderr: f.stderr,
      replay: `node scripts/fuzz.mjs --seed ${options.seed} --only ${f.index}${options.families ? ` --families ${options.families.join(',')}` : ''}`,
    })),
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else report(summary, slowest);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

function save(options, failure) {
  const c = makeCase(options.seed, failure.index, options.families);
  mkdirSync(options.save, { recursive: true });
  if (!c.files) {
    writeFileSync(join(options.save, `seed-${options.seed}-case-${c.index}.${c.ext}`), c.bytes);
    return;
  }
  // A family case is replayed from its seed; its files are kept under plain names.
  c.files.forEach((file, k) => {
    const bytes = file.bytes ?? file.fifo;
    if (bytes !== undefined) writeFileSync(join(options.save, `seed-${options.seed}-case-${c.index}-${k}.${c.kind}`), bytes);
  });
}

function report(summary, slowest) {
  const lines = [
    `fuzz: ${summary.cases} cases (seed ${summary.seed}), ${summary.inProcessRuns} runs in-process and ${summary.childRuns} as child processes, in ${summary.seconds} s`,
    `cases by family: ${Object.entries(summary.families)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}`,
    `exit codes: ${Object.entries(summary.exitCodes)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}`,
    `slowest run: ${summary.slowestMs} ms (case ${slowest.index}: ${slowest.args?.join(' ') ?? ''})`,
  ];
  if (summary.failures.length === 0) lines.push('no failures');
  for (const f of summary.failures) {
    lines.push(`FAIL case ${f.index} (${f.mode}: ${f.args.join(' ')}): ${f.problem}`);
    if (f.stderr)
      lines.push(
        ...f.stderr
          .trimEnd()
          .split('\n')
          .slice(0, 6)
          .map((line) => `    ${line}`),
      );
    lines.push(`    replay: ${f.replay}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// Run only as a script: importing the module (for makeCase, say) must not start a run.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const options = parseArgs(process.argv.slice(2));
  if (options.worker) await worker(options);
  else await parent(options);
}
