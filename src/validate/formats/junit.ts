/**
 * JUnit XML, for CI test-report viewers: one <testsuite> per file, one <testcase> per check.
 * A rule that found nothing in a file is one passing test case; each thing it found is a test
 * case of its own (viewers keep one result per test case), with a <failure> for an error and
 * a <skipped> for a warning.
 *
 * Why <skipped> for warnings: JUnit has no warning status, and a passing test case loses its
 * text in the viewers CI users read (GitLab keeps output only for failed, errored and skipped
 * tests; Jenkins and the GitHub test-report actions list passes as bare names). Skipped is
 * the one status they all show apart from passes and failures, with its message, and it
 * fails nothing, as a warning should not.
 *
 * Test names say what was found, without line numbers: viewers follow a test across runs by
 * its name, and a line number in it would make every line moved look like one test fixed and
 * another broken. The line is in the `line` attribute and in the text instead.
 */
import type { Finding } from '../../findings.js';
import type { RuleId } from '../../rule-ids.js';
import { byFile, type FileResult } from '../report.js';
import { rulesFor } from '../rules.js';
import { withoutPositions } from './fingerprint.js';
import { pathsIn, type ValidateFormat } from './types.js';
import { xmlAttribute, xmlText } from './xml.js';

interface TestCase {
  name: string;
  finding?: Finding;
}

/** Longest test name; a message quoting a long value is cut. */
const MAX_NAME = 200;

export const junitFormat: ValidateFormat = {
  name: 'junit',
  description: 'JUnit XML, for CI test-report viewers',
  render(report, context) {
    const path = pathsIn(context);
    const suites = byFile(report).map((file) => ({ file, cases: testCases(file) }));
    const tests = suites.reduce((sum, s) => sum + s.cases.length, 0);
    const failures = report.findings.filter((f) => f.severity === 'error').length;
    const skipped = report.findings.length - failures;
    const body = suites.map((s) => suite(s.file, s.cases, path(s.file.file))).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites name="triage validate" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${body}</testsuites>\n`
    );
  },
};

function testCases(file: FileResult): TestCase[] {
  const ruleIds: RuleId[] = rulesFor(file.kind, file.format).map((r) => r.id);
  for (const finding of file.findings) if (!ruleIds.includes(finding.ruleId)) ruleIds.push(finding.ruleId);
  const seen = new Map<string, number>();
  return ruleIds.flatMap((ruleId): TestCase[] => {
    const found = file.findings.filter((f) => f.ruleId === ruleId);
    if (found.length === 0) return [{ name: ruleId }];
    return found.map((finding) => {
      const name = testName(finding);
      // The same problem twice in one file: the second is "(2)", so names stay unique.
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      return { name: count === 1 ? name : `${name} (${count})`, finding };
    });
  });
}

/** `item/invalid-value (WI-03): effort_weeks "one" is not a number: ...`, positions left out. */
function testName(finding: Finding): string {
  const about = finding.subject !== undefined ? ` (${finding.subject})` : '';
  const name = `${finding.ruleId}${about}: ${withoutPositions(finding.message).replace(/\s+/g, ' ')}`;
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1)}…`;
}

function suite(file: FileResult, cases: readonly TestCase[], path: string): string {
  const warnings = file.warningCount;
  const attributes = `name="${xmlAttribute(path)}" tests="${cases.length}" failures="${file.errorCount}" errors="0" skipped="${warnings}"`;
  return `  <testsuite ${attributes}>\n${cases.map((c) => testCase(c, path)).join('')}  </testsuite>\n`;
}

function testCase(test: TestCase, path: string): string {
  const f = test.finding;
  const open = `    <testcase name="${xmlAttribute(test.name)}" classname="${xmlAttribute(path)}"`;
  if (!f) return `${open}/>\n`;
  const where = `${path}:${f.line}:${f.column}`;
  const inner =
    f.severity === 'error'
      ? `<failure type="${xmlAttribute(f.ruleId)}" message="${xmlAttribute(f.message)}">${xmlText(`${where}: ${f.message}`)}</failure>`
      : `<skipped message="${xmlAttribute(`warning: ${f.message}`)}">${xmlText(`${where}: warning: ${f.message}`)}</skipped>`;
  return `${open} file="${xmlAttribute(path)}" line="${f.line}">\n      ${inner}\n    </testcase>\n`;
}
