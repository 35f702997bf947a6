/** `triage test` in-process through `run`: results, formats, coverage figures, gates and exit codes. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { repoPath } from '../helpers/run.js';
import { terminalIo } from './terminal-io.js';

const UNION = repoPath('principles/union.yaml');
const PARTIAL = repoPath('test/fixtures/policy-tests/partial.tests.yaml');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-cli-test-'));
}

/** `triage <args>` in-process, from the repository's folder, standard input not a terminal. */
async function triage(args: string[], cwd = repoPath('.')) {
  const t = terminalIo(cwd);
  const io = { ...t.io, stdin: Object.assign(t.io.stdin, { isTTY: false }) };
  const code = await run(args, io);
  return { code, stdout: t.out(), stderr: t.err() };
}

/** A tests file whose second case expects the wrong route. */
const FAILING = [
  'tests:',
  '  - name: renewal',
  '    item: { lead: council, organisations: [council], effort_weeks: 3, recurring: true, description: Annual licence renewal. }',
  '    expect: { route: council }',
  '  - name: renewal to the union',
  '    item: { lead: council, organisations: [council], effort_weeks: 3, recurring: true, description: Annual licence renewal. }',
  '    expect:',
  '      route: union',
  '      alignment: { gte: 50 }',
  '',
].join('\n');

const FAILURE =
  'test "renewal to the union" failed: route is council, expected union; alignment is 0, expected >= 50; rule council-owns decided: Council: business as usual (0: recurring −40, keeps things running −25); lead is council';

describe('triage test', () => {
  it("runs the bundled set's tests by default, and they cover every rule, criterion and signal", async () => {
    const { code, stdout, stderr } = await triage(['test', '--coverage']);
    expect(stderr).toBe('principles/union.tests.yaml: 9 tests, 9 passed (principles/union.yaml)\n');
    expect(stdout).toBe(
      [
        '✔ 1 file checked, no problems',
        '',
        'Coverage of principles/union.yaml: 100% (29 of 29)',
        '  rules     7 of 7 fired: union-leads 1, challenge-weak-alignment 1, individual-can-do 1, borderline-needs-decision 2, council-owns 2, ccg-owns 1, default 1',
        '  criteria  13 of 13 seen met and not met',
        '  signals   9 of 9 seen met and not met',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
  });

  it('gives exact coverage figures for a known tests file, and --min-coverage turns them into a gate', async () => {
    const coverage = [
      'Coverage of principles/union.yaml: 34.4% (10 of 29)',
      '  rules     3 of 7 fired: individual-can-do 1, council-owns 1, default 1; never fired: union-leads, challenge-weak-alignment, borderline-needs-decision, ccg-owns',
      '  criteria  4 of 13 seen met and not met; never met: builds-insight, empowers-citizens, learns-from-users, iterates, spans-council-and-ccg, involves-partners, high-citizen-impact, some-citizen-impact, targets-outcomes',
      '  signals   3 of 9 seen met and not met; never met: spans-organisations, new-way-of-working, high-impact, substantial-effort, significant-investment, union-sponsored',
      '',
    ].join('\n');
    const passing = await triage(['test', PARTIAL, '-p', 'principles/union.yaml', '--coverage']);
    expect(passing.stdout).toBe(`✔ 1 file checked, no problems\n\n${coverage}`);
    expect(passing.code).toBe(0);

    expect((await triage(['test', PARTIAL, '-p', 'principles/union.yaml', '--min-coverage', '34.4'])).code).toBe(0);
    const gated = await triage(['test', PARTIAL, '-p', 'principles/union.yaml', '--min-coverage', '35', '-f', 'github']);
    expect(gated.stdout).toBe(
      `::error file=${PARTIAL},line=1,col=1,title=test/coverage::coverage of principles/union.yaml is 34.4%25 (10 of 29), below --min-coverage 35%25: add tests for the rules, criteria and signals --coverage lists\n`,
    );
    // A machine format keeps stdout for itself: the coverage goes to stderr.
    expect(gated.stderr).toBe(`${PARTIAL}: 3 tests, 3 passed (principles/union.yaml)\n${coverage}`);
    expect(gated.code).toBe(1);
  });

  it('says for a failed case what happened instead and why, in each format', async () => {
    const dir = folder();
    const file = join(dir, 'failing.tests.yaml');
    writeFileSync(file, FAILING);
    const stylish = await triage(['test', file]);
    expect(stylish.stdout).toBe(`${file}\n  8:14  error    ${FAILURE}  test/failed\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file\n`);
    expect(stylish.stderr).toBe(`${file}: 2 tests, 1 passed, 1 failed (principles/union.yaml)\n`);
    expect(stylish.code).toBe(1);

    const json = await triage(['test', file, '-f', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([
      { filePath: file, messages: [{ ruleId: 'test/failed', severity: 2, message: FAILURE, line: 8, column: 14 }], errorCount: 1, warningCount: 0 },
    ]);
    expect(json.code).toBe(1);

    const junit = await triage(['test', file, '-f', 'junit']);
    expect(junit.stdout).toContain(`<testsuite name="${file}" tests="3" failures="1" errors="0" skipped="0">`);
    expect(junit.stdout).toContain(`classname="${file}" file="${file}" line="8">`);
    expect(junit.stdout).toContain('<failure type="test/failed" message="test &quot;renewal to the union&quot; failed: route is council, expected union;');
    expect(junit.code).toBe(1);

    const github = await triage(['test', file, '-f', 'github']);
    expect(github.stdout).toBe(`::error file=${file},line=8,col=14,title=test/failed::${FAILURE}\n`);
  });

  it('tests the set beside a tests file, unless -p names another', async () => {
    const dir = folder();
    copyFileSync(UNION, join(dir, 'ours.yaml'));
    // The copy routes council work to the CCG: the test that expects council fails against it.
    writeFileSync(
      join(dir, 'ours.yaml'),
      readFileSync(UNION, 'utf8').replace(
        'route: council\n      when: { field: lead, equals: council }',
        'route: ccg\n      when: { field: lead, equals: council }',
      ),
    );
    writeFileSync(join(dir, 'ours.tests.yaml'), FAILING);
    const beside = await triage(['test', join(dir, 'ours.tests.yaml')]);
    expect(beside.stderr).toBe(`${join(dir, 'ours.tests.yaml')}: 2 tests, 0 passed, 2 failed (${join(dir, 'ours.yaml')})\n`);
    expect(beside.code).toBe(1);
    const named = await triage(['test', join(dir, 'ours.tests.yaml'), '-p', UNION]);
    expect(named.stderr).toBe(`${join(dir, 'ours.tests.yaml')}: 2 tests, 1 passed, 1 failed (${UNION})\n`);
    // With no files, the tests file beside -p.
    const byDefault = await triage(['test', '-p', join(dir, 'ours.yaml')]);
    expect(byDefault.stderr).toBe(beside.stderr);
  });

  it('writes the report to a file with -o, never over the tests file', async () => {
    const dir = folder();
    const out = join(dir, 'results.xml');
    const written = await triage(['test', '-f', 'junit', '-o', out]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe(`principles/union.tests.yaml: 9 tests, 9 passed (principles/union.yaml)\nreport written to ${out}\n`);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).toMatch(/<testsuite name="principles\/union.tests.yaml" tests="\d+" failures="0" /);
    const tests = join(dir, 'x.tests.yaml');
    writeFileSync(tests, FAILING);
    const refused = await triage(['test', tests, '-o', tests]);
    expect(refused.code).toBe(2);
    expect(readFileSync(tests, 'utf8')).toBe(FAILING);
  });

  it('exits 2 when there is no tests file, or it cannot be read, or the set cannot be used', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'set.yaml'), readFileSync(UNION, 'utf8'));
    expect(await triage(['test', '-p', join(dir, 'set.yaml')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `no tests file for ${join(dir, 'set.yaml')}: looked for ${join(dir, 'set.tests.yaml')}; write one beside the set (see principles/union.tests.yaml), or name the tests file: triage test my.tests.yaml\n`,
    });
    expect(await triage(['test', join(dir, 'missing.tests.yaml')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${join(dir, 'missing.tests.yaml')}: cannot find tests file ${join(dir, 'missing.tests.yaml')}; check the path and the current folder\n`,
    });
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\n');
    writeFileSync(join(dir, 'broken.tests.yaml'), FAILING);
    const broken = await triage(['test', join(dir, 'broken.tests.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^${join(dir, 'broken.yaml')}:1:1: `));
    expect((await triage(['test', '--min-coverage', '101'])).stderr).toBe(
      "triage: option '--min-coverage <percent>' argument '101' is invalid. give a percentage from 0 to 100; run \"triage test --help\" for usage\n",
    );
  });

  it('counts a syntax error in a tests file as a finding (exit 1), as validate does', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'bad.tests.yaml'), 'tests: [\n');
    const result = await triage(['test', join(dir, 'bad.tests.yaml'), '-p', UNION]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^.+bad\.tests\.yaml\n {2}2:1 {2}error {4}.+ {2}yaml\/syntax\n/);
  });
});
