/**
 * Where a run writes when -o goes through links, what it refuses to write, and what it reads
 * of odd input files, through the CLI in-process (`cli()`): symbolic links to files there and
 * not there yet, link loops, a read-only file written by root, an output that is one of the
 * run's inputs, and a CSV that links to /dev/zero. What needs a real process (devices standing
 * for its own streams, another user, signals, closed pipes, memory) is in
 * test/e2e/hardening-io.test.ts. Every run works in a folder of its own.
 */
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const IS_ROOT = process.getuid?.() === 0;
const BACKLOG = join(ROOT, 'examples/backlog.csv');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-cli-io-links-'));
}

/** The report `score examples/backlog.csv -f csv` writes, to compare with what arrived. */
const REPORT = (await cli(['score', BACKLOG, '-f', 'csv'])).stdout;

describe('-o through a symbolic link replaces the file it points to', () => {
  it('the link stays a link, its target gets the report, and the temporary file was made beside the target', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'reports'));
    mkdirSync(join(dir, 'links'));
    writeFileSync(join(dir, 'reports', 'scored.csv'), 'last week\n');
    // A relative link, read from the folder it sits in.
    symlinkSync('../reports/scored.csv', join(dir, 'links', 'latest.csv'));
    const result = await cli(['score', BACKLOG, '-f', 'csv', '-o', 'links/latest.csv'], { cwd: dir });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: 'wrote links/latest.csv\n' });
    expect(lstatSync(join(dir, 'links', 'latest.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'links', 'latest.csv'))).toBe('../reports/scored.csv');
    expect(readFileSync(join(dir, 'reports', 'scored.csv'), 'utf8')).toBe(REPORT);
    expect([readdirSync(join(dir, 'links')), readdirSync(join(dir, 'reports'))]).toEqual([['latest.csv'], ['scored.csv']]);
  });

  it('a link to a file not there yet creates that file, and stays a link', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'new.csv'), join(dir, 'link.csv'));
    expect((await cli(['score', BACKLOG, '-f', 'csv', '-o', join(dir, 'link.csv'), '-q'])).code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'new.csv'), 'utf8')).toBe(REPORT);
  });

  it('a loop of links is refused', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    const out = join(dir, 'a');
    const result = await cli(['score', BACKLOG, '-f', 'csv', '-o', out]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr: `${out}: cannot write ${out}: it is a chain of more than 40 symbolic links; check where the links point\n`,
    });
  });
});

describe('a read-only file', () => {
  // An ordinary user's refusal runs as another user (nobody) when the tests run as root, so it
  // needs a process of its own: it is in test/e2e/hardening-io.test.ts.
  it.skipIf(!IS_ROOT)('root may write a read-only file, as a shell lets root: it is replaced, and keeps its mode', async () => {
    const dir = folder();
    const out = join(dir, 'scored.csv');
    writeFileSync(out, 'keep me\n');
    chmodSync(out, 0o444);
    expect((await cli(['score', BACKLOG, '-f', 'csv', '-o', out, '-q'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(REPORT);
    expect(statSync(out).mode & 0o777).toBe(0o444);
  });
});

describe("an output that is one of the run's inputs is refused", () => {
  it('-o naming the backlog, by its name, through a link, or as a hard link; the backlog untouched', async () => {
    const dir = folder();
    const backlog = join(dir, 'backlog.csv');
    writeFileSync(backlog, readFileSync(BACKLOG));
    symlinkSync(backlog, join(dir, 'link.csv'));
    linkSync(backlog, join(dir, 'hard.csv'));
    for (const out of ['backlog.csv', 'link.csv', 'hard.csv']) {
      const result = await cli(['score', 'backlog.csv', '-f', 'csv', '-o', out], { cwd: dir });
      expect({ out, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        out,
        code: 2,
        stdout: '',
        stderr: `${out}: cannot write ${out}: it is the item file backlog.csv that this run reads, and writing it would replace it; write to another file\n`,
      });
    }
    expect(readFileSync(backlog, 'utf8')).toBe(readFileSync(BACKLOG, 'utf8'));
  });
});

describe('inputs that are not what they seem', () => {
  it('validate: a CSV that links to /dev/zero is read, not reported empty', async () => {
    const dir = folder();
    const zero = join(dir, 'zero.csv');
    symlinkSync('/dev/zero', zero);
    const result = await cli(['validate', zero, '-f', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        filePath: zero,
        messages: [
          {
            ruleId: 'csv/syntax',
            severity: 2,
            message: 'a record is larger than the limit of 1 MB; check for an unclosed quote, and that this is a CSV file',
            line: 1,
            column: 1,
          },
        ],
        errorCount: 1,
        warningCount: 0,
      },
    ]);
    expect(existsSync(zero)).toBe(true);
  });
});
