/**
 * Reports of large backlogs through the built CLI: json, markdown and html hold their items
 * on disk rather than in memory, so a run's peak memory does not grow with the backlog, and
 * the temporary files go away however the run ends. Memory is the child's own peak RSS.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogLines, writeBacklog } from '../../scripts/bench/generate.mjs';
import { BIN, ROOT, repoPath } from '../helpers/run.js';

const ITEMS = 50_000;
/** The same bound as streaming CSV (issue 6); before held sections, json took 800 MB here. */
const MAX_RSS_MB = 150;

let dir: string;
let backlog: string;
let runs = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'triage-report-memory-'));
  backlog = join(dir, 'backlog.csv');
  await writeBacklog(backlog, ITEMS, 7);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  rssMb: number;
  /** What the run left in its temporary folder (TMPDIR). */
  leftInTemp: string[];
}

/** Score in a child with its own TMPDIR, recording its peak RSS. */
async function score(
  args: string[],
  options: { input?: Iterable<string>; interrupt?: (temp: string) => Promise<void>; signal?: NodeJS.Signals } = {},
): Promise<Run> {
  const temp = mkdtempSync(join(dir, 'tmp-'));
  const rssFile = join(dir, `rss-${++runs}`);
  const child = spawn(process.execPath, ['--import', repoPath('scripts/bench/maxrss.mjs'), BIN, 'score', ...args, '-q'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TMPDIR: temp, BENCH_RSS_FILE: rssFile },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A run killed mid-input closes its end of the pipe under writes still queued: that EPIPE is
  // the interruption the test makes, not a failure. Any other error on the pipe is one.
  let inputError: Error | undefined;
  child.stdin.on('error', (error: Error) => (inputError = error));
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  if (options.input) {
    for (const line of options.input) if (!child.stdin.write(line)) await once(child.stdin, 'drain');
    if (options.interrupt) await options.interrupt(temp);
    else child.stdin.end();
    if (options.interrupt) child.kill(options.signal ?? 'SIGINT');
  } else {
    child.stdin.end();
  }
  const [code, signal] = await closed;
  if (inputError && !(options.interrupt && (inputError as NodeJS.ErrnoException).code === 'EPIPE')) throw inputError;
  const rssMb = signal ? 0 : Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { code, signal, stderr, rssMb, leftInTemp: readdirSync(temp) };
}

/** The last bytes of a file. */
function tailOf(path: string, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, bytes, statSync(path).size - bytes);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/** How many times `needle` occurs in a file, read a chunk at a time. */
async function countInFile(path: string, needle: string): Promise<number> {
  let count = 0;
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const text = carry + (chunk as string);
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count++;
    carry = text.slice(Math.max(0, text.length - needle.length + 1));
  }
  return count;
}

describe('large reports', () => {
  it('writes the JSON document of 50,000 items in bounded memory, summary first, and leaves no temporary file', async () => {
    const out = join(dir, 'results.json');
    const run = await score([backlog, '-f', 'json', '-o', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(run.leftInTemp).toEqual([]);
    const head = readFileSync(out, 'utf8').slice(0, 4000);
    expect(head.startsWith('{\n  "meta": {\n')).toBe(true);
    expect(head.indexOf('\n  "summary": {\n    "total": 50000,')).toBeGreaterThan(0);
    expect(head.indexOf('\n  "summary"')).toBeLessThan(head.indexOf('\n  "items": [\n    {\n      "id": "WI-0000001",'));
    expect(await countInFile(out, '\n    {\n      "id": "WI-')).toBe(ITEMS);
    expect(tailOf(out, 64).endsWith('\n    }\n  ]\n}\n')).toBe(true);
  }, 120_000);

  it('sorts 50,000 items in bounded memory', async () => {
    const out = join(dir, 'sorted.csv');
    const run = await score([backlog, '-f', 'csv', '--sort', 'alignment', '-o', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(run.leftInTemp).toEqual([]);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(ITEMS);
    // alignment is the fifth column; no cell before it holds a comma in this backlog.
    const alignments = rows.map((row) => Number(row.split(',')[4]));
    expect(alignments.every((value, k) => k === 0 || value <= (alignments[k - 1] as number))).toBe(true);
  }, 120_000);

  // Ctrl-C, and a terminal closed or an SSH session dropped under the run.
  it.each(['SIGINT', 'SIGHUP'] as const)(
    'removes its temporary files on %s, and leaves the old report',
    async (signal) => {
      const out = join(dir, `report-${signal}.md`);
      writeFileSync(out, 'last week\n');
      const run = await score(['-', '--input-format', 'csv', '-f', 'markdown', '-o', out], {
        input: backlogLines(30_000, 3),
        signal,
        // Standard input stays open: the run is mid-way, its rows held in a temporary file.
        interrupt: async (temp) => {
          for (let i = 0; i < 200; i++) {
            const held = readdirSync(temp).flatMap((name) => readdirSync(join(temp, name)));
            if (held.length > 0) return;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error('the run never held its rows in a temporary file');
        },
      });
      expect(run.signal).toBe(signal);
      expect(run.leftInTemp).toEqual([]);
      expect(readFileSync(out, 'utf8')).toBe('last week\n');
      expect(readdirSync(dir).filter((name) => name.startsWith(`.report-${signal}.md`))).toEqual([]);
    },
    60_000,
  );
});
