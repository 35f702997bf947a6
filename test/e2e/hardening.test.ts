/**
 * Error discipline where it needs a process of its own: writes refused to another user, a
 * file-size limit and full devices (no half-written file), closed pipes (not an error), a
 * decisions file refused in a real terminal, and a pipe given as a path. The rest of the same
 * discipline runs in-process, in test/cli/inproc-hardening.test.ts.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, type RunResult } from '../helpers/run.js';

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

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-hardening-'));
  // Readable by the unprivileged user the permission tests run as.
  chmodSync(dir, 0o755);
  return dir;
}

/** A backlog of n valid rows, for outputs larger than a pipe's or a file-size limit's buffer. */
function bigBacklog(dir: string, rows: number): string {
  const path = join(dir, 'big.csv');
  const lines = ['id,title,description,lead,organisations,effort_weeks'];
  for (let k = 1; k <= rows; k++) lines.push(`B-${k},Item ${k},A piece of work with a long enough description to fill the output,council,council,${k % 9}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('outputs that cannot be written', () => {
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
// It runs as another user here, so it needs a process; the refusals any user gets run in-process.
const hasScript = spawnSync('script', ['--version']).status === 0;
describe.skipIf(!hasScript)('review, in a terminal', () => {
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
});

describe('files that are not what they seem', () => {
  it('a pipe is read as a stream, not refused as empty', async () => {
    const result = spawnSync('bash', ['-c', `node ${BIN} score <(cat examples/backlog.csv) -f csv | wc -l`], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout.trim(), stderr: result.stderr }).toEqual({ status: 0, stdout: '23', stderr: '' });
  });
});
