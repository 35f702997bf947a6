/**
 * When the tool can only say "a person should decide" (route `review`), interactive review
 * names the concrete route the rules come closest to, as a hint, never as a default. A hint
 * rests only on tests that pass: a rule whose tests are unknown is not close, it is unknown.
 * Pure: it reads an assessment's trace and nothing else.
 */
import { explainAssessment } from './assess.js';
import type { Policy } from './compile.js';
import { REVIEW_ROUTE } from './domain.js';
import type { AssessmentTrace, ConditionTrace, RuleTrace, WorkItem } from './types.js';

export { REVIEW_ROUTE };

/** How a rule's tests go for an item: passing its way, unknown, and in all. */
export interface TestCounts {
  passing: number;
  unknown: number;
  total: number;
}

export interface RouteSuggestion {
  /** The route hinted at; absent when no rule passes a single test. */
  route?: string;
  /** The rule the hint comes from. */
  rule?: string;
  /**
   * A non-review rule that matches (it was not reached because an earlier review rule fired);
   * the non-review rule with the most tests passing; or none at all.
   */
  basis: 'matches' | 'closest' | 'none';
  /** For `closest`: how the rule's tests go. */
  tests?: TestCounts;
}

/** True for a route that means "a person should decide" rather than a place for the work. */
export function isReviewRoute(route: string): boolean {
  return route === REVIEW_ROUTE;
}

/**
 * The concrete route the rules point to, never a review route: the first non-review rule
 * that matches; else the non-review rule with the most tests passing (ties: fewer failing,
 * then the earlier rule); else none. Pass the trace when you have one (e.g. assessed with
 * answers); otherwise the item is assessed here.
 */
export function suggestRoute(policy: Policy, item: WorkItem, trace?: AssessmentTrace): RouteSuggestion {
  const rules = (trace ?? explainAssessment(policy, item).trace).rules.filter((rule) => !isReviewRoute(rule.route));
  const matching = rules.find(matches);
  if (matching) return { route: matching.route, rule: matching.id, basis: 'matches' };
  let best: { rule: RuleTrace; tests: TestCounts } | undefined;
  for (const rule of rules) {
    const tests = testCounts(rule.condition);
    if (tests.passing === 0) continue;
    const failing = (t: TestCounts): number => t.total - t.passing - t.unknown;
    if (best === undefined || tests.passing > best.tests.passing || (tests.passing === best.tests.passing && failing(tests) < failing(best.tests))) {
      best = { rule, tests };
    }
  }
  return best ? { route: best.rule.route, rule: best.rule.id, basis: 'closest', tests: best.tests } : { basis: 'none' };
}

function matches(rule: RuleTrace): boolean {
  return rule.outcome === 'matched' || (rule.outcome === 'not-reached' && rule.wouldMatch === true);
}

/** A condition's leaf tests: how many go the rule's way (under `not`, by failing), how many are unknown. */
export function testCounts(condition: ConditionTrace): TestCounts {
  const counts: TestCounts = { passing: 0, unknown: 0, total: 0 };
  count(condition, false, counts);
  return counts;
}

function count(node: ConditionTrace, negated: boolean, counts: TestCounts): void {
  if (node.children && node.children.length > 0) {
    const flip = node.test === 'not' ? !negated : negated;
    for (const child of node.children) count(child, flip, counts);
    return;
  }
  counts.total++;
  if (node.result === null) counts.unknown++;
  else if (node.result !== negated) counts.passing++;
}

/** A suggestion in words: `Individual: individual-can-do, 1 of 3 tests pass, 2 unknown`. */
export function suggestionText(policy: Policy, suggestion: RouteSuggestion): string {
  if (suggestion.route === undefined) return 'none: no rule for a concrete route passes a single test';
  const label = policy.routes.get(suggestion.route)?.label ?? suggestion.route;
  if (suggestion.basis === 'matches') return `${label}: rule ${suggestion.rule} also matches`;
  const t = suggestion.tests as TestCounts;
  const unknown = t.unknown > 0 ? `, ${t.unknown} unknown` : '';
  return `${label}: rule ${suggestion.rule}, ${t.passing} of ${t.total} ${t.total === 1 ? 'test passes' : 'tests pass'}${unknown}`;
}
