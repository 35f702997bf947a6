/**
 * Assess one work item against a compiled policy. Pure: the result depends on the item and
 * the policy alone, never on other items, the clock or the environment.
 *
 *   criteria -> principle scores -> alignment (weighted mean, 0-100)
 *   signals  -> transformation index (sum of points, clamped 0-100) -> classification
 *   ordered rules (first match wins) -> route, rule and reason
 *   the same with the missing facts set free -> ranges, firm, the facts to chase
 */
import { DEFAULT_RULE_ID, routeLabel, type Policy } from './compile.js';
import { traceNode } from './conditions.js';
import { findCounterfactuals } from './counterfactuals.js';
import {
  EvalContext,
  classify,
  fillComputedMasks,
  fillItemMasks,
  firstRule,
  maskTri,
  evalNode,
  possible,
  F,
  T,
  round,
  score,
  type Answers,
  type Scores,
} from './evaluate.js';
import type {
  Assessment,
  AssessmentTrace,
  ConditionTrace,
  CriterionResult,
  PrincipleScore,
  RoutedAssessment,
  RuleTrace,
  SignalResult,
  WorkItem,
} from './types.js';

export { classify, type Answers };

export interface AssessOptions {
  answers?: Answers;
  /** Also find the smallest changes of facts that would send the item elsewhere (costs more). */
  counterfactuals?: boolean;
}

/** Assess an item: scores, classification, route, the reason for it, and how settled it is. */
export function assess(policy: Policy, item: WorkItem, options: AssessOptions = {}): Assessment {
  return evaluate(policy, item, options, false).assessment;
}

/** Assess an item and keep the trace of every criterion, signal and rule, for explanations. */
export function explainAssessment(policy: Policy, item: WorkItem, options: AssessOptions = {}): { assessment: Assessment; trace: AssessmentTrace } {
  const { assessment, trace } = evaluate(policy, item, options, true);
  return { assessment, trace: trace as AssessmentTrace };
}

/**
 * The route, its rule and reason, and the scores, without the rest of an assessment: what a
 * row of the csv format shows, for `score` to write (cli/score.ts, and cli/score-piece.ts with
 * --jobs). The same values as `assess` gives for them.
 */
export function assessRoute(policy: Policy, item: WorkItem): RoutedAssessment {
  const { scores, rule } = decide(policy, item, {}, false);
  return {
    id: item.id,
    title: item.title,
    route: rule.route,
    routeLabel: routeLabel(policy, rule.route),
    rule: rule.id,
    reason: rule.reason,
    classification: scores.classification,
    alignment: scores.alignment,
    transformation: scores.transformation,
    confidence: scores.confidence,
    overridden: false,
  };
}

/** What every assessment starts from: the item's leaf outcomes, its scores and the rule that decides its route. */
interface Decided {
  ctx: EvalContext;
  masks: Uint8Array;
  /** The item's leaf outcomes before the computed scores were set, for the counterfactual search. */
  itemMasks: Uint8Array | undefined;
  scores: Scores;
  fired: number;
  rule: { id: string; route: string; reason: string };
}

function decide(policy: Policy, item: WorkItem, options: AssessOptions, keepItemMasks: boolean): Decided {
  const ctx = new EvalContext(item.values);
  const masks = new Uint8Array(policy.leaves.length);
  fillItemMasks(policy, item.values, ctx, masks);
  const itemMasks = keepItemMasks ? masks.slice() : undefined;
  const scores = score(policy, masks, options.answers);
  const { alignment, transformation, classification, confidence } = scores;
  ctx.computed = { alignment, transformation, classification, confidence };
  fillComputedMasks(policy, scores, masks);
  const fired = firstRule(policy, masks);
  const rule = (fired >= 0 ? policy.rules[fired] : undefined) ?? { id: DEFAULT_RULE_ID, route: policy.defaultRoute, reason: policy.defaultReason };
  return { ctx, masks, itemMasks, scores, fired, rule };
}

function evaluate(policy: Policy, item: WorkItem, options: AssessOptions, tracing: boolean): { assessment: Assessment; trace: AssessmentTrace | undefined } {
  const { answers } = options;
  const { ctx, masks, itemMasks, scores, fired, rule } = decide(policy, item, options, options.counterfactuals === true);
  const settled = settle(policy, item, masks, rule.route, answers);
  // The routed part is written out as in assessRoute, not spread into this object: an object
  // made by spreading and then adding a dozen properties is left in V8's slow dictionary form
  // (a 1M-row run took 1.7x the time).
  const assessment: Assessment = {
    id: item.id,
    title: item.title,
    route: rule.route,
    routeLabel: routeLabel(policy, rule.route),
    rule: rule.id,
    reason: rule.reason,
    classification: scores.classification,
    alignment: scores.alignment,
    transformation: scores.transformation,
    confidence: scores.confidence,
    overridden: false,
    principles: principleScores(policy, scores, answers),
    signals: policy.signals.map((signal, s) => ({ id: signal.id, met: scores.signals[s] ?? null, points: signal.points }) satisfies SignalResult),
    alignmentRange: settled.alignmentRange,
    transformationRange: settled.transformationRange,
    firm: settled.firm,
    ...(settled.missingFacts.length > 0 ? { missingFacts: settled.missingFacts } : {}),
    ...(options.counterfactuals ? { counterfactuals: findCounterfactuals(policy, item, rule.route, answers, itemMasks) } : {}),
  };
  return { assessment, trace: tracing ? traceOf(policy, masks, ctx, scores, fired) : undefined };
}

function principleScores(policy: Policy, scores: Scores, answers: Answers | undefined): PrincipleScore[] {
  return policy.principles.map((principle, p) => ({
    id: principle.id,
    score: Math.round(100 * (scores.shares[p] as number)),
    weight: principle.weight,
    contribution: round(scores.contributions[p] as number, 1),
    criteria: principle.criteria.map((criterion, c): CriterionResult => {
      const met = scores.criteria[p]?.[c] ?? null;
      const answer = answers?.[criterion.id];
      return answer !== undefined && answer !== null
        ? { id: criterion.id, met, points: criterion.points, answered: true }
        : { id: criterion.id, met, points: criterion.points };
    }),
  }));
}

interface Settled {
  alignmentRange: [number, number];
  transformationRange: [number, number];
  firm: boolean;
  missingFacts: string[];
}

/**
 * How settled the result is: the scores and routes the item could reach once its missing
 * facts are known, and which missing facts could, each on its own, change the route.
 */
function settle(policy: Policy, item: WorkItem, itemMasks: Uint8Array, route: string, answers: Answers | undefined): Settled {
  const missing = [...policy.leavesByField.keys()].filter((field) => item.values[field] === undefined);
  const all = possible(policy, freeing(policy, itemMasks, missing), answers);
  const firm = all.routes.length === 1 && all.routes[0] === route;
  let missingFacts: string[] = [];
  if (!firm) {
    // The facts to chase first: those that could change the route on their own.
    const alone = missing.filter((field) => {
      const routes = possible(policy, freeing(policy, itemMasks, [field]), answers).routes;
      return routes.length > 1 || routes[0] !== route;
    });
    // No one fact decides it, but together they could: chase them all.
    missingFacts = alone.length > 0 ? alone : missing;
  }
  return { alignmentRange: all.alignment, transformationRange: all.transformation, firm, missingFacts };
}

/** A copy of the item's leaf outcomes with the leaves of `fields` set free. */
export function freeing(policy: Policy, itemMasks: Uint8Array, fields: readonly string[]): Uint8Array {
  const masks = itemMasks.slice();
  for (const field of fields) for (const leaf of policy.leavesByField.get(field) ?? []) masks[leaf] = T | F;
  return masks;
}

function traceOf(policy: Policy, masks: Uint8Array, ctx: EvalContext, scores: Scores, fired: number): AssessmentTrace {
  const criteria: Record<string, ConditionTrace> = {};
  for (const principle of policy.principles) {
    for (const criterion of principle.criteria) criteria[criterion.id] = traceNode(criterion.when, policy.leaves, masks, ctx);
  }
  const signals: Record<string, ConditionTrace> = {};
  for (const signal of policy.signals) signals[signal.id] = traceNode(signal.when, policy.leaves, masks, ctx);
  const rules: RuleTrace[] = policy.rules.map((rule, r) => {
    const result = maskTri(evalNode(rule.when, masks));
    const condition = traceNode(rule.when, policy.leaves, masks, ctx);
    if (fired >= 0 && r > fired) return { id: rule.id, route: rule.route, reason: rule.reason, outcome: 'not-reached', wouldMatch: result, condition };
    const outcome = result === true ? 'matched' : result === false ? 'not-matched' : 'unknown';
    return { id: rule.id, route: rule.route, reason: rule.reason, outcome, condition };
  });
  return {
    criteria,
    signals,
    rules,
    classificationReason: classify(policy, scores.transformation, scores.positive, scores.negative).reason,
    positivePoints: scores.positive,
    negativePoints: scores.negative,
  };
}
