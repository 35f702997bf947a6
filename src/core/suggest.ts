/**
 * When the tool can only say "a person should decide" (route `review`), interactive review
 * still offers a concrete route as the default: the one the rules come closest to. Pure: it
 * reads an assessment's trace and nothing else.
 */
import { explainAssessment } from './assess.js';
import type { Policy } from './compile.js';
import { REVIEW_ROUTE } from './domain.js';
import type { AssessmentTrace, ConditionTrace, RuleTrace, WorkItem } from './types.js';

export { REVIEW_ROUTE };

export interface RouteSuggestion {
  route: string;
  /** The rule the suggestion comes from, when it comes from one. */
  rule?: string;
  /**
   * How it was found: a non-review rule that matches (it was not reached because an earlier
   * review rule fired); the non-review rule closest to matching; or the first route declared.
   */
  basis: 'matches' | 'closest' | 'first-route';
  /** For `closest`: the rule's leaf tests that pass, 0-1 (an unknown test counts half). */
  score?: number;
}

/** True for a route that means "a person should decide" rather than a place for the work. */
export function isReviewRoute(route: string): boolean {
  return route === REVIEW_ROUTE;
}

/**
 * The most likely concrete route for an item, never a review route: the first non-review
 * rule that matches; else the non-review rule whose tests come closest to passing (ties go
 * to the earlier rule); else the first non-review route declared. Pass the trace when you
 * have one (e.g. assessed with answers); otherwise the item is assessed here.
 */
export function suggestRoute(policy: Policy, item: WorkItem, trace?: AssessmentTrace): RouteSuggestion {
  const rules = (trace ?? explainAssessment(policy, item).trace).rules.filter((rule) => !isReviewRoute(rule.route));
  const matching = rules.find(matches);
  if (matching) return { route: matching.route, rule: matching.id, basis: 'matches' };

  let best: { rule: RuleTrace; score: number } | undefined;
  for (const rule of rules) {
    const score = closeness(rule.condition);
    if (best === undefined || score > best.score) best = { rule, score };
  }
  if (best && best.score > 0) return { route: best.rule.route, rule: best.rule.id, basis: 'closest', score: best.score };

  const first = policy.set.routes.find((route) => !isReviewRoute(route.id)) ?? policy.set.routes[0];
  return { route: first?.id ?? REVIEW_ROUTE, basis: 'first-route' };
}

function matches(rule: RuleTrace): boolean {
  return rule.outcome === 'matched' || (rule.outcome === 'not-reached' && rule.wouldMatch === true);
}

/**
 * The share of a condition's leaf tests that go the rule's way: a passing test 1, an unknown
 * one 0.5, a failing one 0. Under `not`, a test goes the rule's way when it fails.
 */
export function closeness(condition: ConditionTrace): number {
  const scores: number[] = [];
  collectLeaves(condition, false, scores);
  return scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + s, 0) / scores.length;
}

function collectLeaves(node: ConditionTrace, negated: boolean, scores: number[]): void {
  if (node.children && node.children.length > 0) {
    const flip = node.test === 'not' ? !negated : negated;
    for (const child of node.children) collectLeaves(child, flip, scores);
    return;
  }
  if (node.result === null) scores.push(0.5);
  else scores.push(node.result !== negated ? 1 : 0);
}
