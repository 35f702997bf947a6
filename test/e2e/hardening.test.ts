/**
 * Error discipline through the built bin: for every way a file or a folder can be wrong, the
 * documented exit code and one line on stderr (where, what, and the fix), no stack trace
 * without --debug, no half-written file, and a closed pipe is not an error.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, type RunResult } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const H = 'test/fixtures/hostile';
const ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' };
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** A stack frame as Node prints one: `    at fn (file:line:col)`. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** The run failed the way a person can act on: this exit code, this one line, nothing on stdout. */
function expectRefusal(result: RunResult, code: number, line: string): void {
  expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ code, stderr: `${line}\n`, stdout: '' });
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stderr).not.toContain('internal error');
}

/** `validate -f json`: the one finding it reports for a file, and its one summary line. */
function expectFinding(result: RunResult, file: string, finding: { ruleId: string; message: string; line: number; column: number }): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '1 file checked: 1 problem (1 error, 0 warnings)\n' });
  expect(JSON.parse(result.stdout)).toEqual([{ filePath: file, messages: [{ severity: 2, ...finding }], errorCount: 1, warningCount: 0 }]);
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-hardening-'));
  // Readable by the unprivileged user the permission tests run as.
  chmodSync(dir, 0o755);
  return dir;
}

/** Deterministic bytes (mulberry32), so a "random" file gives the same message every run. */
function seededBytes(seed: number, length: number, max = 256): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) % max;
  }
  return bytes;
}

/** A backlog of n valid rows, for outputs larger than a pipe's or a file-size limit's buffer. */
function bigBacklog(dir: string, rows: number): string {
  const path = join(dir, 'big.csv');
  const lines = ['id,title,description,lead,organisations,effort_weeks'];
  for (let k = 1; k <= rows; k++) lines.push(`B-${k},Item ${k},A piece of work with a long enough description to fill the output,council,council,${k % 9}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const garbageDir = folder();
/** Random bytes, NULs included: not UTF-8. */
const GARBAGE = join(garbageDir, 'garbage.csv');
writeFileSync(GARBAGE, Buffer.concat([Buffer.from([0, 0, 0x41, 0]), seededBytes(7, 4096)]));
/** Random 7-bit bytes, NULs, quotes and line breaks included: valid UTF-8, but not CSV. */
const ASCII_GARBAGE = join(garbageDir, 'ascii-garbage.csv');
writeFileSync(ASCII_GARBAGE, seededBytes(11, 4096, 128));

describe('missing, unreadable and broken inputs', () => {
  const cases: Array<{ what: string; args: string[]; line: string }> = [
    {
      what: 'a missing file',
      args: [`${H}/missing.csv`],
      line: `${H}/missing.csv: cannot find item file ${H}/missing.csv; check the path and the current folder`,
    },
    {
      what: 'a directory',
      args: [H],
      line: `${H}: ${H} is a directory, not an item file; give the path of a CSV, YAML, JSON or JSONL file`,
    },
    {
      what: 'an empty file',
      args: [`${H}/empty.csv`],
      line: `${H}/empty.csv: ${H}/empty.csv is empty; an item file needs a header row (CSV) or a list of items (YAML, JSON)`,
    },
    {
      what: 'binary garbage',
      args: [GARBAGE],
      line: `${GARBAGE}:1:8: ${GARBAGE} is not valid UTF-8 (byte 0x96 on line 1); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
    },
    {
      what: 'a file cut in the middle of a quoted field',
      args: [`${H}/truncated-quote.csv`],
      line: `${H}/truncated-quote.csv:3:15: a quoted field that starts in the record on line 3 is never closed; add the closing double quote`,
    },
    {
      what: 'a file cut in the middle of a UTF-8 sequence',
      args: [`${H}/truncated-utf8.csv`],
      line: `${H}/truncated-utf8.csv:3:8: ${H}/truncated-utf8.csv is not valid UTF-8 (byte 0xc3 on line 3); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
    },
    {
      what: 'a YAML file cut in the middle of a quoted value',
      args: [`${H}/truncated.yaml`],
      line: `${H}/truncated.yaml:5:27: Missing closing "quote; close the quote, [ or { that was opened before this point`,
    },
  ];

  for (const { what, args, line } of cases) {
    it(`score: ${what} is exit 2 and one line`, async () => {
      expectRefusal(await cli(['score', ...args]), 2, line);
    });
    it(`explain: ${what} is exit 2 and one line`, async () => {
      expectRefusal(await cli(['explain', 'H-2', ...args]), 2, line);
    });
  }

  it('score: 7-bit garbage that decodes is still refused as CSV, at its place, with the fix', async () => {
    const result = await cli(['score', ASCII_GARBAGE]);
    expectRefusal(
      result,
      2,
      `${ASCII_GARBAGE}:1:4: a double quote inside an unquoted field (field 1); quote the whole field and double the inner quotes (""), or pass --relax`,
    );
  });

  it('score: a file with only a header is an empty backlog, not an error', async () => {
    const empty = await cli(['score', `${H}/header-only.csv`]);
    expect([empty.code, empty.stderr]).toEqual([0, '']);
    expect(empty.stdout).toMatch(
      /^No items to show\.\nScored by union-triage \d+\.\d+\.\d+ with principles\/union\.yaml \(sha256:[0-9a-f]{12}\)\.\n0 items\n$/,
    );
    expect((await cli(['score', `${H}/header-only.csv`, '-f', 'csv'])).stdout).toBe(
      'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden,recommended_route,recommended_rule,rationale,decided_by,stale,policy\n',
    );
  });

  it('explain: an id missing from a file with only a header says so', async () => {
    expectRefusal(
      await cli(['explain', 'H-1', `${H}/header-only.csv`]),
      2,
      `no item with id "H-1" in ${H}/header-only.csv; ids are case-sensitive; triage score lists them`,
    );
  });

  it('prints the stack trace only with --debug', async () => {
    const plain = await cli(['score', `${H}/missing.csv`]);
    const debug = await cli(['score', `${H}/missing.csv`, '--debug']);
    expect(plain.stderr).not.toMatch(STACK);
    expect(debug.code).toBe(2);
    expect(debug.stderr.split('\n')[0]).toBe(plain.stderr.trimEnd());
    expect(debug.stderr.split('\n')[1]).toBe(`TriageError: cannot find item file ${H}/missing.csv`);
    expect(debug.stderr).toMatch(STACK);
  });
});

describe('validate: what is wrong inside a file is a finding (exit 1); a path that cannot be read is exit 2', () => {
  it('a missing file', async () => {
    expectRefusal(
      await cli(['validate', `${H}/missing.csv`]),
      2,
      `${H}/missing.csv: cannot find file or folder ${H}/missing.csv; check the path and the current folder`,
    );
  });

  it('a directory with nothing to validate', async () => {
    const dir = folder();
    expectRefusal(
      await cli(['validate', dir]),
      2,
      `nothing to validate in ${dir}: no principle set, item or decisions files; check the path; folders are searched for .csv, .tsv, .yaml, .yml, .json, .jsonl, .ndjson, .xlsx and .xlsm files`,
    );
  });

  it('an empty file', async () => {
    expectFinding(await cli(['validate', `${H}/empty.csv`, '-f', 'json']), `${H}/empty.csv`, {
      ruleId: 'file/empty',
      message: `${H}/empty.csv is empty; an item file needs a header row (CSV) or a list of items (YAML, JSON)`,
      line: 1,
      column: 1,
    });
  });

  it('binary garbage', async () => {
    expectFinding(await cli(['validate', GARBAGE, '-f', 'json']), GARBAGE, {
      ruleId: 'file/encoding',
      message: `${GARBAGE} is not valid UTF-8 (byte 0x96 on line 1); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
      line: 1,
      column: 8,
    });
  });

  it('truncated files: mid quoted field, mid UTF-8 sequence, mid YAML', async () => {
    expectFinding(await cli(['validate', `${H}/truncated-quote.csv`, '-f', 'json']), `${H}/truncated-quote.csv`, {
      ruleId: 'csv/syntax',
      message: 'a quoted field that starts in the record on line 3 is never closed; add the closing double quote',
      line: 3,
      column: 15,
    });
    expectFinding(await cli(['validate', `${H}/truncated-utf8.csv`, '-f', 'json']), `${H}/truncated-utf8.csv`, {
      ruleId: 'file/encoding',
      message: `${H}/truncated-utf8.csv is not valid UTF-8 (byte 0xc3 on line 3); save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le`,
      line: 3,
      column: 8,
    });
    expectFinding(await cli(['validate', `${H}/truncated.yaml`, '-f', 'json']), `${H}/truncated.yaml`, {
      ruleId: 'yaml/syntax',
      message: 'Missing closing "quote; close the quote, [ or { that was opened before this point',
      line: 5,
      column: 27,
    });
  });

  it('a file with only a header has no problems', async () => {
    expect(await cli(['validate', `${H}/header-only.csv`])).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  });
});

describe('a principle set that is not a mapping', () => {
  const sets: Array<[string, string]> = [
    [
      'principles-list.yaml',
      'a principle set must be a mapping of version, organisation, routes, fields, principles, transformation and routing, not a list: start from principles/union.yaml, or run triage init',
    ],
    [
      'principles-scalar.yaml',
      'a principle set must be a mapping of version, organisation, routes, fields, principles, transformation and routing, not a single value (string): start from principles/union.yaml, or run triage init',
    ],
    [
      'principles-empty.yaml',
      `${H}/principles-empty.yaml holds no principle set; it needs version, organisation, routes, fields, principles, transformation and routing: start from principles/union.yaml, or run triage init`,
    ],
  ];
  for (const [name, message] of sets) {
    it(`${name}: score, explain and principles refuse it (exit 2) at 1:1`, async () => {
      const line = `${H}/${name}:1:1: error: ${message} [${name === 'principles-empty.yaml' ? 'file/empty' : 'principles/schema'}]`;
      expectRefusal(await cli(['score', 'examples/backlog.csv', '-p', `${H}/${name}`]), 2, line);
      expectRefusal(await cli(['explain', 'WI-01', 'examples/backlog.csv', '-p', `${H}/${name}`]), 2, line);
      expectRefusal(await cli(['principles', '-p', `${H}/${name}`]), 2, line);
    });
  }

  it('validate -p reports it as a finding', async () => {
    expectFinding(await cli(['validate', '-p', `${H}/principles-list.yaml`, '-f', 'json']), `${H}/principles-list.yaml`, {
      ruleId: 'principles/schema',
      message: sets[0]![1],
      line: 1,
      column: 1,
    });
    expectFinding(await cli(['validate', '-p', `${H}/principles-empty.yaml`, '-f', 'json']), `${H}/principles-empty.yaml`, {
      ruleId: 'file/empty',
      message: `${H}/principles-empty.yaml is empty; a principle set needs version, organisation, routes, fields, principles, transformation and routing`,
      line: 1,
      column: 1,
    });
  });
});

describe('unknown options', () => {
  const cases: Array<[string[], string]> = [
    [['score', 'examples/backlog.csv', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage score --help" for usage`],
    [['score', 'examples/backlog.csv', '--fromat', 'json'], `triage: unknown option '--fromat' (did you mean --format?); run "triage score --help" for usage`],
    [['validate', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage validate --help" for usage`],
    [['explain', 'WI-01', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage explain --help" for usage`],
    [['review', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage review --help" for usage`],
    [['init', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage init --help" for usage`],
    [['principles', '--frobnicate'], `triage: unknown option '--frobnicate'; run "triage principles --help" for usage`],
    [['scroe'], `triage: unknown command 'scroe' (did you mean score?); run "triage --help" for usage`],
    [
      ['score', '--sort', 'size'],
      `triage: option '--sort <key>' argument 'size' is invalid. Allowed choices are input, route, alignment, transformation, confidence, id, title; run "triage score --help" for usage`,
    ],
    [['explain'], `triage: missing required argument 'id'; run "triage explain --help" for usage`],
  ];
  for (const [args, line] of cases) {
    it(`${args.join(' ')}: exit 2 and one line`, async () => {
      expectRefusal(await cli(args), 2, line);
    });
  }
});

describe('outputs that cannot be written', () => {
  it('an output path that is a directory', async () => {
    const dir = folder();
    const line = `${dir}: cannot write to ${dir}: it is a directory; give a file name, e.g. -o report.html`;
    expectRefusal(await cli(['score', 'examples/backlog.csv', '-f', 'csv', '-o', dir]), 2, line);
    expectRefusal(await cli(['validate', 'examples/backlog.csv', '-o', dir]), 2, line);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an output path below a file, or empty', async () => {
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '-o', 'examples/backlog.csv/out.json', '-f', 'json']),
      2,
      'examples/backlog.csv/out.json: cannot write examples/backlog.csv/out.json: part of its path is a file, not a folder; check the path, or choose another',
    );
    expectRefusal(await cli(['score', 'examples/backlog.csv', '-o', '', '-f', 'json']), 2, 'no file name given to write to; name a file, e.g. -o report.html');
  });

  /** Run the bin as a user without write permission to the folder (root may write anywhere). */
  function asOtherUser(args: string[], cwd: string): RunResult {
    const options: SpawnSyncOptions = { cwd, env: ENV, encoding: 'utf8', timeout: 30000, ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}) };
    const result = spawnSync(process.execPath, [BIN, ...args], options);
    return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  it('an output folder that is not writable: score -o, validate -o and init', async () => {
    const dir = folder();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'old.csv'), 'old,csv\n');
    chmodSync(join(locked, 'old.csv'), 0o644);
    chmodSync(locked, 0o555);
    const backlog = join(ROOT, 'examples/backlog.csv');
    // Run as another user, the file itself is not theirs to write: refused for that, as a shell
    // would. Run as its owner, it is refused for the folder, where the new file would be made.
    expectRefusal(
      asOtherUser(['score', backlog, '-f', 'csv', '-o', join(locked, 'old.csv')], dir),
      2,
      IS_ROOT
        ? `${join(locked, 'old.csv')}: cannot write ${join(locked, 'old.csv')}: you do not have permission to write it; make it writable first (chmod u+w), or choose another file`
        : `${join(locked, 'old.csv')}: no permission to write ${join(locked, 'old.csv')}; choose a folder you can write to`,
    );
    // A new file in the folder: refused for the folder.
    expectRefusal(
      asOtherUser(['score', backlog, '-f', 'csv', '-o', join(locked, 'new.csv')], dir),
      2,
      `${join(locked, 'new.csv')}: no permission to write ${join(locked, 'new.csv')}; choose a folder you can write to`,
    );
    expectRefusal(
      asOtherUser(['validate', backlog, '-f', 'json', '-o', join(locked, 'report.json')], dir),
      2,
      `${join(locked, 'report.json')}: no permission to write ${join(locked, 'report.json')}; choose a folder you can write to`,
    );
    expectRefusal(
      asOtherUser(['init', 'locked', '--yes'], dir),
      2,
      `${join(locked, 'principles.yaml')}: no permission to write ${join(locked, 'principles.yaml')}; choose a folder you can write to`,
    );
    expectRefusal(asOtherUser(['init', 'locked/new', '--yes'], dir), 2, 'locked/new: no permission to write locked/new; choose a folder you can write to');
    expect(readdirSync(locked)).toEqual(['old.csv']);
    expect(readFileSync(join(locked, 'old.csv'), 'utf8')).toBe('old,csv\n');
  });

  it('init into a path that is a file', async () => {
    expectRefusal(
      await cli(['init', 'examples/backlog.csv', '--yes']),
      2,
      'examples/backlog.csv: examples/backlog.csv is a file, not a folder; name a folder (it is created if missing)',
    );
  });
});

describe('a full disk', () => {
  const tempFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

  /** Run the bin with a file-size limit of 8 blocks: writes past it fail with EFBIG. */
  function withSizeLimit(args: string[]): RunResult {
    const result = spawnSync('/bin/sh', ['-c', 'ulimit -f 8 && exec "$0" "$@"', process.execPath, BIN, ...args], {
      cwd: ROOT,
      env: ENV,
      encoding: 'utf8',
      timeout: 30000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('score -f csv -o (streaming): the old file untouched, no temporary file left', async () => {
    const dir = folder();
    const out = join(dir, 'scored.csv');
    writeFileSync(out, 'last week,scores\n');
    expectRefusal(
      withSizeLimit(['score', bigBacklog(dir, 2000), '-f', 'csv', '-o', out]),
      2,
      `${out}: the file would be larger than this system allows; nothing was written; raise the file size limit (ulimit -f), or choose a more compact format such as csv`,
    );
    expect(readFileSync(out, 'utf8')).toBe('last week,scores\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('validate -o: the old report untouched, no temporary file left', async () => {
    const dir = folder();
    const out = join(dir, 'report.json');
    writeFileSync(out, '[]\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `id,title,effort_weeks\n${Array.from({ length: 400 }, (_, k) => `V-${k},Item,lots`).join('\n')}\n`);
    expectRefusal(
      withSizeLimit(['validate', bad, '-f', 'json', '-o', out]),
      2,
      `${out}: the file would be larger than this system allows; nothing was written; raise the file size limit (ulimit -f), or choose a more compact format such as csv`,
    );
    expect(readFileSync(out, 'utf8')).toBe('[]\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('standard output on a full disk is an error, not a silent success', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'score', 'examples/backlog.csv', '-f', 'csv'], {
        cwd: ROOT,
        env: ENV,
        encoding: 'utf8',
        stdio: ['ignore', full, 'pipe'],
      });
      expectRefusal(
        { code: result.status, stdout: '', stderr: result.stderr },
        2,
        'triage: cannot write to standard output: the disk is full, so the output is incomplete; free some space, or write to a file elsewhere with -o',
      );
    } finally {
      closeSync(full);
    }
  });

  it('-o /dev/full: the disk-full message', async () => {
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '-f', 'csv', '-o', '/dev/full']),
      2,
      '/dev/full: the disk is full while writing /dev/full; nothing was written; free some space and run again',
    );
  });

  // A real full disk: a 16 KiB tmpfs in a private mount namespace (needs root; vanishes with the shell).
  const canMount = IS_ROOT && spawnSync('unshare', ['-m', 'true']).status === 0;
  it.skipIf(!canMount)('a really full disk (ENOSPC on a tiny tmpfs): the old file untouched, no temporary file left', () => {
    const dir = folder();
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    const script = [
      `mount -t tmpfs -o size=16k tmpfs "${disk}" || exit 99`,
      `printf 'the report from last week\\n' > "${disk}/report.html"`,
      `"${process.execPath}" "${BIN}" score examples/backlog.csv -f html -o "${disk}/report.html" 2>"${dir}/stderr"`,
      'echo "status $?"',
      `ls -A "${disk}"`,
      `cat "${disk}/report.html"`,
    ].join('\n');
    const result = spawnSync('unshare', ['-m', 'sh', '-c', script], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 30000 });
    expect(result.stdout).toBe('status 2\nreport.html\nthe report from last week\n');
    expect(readFileSync(join(dir, 'stderr'), 'utf8')).toBe(
      `${disk}/report.html: the disk is full while writing ${disk}/report.html; nothing was written; free some space and run again\n`,
    );
  });
});

describe('closed pipes', () => {
  const dir = folder();
  const big = bigBacklog(dir, 3000);

  /** Run the bin into `| head -1`: its exit status, its stderr, and what head printed. */
  function intoHead(args: string[]): { status: string; stderr: string; head: string } {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const script = `"${process.execPath}" "${BIN}" ${quoted} 2>"${dir}/stderr" | head -1; echo "status \${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 30000 });
    const [head, status] = result.stdout.trimEnd().split('\n') as [string, string];
    return { status, stderr: readFileSync(join(dir, 'stderr'), 'utf8'), head };
  }

  it('triage score examples/backlog.csv -f csv | head -1 exits quietly with status 0', async () => {
    expect(intoHead(['score', 'examples/backlog.csv', '-f', 'csv'])).toEqual({
      status: 'status 0',
      stderr: '',
      head: 'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden,recommended_route,recommended_rule,rationale,decided_by,stale,policy',
    });
  });

  it('so does a long run, where the pipe closes while rows are still being written', async () => {
    for (const format of ['csv', 'jsonl', 'table']) {
      const { status, stderr } = intoHead(['score', big, '-f', format]);
      expect({ format, status, stderr }).toEqual({ format, status: 'status 0', stderr: '' });
    }
  });

  it('a closed standard error loses the diagnostics, never the result or the exit code', async () => {
    const out = join(dir, 'scored.csv');
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" score examples/backlog.csv -f csv -o "${out}" 2>/dev/full; echo "status $?"`], {
      cwd: ROOT,
      env: ENV,
      encoding: 'utf8',
    });
    expect(result.stdout).toBe('status 0\n');
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(24);
  });
});

// review needs a terminal: `script` gives it one, and its output (stdout and stderr together) has CRLF line ends.
const hasScript = spawnSync('script', ['--version']).status === 0;
describe.skipIf(!hasScript)('review, in a terminal', () => {
  function review(args: string[]): { code: number | null; output: string } {
    const command = [process.execPath, BIN, 'review', ...args].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...ENV, TERM: 'dumb' }, encoding: 'utf8', timeout: 30000 });
    return { code: result.status, output: result.stdout.replaceAll('\r\n', '\n') };
  }

  it('refuses a missing item file with one line', async () => {
    expect(review([`${H}/missing.csv`])).toEqual({
      code: 2,
      output: `${H}/missing.csv: cannot find item file ${H}/missing.csv; check the path and the current folder\n`,
    });
  });

  it('refuses a decisions file in a folder it cannot write to, before asking anything', async () => {
    const dir = folder();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const command = [process.execPath, BIN, 'review', join(ROOT, 'examples/backlog.csv'), '--decisions', join(locked, 'decisions.yaml')]
      .map((a) => `'${a}'`)
      .join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      env: { ...ENV, TERM: 'dumb' },
      encoding: 'utf8',
      timeout: 30000,
      ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    expect({ code: result.status, output: result.stdout.replaceAll('\r\n', '\n') }).toEqual({
      code: 2,
      output: `${join(locked, 'decisions.yaml')}: no permission to write ${join(locked, 'decisions.yaml')}; choose a folder you can write to with --decisions\n`,
    });
    expect(readdirSync(locked)).toEqual([]);
  });

  it('refuses a decisions path that is a directory, before asking anything', async () => {
    const dir = folder();
    expect(review(['examples/backlog.csv', '--decisions', dir])).toEqual({
      code: 2,
      output: `${dir}: ${dir} is a directory, not a decisions file; give a file name with --decisions, e.g. --decisions decisions.yaml\n`,
    });
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe('files that are not what they seem', () => {
  const dir = folder();
  const zero = join(dir, 'zero.yaml');
  symlinkSync('/dev/zero', zero);
  const linked = join(dir, 'linked');
  mkdirSync(linked);
  symlinkSync('/dev/zero', join(linked, 'endless.yaml'));

  it('a link to a device that never ends is read only up to the limit, then refused', async () => {
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '-p', zero]),
      2,
      `${zero}: ${zero} is larger than 1 MB, the limit for a principle set; check that it is the principle set you meant`,
    );
    expectRefusal(
      await cli(['score', 'examples/backlog.csv', '--decisions', zero]),
      2,
      `${zero}: ${zero} is larger than 20 MB, the limit for a decisions file; check that it is the decisions file you meant`,
    );
    expectFinding(await cli(['validate', linked, '-f', 'json']), join(linked, 'endless.yaml'), {
      ruleId: 'file/too-large',
      message: `${join(linked, 'endless.yaml')} is larger than 20 MB, the limit for a file read whole; large backlogs stream as CSV or JSONL: convert it to one of those`,
      line: 1,
      column: 1,
    });
  });

  it('a pipe is read as a stream, not refused as empty', async () => {
    const result = spawnSync('bash', ['-c', `node ${BIN} score <(cat examples/backlog.csv) -f csv | wc -l`], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout.trim(), stderr: result.stderr }).toEqual({ status: 0, stdout: '23', stderr: '' });
  });

  it('a YAML stream of a million empty documents stops at the second', async () => {
    const many = join(dir, 'many.yaml');
    writeFileSync(many, '---\n'.repeat(1_000_000));
    expectRefusal(
      await cli(['score', many]),
      2,
      `${many}:2:1: a second YAML document starts here, and only one is read: remove the "---" line to make one document, or put the second in a file of its own`,
    );
  });

  it('a JSON item that names a field twice, as written or after trimming, is refused at the second', async () => {
    const twice = join(dir, 'twice.json');
    writeFileSync(twice, '[{"id":"A1","title":"t"},{"id":"A2","title":"t","id":"A3"}]');
    expectRefusal(
      await cli(['score', twice]),
      2,
      `${twice}:1:49: "id" appears twice in one item, and only one value could be kept; remove one of them, or rename it`,
    );
    const spaced = join(dir, 'spaced.jsonl');
    writeFileSync(spaced, '{"id":"A1","title":"t"}\n{"id":"A2","title":"t"," title ":"u"}\n');
    expectRefusal(
      await cli(['score', spaced]),
      2,
      `${spaced}:2:24: "title" and " title " name the same field in one item, and only one value could be kept; remove one of them, or rename it`,
    );
  });

  it('UTF-16LE with a broken character is refused at it, never replaced', async () => {
    const text = Buffer.from('\ufeffid,title\nA-1,Fine\nA-2,Bad X here\n', 'utf16le');
    const x = text.indexOf(Buffer.from('X', 'utf16le'));
    text[x] = 0x00;
    text[x + 1] = 0xd8; // a lone high surrogate
    const broken = join(dir, 'broken-utf16.csv');
    writeFileSync(broken, text);
    const result = await cli(['score', broken, '-f', 'csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${broken}:3:9: ${broken} is not valid UTF-16LE (a broken character on line 3); check that --encoding names the encoding the file was saved in, or save it as UTF-8\n`,
    );
    expect(result.stdout).not.toContain('\ufffd');
  });
});
