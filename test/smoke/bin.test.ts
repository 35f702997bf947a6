/**
 * The thin smoke suite: the built bin (bin/triage.js, running dist/) in a child process, as a
 * user runs it. Everything else about the command line is tested in-process through cli();
 * these check that the bin is that same program: same output, same exit codes, standard input
 * read from a pipe. (Signals, closed pipes, a TTY and memory have their own spawned tests in
 * test/e2e and the slow project.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { triage } from '../helpers/run.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('the built bin', () => {
  it('--version prints the package version', () => {
    expect(triage(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help is the help run() prints', async () => {
    const spawned = triage(['--help']);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toContain('Usage: triage');
    expect(spawned).toEqual(await cli(['--help']));
  });

  it('scores the example backlog exactly as run() does', async () => {
    const spawned = triage(['score', 'examples/backlog.csv', '-f', 'jsonl']);
    expect(spawned.code).toBe(0);
    expect(spawned.stderr).toBe('');
    // The example backlog's 22 items, one line each.
    expect(spawned.stdout.trimEnd().split('\n')).toHaveLength(22);
    expect(spawned).toEqual(await cli(['score', 'examples/backlog.csv', '-f', 'jsonl']));
  });

  it('selects within capacity with the solver, as run() does (the bundle leaves HiGHS and its WebAssembly in node_modules)', async () => {
    const args = ['score', 'examples/backlog.csv', '-p', 'examples/union-capacity.yaml', '-f', 'csv', '--fail-on', 'over-capacity'];
    const spawned = triage(args);
    expect(spawned.code).toBe(1);
    expect(spawned.stderr).toBe('fail-on: 3 items did not fit capacity: over-capacity: WI-02, WI-09, WI-19\n');
    expect(
      spawned.stdout
        .split('\n')
        .filter((line) => line.includes(',over-capacity,'))
        .map((line) => line.split(',')[0]),
    ).toEqual(['WI-02', 'WI-09', 'WI-19']);
    expect(spawned).toEqual(await cli(args));
  });

  it('validate of a bad file prints its findings and exits 1', async () => {
    const spawned = triage(['validate', 'test/fixtures/invalid/bad-values.csv']);
    expect(spawned.code).toBe(1);
    expect(spawned.stdout.split('\n')).toEqual([
      'test/fixtures/invalid/bad-values.csv',
      '  3:16  error    effort_weeks "two" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown  item/invalid-value',
      '  4:16  error    lead "counsel" is not one of union, council, ccg: use one of them, or leave it empty if unknown  item/invalid-value',
      '',
      '✖ 2 problems (2 errors, 0 warnings) in 1 of 1 file',
      '',
    ]);
    expect(spawned).toEqual(await cli(['validate', 'test/fixtures/invalid/bad-values.csv']));
  });

  it('a missing file is exit 2 and one line on stderr', () => {
    expect(triage(['score', 'no-such-file.csv'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no-such-file.csv: cannot find item file no-such-file.csv; check the path and the current folder\n',
    });
  });

  it('reads items from standard input with -', async () => {
    const input = readFileSync('examples/backlog.csv', 'utf8').split('\n').slice(0, 3).join('\n') + '\n';
    const spawned = triage(['score', '-', '-f', 'jsonl'], { input });
    expect(spawned.code).toBe(0);
    expect(
      spawned.stdout
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual(['WI-01', 'WI-02']);
    expect(spawned).toEqual(await cli(['score', '-', '-f', 'jsonl'], { input }));
  });
});
