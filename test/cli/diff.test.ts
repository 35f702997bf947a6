/** `triage diff` in-process: two sets on a backlog, git revisions, saved runs, formats and gates. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { DiffReport } from '../../src/core/diff-summary.js';
import type { Assessment } from '../../src/core/types.js';
import { repoPath } from '../helpers/run.js';
import { terminalIo } from './terminal-io.js';

const UNION = repoPath('principles/union.yaml');
const BACKLOG = repoPath('examples/backlog.csv');
const union = readFileSync(UNION, 'utf8');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'triage-cli-diff-'));
}

async function triage(args: string[], cwd = repoPath('.')) {
  const t = terminalIo(cwd);
  const io = { ...t.io, stdin: Object.assign(t.io.stdin, { isTTY: false }) };
  const code = await run(args, io);
  return { code, stdout: t.out(), stderr: t.err() };
}

/** The bundled set with insight-led weighing 1 (not 3) and The Union needing alignment 55 (not 50). */
function changedSet(dir: string): string {
  const text = union
    .replace('    weight: 3\n    criteria:\n      - id: quantitative-evidence', '    weight: 1\n    criteria:\n      - id: quantitative-evidence')
    .replace('- { field: alignment, gte: 50 }', '- { field: alignment, gte: 55 }');
  expect(text).not.toBe(union);
  const path = join(dir, 'new.yaml');
  writeFileSync(path, text);
  return path;
}

const WHY_WI07 = [
  'rule union-leads → challenge-weak-alignment',
  'rule union-leads: classification = transformational and alignment >= 50 → classification = transformational and alignment >= 55',
  'union-leads no longer matches: alignment 53 is below 55',
  'alignment 54 → 53 (54.1 → 53.03 before rounding)',
  'weight of insight-led 3 → 1',
];

describe('triage diff --from --to', () => {
  it('agrees with two separate score runs: every item that changed, before and after, and the matrix of all', async () => {
    const dir = folder();
    const next = changedSet(dir);
    const scored = async (set: string): Promise<Map<string, Assessment>> => {
      const { code, stdout } = await triage(['score', BACKLOG, '-p', set, '-f', 'json']);
      expect(code).toBe(0);
      return new Map((JSON.parse(stdout) as { items: Assessment[] }).items.map((a) => [a.id, a]));
    };
    const [before, after] = [await scored(UNION), await scored(next)];
    const { code, stdout, stderr } = await triage(['diff', '--from', UNION, '--to', next, BACKLOG, '-f', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DiffReport;

    const side = (a: Assessment) => ({
      route: a.route,
      classification: a.classification,
      alignment: a.alignment,
      transformation: a.transformation,
      firm: a.firm,
      rule: a.rule,
    });
    const expected = [...after.values()]
      .filter((a) => {
        const b = before.get(a.id) as Assessment;
        return b.route !== a.route || b.classification !== a.classification || b.firm !== a.firm;
      })
      .map((a) => ({ id: a.id, title: a.title, before: side(before.get(a.id) as Assessment), after: side(a) }));
    expect(report.changes.map(({ id, title, before: b, after: a }) => ({ id, title, before: b, after: a }))).toEqual(expected);
    expect(expected.map((c) => c.id)).toEqual(['WI-03', 'WI-07', 'WI-09']);

    const matrix: Record<string, Record<string, number>> = {};
    for (const [id, b] of before) {
      const to = (after.get(id) as Assessment).route;
      (matrix[b.route] ??= {})[to] = (matrix[b.route]?.[to] ?? 0) + 1;
    }
    expect(report.summary).toEqual({ total: 22, changed: 3, matrix, routeChanged: 3, classificationChanged: 0, firmChanged: 2 });
    expect(report.changes.find((c) => c.id === 'WI-07')?.because).toEqual(WHY_WI07);
    expect(report.meta.from).toEqual({ file: UNION, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), organisation: 'The Union' });
    expect(report.meta.inputs).toEqual([BACKLOG]);

    // The same two runs, saved and compared, give the same changes (without what only the sets know).
    writeFileSync(join(dir, 'a.json'), (await triage(['score', BACKLOG, '-p', UNION, '-f', 'json'])).stdout);
    writeFileSync(join(dir, 'b.json'), (await triage(['score', BACKLOG, '-p', next, '-f', 'json'])).stdout);
    const saved = JSON.parse((await triage(['diff', '--results', join(dir, 'a.json'), join(dir, 'b.json'), '-f', 'json'])).stdout) as DiffReport;
    expect(saved.summary).toEqual({ ...report.summary, onlyBefore: 0, onlyAfter: 0 });
    expect(saved.changes.map(({ because: _, ...rest }) => rest)).toEqual(report.changes.map(({ because: _, ...rest }) => rest));
    expect(saved.changes.find((c) => c.id === 'WI-07')?.because).toEqual([WHY_WI07[0], WHY_WI07[3], WHY_WI07[4]]);
    expect(saved.meta.from).toEqual({ file: join(dir, 'a.json'), hash: report.meta.from.hash, organisation: 'The Union' });
  });

  it('prints a table for people and Markdown for a pull request', async () => {
    const dir = folder();
    const next = changedSet(dir);
    const table = await triage(['diff', '--from', UNION, '--to', next, BACKLOG, '--no-color']);
    const lines = table.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['3 of 22 items change route, classification or firmness', `  from ${UNION}`, `  to   ${next}`]);
    const wi07 = lines.indexOf('WI-07  Population health dashboard');
    expect(lines.slice(wi07, wi07 + 9)).toEqual([
      'WI-07  Population health dashboard',
      '  before  The Union · transformational · alignment 54 · transformation 75',
      '  after   Needs review · transformational · alignment 53 · transformation 75',
      ...WHY_WI07.map((why, i) => `  ${i === 0 ? 'why   ' : '      '}  ${why}`),
      '',
    ]);
    expect(lines.slice(-8)).toEqual([
      'Routes before (rows) and after (columns)',
      '                The Union  Council  CCG  Individual  Needs review',
      '  The Union             4        .    .           .             3',
      '  Council               .        4    .           .             .',
      '  CCG                   .        .    4           .             .',
      '  Individual            .        .    .           3             .',
      '  Needs review          .        .    .           .             4',
      '',
    ]);

    const markdown = (await triage(['diff', '--from', UNION, '--to', next, BACKLOG, '-f', 'markdown'])).stdout;
    expect(markdown.split('\n').slice(0, 6)).toEqual([
      '### 3 of 22 items change route, classification or firmness',
      '',
      `From ${UNION} to ${next}.`,
      '',
      '| Item | Title | Before | After | Why |',
      '| --- | --- | --- | --- | --- |',
    ]);
    expect(markdown).toContain(
      `| WI-07 | Population health dashboard | The Union · transformational · alignment 54 · transformation 75 | Needs review · transformational · alignment 53 · transformation 75 | ${WHY_WI07.map((w) => w.replace(/>/g, '&gt;')).join('<br>')} |`,
    );
    expect(markdown).toContain(
      '| Before ↓ after → | The Union | Council | CCG | Individual | Needs review |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| The Union | 4 | 0 | 0 | 0 | 3 |',
    );
  });

  it('exits 1 with --fail-on-change when something changed, and 0 when nothing did', async () => {
    const dir = folder();
    const next = changedSet(dir);
    const failed = await triage(['diff', '--from', UNION, '--to', next, BACKLOG, '--fail-on-change', '-f', 'json']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('triage: 3 of 22 items changed, and --fail-on-change is set\n');
    const same = await triage(['diff', '--from', UNION, '--to', UNION, BACKLOG, '--fail-on-change']);
    expect(same.code).toBe(0);
    expect(same.stdout.split('\n')[0]).toBe('0 of 22 items change route, classification or firmness');
  });

  it('says which option is missing, and refuses mixing saved runs with sets', async () => {
    expect(await triage(['diff', '--from', UNION, BACKLOG])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'triage diff needs --to as well; compare two principle sets on a backlog (--from OLD --to NEW items...), or two saved runs (--results A.json B.json)\n',
    });
    expect((await triage(['diff', '--results', 'a.json'])).stderr).toBe(
      '--results takes two saved runs, not 1; triage diff --results before.json after.json\n',
    );
    expect((await triage(['diff', '--results', 'a.json', 'b.json', '--from', UNION])).stderr).toBe(
      '--results compares two saved runs, so it takes no item files, --from or --to; triage diff --results before.json after.json\n',
    );
    const dir = folder();
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ meta: {}, items: [{ id: 'A', route: 'union' }] }));
    expect(await triage(['diff', '--results', join(dir, 'run.json'), join(dir, 'run.json')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${join(dir, 'run.json')}: item 1 is not an assessment: no classification; give a run saved with triage score --format json or --format jsonl\n`,
    });
  });
});

describe('triage diff with git revisions', () => {
  function repo(): string {
    const dir = folder();
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' } });
    git('init', '-q', '.');
    copyFileSync(UNION, join(dir, 'set.yaml'));
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\norganisation: x\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'readme.txt'), 'a folder\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'first');
    changedSet(dir);
    copyFileSync(join(dir, 'new.yaml'), join(dir, 'set.yaml'));
    return dir;
  }

  it('reads the set as it was at a revision, named git:REV:path everywhere', async () => {
    const dir = repo();
    const { code, stdout } = await triage(['diff', '--from', 'git:HEAD:set.yaml', '--to', join(dir, 'set.yaml'), BACKLOG, '-f', 'json'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DiffReport;
    expect(report.meta.from.file).toBe('git:HEAD:set.yaml');
    expect(report.changes.map((c) => c.id)).toEqual(['WI-03', 'WI-07', 'WI-09']);
    // ./path is from the current folder, as git reads it.
    expect((await triage(['diff', '--from', 'git:HEAD:./set.yaml', '--to', join(dir, 'set.yaml'), BACKLOG, '-f', 'json'], dir)).code).toBe(0);
  });

  it('exits 2 with one clear line for a missing path or revision, a folder, no repository, or an invalid set', async () => {
    const dir = repo();
    const to = join(dir, 'set.yaml');
    const fails = async (from: string, cwd = dir) => triage(['diff', '--from', from, '--to', to, BACKLOG], cwd);
    expect(await fails('git:HEAD:nope.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'git:HEAD:nope.yaml: there is no nope.yaml at HEAD; the path is from the top of the repository (./path from the current folder); git ls-tree -r --name-only REV lists the files\n',
    });
    expect((await fails('git:no-such-branch:set.yaml')).stderr).toBe(
      'git:no-such-branch:set.yaml: git knows no revision "no-such-branch"; check the name (git log --oneline, git branch -a); a remote branch may need git fetch first\n',
    );
    expect((await fails('git:HEAD:sub')).stderr).toBe('git:HEAD:sub: sub is a folder at HEAD, not a principle set; give the path of the YAML file\n');
    expect((await fails('git:HEAD')).stderr).toBe(
      'git:HEAD: a revision needs a path as well, as git:REV:path; e.g. git:origin/main:principles/union.yaml (the path from the top of the repository)\n',
    );
    expect((await fails('git:--output=x:set.yaml')).code).toBe(2);
    const outside = await fails('git:HEAD:set.yaml', tmpdir());
    expect(outside).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'git:HEAD:set.yaml: the current folder is not inside a git repository; run triage from inside the repository, or give the principle set as a file\n',
    });
    const broken = await fails('git:HEAD:broken.yaml');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^git:HEAD:broken\.yaml:1:1: /);
  });
});
