/**
 * Run a principle set's test cases: assess each case's item, compare with what it expects,
 * and say for a failure what happened instead and why (the rule that fired and the tests that
 * decided it, as `explain` leads with). Pure: cases and a policy in, results out.
 */
import { assess } from '../core/assess.js';
import { becauseOf } from '../core/because.js';
import type { Policy } from '../core/compile.js';
import type { Assessment } from '../core/types.js';
import type { Finding } from '../findings.js';
import { BOUND_KEYS, type ExpectKey, type ScoreBounds, type TestCase } from './file.js';

export interface Mismatch {
  key: ExpectKey;
  /** `route is review, expected union`. */
  text: string;
}

export interface CaseResult {
  testCase: TestCase;
  assessment: Assessment;
  /** The reason up front: route label, then the facts that decided it. */
  because: string;
  mismatches: Mismatch[];
}

/** Assess one case and compare. */
export function runCase(policy: Policy, testCase: TestCase): CaseResult {
  const assessment = assess(policy, testCase.item);
  const because = becauseOf(policy, testCase.item).text;
  return { testCase, assessment, because, mismatches: mismatches(testCase, assessment) };
}

function mismatches(testCase: TestCase, a: Assessment): Mismatch[] {
  const e = testCase.expect;
  const found: Mismatch[] = [];
  if (a.route !== e.route) found.push({ key: 'route', text: `route is ${a.route}, expected ${e.route}` });
  if (e.classification !== undefined && a.classification !== e.classification) {
    found.push({ key: 'classification', text: `classification is ${a.classification}, expected ${e.classification}` });
  }
  if (e.rule !== undefined && a.rule !== e.rule) found.push({ key: 'rule', text: `rule is ${a.rule}, expected ${e.rule}` });
  if (e.firm !== undefined && a.firm !== e.firm) {
    const missing = a.missingFacts?.length ? ` (unknown: ${a.missingFacts.join(', ')})` : '';
    found.push({ key: 'firm', text: `firm is ${a.firm}${missing}, expected ${e.firm}` });
  }
  for (const score of ['alignment', 'transformation'] as const) {
    const bounds = e[score];
    if (bounds && !within(a[score], bounds)) found.push({ key: score, text: `${score} is ${a[score]}, expected ${boundsText(bounds)}` });
  }
  return found;
}

/** True when the value meets every bound. */
export function within(value: number, bounds: ScoreBounds): boolean {
  return (
    (bounds.equals === undefined || value === bounds.equals) &&
    (bounds.gt === undefined || value > bounds.gt) &&
    (bounds.gte === undefined || value >= bounds.gte) &&
    (bounds.lt === undefined || value < bounds.lt) &&
    (bounds.lte === undefined || value <= bounds.lte)
  );
}

const SIGNS: Record<(typeof BOUND_KEYS)[number], string> = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** `>= 50 and < 80`. */
export function boundsText(bounds: ScoreBounds): string {
  return BOUND_KEYS.filter((k) => bounds[k] !== undefined)
    .map((k) => `${SIGNS[k]} ${bounds[k] as number}`)
    .join(' and ');
}

/** A failed case as a finding, at its first expectation not met. */
export function failureFinding(result: CaseResult, file: string): Finding | undefined {
  const first = result.mismatches[0];
  if (!first) return undefined;
  const at = result.testCase.places[first.key] ?? result.testCase.at;
  const what = result.mismatches.map((m) => m.text).join('; ');
  const message = `test "${result.testCase.name}" failed: ${what}; rule ${result.assessment.rule} decided: ${result.because}`;
  return { ruleId: 'test/failed', severity: 'error', message, file, line: at.line, column: at.column };
}
