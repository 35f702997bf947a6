/**
 * Assess one work item against a compiled policy. Pure: the result depends on the item and
 * the policy alone, never on other items, the clock or the environment.
 *
 *   criteria -> principle scores -> alignment (weighted mean, 0-100)
 *   signals  -> transformation index (sum of points, clamped 0-100) -> classification
 *   ordered rules (first match wins) -> route, rule and reason
 */
import { EvalContext } from './conditions.js';
import { DEFAULT_RULE_ID, routeLabel, type Policy } from './compile.js';
import type {
  Assessment,
  AssessmentTrace,
  Classification,
  ConditionTrace,
  CriterionResult,
  PrincipleScore,
  RuleTrace,
  SignalResult,
  Tri,
  WorkItem,
} from './types.js';

/** Answers a person gave to criteria questions, by criterion id (`null` = don't know). */
export type Answers = Readonly<Record<string, Tri>>;

export interface AssessOptions {
  answers?: Answers;
}

/** Assess an item: scores, classification, route and the reason for it. */
export function assess(policy: Policy, item: WorkItem, options: AssessOptions = {}): Assessment {
  return evaluate(policy, item, options.answers, false).assessment;
}

/** Assess an item and keep the trace of every criterion, signal and rule, for explanations. */
export function explainAssessment(
  policy: Policy,
  item: WorkItem,
  options: AssessOptions = {},
): { assessment: Assessment; trace: AssessmentTrace } {
  const { assessment, trace } = evaluate(policy, item, options.answers, true);
  return { assessment, trace: trace as AssessmentTrace };
}

function evaluate(
  policy: Policy,
  item: WorkItem,
  answers: Answers | undefined,
  tracing: boolean,
): { assessment: Assessment; trace: AssessmentTrace | undefined } {
  const ctx = new EvalContext(item.values, NOTHING_COMPUTED);
  // Traces only when explaining: assessing a million items should not build a million of each.
  const criteriaTraces: Record<string, ConditionTrace> | undefined = tracing ? {} : undefined;
  const signalTraces: Record<string, ConditionTrace> | undefined = tracing ? {} : undefined;

  // Alignment: each principle scores the share of its criteria points that are met.
  const principles: PrincipleScore[] = [];
  let alignmentExact = 0;
  let knownShare = 0;
  for (const principle of policy.principles) {
    let metPoints = 0;
    let knownPoints = 0;
    const criteria: CriterionResult[] = [];
    for (const criterion of principle.criteria) {
      const answer = answers?.[criterion.id];
      const answered = answer !== undefined && answer !== null;
      const met = answered ? answer : criterion.when.evaluate(ctx);
      if (criteriaTraces) criteriaTraces[criterion.id] = criterion.when.trace(ctx);
      if (met === true) metPoints += criterion.points;
      if (met !== null) knownPoints += criterion.points;
      criteria.push(answered ? { id: criterion.id, met, points: criterion.points, answered } : { id: criterion.id, met, points: criterion.points });
    }
    const share = principle.totalPoints > 0 ? metPoints / principle.totalPoints : 0;
    const contribution = (100 * share * principle.weight) / policy.totalWeight;
    alignmentExact += contribution;
    if (principle.totalPoints > 0) knownShare += (principle.weight * knownPoints) / principle.totalPoints;
    principles.push({
      id: principle.id,
      score: Math.round(100 * share),
      weight: principle.weight,
      contribution: round(contribution, 1),
      criteria,
    });
  }

  // Transformation: evidence of change adds points, evidence of business as usual takes them away.
  const signals: SignalResult[] = [];
  let positive = 0;
  let negative = 0;
  let knownSignalPoints = 0;
  for (const signal of policy.signals) {
    const met = signal.when.evaluate(ctx);
    if (signalTraces) signalTraces[signal.id] = signal.when.trace(ctx);
    if (met === true) {
      if (signal.points >= 0) positive += signal.points;
      else negative += signal.points;
    }
    if (met !== null) knownSignalPoints += Math.abs(signal.points);
    signals.push({ id: signal.id, met, points: signal.points });
  }
  const alignment = clamp(Math.round(alignmentExact));
  const transformation = clamp(Math.round(positive + negative));
  const { classification, reason: classificationReason } = classify(policy, transformation, positive, negative);

  const alignmentKnown = policy.totalWeight > 0 ? knownShare / policy.totalWeight : 1;
  const transformationKnown = policy.totalSignalPoints > 0 ? knownSignalPoints / policy.totalSignalPoints : 1;
  const confidence = round((alignmentKnown + transformationKnown) / 2, 2);

  // Routing: ordered rules, first match wins; an unknown outcome does not match.
  ctx.computed = { alignment, transformation, classification, confidence };
  const rules: RuleTrace[] = [];
  let fired: { id: string; route: string; reason: string } | undefined;
  for (const rule of policy.rules) {
    if (fired === undefined) {
      const result = rule.when.evaluate(ctx);
      if (result === true) fired = rule;
      if (tracing) {
        const outcome = result === true ? 'matched' : result === false ? 'not-matched' : 'unknown';
        rules.push({ id: rule.id, route: rule.route, reason: rule.reason, outcome, condition: rule.when.trace(ctx) });
      }
    } else if (tracing) {
      rules.push({
        id: rule.id,
        route: rule.route,
        reason: rule.reason,
        outcome: 'not-reached',
        wouldMatch: rule.when.evaluate(ctx),
        condition: rule.when.trace(ctx),
      });
    } else {
      break;
    }
  }
  const decided = fired ?? { id: DEFAULT_RULE_ID, route: policy.defaultRoute, reason: policy.defaultReason };

  const assessment: Assessment = {
    id: item.id,
    title: item.title,
    route: decided.route,
    routeLabel: routeLabel(policy, decided.route),
    rule: decided.id,
    reason: decided.reason,
    classification,
    alignment,
    transformation,
    confidence,
    overridden: false,
    principles,
    signals,
  };
  const trace =
    criteriaTraces && signalTraces
      ? {
          criteria: criteriaTraces,
          signals: signalTraces,
          rules,
          classificationReason,
          positivePoints: positive,
          negativePoints: negative,
        }
      : undefined;
  return { assessment, trace };
}

/**
 * Transformation is evidence of change: with no signal for it, work is business as usual.
 * Borderline means close to the line (between the thresholds), or pulling both ways: enough
 * evidence of change to be transformational, cancelled out by evidence of business as usual.
 */
export function classify(
  policy: Policy,
  transformation: number,
  positive: number,
  negative: number,
): { classification: Classification; reason: string } {
  const { transformational, businessAsUsual } = policy.thresholds;
  if (transformation >= transformational) {
    return {
      classification: 'transformational',
      reason: `transformation ${transformation} is at or above the transformational threshold ${transformational}`,
    };
  }
  if (transformation >= businessAsUsual) {
    return {
      classification: 'borderline',
      reason: `transformation ${transformation} is between the thresholds ${businessAsUsual} and ${transformational}`,
    };
  }
  if (positive >= transformational && negative < 0) {
    return {
      classification: 'borderline',
      reason: `signals pull both ways: +${positive} towards change, ${negative} towards business as usual`,
    };
  }
  return {
    classification: 'business-as-usual',
    reason:
      positive === 0
        ? 'no signal of change, so business as usual'
        : `transformation ${transformation} is below the business-as-usual threshold ${businessAsUsual}`,
  };
}

/** What routing conditions see before the scores exist: nothing. */
const NOTHING_COMPUTED: Readonly<Record<string, never>> = Object.freeze({});

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
