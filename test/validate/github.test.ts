/**
 * The github format within what GitHub Actions shows: at most 10 error and 10 warning
 * annotations per step. Past that, one annotation gives the totals and the rest go to the
 * step's log, so nothing is dropped unseen; text from files never acts on the log viewer.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { githubFormat } from '../../src/validate/formats/github.js';
import type { ValidationReport } from '../../src/validate/report.js';

const TOOL = { name: 'union-triage', version: '9.9.9' };

function report(errors: number, warnings: number): ValidationReport {
  const findings: Finding[] = [];
  for (let i = 1; i <= errors; i++)
    findings.push({ ruleId: 'item/invalid-value', severity: 'error', message: `error ${i}`, file: 'b.csv', line: i, column: 2 });
  for (let i = 1; i <= warnings; i++)
    findings.push({ ruleId: 'item/unknown-column', severity: 'warning', message: `warning ${i}`, file: 'c.csv', line: i, column: 3 });
  return {
    files: [
      { file: 'b.csv', kind: 'items', format: 'csv' },
      { file: 'c.csv', kind: 'items', format: 'csv' },
    ],
    findings,
    skipped: [],
  };
}

function render(r: ValidationReport, path?: (file: string) => string): string[] {
  return githubFormat
    .render(r, { color: false, tool: TOOL, ...(path ? { path } : {}) })
    .split('\n')
    .slice(0, -1);
}

const commands = (lines: readonly string[], kind: string): string[] => lines.filter((l) => l.startsWith(`::${kind} `));

describe('github annotations per step', () => {
  it('annotates every finding when there are at most 10 of each kind, and adds nothing else', () => {
    const lines = render(report(10, 10));
    expect(lines).toHaveLength(20);
    expect(commands(lines, 'error')).toHaveLength(10);
    expect(commands(lines, 'warning')).toHaveLength(10);
  });

  it('past 10 errors: 9 annotated, the 10th gives the totals, the rest are listed in the log', () => {
    const lines = render(report(12, 2));
    expect(commands(lines, 'error').map((l) => l.split('::').slice(0, 2).join('::'))).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `::error file=b.csv,line=${i + 1},col=2,title=item/invalid-value`),
      '::error title=triage validate',
    ]);
    expect(commands(lines, 'warning')).toHaveLength(2);
    expect(lines.slice(11)).toEqual([
      "::error title=triage validate::14 problems (12 errors, 2 warnings) in 2 files: GitHub shows at most 10 annotations of each kind per step, so 11 are annotated and the other 3 are listed in this step's log",
      '::group::3 more findings',
      'error: b.csv:10:2: error 10 [item/invalid-value]',
      'error: b.csv:11:2: error 11 [item/invalid-value]',
      'error: b.csv:12:2: error 12 [item/invalid-value]',
      '::endgroup::',
    ]);
  });

  it('past 10 warnings only: the totals are a warning, and the errors keep their 10 places', () => {
    const lines = render(report(10, 11));
    expect(commands(lines, 'error')).toHaveLength(10);
    expect(commands(lines, 'warning')).toHaveLength(10);
    expect(commands(lines, 'warning').at(-1)).toBe(
      "::warning title=triage validate::21 problems (10 errors, 11 warnings) in 2 files: GitHub shows at most 10 annotations of each kind per step, so 19 are annotated and the other 2 are listed in this step's log",
    );
    expect(lines.slice(-4)).toEqual([
      '::group::2 more findings',
      'warning: c.csv:10:3: warning 10 [item/unknown-column]',
      'warning: c.csv:11:3: warning 11 [item/unknown-column]',
      '::endgroup::',
    ]);
  });

  it('past 10 of both: one totals annotation, an error; 9 errors and 10 warnings annotated', () => {
    const lines = render(report(30, 30));
    expect(commands(lines, 'error')).toHaveLength(10);
    expect(commands(lines, 'warning')).toHaveLength(10);
    expect(lines.filter((l) => l.includes('title=triage validate'))).toEqual([
      "::error title=triage validate::60 problems (30 errors, 30 warnings) in 2 files: GitHub shows at most 10 annotations of each kind per step, so 19 are annotated and the other 41 are listed in this step's log",
    ]);
    expect(lines.filter((l) => /^(error|warning): /.test(l))).toHaveLength(41);
  });

  it('gives file paths from the root, in annotations and log lines alike', () => {
    const lines = render(report(11, 0), (f) => `portfolio/${f}`);
    expect(lines[0]).toBe('::error file=portfolio/b.csv,line=1,col=2,title=item/invalid-value::error 1');
    expect(lines).toContain('error: portfolio/b.csv:10:2: error 10 [item/invalid-value]');
  });
});

describe('github escaping', () => {
  it('shows control characters from files as escapes, and escapes what the runner parses', () => {
    const hostile: ValidationReport = {
      files: [],
      findings: [
        {
          ruleId: 'item/invalid-value',
          severity: 'error',
          // An escape sequence, a carriage return, NEL, a line separator, a bidi override, 100%.
          message: 'title "\u001b]0;pwned\u0007\rX\u0085Y\u2028Z\u202eW" is 100% wrong\nsee %0A',
          file: 'dir/\u001b[31mred,x:y.csv',
          line: 2,
          column: 1,
        },
      ],
      skipped: [],
    };
    const [line, ...rest] = render(hostile);
    expect(rest).toEqual([]);
    expect(line).toBe(
      '::error file=dir/\\u001b[31mred%2Cx%3Ay.csv,line=2,col=1,title=item/invalid-value::title "\\u001b]0;pwned\\u0007\\rX\\u0085Y\\u2028Z\\u202eW" is 100%25 wrong%0Asee %250A',
    );
    expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  });

  it('never starts a log line with "::", which the runner would take as a command', () => {
    const r = report(11, 0);
    r.findings[10] = { ...r.findings[10]!, file: '::stop-commands::x.csv' };
    const lines = render(r);
    const logged = lines.slice(lines.indexOf('::group::2 more findings') + 1, -1);
    expect(logged).toEqual(['error: b.csv:10:2: error 10 [item/invalid-value]', 'error: ::stop-commands::x.csv:11:2: error 11 [item/invalid-value]']);
  });
});
