/**
 * Compile a validated principle set into a Policy, once. Every distinct leaf test of every
 * criterion, signal and rule becomes one compiled test (a test used twice is run once per
 * item), and each condition becomes a tree over those leaves. Assessing an item runs the
 * leaves on its values, then reads the trees: see evaluate.ts.
 */
import { type BUILT_IN_FIELDS, DEFAULT_RULE_ID, isComputedField } from './domain.js';
import { leafOperator, type LeafTest, type Operator } from './operators.js';
import type { Condition, FieldSpec, LeafCondition, PrincipleSet, RouteSpec, Thresholds } from './types.js';
import { Vocabulary } from './words.js';

export { DEFAULT_RULE_ID };

/** One distinct leaf test of the policy. */
export interface CompiledLeaf {
  readonly index: number;
  readonly field: string;
  /** Every item field the test reads: its own, and any it compares with. */
  readonly reads: readonly string[];
  /** Tests a score the assessment computes (routing rules only), not an item field. */
  readonly computed: boolean;
  readonly operator: Operator;
  readonly arg: unknown;
  /** The test in words. */
  readonly describe: string;
  readonly test: LeafTest;
}

/** A condition as a tree over the policy's leaves. */
export type ConditionNode =
  | { readonly kind: 'leaf'; readonly leaf: number }
  | { readonly kind: 'all' | 'any'; readonly parts: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly part: ConditionNode };

export interface CompiledCriterion {
  id: string;
  ask: string;
  points: number;
  when: ConditionNode;
}

export interface CompiledPrinciple {
  id: string;
  title: string;
  weight: number;
  criteria: CompiledCriterion[];
  totalPoints: number;
}

export interface CompiledSignal {
  id: string;
  description: string | undefined;
  points: number;
  when: ConditionNode;
}

export interface CompiledRule {
  id: string;
  route: string;
  reason: string;
  when: ConditionNode;
}

export interface Policy {
  /** The principle set the policy was compiled from. */
  readonly set: PrincipleSet;
  readonly organisation: string;
  readonly routes: ReadonlyMap<string, RouteSpec>;
  readonly fields: ReadonlyMap<string, FieldSpec>;
  readonly principles: readonly CompiledPrinciple[];
  readonly totalWeight: number;
  readonly signals: readonly CompiledSignal[];
  /** Sum of the absolute points of all signals, for confidence. */
  readonly totalSignalPoints: number;
  readonly thresholds: Thresholds;
  readonly rules: readonly CompiledRule[];
  readonly defaultRoute: string;
  readonly defaultReason: string;
  /** Every distinct leaf test; conditions refer to them by index. */
  readonly leaves: readonly CompiledLeaf[];
  /** Indexes of the leaves that test item fields, and of those that test computed scores. */
  readonly itemLeaves: readonly number[];
  readonly computedLeaves: readonly number[];
  /** Item fields some test reads, in the order the set declares them, with the leaves that read them. */
  readonly leavesByField: ReadonlyMap<string, readonly number[]>;
  /** Shared by the policy's keyword tests: a text's words are looked up once for all. */
  readonly vocabulary: Vocabulary;
}

const DEFAULT_REASON = 'No routing rule placed this item, so a person should decide where it belongs.';

/** Every principle set has these two fields, whatever it declares. */
const REQUIRED_FIELDS: Record<(typeof BUILT_IN_FIELDS)[number], FieldSpec> = {
  id: { type: 'string', required: true, description: "The item's unique key." },
  title: { type: 'string', required: true, description: 'A short name for the work.' },
};

/** Turns conditions into trees, keeping one compiled test per distinct leaf. */
export class LeafCompiler {
  readonly leaves: CompiledLeaf[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(readonly vocabulary: Vocabulary = new Vocabulary()) {}

  condition(condition: Condition): ConditionNode {
    if ('all' in condition) return { kind: 'all', parts: condition.all.map((c) => this.condition(c)) };
    if ('any' in condition) return { kind: 'any', parts: condition.any.map((c) => this.condition(c)) };
    if ('not' in condition) return { kind: 'not', part: this.condition(condition.not) };
    return { kind: 'leaf', leaf: this.leaf(condition) };
  }

  private leaf(leaf: LeafCondition): number {
    const { operator, arg } = leafOperator(leaf);
    const key = `${leaf.field}\u0000${operator.name}\u0000${JSON.stringify(arg)}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const index = this.leaves.length;
    this.leaves.push({
      index,
      field: leaf.field,
      reads: [leaf.field, ...(operator.references?.(arg) ?? [])],
      computed: isComputedField(leaf.field),
      operator,
      arg,
      describe: operator.describe(leaf.field, arg),
      test: operator.compile(leaf.field, arg, this.vocabulary),
    });
    this.byKey.set(key, index);
    return index;
  }
}

/** Compile a principle set (already validated) into a policy. */
export function compilePolicy(set: PrincipleSet): Policy {
  const compiler = new LeafCompiler();
  const principles = set.principles.map((principle) => ({
    id: principle.id,
    title: principle.title,
    weight: principle.weight,
    criteria: principle.criteria.map((criterion) => ({
      id: criterion.id,
      ask: criterion.ask,
      points: criterion.points,
      when: compiler.condition(criterion.when),
    })),
    totalPoints: principle.criteria.reduce((sum, c) => sum + c.points, 0),
  }));
  const signals = set.transformation.signals.map((signal) => ({
    id: signal.id,
    description: signal.description,
    points: signal.points,
    when: compiler.condition(signal.when),
  }));
  const rules = set.routing.rules.map((rule) => ({
    id: rule.id,
    route: rule.route,
    reason: rule.reason,
    when: compiler.condition(rule.when),
  }));
  const fallback = typeof set.routing.default === 'string' ? { route: set.routing.default } : set.routing.default;
  const fields = new Map(Object.entries({ ...set.fields, ...REQUIRED_FIELDS }));
  const { leaves } = compiler;
  return {
    set,
    organisation: set.organisation,
    routes: new Map(set.routes.map((route) => [route.id, route])),
    fields,
    principles,
    totalWeight: principles.reduce((sum, p) => sum + p.weight, 0),
    signals,
    totalSignalPoints: signals.reduce((sum, s) => sum + Math.abs(s.points), 0),
    thresholds: set.transformation.thresholds,
    rules,
    defaultRoute: fallback.route,
    defaultReason: ('reason' in fallback && fallback.reason) || DEFAULT_REASON,
    leaves,
    itemLeaves: leaves.filter((l) => !l.computed).map((l) => l.index),
    computedLeaves: leaves.filter((l) => l.computed).map((l) => l.index),
    leavesByField: groupByField(leaves, [...fields.keys()]),
    vocabulary: compiler.vocabulary,
  };
}

function groupByField(leaves: readonly CompiledLeaf[], order: readonly string[]): Map<string, number[]> {
  const grouped = new Map<string, number[]>();
  for (const field of order) {
    const indexes = leaves.filter((l) => !l.computed && l.reads.includes(field)).map((l) => l.index);
    if (indexes.length > 0) grouped.set(field, indexes);
  }
  return grouped;
}

/** A route's label, or its id when the set gives none. */
export function routeLabel(policy: Policy, route: string): string {
  return policy.routes.get(route)?.label ?? route;
}
