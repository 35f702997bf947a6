/** `triage validate` as a CI job runs it, in-process: stdout, stderr and exit code. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/run.js';

const PORTFOLIO = 'test/fixtures/validate/portfolio';
const RULES = 'test/fixtures/validate/rules';
const P = `${PORTFOLIO}/`;

describe('triage validate', () => {
  it('puts each mistake in a folder on the right line of the right file as a GitHub annotation', async () => {
    const { code, stdout, stderr } = await cli(['validate', P, '--format', 'github']);
    expect(stdout).toBe(
      [
        `::warning file=${P}backlog.csv,line=1,col=43,title=item/unknown-column::"sponsor" is not a field the principle set declares, so its values pass through unchecked: declare it under fields in the principle set to have it checked, or remove it`,
        `::error file=${P}backlog.csv,line=4,col=27,title=item/invalid-value::effort_weeks "one" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown`,
        `::error file=${P}backlog.csv,line=5,col=20,title=item/invalid-value::lead "counsel" is not one of union, council, ccg: use one of them, or leave it empty if unknown`,
        `::warning file=${P}decisions.yaml,line=5,col=18,title=decisions/stale::item "P-4" has changed since this decision was made (its fingerprint is now v1:171d88815883e0): review the decision and record it again`,
        `::error file=${P}decisions.yaml,line=6,col=9,title=decisions/unknown-item::decision for "P-9", an item in none of the item files given: fix the id, or remove the decision if the item has gone`,
        `::error file=${P}more.yaml,line=7,col=9,title=item/duplicate-id::id "P-1" is used twice (first at ${P}backlog.csv:2:1): give each item its own id`,
        `::error file=${P}more.yaml,line=11,col=21,title=item/invalid-value::citizen_impact 9 is above the maximum 5: give a value from 1 to 5`,
        `::warning file=${P}principles.yaml,line=35,col=11,title=principles/unreachable-rule::rule "tiny-to-team" can never fire: whenever it matches, rule "small-to-team" (line 31) matches first; it sends work to the same route, so it is redundant: remove it`,
        '',
      ].join('\n'),
    );
    expect(stderr).toBe('4 files checked: 8 problems (5 errors, 3 warnings)\n');
    expect(code).toBe(1);
  });

  it('prints the stylish report by default, grouped by file, without colour when not a terminal', async () => {
    const { code, stdout, stderr } = await cli(['validate', `${PORTFOLIO}/more.yaml`, `${PORTFOLIO}/principles.yaml`]);
    expect(stdout).toBe(
      `${PORTFOLIO}/more.yaml\n` +
        '  11:21  error    citizen_impact 9 is above the maximum 5: give a value from 1 to 5  item/invalid-value\n' +
        '\n' +
        `${PORTFOLIO}/principles.yaml\n` +
        '  35:11  warning  rule "tiny-to-team" can never fire: whenever it matches, rule "small-to-team" (line 31) matches first; it sends work to the same route, so it is redundant: remove it  principles/unreachable-rule\n' +
        '\n' +
        '✖ 2 problems (1 error, 1 warning) in 2 of 2 files\n',
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('colours stylish only when allowed: FORCE_COLOR on, NO_COLOR or --no-color off, never into a file', async () => {
    const file = `${PORTFOLIO}/more.yaml`;
    expect((await cli(['validate', file], { env: { NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).toContain('\u001b[31merror  \u001b[39m');
    expect((await cli(['validate', file, '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    const out = join(mkdtempSync(join(tmpdir(), 'triage-')), 'report.txt');
    await cli(['validate', file, '-o', out], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(readFileSync(out, 'utf8')).not.toContain('\u001b[');
  });

  it('exits 0 with no errors, and says so', async () => {
    const { code, stdout, stderr } = await cli(['validate', 'examples/backlog.csv', 'principles/union.yaml']);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '✔ 2 files checked, no problems\n', stderr: '' });
  });

  it('exits 0 with warnings only, and 1 when they are more than --max-warnings', async () => {
    const file = `${RULES}/principles--unreachable-route.yaml`;
    expect((await cli(['validate', file])).code).toBe(0);
    expect((await cli(['validate', file, '--max-warnings', '1'])).code).toBe(0);
    const strict = await cli(['validate', file, '--max-warnings', '0', '-f', 'json']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('1 file checked: 1 problem (0 errors, 1 warning)\ntriage: 1 warning, more than --max-warnings 0 allows\n');
  });

  it('treats a syntax error inside a file as a finding (exit 1), not a crash', async () => {
    const { code, stdout, stderr } = await cli(['validate', `${RULES}/csv--syntax.csv`, '-f', 'json']);
    expect(code).toBe(1);
    expect(stderr).toBe('1 file checked: 1 problem (1 error, 0 warnings)\n');
    expect(JSON.parse(stdout)).toEqual([
      {
        filePath: `${RULES}/csv--syntax.csv`,
        messages: [
          {
            ruleId: 'csv/syntax',
            severity: 2,
            message: 'a quoted field that starts in the record on line 3 is never closed; add the closing double quote',
            line: 3,
            column: 5,
          },
        ],
        errorCount: 1,
        warningCount: 0,
      },
    ]);
  });

  it('writes the report to a file with -o (atomically), and a summary to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-'));
    const out = join(dir, 'triage.sarif');
    writeFileSync(out, 'old');
    const { code, stdout, stderr } = await cli(['validate', P, '-f', 'sarif', '-o', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`4 files checked: 8 problems (5 errors, 3 warnings); report written to ${out}\n`);
    const log = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results).toHaveLength(8);
    expect(readdirSync(dir)).toEqual(['triage.sarif']);
  });

  it('keeps stderr quiet with -q, and explains itself with --debug', async () => {
    const quiet = await cli(['validate', P, '-f', 'gitlab', '-q']);
    expect(quiet.stderr).toBe('');
    expect((JSON.parse(quiet.stdout) as unknown[]).length).toBe(8);
    const debug = await cli(['validate', P, '-f', 'junit', '--debug']);
    expect(debug.stderr).toContain(`debug: checked ${P}principles.yaml as principles (yaml)\n`);
    expect(debug.stderr).toContain(`debug: skipped ${P}mapping.json: not a principle set, item or decisions file\n`);
    expect(debug.stderr).toMatch(/debug: validated in \d+ ms\n/);
  });

  it('reads standard input with -', async () => {
    const { code, stdout } = await cli(['validate', '-', '-f', 'github'], { input: 'id,title,effort_weeks\nS-1,Piped,soon\n' });
    expect(code).toBe(1);
    expect(stdout).toBe(
      '::error file=<stdin>,line=2,col=11,title=item/invalid-value::effort_weeks "soon" is not a number: write digits such as 12 or 4.5, or leave it empty if unknown\n',
    );
  });

  it('exits 2 for a path that cannot be read, an unknown format and an unknown option', async () => {
    expect(await cli(['validate', 'nope/backlog.csv'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'nope/backlog.csv: cannot find file or folder nope/backlog.csv; check the path and the current folder\n',
    });
    expect(await cli(['validate', P, '-f', 'pdf'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'unknown format "pdf"; use one of stylish, json, junit, github, sarif, gitlab\n',
    });
    expect((await cli(['validate', P, '--max-warnings', 'some'])).code).toBe(2);
    expect((await cli(['validate', P, '--frobnicate'])).code).toBe(2);
  });

  it('has --help with examples and the formats', async () => {
    const { code, stdout } = await cli(['validate', '--help']);
    expect(code).toBe(0);
    expect(stdout.replace(/\s+/g, ' ')).toContain('report format: stylish, json, junit, github, sarif, gitlab');
    expect(stdout).toContain('Examples:\n  $ triage validate portfolio/\n');
  });
});

describe('triage validate: paths CI services can follow', () => {
  /** A repository (a folder with .git) holding a copy of the portfolio fixture. */
  function repository(): string {
    const root = mkdtempSync(join(tmpdir(), 'triage-root-'));
    mkdirSync(join(root, '.git'));
    cpSync(repoPath(PORTFOLIO), join(root, 'portfolio'), { recursive: true });
    return root;
  }

  const sarifUris = (stdout: string): string[] =>
    (
      JSON.parse(stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }
    ).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
  const EXPECTED = ['backlog.csv', 'backlog.csv', 'backlog.csv', 'decisions.yaml', 'decisions.yaml', 'more.yaml', 'more.yaml', 'principles.yaml'].map(
    (f) => `portfolio/${f}`,
  );

  it('gives SARIF, GitLab, GitHub and JUnit paths from the repository top when run inside a folder of it', async () => {
    const root = repository();
    const cwd = join(root, 'portfolio');
    expect(sarifUris((await cli(['validate', '.', '-f', 'sarif', '-q'], { cwd })).stdout)).toEqual(EXPECTED);
    const gitlab = JSON.parse((await cli(['validate', '.', '-f', 'gitlab', '-q'], { cwd })).stdout) as Array<{ location: { path: string } }>;
    expect(gitlab.map((i) => i.location.path)).toEqual(EXPECTED);
    const github = (await cli(['validate', '.', '-f', 'github', '-q'], { cwd })).stdout.split('\n').filter(Boolean);
    expect(github.map((l) => /file=([^,]*)/.exec(l)?.[1])).toEqual(EXPECTED);
    const junit = (await cli(['validate', '.', '-f', 'junit', '-q'], { cwd })).stdout;
    expect([...junit.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'portfolio/backlog.csv',
      'portfolio/decisions.yaml',
      'portfolio/more.yaml',
      'portfolio/principles.yaml',
    ]);
    // People at a terminal and ESLint-reading scripts keep the paths as they gave them.
    const json = JSON.parse((await cli(['validate', '.', '-f', 'json', '-q'], { cwd })).stdout) as Array<{ filePath: string }>;
    expect(json.map((r) => r.filePath)).toEqual(['backlog.csv', 'decisions.yaml', 'more.yaml', 'principles.yaml']);
  });

  it('gives paths from --root when asked, and from the working folder outside a repository', async () => {
    const root = repository();
    const cwd = join(root, 'portfolio');
    expect(sarifUris((await cli(['validate', '.', '-f', 'sarif', '-q', '--root', '.'], { cwd })).stdout)).toEqual(
      EXPECTED.map((p) => p.replace('portfolio/', '')),
    );
    const plain = mkdtempSync(join(tmpdir(), 'triage-plain-'));
    cpSync(repoPath(PORTFOLIO), join(plain, 'portfolio'), { recursive: true });
    expect(sarifUris((await cli(['validate', 'portfolio', '-f', 'sarif', '-q'], { cwd: plain })).stdout)).toEqual(EXPECTED);
    expect(await cli(['validate', '.', '--root', 'nowhere'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'nowhere: cannot find folder nowhere; check the path and the current folder\n',
    });
  });
});

describe('triage validate: input that cannot pass for clean', () => {
  it('exits 2 with no paths and an empty standard input, as when a CI path variable is empty', async () => {
    for (const input of ['', '\n  \n']) {
      expect(await cli(['validate', '-f', 'sarif'], { input })).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'no files given to validate, and standard input is empty; name files or folders, e.g. triage validate portfolio/ (in CI, check that the path variable is set), or pipe a file in with -\n',
      });
    }
    // Asked for by name, an empty standard input is an empty file: a finding.
    const named = await cli(['validate', '-', '-f', 'github'], { input: '' });
    expect(named.code).toBe(1);
    expect(named.stdout).toBe(
      '::error file=<stdin>,line=1,col=1,title=file/empty::<stdin> is empty; an item file needs a header row (CSV) or a list of items (YAML, JSON)\n',
    );
  });

  it('exits 2 for a file named that is none of the kinds it checks, rather than passing it as clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-kinds-'));
    writeFileSync(join(dir, 'README.md'), '# Portfolio\n\nNotes.\n');
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    for (const name of ['README.md', 'notes.txt']) {
      // Even beside a folder it could check: the run as a whole is not what was asked for.
      expect(await cli(['validate', repoPath(PORTFOLIO), name], { cwd: dir })).toEqual({
        code: 2,
        stdout: '',
        stderr: `${name}: not a file validate can check: a principle set, item or decisions file is named .csv, .tsv, .tab, .yaml, .yml, .json, .jsonl and .ndjson; to check items held in a file named otherwise, pipe it in: triage validate - < ${name}\n`,
      });
    }
    // Piped in, the same text is read as items, as the hint says.
    expect((await cli(['validate', '-'], { cwd: dir, input: 'id,title\nN-1,Notes\n' })).code).toBe(0);
  });
});
