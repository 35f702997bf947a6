/**
 * One broken file per rule (test/fixtures/validate/rules/<rule>.<ext>, `/` written `--`),
 * each with every finding it must produce: rule, severity, line, column, and the text found
 * at that line and column, so a position is checked against the file and not just a number.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostilePrinciples } from '../../scripts/hostile/principles.mjs';
import { RULES } from '../../src/validate/rules.js';
import { validatePaths } from '../../src/validate/validate.js';

const DIR = 'test/fixtures/validate/rules';
const ITEMS = `${DIR}/support/items.csv`;

type Expected = [ruleId: string, severity: 'error' | 'warning', line: number, column: number, text: string];

interface Case {
  file: string;
  /** Other files validated with it (the items a decisions file refers to). */
  with?: string[];
  findings: Expected[];
}

const CASES: Case[] = [
  { file: 'file--empty.csv', findings: [['file/empty', 'error', 1, 1, '']] },
  { file: 'file--encoding.csv', findings: [['file/encoding', 'error', 3, 8, '\u00e9 menu']] },
  {
    file: 'yaml--syntax.yaml',
    findings: [
      ['yaml/syntax', 'error', 4, 3, '- id: Y-2'],
      ['yaml/syntax', 'error', 4, 9, 'Y-2'],
      ['yaml/syntax', 'error', 4, 9, 'Y-2'],
    ],
  },
  { file: 'yaml--duplicate-key.yaml', findings: [['yaml/duplicate-key', 'error', 4, 5, 'title: Second']] },
  // Refused at the first alias: nothing after it is read, so a bomb costs nothing.
  { file: 'yaml--alias.yaml', findings: [['yaml/alias', 'error', 3, 16, '*few, *few]']] },
  { file: 'yaml--too-deep.yaml', findings: [['yaml/too-deep', 'error', 3, 74, '[[[']] },
  { file: 'yaml--forbidden-key.yaml', findings: [['yaml/forbidden-key', 'error', 4, 5, '__proto__']] },
  { file: 'csv--syntax.csv', findings: [['csv/syntax', 'error', 3, 5, '"Unclosed']] },
  { file: 'json--syntax.json', findings: [['json/syntax', 'error', 3, 45, '}']] },
  { file: 'principles--schema.yaml', findings: [['principles/schema', 'error', 12, 13, '0']] },
  { file: 'principles--duplicate-id.yaml', findings: [['principles/duplicate-id', 'error', 6, 11, 'team, label: Team again']] },
  { file: 'principles--unknown-route.yaml', findings: [['principles/unknown-route', 'error', 25, 14, 'teem']] },
  { file: 'principles--unknown-field.yaml', findings: [['principles/unknown-field', 'error', 16, 24, 'efort_weeks']] },
  { file: 'principles--operator-type.yaml', findings: [['principles/operator-type', 'error', 16, 38, 'mentions']] },
  { file: 'principles--unknown-value.yaml', findings: [['principles/unknown-value', 'error', 20, 47, 'counsel']] },
  { file: 'principles--thresholds-order.yaml', findings: [['principles/thresholds-order', 'error', 21, 56, '60']] },
  { file: 'principles--field-spec.yaml', findings: [['principles/field-spec', 'error', 8, 13, '{ type: enum }']] },
  { file: 'principles--capacity.yaml', findings: [['principles/capacity', 'error', 32, 27, '0']] },
  {
    file: 'principles--keyword-never-matches.yaml',
    findings: [
      ['principles/keyword-never-matches', 'warning', 16, 57, '"contract. Extension"'],
      ['principles/keyword-never-matches', 'warning', 16, 80, '"--"'],
    ],
  },
  { file: 'principles--unreachable-rule.yaml', findings: [['principles/unreachable-rule', 'warning', 28, 11, 'tiny-to-review']] },
  { file: 'principles--duplicate-condition.yaml', findings: [['principles/duplicate-condition', 'warning', 28, 11, 'also-small']] },
  { file: 'principles--never-matches.yaml', findings: [['principles/never-matches', 'warning', 30, 13, '{ all: [{ field: effort_weeks, gte: 10 }']] },
  { file: 'principles--unreachable-route.yaml', findings: [['principles/unreachable-route', 'warning', 6, 11, 'ccg']] },
  {
    file: 'item--missing-required.csv',
    findings: [
      ['item/missing-required', 'error', 3, 5, ',2'],
      ['item/missing-required', 'error', 4, 1, ',No id'],
    ],
  },
  {
    file: 'item--invalid-value.csv',
    findings: [
      ['item/invalid-value', 'error', 3, 16, 'two'],
      ['item/invalid-value', 'error', 4, 16, 'counsel'],
      ['item/invalid-value', 'error', 5, 24, '9'],
    ],
  },
  {
    file: 'item--duplicate-id.csv',
    findings: [
      ['item/duplicate-id', 'error', 4, 1, '"D-1"'],
      // After two records with line breaks inside quotes: the physical line counts.
      ['item/duplicate-id', 'error', 8, 1, 'D-2,Again'],
      // NFC `CAFÉ-1` on line 9, NFD (E and a combining accent) on line 10: one id.
      ['item/duplicate-id', 'error', 10, 1, 'CAFE\u00cc\u0081-1'],
    ],
  },
  {
    file: 'item--invisible-id.csv',
    findings: [
      ['item/invisible-id', 'warning', 3, 1, 'IN\u00c2\u00ad-2'],
      ['item/invisible-id', 'warning', 4, 1, 'IN-3\u00f3\u00a0\u0081\u0081'],
    ],
  },
  {
    file: 'item--look-alike-id.csv',
    findings: [
      ['item/look-alike-id', 'warning', 3, 1, 'wi-01'],
      ['item/look-alike-id', 'warning', 4, 1, '\u00ef\u00bc\u00b7'],
      ['item/invisible-id', 'warning', 5, 1, 'W\u00e2\u0080\u008bi-01'],
      ['item/look-alike-id', 'warning', 5, 1, 'W\u00e2\u0080\u008bi-01'],
    ],
  },
  {
    file: 'item--unknown-column.csv',
    findings: [
      // Most of the fields the set reads have no column, and some columns are not read: one warning at the header.
      ['item/unknown-column', 'warning', 1, 1, 'id,title,efort_weeks'],
      ['item/unknown-column', 'warning', 1, 10, 'efort_weeks'],
      ['item/unknown-column', 'warning', 1, 22, 'priority'],
    ],
  },
  { file: 'decisions--schema.yaml', with: [ITEMS], findings: [['decisions/schema', 'error', 2, 5, 'id: S-1']] },
  { file: 'decisions--duplicate-id.yaml', with: [ITEMS], findings: [['decisions/duplicate-id', 'error', 3, 11, 'S-1, route: individual']] },
  { file: 'decisions--unknown-route.yaml', with: [ITEMS], findings: [['decisions/unknown-route', 'error', 2, 23, 'councel']] },
  { file: 'decisions--unknown-item.yaml', with: [ITEMS], findings: [['decisions/unknown-item', 'error', 3, 11, 'S-9']] },
  { file: 'decisions--unknown-criterion.yaml', with: [ITEMS], findings: [['decisions/unknown-criterion', 'warning', 7, 7, 'has-a-budget']] },
  { file: 'decisions--stale.yaml', with: [ITEMS], findings: [['decisions/stale', 'warning', 5, 18, 'v1:00000000000000']] },
  // The decision that expired in 2001 lapses; the one that runs to 2999 still applies.
  { file: 'decisions--expired.yaml', findings: [['decisions/expired', 'warning', 5, 14, '"2001-12-31"']] },
];

/** The text of a file from a line and column on (1-based). */
function textAt(path: string, line: number, column: number): string {
  const lines = readFileSync(path, 'latin1').split(/\r\n|\n|\r/);
  return (lines[line - 1] ?? '').slice(column - 1);
}

describe('validate: one fixture per rule', () => {
  for (const { file, with: others = [], findings } of CASES) {
    it(`${file} gives exactly its findings, at the offending text`, async () => {
      const path = `${DIR}/${file}`;
      const report = await validatePaths([path, ...others]);
      const got = report.findings.map((f) => [f.file, f.ruleId, f.severity, f.line, f.column]);
      expect(got).toEqual(findings.map(([ruleId, severity, line, column]) => [path, ruleId, severity, line, column]));
      for (const [, , line, column, text] of findings) expect(textAt(path, line, column).startsWith(text), `${line}:${column}`).toBe(true);
    });
  }

  it('file--too-large: a principle set over 1 MB is a finding, not a crash', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'triage-')), 'huge.yaml');
    writeFileSync(path, `# ${'x'.repeat(1024 * 1024)}\nversion: 1\n`);
    const report = await validatePaths([], { principles: path });
    expect(report.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['file/too-large', 1, 1]]);
  });

  it('file--too-many-problems: an item file wrong on every line stops after 1,000 findings', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'triage-')), 'same-id.csv');
    writeFileSync(path, `id,title\n${'A-1,Same\n'.repeat(1500)}`);
    const report = await validatePaths([path]);
    const counts = new Map<string, number>();
    for (const f of report.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'item/duplicate-id': 1000, 'file/too-many-problems': 1 });
    // The 1,000th duplicate is the item on line 1002, and checking stops there.
    expect(Math.max(...report.findings.map((f) => f.line))).toBe(1002);
    expect(report.findings.find((f) => f.ruleId === 'file/too-many-problems')).toEqual({
      ruleId: 'file/too-many-problems',
      severity: 'error',
      message:
        'more than 1,000 problems, so checking stopped at this item: fix the first ones (is this the file, the delimiter and the mapping you meant?) and run again',
      file: path,
      line: 1002,
      column: 1,
    });
  });

  it('principles--coverage-incomplete: routing coverage stops at its limit of steps, and names the rules not checked', async () => {
    // 40 rules of 226 alternatives each, every rule repeating those before it: checked in
    // full this takes 67 million steps. The limit is reached while the 11th, r10, is compared.
    const path = join(mkdtempSync(join(tmpdir(), 'triage-')), 'costly.yaml');
    writeFileSync(path, hostilePrinciples({ rules: 40, groups: 2, width: 15 }));
    const report = await validatePaths([], { principles: path });
    expect(report.findings).toEqual([
      {
        ruleId: 'principles/coverage-incomplete',
        severity: 'warning',
        message:
          'routing coverage stopped at its limit of 5,000,000 steps: rules "r10" (line 65) to "r39" (line 181) were not checked, so a rule there that can never fire would go unreported; to have them checked, give conditions fewer alternatives (each any inside an all multiplies them)',
        file: path,
        line: 65,
        column: 11,
        endLine: 65,
        endColumn: 14,
      },
    ]);
    expect(textAt(path, 65, 11)).toBe('r10');
    expect(textAt(path, 181, 11)).toBe('r39');
  });

  it('every rule in the catalogue has a fixture, and every fixture is in the catalogue', () => {
    // Workbooks are binary: their rules are checked on workbooks built in xlsx-rules.test.ts.
    const workbooks = ['xlsx/syntax', 'xlsx/error-value', 'xlsx/no-cached-value', 'xlsx/not-a-number', 'xlsx/unnamed-column', 'xlsx/external-link'];
    const covered = new Set([
      ...CASES.flatMap((c) => c.findings.map(([ruleId]) => ruleId)),
      'file/too-large',
      'file/too-many-problems',
      'principles/coverage-incomplete',
      ...workbooks,
    ]);
    // Rules of tests files are triage test's, whose own tests cover them.
    expect([...covered].sort()).toEqual(
      RULES.filter((r) => !r.kinds.includes('tests'))
        .map((r) => r.id)
        .sort(),
    );
  });

  it('the CI guide lists every rule, in catalogue order, with its severity and its description', () => {
    const guide = readFileSync('docs/guides/ci.md', 'utf8');
    // The header row, however a formatter pads its cells.
    const table = guide.slice(guide.search(/^\|\s*rule\s*\|\s*severity\s*\|\s*what it checks\s*\|$/m));
    const rows = table.split('\n\n')[0]!.split('\n').slice(2);
    const cells = rows.map((row) => {
      const [, id, severity, description] = /^\|\s*`([^`]+)`\s*\|\s*(\w+)\s*\|\s*(.*?)\s*\|$/.exec(row) ?? [];
      // Code spans (`__proto__`) are how the guide shows what the catalogue writes plainly.
      return [id, severity, description?.replace(/`/g, '')];
    });
    expect(cells).toEqual(RULES.map((rule) => [rule.id, rule.severity, rule.description]));
  });

  it('every message says what would fix it (a clause after ":" or ";", or what the value must be)', async () => {
    const reports = await Promise.all(CASES.map((c) => validatePaths([`${DIR}/${c.file}`, ...(c.with ?? [])])));
    for (const finding of reports.flatMap((r) => r.findings)) {
      if (finding.ruleId === 'yaml/syntax' || finding.ruleId === 'json/syntax') continue; // the parser's own words
      expect(finding.message, finding.ruleId).toMatch(/[:;] \S|\b(?:must|needs?)\b/);
    }
  });
});
