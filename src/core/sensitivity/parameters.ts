/**
 * The numbers of a principle set that `triage sensitivity` moves, one at a time: principle
 * weights, signal points, the two classification thresholds, and the literals that routing
 * rules compare computed scores with (`alignment >= 50`). Each has an id, its value, and the
 * range it may take: what the set's schema and meaning allow.
 */
import type { CompiledLeaf, ConditionNode, Policy } from '../compile.js';

export type Bound = 'gt' | 'gte' | 'lt' | 'lte';
export const BOUNDS: readonly Bound[] = ['gt', 'gte', 'lt', 'lte'];

/** The fields a routing literal may compare, with the range each score takes. */
export const SCORE_RANGES = { alignment: [0, 100], transformation: [0, 100], confidence: [0, 1] } as const;
export type ScoreField = keyof typeof SCORE_RANGES;

interface Common {
  /** `principles.insight-led.weight`, `signals.recurring.points`, `thresholds.transformational`, `routing.union-leads.alignment.gte`. */
  id: string;
  value: number;
  /** The admissible range; `loOpen` when `lo` itself is not allowed (a weight of 0). */
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

export type Parameter =
  | (Common & { kind: 'weight'; principle: number })
  | (Common & { kind: 'points'; signal: number })
  | (Common & { kind: 'threshold'; threshold: 'transformational' | 'businessAsUsual' })
  | (Common & {
      kind: 'literal';
      rule: number;
      field: ScoreField;
      bound: Bound;
      /** The compiled leaf the literal belongs to, and the rules with that leaf of this rule replaced by PSEUDO. */
      leaf: number;
      rules: readonly ConditionNode[];
    });

/** Weights are more than 0 and at most 1000 (the schema's bounds). */
export const MAX_WEIGHT = 1000;
/** Signal points are at most 1000 either way, and keep their sign: for change, or against it. */
export const MAX_POINTS = 1000;

/** Every parameter of a policy, in the set's order: weights, points, thresholds, routing literals. */
export function parametersOf(policy: Policy): Parameter[] {
  const out: Parameter[] = [];
  policy.principles.forEach((p, principle) => {
    out.push({ kind: 'weight', principle, id: `principles.${p.id}.weight`, value: p.weight, lo: 0, hi: MAX_WEIGHT, loOpen: true, hiOpen: false });
  });
  policy.signals.forEach((s, signal) => {
    const positive = s.points > 0;
    out.push({
      kind: 'points',
      signal,
      id: `signals.${s.id}.points`,
      value: s.points,
      lo: positive ? 0 : -MAX_POINTS,
      hi: positive ? MAX_POINTS : 0,
      loOpen: positive,
      hiOpen: !positive,
    });
  });
  const { transformational, businessAsUsual } = policy.thresholds;
  out.push({
    kind: 'threshold',
    threshold: 'transformational',
    id: 'thresholds.transformational',
    value: transformational,
    lo: businessAsUsual,
    hi: 100,
    loOpen: false,
    hiOpen: false,
  });
  out.push({
    kind: 'threshold',
    threshold: 'businessAsUsual',
    id: 'thresholds.businessAsUsual',
    value: businessAsUsual,
    lo: 0,
    hi: transformational,
    loOpen: false,
    hiOpen: false,
  });
  out.push(...literalParameters(policy));
  return out;
}

/** The index of the stand-in leaf a literal parameter's rule reads instead of its own. */
export function pseudoLeaf(policy: Policy): number {
  return policy.leaves.length;
}

function literalParameters(policy: Policy): Parameter[] {
  const out: Parameter[] = [];
  const original = policy.rules.map((r) => r.when);
  policy.rules.forEach((rule, r) => {
    const seen = new Map<string, number>();
    for (const leaf of distinctLeaves(rule.when)) {
      const compiled = policy.leaves[leaf] as CompiledLeaf;
      const bound = compiled.operator.name as Bound;
      if (!compiled.computed || !(compiled.field in SCORE_RANGES) || !BOUNDS.includes(bound) || typeof compiled.arg !== 'number') continue;
      const field = compiled.field as ScoreField;
      const base = `routing.${rule.id}.${field}.${bound}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const rules = original.slice();
      rules[r] = replaceLeaf(rule.when, leaf, pseudoLeaf(policy));
      const [lo, hi] = SCORE_RANGES[field];
      out.push({
        kind: 'literal',
        rule: r,
        field,
        bound,
        leaf,
        rules,
        id: count === 1 ? base : `${base}.${count}`,
        value: compiled.arg,
        lo,
        hi,
        loOpen: false,
        hiOpen: false,
      });
    }
  });
  return out;
}

/** Leaf indexes of a condition, each once, in order. */
function distinctLeaves(node: ConditionNode): number[] {
  const found: number[] = [];
  const visit = (n: ConditionNode): void => {
    if (n.kind === 'leaf') {
      if (!found.includes(n.leaf)) found.push(n.leaf);
    } else if (n.kind === 'not') visit(n.part);
    else n.parts.forEach(visit);
  };
  visit(node);
  return found;
}

function replaceLeaf(node: ConditionNode, leaf: number, by: number): ConditionNode {
  switch (node.kind) {
    case 'leaf':
      return node.leaf === leaf ? { kind: 'leaf', leaf: by } : node;
    case 'not':
      return { kind: 'not', part: replaceLeaf(node.part, leaf, by) };
    default:
      return { kind: node.kind, parts: node.parts.map((p) => replaceLeaf(p, leaf, by)) };
  }
}

/** A parameter in words: `insight-led weight`, `the transformational threshold`, `union-leads' alignment >= limit`. */
export function parameterWords(policy: Policy, p: Parameter): string {
  switch (p.kind) {
    case 'weight':
      return `${(policy.principles[p.principle] as Policy['principles'][number]).id} weight`;
    case 'points':
      return `${(policy.signals[p.signal] as Policy['signals'][number]).id} points`;
    case 'threshold':
      return `the ${p.threshold} threshold`;
    case 'literal':
      return `the ${p.field} limit of ${(policy.rules[p.rule] as Policy['rules'][number]).id}`;
  }
}
