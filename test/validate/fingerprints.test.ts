/**
 * Fingerprints (GitLab Code Quality `fingerprint`, SARIF `partialFingerprints`) before and
 * after edits that move findings but do not change them: a row added at the top of a CSV file,
 * comments added above findings in YAML, a new item with the same problem as an old one. Every
 * finding that is still there must keep its fingerprint, or dashboards show it fixed and
 * raised again.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { fingerprints, withoutPositions } from '../../src/validate/formats/fingerprint.js';
import { gitlabFormat, type CodeQualityIssue } from '../../src/validate/formats/gitlab.js';
import { sarifFormat } from '../../src/validate/formats/sarif.js';
import type { ValidationReport } from '../../src/validate/report.js';
import { pathsFromRoot } from '../../src/validate/root.js';
import { validatePaths } from '../../src/validate/validate.js';
import { repoPath, triage } from '../helpers/run.js';

const TOOL = { name: 'union-triage', version: '9.9.9' };

/** A repository (a folder with .git) holding a copy of the validate portfolio fixture. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'triage-fingerprints-'));
  mkdirSync(join(root, '.git'));
  cpSync(repoPath('test/fixtures/validate/portfolio'), join(root, 'portfolio'), { recursive: true });
  return root;
}

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** Unrelated edits: every existing finding moves down, none changes. */
function moveEverything(root: string): void {
  const folder = join(root, 'portfolio');
  // A new, valid row above all the CSV's rows.
  edit(join(folder, 'backlog.csv'), (t) => t.replace('\n', '\nP-0,New pathway,union,4,3,Dan\n'));
  // Comments above every YAML finding, and a new item above the old ones with the very same
  // problem as one of them (citizen_impact 9), so occurrence counting alone would shift.
  edit(
    join(folder, 'more.yaml'),
    (t) =>
      `# Items from the spring review.\n${t.replace('items:\n', 'items:\n  # The new one first.\n  - id: P-5\n    title: Ward rounds\n    citizen_impact: 9\n')}`,
  );
  edit(join(folder, 'principles.yaml'), (t) =>
    t.replace('routing:\n  rules:\n', 'routing:\n  # Order matters: the first rule that matches decides.\n  rules:\n'),
  );
  edit(join(folder, 'decisions.yaml'), (t) => `# Decided at the May board.\n${t}`);
}

interface Run {
  report: ValidationReport;
  path: (file: string) => string;
}

async function check(root: string): Promise<Run> {
  const folder = join(root, 'portfolio');
  const report = await validatePaths([folder]);
  return {
    report,
    path: await pathsFromRoot(
      report.files.map((f) => f.file),
      root,
      process.cwd(),
    ),
  };
}

/** What a finding is, without where: to pair findings before and after the edits. */
function what(f: Finding, path: (file: string) => string): string {
  return `${f.ruleId} ${path(f.file)} ${f.subject ?? ''} ${withoutPositions(f.message.split(f.file).join('')).replace(/\S*portfolio\//g, '')}`;
}

function gitlab({ report, path }: Run): Map<string, string> {
  const issues = JSON.parse(gitlabFormat.render(report, { color: false, tool: TOOL, path })) as CodeQualityIssue[];
  return new Map(issues.map((issue, i) => [what(report.findings[i] as Finding, path), issue.fingerprint]));
}

function sarif({ report, path }: Run): Map<string, string> {
  const log = JSON.parse(sarifFormat.render(report, { color: false, tool: TOOL, path })) as {
    runs: Array<{ results: Array<{ partialFingerprints: { primaryLocationLineHash: string } }> }>;
  };
  return new Map(log.runs[0]!.results.map((r, i) => [what(report.findings[i] as Finding, path), r.partialFingerprints.primaryLocationLineHash]));
}

describe('fingerprints before and after unrelated edits', () => {
  it('every finding that is still there keeps its GitLab fingerprint and its SARIF partialFingerprints', async () => {
    const root = repository();
    const before = await check(root);
    moveEverything(root);
    const after = await check(root);

    // The edits moved findings: same findings, other lines (and messages that cite lines).
    expect(before.report.findings).toHaveLength(8);
    expect(after.report.findings).toHaveLength(9);
    const lines = (r: Run): number[] => r.report.findings.map((f) => f.line);
    expect(lines(before)).toEqual([1, 4, 5, 5, 6, 7, 11, 35]);
    expect(lines(after)).toEqual([1, 5, 6, 6, 7, 6, 12, 16, 36]);
    expect(after.report.findings.find((f) => f.ruleId === 'item/duplicate-id')?.message).toContain('backlog.csv:3:1');
    expect(after.report.findings.find((f) => f.ruleId === 'principles/unreachable-rule')?.message).toContain('(line 32)');

    for (const formatOf of [gitlab, sarif]) {
      const old = formatOf(before);
      const now = formatOf(after);
      expect(old.size).toBe(8);
      for (const [finding, print] of old) expect(now.get(finding), finding).toBe(print);
      // The one new finding has a fingerprint of its own.
      const fresh = [...now].filter(([finding]) => !old.has(finding));
      expect(fresh.map(([finding]) => finding.split(' ').slice(0, 3).join(' '))).toEqual(['item/invalid-value portfolio/more.yaml P-5']);
      expect([...old.values()]).not.toContain(fresh[0]![1]);
    }
  });

  it('tells identical findings apart by occurrence, and keeps each one when lines move', () => {
    const same = (line: number): Finding => ({
      ruleId: 'yaml/syntax',
      severity: 'error',
      message: `Map keys must be unique (first at line ${line - 2}, column 3)`,
      file: 'a.yaml',
      line,
      column: 3,
    });
    const first = fingerprints([same(4), same(9)], (f) => f);
    const moved = fingerprints([same(14), same(19)], (f) => f);
    expect(first[0]).not.toBe(first[1]);
    expect(moved).toEqual(first);
  });

  it('does not depend on the folder the command ran in, nor on how the paths were written', async () => {
    const root = repository();
    const fromTop = triage(['validate', 'portfolio/', '-f', 'gitlab', '-q'], { cwd: root });
    const fromInside = triage(['validate', '.', '-f', 'gitlab', '-q'], { cwd: join(root, 'portfolio') });
    const issues = (text: string): Array<[string, string, number]> =>
      (JSON.parse(text) as CodeQualityIssue[]).map((i) => [i.fingerprint, i.location.path, i.location.lines.begin]);
    expect(fromTop.code).toBe(1);
    expect(fromInside.code).toBe(1);
    expect(issues(fromInside.stdout)).toEqual(issues(fromTop.stdout));
    expect(issues(fromTop.stdout).map(([, path]) => path)).toEqual([
      'portfolio/backlog.csv',
      'portfolio/backlog.csv',
      'portfolio/backlog.csv',
      'portfolio/decisions.yaml',
      'portfolio/decisions.yaml',
      'portfolio/more.yaml',
      'portfolio/more.yaml',
      'portfolio/principles.yaml',
    ]);
  });
});

describe('withoutPositions', () => {
  it('takes out the lines, columns and indexes a message cites, and nothing else', () => {
    expect(withoutPositions('id "P-1" is used twice (first at portfolio/backlog.csv:2:1): give each item its own id')).toBe(
      'id "P-1" is used twice (first at portfolio/backlog.csv): give each item its own id',
    );
    expect(withoutPositions('rule "tiny" can never fire: rule "small" (line 31) matches first')).toBe(
      'rule "tiny" can never fire: rule "small" (line) matches first',
    );
    expect(withoutPositions('item "S-1" has two decisions (first at line 2, column 11): keep one')).toBe(
      'item "S-1" has two decisions (first at line, column): keep one',
    );
    expect(withoutPositions('a quoted field that starts in the record on line 3 is never closed')).toBe(
      'a quoted field that starts in the record on line is never closed',
    );
    expect(withoutPositions('principles[0].weight must be greater than 0')).toBe('principles[].weight must be greater than 0');
    expect(withoutPositions('decision 12 needs "route" as text')).toBe('decision needs "route" as text');
    // Numbers that are values, not places, stay.
    expect(withoutPositions('start "12:30" is not a number; citizen_impact 9 is above the maximum 5')).toBe(
      'start "12:30" is not a number; citizen_impact 9 is above the maximum 5',
    );
  });
});
