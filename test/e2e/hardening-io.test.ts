/**
 * Where the built bin writes, what it refuses to write, and what it leaves behind, as only a
 * real process shows: devices, `/dev/stdout`, FIFOs, another user's permissions, standard
 * input as a file descriptor, signals, closed pipes, concurrent sessions and memory. Every run
 * works in a folder of its own. What a run in-process shows as well (links, root and
 * read-only files, outputs that are inputs) is in test/cli/inproc-hardening-io.test.ts.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, deadPid, ROOT, type RunResult } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' };
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const BACKLOG = join(ROOT, 'examples/backlog.csv');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-io-'));
  // Readable by the unprivileged user the permission tests run as.
  chmodSync(dir, 0o777);
  return dir;
}

/** The bin with its stdio as given (a file, a pipe, a directory), in `cwd`. */
function spawned(args: string[], options: SpawnSyncOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 30000, ...options });
  return { code: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** The report `score examples/backlog.csv -f csv` writes, to compare with what arrived. */
const REPORT = (await cli(['score', BACKLOG, '-f', 'csv'])).stdout;

describe('-o to something that is not a regular file is written in place', () => {
  it('-o /dev/stdout with standard output a pipe: the report arrives, and /dev/stdout is still the link to fd 1', async () => {
    const result = spawned(['score', BACKLOG, '-f', 'csv', '-o', '/dev/stdout']);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: REPORT, stderr: 'wrote /dev/stdout\n' });
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    expect(readlinkSync('/dev/stdout')).toBe('/proc/self/fd/1');
  });

  it('-o /dev/stdout with standard output a regular file (as root, the case that replaced the link): the file gets the report', async () => {
    const dir = folder();
    const file = join(dir, 'captured.csv');
    const fd = openSync(file, 'w');
    try {
      const result = spawned(['score', BACKLOG, '-f', 'csv', '-o', '/dev/stdout', '-q'], { stdio: ['ignore', fd, 'pipe'] });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(REPORT);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    expect(readdirSync('/dev').filter((name) => name.startsWith('.stdout'))).toEqual([]);
  });

  it('-o /dev/stderr, /proc/self/fd/1 and /dev/fd/1 are written in place too', async () => {
    const toStderr = spawned(['score', BACKLOG, '-f', 'csv', '-o', '/dev/stderr', '-q']);
    expect({ code: toStderr.code, stdout: toStderr.stdout, stderr: toStderr.stderr }).toEqual({ code: 0, stdout: '', stderr: REPORT });
    for (const path of ['/proc/self/fd/1', '/dev/fd/1']) {
      const result = spawned(['score', BACKLOG, '-f', 'csv', '-o', path, '-q']);
      expect({ path, code: result.code, stdout: result.stdout }).toEqual({ path, code: 0, stdout: REPORT });
    }
    expect(lstatSync('/dev/stderr').isSymbolicLink()).toBe(true);
  });

  it('-o /dev/null stays the device, and a FIFO stays a FIFO with the report read from it', async () => {
    expect(spawned(['score', BACKLOG, '-f', 'csv', '-o', '/dev/null', '-q']).code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const dir = folder();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const script = `cat "${fifo}" > "${dir}/got" & "${process.execPath}" "${BIN}" score "${BACKLOG}" -f csv -o "${fifo}" -q; status=$?; wait; echo "status $status"`;
    const result = spawnSync('bash', ['-c', script], { cwd: dir, env: ENV, encoding: 'utf8', timeout: 30000 });
    expect(result.stdout).toBe('status 0\n');
    expect(readFileSync(join(dir, 'got'), 'utf8')).toBe(REPORT);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('a file the user may not write is refused, as a shell refuses it', () => {
  function readOnlyTarget(): { dir: string; out: string } {
    const dir = folder();
    const out = join(dir, 'scored.csv');
    writeFileSync(out, 'keep me\n');
    chmodSync(out, 0o444);
    return { dir, out };
  }

  it('an ordinary user: exit 2, one line, the file as it was (run as nobody when the tests run as root)', async () => {
    const { dir, out } = readOnlyTarget();
    const result = spawned(['score', BACKLOG, '-f', 'csv', '-o', out], { cwd: dir, ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}) });
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `${out}: cannot write ${out}: you do not have permission to write it; make it writable first (chmod u+w), or choose another file\n`,
    });
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    expect(readdirSync(dir)).toEqual(['scored.csv']);
  });
});

describe("an output that is one of the run's inputs is refused", () => {
  it('standard input redirected from the file named by -o', async () => {
    const dir = folder();
    const backlog = join(dir, 'backlog.csv');
    writeFileSync(backlog, readFileSync(BACKLOG));
    const fd = openSync(backlog, 'r');
    try {
      const result = spawned(['score', '-', '-f', 'csv', '-o', backlog], { stdio: [fd, 'pipe', 'pipe'] });
      expect({ code: result.code, stderr: result.stderr }).toEqual({
        code: 2,
        stderr: `${backlog}: cannot write ${backlog}: it is the item file standard input that this run reads, and writing it would replace it; write to another file\n`,
      });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(backlog, 'utf8')).toBe(readFileSync(BACKLOG, 'utf8'));
  });
});

describe('signals: SIGINT, SIGTERM and SIGHUP end the run by that signal, leaving nothing behind', () => {
  /** Start `score - ...` reading a standard input the test holds open, so the run is still going. */
  function startRun(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [BIN, 'score', '-', ...args], { cwd: ROOT, env: { ...ENV, ...env }, stdio: ['pipe', 'ignore', 'pipe'] });
    // Input still being written when the run is killed has nowhere to go.
    child.stdin.on('error', () => undefined);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
      child.on('close', (code, signal) => done({ code, signal, stderr })),
    );
    return { child, ended };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let k = 0; k < 500 && !check(); k++) await new Promise((done) => setTimeout(done, 20));
    expect(check()).toBe(true);
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} while -o's temporary file is open: no temporary file, no output file, ended by ${signal}`, async () => {
      const dir = folder();
      const out = join(dir, 'scored.csv');
      const { child, ended } = startRun(['-f', 'csv', '-o', out]);
      child.stdin.write(`${readFileSync(BACKLOG, 'utf8')}`);
      await until(() => readdirSync(dir).some((name) => name.endsWith('.tmp')));
      child.kill(signal);
      expect(await ended).toEqual({ code: null, signal, stderr: '' });
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} while --sort holds items on disk: the run's temporary folder is removed`, async () => {
      const dir = folder();
      const { child, ended } = startRun(['-f', 'csv', '--sort', 'title', '-o', join(dir, 'out.csv')], { TMPDIR: dir });
      child.stdin.write('id,title\n');
      // More than the 8 Mi characters --sort keeps in memory, in records under the 1 MB limit.
      for (let k = 0; k < 12; k++) child.stdin.write(`S-${k},${'t'.repeat(900_000)}\n`);
      await until(() => readdirSync(dir).some((name) => name.startsWith('triage-run-')));
      child.kill(signal);
      expect((await ended).signal).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('kill -9 leaves the folder; the next run clears it, and nothing else in the temporary folder', async () => {
    const dir = folder();
    const { child, ended } = startRun(['-f', 'csv', '--sort', 'title'], { TMPDIR: dir });
    child.stdin.write('id,title\n');
    for (let k = 0; k < 12; k++) child.stdin.write(`S-${k},${'t'.repeat(900_000)}\n`);
    // Killed once its folder is marked as its own: between making the folder and writing the
    // whole mark, a folder is unmarked and (by design) never cleared by another run. The mark
    // file exists, empty, before its text is written: waiting for the file alone raced with
    // that and failed a CI run.
    const mark = `${child.pid}\n${hostname()}\n`;
    await until(() =>
      readdirSync(dir).some((name) => {
        const owner = join(dir, name, 'owner');
        return name.startsWith(`triage-run-${child.pid}-`) && existsSync(owner) && readFileSync(owner, 'utf8') === mark;
      }),
    );
    child.kill('SIGKILL');
    expect((await ended).signal).toBe('SIGKILL');
    const left = readdirSync(dir);
    expect(left).toHaveLength(1);

    // Folders that look alike but are not a dead run's own: all must stay.
    const dead = deadPid();
    const keep = {
      live: `triage-run-${process.pid}-aaaaaa`,
      unmarked: `triage-run-${dead}-bbbbbb`,
      otherHost: `triage-run-${dead}-cccccc`,
      otherPid: `triage-run-${dead}-dddddd`,
      notOurs: `other-run-${dead}-eeeeee`,
    };
    for (const name of Object.values(keep)) mkdirSync(join(dir, name));
    writeFileSync(join(dir, keep.live, 'owner'), `${process.pid}\n${hostname()}\n`);
    writeFileSync(join(dir, keep.otherHost, 'owner'), `${dead}\nanother-host\n`);
    writeFileSync(join(dir, keep.otherPid, 'owner'), `${dead + 1}\n${hostname()}\n`);
    writeFileSync(join(dir, keep.notOurs, 'owner'), `${dead}\n${hostname()}\n`);
    writeFileSync(join(dir, `triage-run-${dead}-ffffff`), 'a file, not a folder');
    const stale = `triage-run-${dead}-gggggg`;
    mkdirSync(join(dir, stale));
    writeFileSync(join(dir, stale, 'owner'), `${dead}\n${hostname()}\n`);

    expect(spawned(['score', BACKLOG, '-f', 'csv', '-q'], { env: { ...ENV, TMPDIR: dir } }).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...Object.values(keep), `triage-run-${dead}-ffffff`].sort());
  });
});

describe('a pipe closed early (| head -1) keeps the exit code of what was read before it closed', () => {
  const dir = folder();
  const rows = (first: string): string =>
    `id,title,lead,effort_weeks\n${first}\n${Array.from({ length: 20_000 }, (_, k) => `P-${k},Plain item ${k},council,3`).join('\n')}\n`;
  writeFileSync(join(dir, 'invalid-first.csv'), rows('BAD-1,Broken,council,-5'));
  writeFileSync(join(dir, 'clean.csv'), rows('P-first,Plain item,council,3'));

  function intoHead(args: string[]): string {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const script = `"${process.execPath}" "${BIN}" ${quoted} 2>/dev/null | head -1 >/dev/null; echo "status \${PIPESTATUS[0]}"`;
    return spawnSync('bash', ['-c', script], { cwd: dir, env: ENV, encoding: 'utf8', timeout: 30000 }).stdout.trim();
  }

  it('an invalid item read before the pipe closed: exit 1', async () => {
    expect(intoHead(['score', 'invalid-first.csv', '-f', 'csv'])).toBe('status 1');
  });

  it('a --fail-on hit read before the pipe closed: exit 1', async () => {
    expect(intoHead(['score', 'clean.csv', '-f', 'csv', '--fail-on', 'council'])).toBe('status 1');
  });

  it('nothing found wanting: exit 0', async () => {
    expect(intoHead(['score', 'clean.csv', '-f', 'csv'])).toBe('status 0');
    expect(intoHead(['score', 'clean.csv', '-f', 'csv', '--fail-on', 'union'])).toBe('status 0');
  });

  it('validate: errors are counted before the report is written', async () => {
    expect(intoHead(['validate', 'invalid-first.csv', '-f', 'json'])).toBe('status 1');
  });
});

describe('inputs that are not what they seem', () => {
  it('a standard input that is a directory is refused as one, not read as empty', async () => {
    const dir = folder();
    for (const args of [
      ['score', '-'],
      ['validate', '-'],
    ]) {
      const fd = openSync(dir, 'r');
      try {
        const result = spawned(args, { stdio: [fd, 'pipe', 'pipe'] });
        expect({ args, code: result.code, stderr: result.stderr }).toEqual({
          args,
          code: 2,
          stderr: '<stdin>: standard input is a directory, not a file; redirect a file into it (< backlog.csv), or name the file instead of -\n',
        });
      } finally {
        closeSync(fd);
      }
    }
  });
});
