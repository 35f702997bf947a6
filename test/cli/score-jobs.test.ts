/**
 * `triage score --jobs N`: the same bytes as one thread, for every format and option, and
 * the same problems at the same file:line:column, in the same order. Small inputs are
 * forced onto workers (TRIAGE_JOBS_MIN_BYTES=0) in small ranges (TRIAGE_JOBS_PIECE_BYTES),
 * so a few hundred rows cross many range boundaries.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });
import { COLUMNS, backlogLines, writeBacklog } from '../../scripts/bench/generate.mjs';
import { planJobs } from '../../src/cli/score-jobs.js';
import type { ScoreOptions } from '../../src/cli/score.js';
import { formatNames } from '../../src/formats/index.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-jobs-'));
const backlog = join(dir, 'backlog.csv');
const PARALLEL = { TRIAGE_JOBS_MIN_BYTES: '0', TRIAGE_JOBS_PIECE_BYTES: '10000' };

beforeAll(async () => {
  await writeBacklog(backlog, 400, 11);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-02T03:04:05Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

/** One run's stdout, stderr and exit code, and the bytes of its -o file when it wrote one. */
async function score(args: string[], jobs: number, out?: string): Promise<{ code: number; stdout: string; stderr: string; file?: string }> {
  const result = await cli(['score', ...args, '--jobs', String(jobs), ...(out ? ['-o', out] : [])], { env: PARALLEL });
  const stderr = result.stderr.replaceAll(out ?? '\u0000', 'OUT');
  return { code: result.code, stdout: result.stdout, stderr, ...(out ? { file: readFileSync(out).toString('base64') } : {}) };
}

async function sameBothWays(args: string[], toFile = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const one = await score(args, 1, toFile ? join(dir, 'one.out') : undefined);
  const two = await score(args, 2, toFile ? join(dir, 'two.out') : undefined);
  if (toFile) {
    one.stderr = one.stderr.replace(join(dir, 'one.out'), 'OUT');
    two.stderr = two.stderr.replace(join(dir, 'two.out'), 'OUT');
  }
  expect(two).toEqual(one);
  return one;
}

/**
 * The lines as a file in which row 1000's title starts with "Caf" and a lone windows-1252 é
 * (0xe9): broken UTF-8, on the row's line. Returns the file's path.
 */
function writeBrokenAccent(lines: string[], name: string): string {
  lines[1000] = lines[1000]!.replace(/^(WI-\d+,)/, '$1Caf\u00e9 ');
  const text = Buffer.from(lines.join(''), 'utf8');
  const accent = text.indexOf(Buffer.from('Caf\u00e9', 'utf8')) + 3;
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat([text.subarray(0, accent), Buffer.from([0xe9, 0x20]), text.subarray(accent + 2)]));
  return file;
}

const options = (extra: Partial<ScoreOptions> = {}): ScoreOptions => ({ format: 'csv', sort: 'input', color: false, jobs: 2, ...extra });

describe('when score runs on workers', () => {
  it('plans workers for a CSV file to csv or jsonl, and one thread otherwise', async () => {
    const env = { TRIAGE_JOBS_MIN_BYTES: '0' };
    expect(await planJobs([backlog], options(), env)).toEqual({
      jobs: 2,
      path: backlog,
      size: readFileSync(backlog).length,
      headerBytes: COLUMNS.join(',').length + 1,
      afterHeader: 2,
      pieceBytes: 1024 * 1024,
      adaptive: true,
    });
    expect(await planJobs([backlog], options(), { ...env, TRIAGE_JOBS_PIECE_BYTES: '5000' })).toMatchObject({ pieceBytes: 5000, adaptive: false });
    expect((await planJobs([backlog], options({ format: 'jsonl', jobs: 3 }), env))?.jobs).toBe(3);
    expect(await planJobs([backlog], options(), {})).toBeUndefined(); // small: one thread
    expect(await planJobs([backlog], options({ jobs: 1 }), env)).toBeUndefined();
    expect(await planJobs(['-'], options(), env)).toBeUndefined();
    expect(await planJobs([backlog, backlog], options(), env)).toBeUndefined();
    expect(await planJobs([backlog], options({ format: 'json' }), env)).toBeUndefined();
    expect(await planJobs([backlog], options({ sort: 'alignment' }), env)).toBeUndefined();
    expect(await planJobs([backlog], options({ decisions: 'd.yaml' }), env)).toBeUndefined();
    expect(await planJobs([backlog], options({ failOn: ['review'] }), env)).toBeUndefined();
    expect(await planJobs([backlog], options({ relax: true }), env)).toBeUndefined();
    expect(await planJobs([backlog], options({ inputFormat: 'jsonl' }), env)).toBeUndefined();
  });

  for (const format of formatNames()) {
    it(`writes the same bytes as one thread: --format ${format}`, async () => {
      const binary = format === 'xlsx';
      // A format that stays on one thread is checked for that; the counterfactuals, which cost
      // most of such a run, matter only to the formats the workers write.
      const onWorkers = (await planJobs([backlog], options({ format }), PARALLEL)) !== undefined;
      const result = await sameBothWays([backlog, '--format', format, ...(onWorkers ? [] : ['--no-counterfactuals'])], binary);
      expect(result.code).toBe(0);
      if (!binary) expect(result.stdout.length).toBeGreaterThan(1000);
    });
  }

  it('writes the same bytes with --sort, --route, --keep-columns and --no-counterfactuals', async () => {
    const sorted = await sameBothWays([backlog, '-f', 'csv', '--sort', 'alignment']);
    expect(sorted.stdout.split('\n')).toHaveLength(402);
    const routed = await sameBothWays([backlog, '-f', 'csv', '--route', 'union', 'individual', '--keep-columns', 'owner', 'tags']);
    expect(routed.stdout.split('\n')[0]).toBe(
      'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden,recommended_route,recommended_rule,rationale,decided_by,stale,policy,owner,tags',
    );
    await sameBothWays([backlog, '-f', 'jsonl', '--no-counterfactuals']);
  });

  it('writes the same bytes with the main thread and two workers (--jobs 3) as with one thread', async () => {
    const one = await score([backlog, '-f', 'jsonl'], 1);
    const three = await score([backlog, '-f', 'jsonl'], 3);
    expect(three).toEqual(one);
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(400);
  });

  it('shows progress on a terminal, by the bytes and rows written so far, and clears it at the end', async () => {
    const big = join(dir, 'big.csv');
    await writeBacklog(big, 30_000, 3);
    const size = readFileSync(big).length;
    const out = join(dir, 'big.out');
    const result = await cli(['score', big, '-f', 'csv', '-o', out, '--jobs', '2'], { env: { TRIAGE_JOBS_MIN_BYTES: '0' }, stderrTty: true });
    expect(result.code).toBe(0);
    const CLEAR = '\r\u001b[2K';
    expect(result.stderr.endsWith(`${CLEAR}wrote ${out}\n`)).toBe(true);
    const lines = result.stderr.slice(0, -`wrote ${out}\n`.length).split(CLEAR).filter(Boolean);
    // 30,000 rows take well over the 100 ms between redraws, however fast the machine.
    expect(lines.length).toBeGreaterThan(0);
    const shares: number[] = [];
    for (const line of lines) {
      const match = /^([\d,]+) rows · [\d,]+ rows\/s · (\d+)% · \d+s$/.exec(line);
      expect(match, line).not.toBeNull();
      shares.push(Number(match?.[2]));
    }
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(Math.max(...shares)).toBeLessThanOrEqual(100);
    // Nothing without a terminal.
    expect((await cli(['score', big, '-f', 'csv', '-o', out, '--jobs', '2'], { env: { TRIAGE_JOBS_MIN_BYTES: '0' } })).stderr).toBe(`wrote ${out}\n`);
    expect(size).toBeGreaterThan(1024 * 1024); // more than one range
  });

  it('writes the header alone when no item is kept, as one thread does', async () => {
    const file = join(dir, 'unplaced.csv');
    writeFileSync(file, `id,title\n${Array.from({ length: 3000 }, (_, k) => `U-${k},Nothing known about item ${k}\n`).join('')}`);
    const result = await sameBothWays([file, '-f', 'csv', '--route', 'union']);
    expect(result).toEqual({
      code: 0,
      stdout:
        'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden,recommended_route,recommended_rule,rationale,decided_by,stale,policy\n',
      stderr: '',
    });
  });

  it('writes the same file with -o, atomically', async () => {
    const result = await sameBothWays([backlog, '-f', 'csv'], true);
    expect(result.stderr).toBe('wrote OUT\n');
  });

  it('reports invalid items and ids used twice, across ranges, at the same places and in the same order', async () => {
    const lines = [...backlogLines(2000, 5)];
    // An id used again far away (another range), twice in one range, and bad values in between.
    lines[1500] = lines[1500]!.replace(/^WI-\d+/, 'WI-0000003');
    lines[1501] = lines[1501]!.replace(/^WI-\d+/, 'WI-0000003');
    lines[900] = lines[900]!.replace(/,(yes|no),/, ',perhaps,');
    lines[901] = lines[901]!.replace(/^WI-\d+/, 'WI-0000901').replace(/,(yes|no),/, ',maybe,');
    lines[1700] = lines[1700]!.replace(/^WI-\d+/, 'WI-0000900');
    const file = join(dir, 'problems.csv');
    writeFileSync(file, lines.join(''));
    const result = await sameBothWays([file, '-f', 'csv']);
    expect(result.code).toBe(1);
    const problems = result.stderr.trimEnd().split('\n');
    expect(problems.filter((p) => p.includes('[item/duplicate-id]'))).toEqual([
      `${file}:1501:1: error: id "WI-0000003" is used twice (first at ${file}:4:1): give each item its own id [item/duplicate-id]`,
      `${file}:1502:1: error: id "WI-0000003" is used twice (first at ${file}:4:1): give each item its own id [item/duplicate-id]`,
    ]);
    expect(problems.filter((p) => / is not yes or no: /.test(p)).map((p) => p.split(': error')[0])).toEqual([
      expect.stringMatching(/:901:\d+$/),
      expect.stringMatching(/:902:\d+$/),
    ]);
    expect(problems.at(-1)).toBe('4 invalid item(s) were left out of the results');
  });

  it('names an id of any characters used twice in two ranges as one thread does', async () => {
    const lines = [...backlogLines(1200, 8)];
    const id = `"Caf\u00e9 \u{1F600} ${'x'.repeat(5000)}"`;
    lines[10] = lines[10]!.replace(/^WI-\d+/, id);
    lines[1100] = lines[1100]!.replace(/^WI-\d+/, id);
    const file = join(dir, 'unicode-ids.csv');
    writeFileSync(file, lines.join(''));
    const result = await sameBothWays([file, '-f', 'csv']);
    expect(result.code).toBe(1);
    // The message shortens so long an id; that it says what one thread says is checked above.
    const [problem] = result.stderr.split('\n');
    expect(problem!.startsWith(`${file}:1101:1: error: id "Caf\u00e9 \u{1F600} xxx`)).toBe(true);
    expect(problem!.endsWith(`xxx" is used twice (first at ${file}:11:1): give each item its own id [item/duplicate-id]`)).toBe(true);
  });

  it('reads quoted fields across line breaks and CRLF line ends, and stops at a broken record with its line and column', async () => {
    const rows = ['id,title,description,lead,effort_weeks\r\n'];
    for (let k = 1; k <= 900; k++) {
      const description = k % 3 === 0 ? `"Pilot the ""new"" service,\r\nline two\nline three for ${k}"` : `Renew the annual licence ${k}`;
      rows.push(`T-${k},Item ${k},${description},${k % 2 ? 'council' : 'ccg'},${k % 20}\r\n`);
    }
    const good = join(dir, 'multiline.csv');
    writeFileSync(good, rows.join(''));
    const ok = await sameBothWays([good, '-f', 'jsonl', '--no-counterfactuals']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trimEnd().split('\n')).toHaveLength(900);
    // Record 700 loses a field: the error names its line (three lines per third record before it).
    rows[700] = rows[700]!.replace(/,(council|ccg),/, ',');
    const bad = join(dir, 'broken.csv');
    writeFileSync(bad, rows.join(''));
    // Rows before the error may have gone out, as many as a single pass had flushed: a matter of
    // timing, so only the error and the exit code are compared (a file, -o, is never written).
    const one = await score([bad, '-f', 'csv'], 1);
    const broken = await score([bad, '-f', 'csv'], 2);
    expect({ code: broken.code, stderr: broken.stderr }).toEqual({ code: one.code, stderr: one.stderr });
    expect(broken.code).toBe(2);
    const line = 1 + 699 + 2 * 233 + 1;
    expect(broken.stderr).toBe(
      `${bad}:${line}:46: this record has 4 fields, but the header has 5; every row needs one value per column: check for a missing or extra delimiter, or quote fields that contain it\n`,
    );
  });

  it('names the line of a broken UTF-8 byte in a later range, and reads --encoding windows-1252 by ranges, as one thread does', async () => {
    const lines = [...backlogLines(1200, 9)];
    // Ranges of 10,000 bytes hold about 36 rows: row 1000 is far into the file.
    const broken = writeBrokenAccent(lines, 'broken-utf8.csv');
    // As at a broken record, only the message and the exit code are the same both ways.
    const one = await score([broken, '-f', 'csv'], 1);
    const bad = await score([broken, '-f', 'csv'], 2);
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({ code: one.code, stderr: one.stderr });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${broken.replaceAll('.', '\\.')}:1001:\\d+: .*not valid UTF-8 \\(byte 0xe9 on line 1001\\)`));
    // The same bytes are a windows-1252 file, read by ranges: the accented row is among the results.
    const latin = await sameBothWays([broken, '-f', 'jsonl', '--encoding', 'windows-1252', '--no-counterfactuals']);
    expect(latin.code).toBe(0);
    expect(latin.stdout.trimEnd().split('\n')).toHaveLength(1200);
    expect(latin.stdout).toContain('Caf\u00e9 ');
  });

  it('warns at the end, as one thread does, when the fields the set reads have no value in any item kept', async () => {
    const header = 'id,title,description,lead,organisations,effort_weeks,cost_gbp,recurring,citizen_impact,evidence,owner,Notes\n';
    const rows = Array.from({ length: 800 }, (_, i) => `A-${i},Item ${i},,,,${i % 2 === 0 ? '3' : ''},,,,,,a note that the set does not read\n`);
    // The only lead given is on an item whose id was used before, and so left out.
    rows[700] = 'A-5,Again,,union,,,,,,,,x\n';
    const empty = join(dir, 'empty-fields.csv');
    writeFileSync(empty, header + rows.join(''));
    const result = await sameBothWays([empty, '-f', 'csv']);
    expect(result.stderr.split('\n').slice(-2)).toEqual([
      'triage: warning: none of the 799 items has a value for 8 of the 9 fields the principle set reads: description, lead, organisations, cost_gbp, recurring, citizen_impact, evidence, owner; map the columns that hold them (--map), or chase the data',
      '',
    ]);
    expect(await score([empty, '-f', 'jsonl', '--no-counterfactuals', '--route', 'individual'], 3)).toEqual(
      await score([empty, '-f', 'jsonl', '--no-counterfactuals', '--route', 'individual'], 1),
    );
  });

  it('reads a UTF-8 byte-order mark followed by a blank line as one thread does', async () => {
    const marked = join(dir, 'mark-blank.csv');
    writeFileSync(marked, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x0a]), readFileSync(backlog)]));
    expect(await planJobs([marked], options({ jobs: 3 }), { TRIAGE_JOBS_MIN_BYTES: '0' })).toBeUndefined();
    const result = await sameBothWays([marked, '-f', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(401);
    expect(await score([marked, '-f', 'csv'], 3)).toEqual(await score([marked, '-f', 'csv'], 1));
  });

  it('names the line of a broken UTF-8 byte after cells holding a lone \\r as one thread does', async () => {
    const lines = [...backlogLines(1200, 9)];
    // Every tenth row's title holds a lone \r inside quotes: a line break to the CSV reader.
    for (let i = 10; i < lines.length; i += 10) lines[i] = lines[i]!.replace(/^(WI-\d+,)[^,]*,/, '$1"Part\rtwo",');
    const broken = writeBrokenAccent(lines, 'broken-cr.csv');
    const one = await score([broken, '-f', 'csv'], 1);
    const bad = await score([broken, '-f', 'csv'], 3);
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({ code: one.code, stderr: one.stderr });
    // Row 1000 starts on line 1001, after 99 rows with an extra break.
    expect(bad.stderr).toMatch(new RegExp(`^${broken.replaceAll('.', '\\.')}:1100:\\d+: .*not valid UTF-8 \\(byte 0xe9 on line 1100\\)`));
  });
});
