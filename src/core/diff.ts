/**
 * What a change to the principle set does to one item: its route, classification and
 * firmness before and after, and why, from the two assessments (and, when both sets are at
 * hand, the sets themselves): the rule that decides instead, the criteria and signals whose
 * outcome changed, and the weights, points, thresholds and rule conditions that made the
 * difference. Pure: assessments (and policies) in, a change out.
 */
import type { CompiledLeaf, ConditionNode, Policy } from './compile.js';
import { DEFAULT_RULE_ID } from './domain.js';
import { EvalContext, F, T, evalNode, fillComputedMasks, fillItemMasks, score } from './evaluate.js';
import type { Assessment, Classification, WorkItem } from './types.js';

/** An item's result on one side of the change (contract keys first). */
export interface DiffSide {
  route: string;
  classification: Classification;
  alignment: number;
  transformation: number;
  firm: boolean;
  rule: string;
}

export interface ItemChange {
  id: string;
  title: string;
  before: DiffSide;
  after: DiffSide;
  /** Short, exact reasons, most decisive first. */
  because: string[];
}

/** Both sets, and the item as each reads it, when the change is between two sets. */
export interface SetsCompared {
  from: Policy;
  to: Policy;
  itemBefore: WorkItem;
  itemAfter: WorkItem;
}

export function sideOf(a: Assessment): DiffSide {
  return { route: a.route, classification: a.classification, alignment: a.alignment, transformation: a.transformation, firm: a.firm, rule: a.rule };
}

/** True when the route, classification or firmness differ: what `triage diff` reports. */
export function changed(before: DiffSide, after: DiffSide): boolean {
  return before.route !== after.route || before.classification !== after.classification || before.firm !== after.firm;
}

/** The change for an item whose result differs; `undefined` when it does not. */
export function compareAssessments(before: Assessment, after: Assessment, sets?: SetsCompared): ItemChange | undefined {
  const b = sideOf(before);
  const a = sideOf(after);
  if (!changed(b, a)) return undefined;
  return { id: after.id, title: after.title, before: b, after: a, because: reasons(before, after, sets) };
}

function reasons(before: Assessment, after: Assessment, sets: SetsCompared | undefined): string[] {
  const out: string[] = [];
  if (before.rule !== after.rule) out.push(`rule ${before.rule} → ${after.rule}`);
  else if (before.route !== after.route) out.push(`rule ${after.rule} now routes to ${after.route} (was ${before.route})`);
  if (sets) out.push(...ruleReasons(before, after, sets));
  if (before.classification !== after.classification) {
    out.push(`classification ${before.classification} → ${after.classification}`);
    if (sets) out.push(...thresholdReasons(sets.from, sets.to));
  }
  // Rules read the rounded score: a weight that moves alignment within one whole number changes nothing.
  if (before.alignment !== after.alignment) {
    out.push(`alignment ${before.alignment} → ${after.alignment}${exactNote([exactAlignment(before), exactAlignment(after)])}`);
    out.push(...weightReasons(before, after), ...criterionReasons(before, after));
  }
  const transformation = [signalSum(before), signalSum(after)] as const;
  if (transformation[0] !== transformation[1]) {
    out.push(
      `transformation ${before.transformation} → ${after.transformation}${transformation[0] !== before.transformation || transformation[1] !== after.transformation ? ` (signals sum ${signed(transformation[0])} → ${signed(transformation[1])})` : ''}`,
    );
  }
  out.push(...signalReasons(before, after));
  if (before.firm !== after.firm) out.push(firmReason(after));
  return out;
}

// ---------------------------------------------------------------------------
// Scores, from the assessment alone.

/** Alignment before rounding: the weighted mean of the principles' shares of points met. */
export function exactAlignment(a: Assessment): number {
  let weighted = 0;
  let weights = 0;
  for (const p of a.principles) {
    const total = p.criteria.reduce((sum, c) => sum + c.points, 0);
    const met = p.criteria.reduce((sum, c) => sum + (c.met === true ? c.points : 0), 0);
    weights += p.weight;
    if (total > 0) weighted += (p.weight * met) / total;
  }
  return weights > 0 ? (100 * weighted) / weights : 0;
}

/** The sum of the points of the signals met, before it is rounded and kept within 0-100. */
function signalSum(a: Assessment): number {
  return a.signals.reduce((sum, s) => sum + (s.met === true ? s.points : 0), 0);
}

/** ` (49.62 → 49.38 before rounding)` when either side is not a whole number. */
function exactNote([before, after]: readonly [number, number]): string {
  if (Number.isInteger(before) && Number.isInteger(after)) return '';
  return ` (${short(before)} → ${short(after)} before rounding)`;
}

/** Two decimals at most, no trailing zeros. */
export function short(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function signed(n: number): string {
  return n > 0 ? `+${short(n)}` : short(n);
}

// ---------------------------------------------------------------------------
// What changed in the set, as far as this item shows it.

function weightReasons(before: Assessment, after: Assessment): string[] {
  const out: string[] = [];
  const old = new Map(before.principles.map((p) => [p.id, p]));
  for (const p of after.principles) {
    const was = old.get(p.id);
    if (!was) out.push(`principle ${p.id} added (weight ${p.weight})`);
    else if (was.weight !== p.weight) out.push(`weight of ${p.id} ${short(was.weight)} → ${short(p.weight)}`);
  }
  const now = new Set(after.principles.map((p) => p.id));
  for (const p of before.principles) if (!now.has(p.id)) out.push(`principle ${p.id} removed (weight ${p.weight})`);
  return out;
}

function criterionReasons(before: Assessment, after: Assessment): string[] {
  const out: string[] = [];
  const old = new Map(before.principles.flatMap((p) => p.criteria.map((c) => [c.id, c] as const)));
  for (const p of after.principles) {
    for (const c of p.criteria) {
      const was = old.get(c.id);
      if (!was) out.push(`criterion ${c.id} added (${metText(c.met)})`);
      else {
        if (was.met !== c.met) out.push(`criterion ${c.id}: ${metText(was.met)} → ${metText(c.met)}`);
        if (was.points !== c.points) out.push(`points of criterion ${c.id} ${short(was.points)} → ${short(c.points)}`);
      }
    }
  }
  const now = new Set(after.principles.flatMap((p) => p.criteria.map((c) => c.id)));
  for (const c of old.values()) if (!now.has(c.id)) out.push(`criterion ${c.id} removed (was ${metText(c.met)})`);
  return out;
}

function signalReasons(before: Assessment, after: Assessment): string[] {
  const out: string[] = [];
  const old = new Map(before.signals.map((s) => [s.id, s]));
  for (const s of after.signals) {
    const was = old.get(s.id);
    if (!was) {
      if (s.met === true) out.push(`signal ${s.id} added (${signed(s.points)}, met)`);
      continue;
    }
    if (was.met !== s.met) out.push(`signal ${s.id}: ${metText(was.met)} → ${metText(s.met)} (${signed(s.points)})`);
    else if (s.met === true && was.points !== s.points) out.push(`points of signal ${s.id} ${signed(was.points)} → ${signed(s.points)}`);
  }
  const now = new Set(after.signals.map((s) => s.id));
  for (const s of before.signals) if (!now.has(s.id) && s.met === true) out.push(`signal ${s.id} removed (was ${signed(s.points)}, met)`);
  return out;
}

function metText(met: boolean | null): string {
  return met === true ? 'met' : met === false ? 'not met' : 'unknown';
}

function firmReason(after: Assessment): string {
  if (after.firm) return 'now firm: no unknown fact could change the route';
  const facts = after.missingFacts ?? [];
  return `no longer firm: ${facts.length > 0 ? `unknown ${facts.join(', ')} could change the route` : 'unknown facts could change the route'}`;
}

function thresholdReasons(from: Policy, to: Policy): string[] {
  const out: string[] = [];
  for (const key of ['transformational', 'businessAsUsual'] as const) {
    if (from.thresholds[key] !== to.thresholds[key]) out.push(`threshold ${key} ${short(from.thresholds[key])} → ${short(to.thresholds[key])}`);
  }
  return out;
}

/**
 * The rules the item went to before and after, as the two sets write them: a condition or
 * route changed, a rule added, removed or moved; and, when the rule that decided before still
 * exists, the tests that stop it now.
 */
function ruleReasons(before: Assessment, after: Assessment, sets: SetsCompared): string[] {
  const out: string[] = [];
  for (const id of new Set([before.rule, after.rule])) {
    if (id === DEFAULT_RULE_ID) continue;
    const was = sets.from.rules.findIndex((r) => r.id === id);
    const now = sets.to.rules.findIndex((r) => r.id === id);
    if (was < 0) out.push(`rule ${id} added (${now + 1} of ${sets.to.rules.length})`);
    else if (now < 0) out.push(`rule ${id} removed`);
    else {
      const a = conditionText(sets.from, (sets.from.rules[was] as Policy['rules'][number]).when);
      const b = conditionText(sets.to, (sets.to.rules[now] as Policy['rules'][number]).when);
      if (a !== b) out.push(`rule ${id}: ${a} → ${b}`);
      if (was !== now) out.push(`rule ${id} moved from ${was + 1} to ${now + 1} in order`);
    }
  }
  if (before.rule !== after.rule && before.rule !== DEFAULT_RULE_ID) {
    const failing = stoppedBy(sets.to, sets.itemAfter, before.rule);
    if (failing.length > 0) out.push(`${before.rule} no longer matches: ${failing.join(' and ')}`);
  }
  return out;
}

/** A condition in words, as traces word its tests. */
export function conditionText(policy: Policy, node: ConditionNode): string {
  switch (node.kind) {
    case 'leaf':
      return (policy.leaves[node.leaf] as CompiledLeaf).describe;
    case 'not':
      return `not (${conditionText(policy, node.part)})`;
    case 'all':
      return node.parts.map((p) => conditionText(policy, p)).join(' and ');
    case 'any':
      return `(${node.parts.map((p) => conditionText(policy, p)).join(' or ')})`;
  }
}

/** The verdicts of the tests of rule `id` that are not met for the item under `policy`. */
function stoppedBy(policy: Policy, item: WorkItem, id: string): string[] {
  const rule = policy.rules.find((r) => r.id === id);
  if (!rule) return [];
  const ctx = new EvalContext(item.values);
  const masks = new Uint8Array(policy.leaves.length);
  fillItemMasks(policy, item.values, ctx, masks);
  const scores = score(policy, masks);
  ctx.computed = { alignment: scores.alignment, transformation: scores.transformation, classification: scores.classification, confidence: scores.confidence };
  fillComputedMasks(policy, scores, masks);
  const verdicts: string[] = [];
  const visit = (node: ConditionNode, want: number): void => {
    if (node.kind === 'leaf') {
      const mask = masks[node.leaf] as number;
      if (mask === want) return;
      const leaf = policy.leaves[node.leaf] as CompiledLeaf;
      verdicts.push(leaf.operator.verdict(leaf.field, leaf.arg, ctx.get(leaf.field, leaf.computed), mask === T ? true : mask === F ? false : null));
    } else if (node.kind === 'not') visit(node.part, want === T ? F : T);
    else if (node.kind === 'all' && want === T) for (const part of node.parts) visit(part, T);
    else if (evalNode(node, masks) !== want) verdicts.push(`${conditionText(policy, node)} is ${want === T ? 'not met' : 'met'}`);
  };
  visit(rule.when, T);
  return verdicts;
}
