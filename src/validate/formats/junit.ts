/**
 * JUnit XML, for any CI test-report viewer: one <testsuite> per file, one <testcase> per
 * check. A rule that found nothing in a file is one passing test case; each place it found
 * something is a test case of its own, with a <failure> for an error (so every error shows,
 * as viewers keep only one failure per test case) or <system-out> for a warning.
 */
import type { Finding } from '../../findings.js';
import type { RuleId } from '../../rule-ids.js';
import { byFile, type FileResult } from '../report.js';
import { rulesFor } from '../rules.js';
import type { ValidateFormat } from './types.js';
import { xmlAttribute, xmlText } from './xml.js';

interface TestCase {
  name: string;
  classname: string;
  finding?: Finding;
}

export const junitFormat: ValidateFormat = {
  name: 'junit',
  description: 'JUnit XML, for CI test-report viewers',
  render(report) {
    const suites = byFile(report).map((file) => ({ file, cases: testCases(file) }));
    const tests = suites.reduce((sum, s) => sum + s.cases.length, 0);
    const failures = report.findings.filter((f) => f.severity === 'error').length;
    const body = suites.map((s) => suite(s.file, s.cases)).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites name="triage validate" tests="${tests}" failures="${failures}" errors="0">\n${body}</testsuites>\n`
    );
  },
};

function testCases(file: FileResult): TestCase[] {
  const ruleIds: RuleId[] = rulesFor(file.kind, file.format).map((r) => r.id);
  for (const finding of file.findings) if (!ruleIds.includes(finding.ruleId)) ruleIds.push(finding.ruleId);
  return ruleIds.flatMap((ruleId): TestCase[] => {
    const found = file.findings.filter((f) => f.ruleId === ruleId);
    if (found.length === 0) return [{ name: ruleId, classname: file.file }];
    return found.map((finding) => ({ name: `${ruleId} at ${finding.line}:${finding.column}`, classname: file.file, finding }));
  });
}

function suite(file: FileResult, cases: readonly TestCase[]): string {
  const attributes = `name="${xmlAttribute(file.file)}" tests="${cases.length}" failures="${file.errorCount}" errors="0" skipped="0"`;
  return `  <testsuite ${attributes}>\n${cases.map(testCase).join('')}  </testsuite>\n`;
}

function testCase(test: TestCase): string {
  const open = `    <testcase name="${xmlAttribute(test.name)}" classname="${xmlAttribute(test.classname)}"`;
  const f = test.finding;
  if (!f) return `${open}/>\n`;
  const where = `${f.file}:${f.line}:${f.column}`;
  const inner =
    f.severity === 'error'
      ? `<failure type="${xmlAttribute(f.ruleId)}" message="${xmlAttribute(f.message)}">${xmlText(`${where}: ${f.message}`)}</failure>`
      : `<system-out>${xmlText(`${where}: warning: ${f.message}`)}</system-out>`;
  return `${open}>\n      ${inner}\n    </testcase>\n`;
}
