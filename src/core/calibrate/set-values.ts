/**
 * A principle set with some of its parameters (as `triage sensitivity` names them) at other
 * values, as plain data: weights, signal points, thresholds, and the numbers routing rules
 * compare computed scores with. Pure: the set given is never changed.
 */
import type { Condition, LeafCondition, PrincipleSet } from '../types.js';
import type { Parameter } from '../sensitivity/parameters.js';

/** Which parameters `--vary` names: `thresholds` are the classification thresholds and the routing limits. */
export type ParameterGroup = 'weights' | 'points' | 'thresholds';
export const PARAMETER_GROUPS: readonly ParameterGroup[] = ['weights', 'points', 'thresholds'];

/** The group a parameter belongs to. */
export function groupOf(p: Parameter): ParameterGroup {
  return p.kind === 'weight' ? 'weights' : p.kind === 'points' ? 'points' : 'thresholds';
}

/**
 * A copy of `set` with each parameter in `values` (by id) at its value. `parameters` are the
 * set's own (`parametersOf` its policy): a routing limit is found by the value it has there.
 */
export function withValues(set: PrincipleSet, parameters: ReadonlyMap<string, Parameter>, values: ReadonlyMap<string, number>): PrincipleSet {
  const copy = structuredClone(set);
  for (const [id, value] of values) {
    const p = parameters.get(id);
    if (p === undefined) throw new RangeError(`no parameter ${id}`);
    setValue(copy, p, value);
  }
  return copy;
}

function setValue(set: PrincipleSet, p: Parameter, value: number): void {
  switch (p.kind) {
    case 'weight':
      (set.principles[p.principle] as PrincipleSet['principles'][number]).weight = value;
      return;
    case 'points':
      (set.transformation.signals[p.signal] as PrincipleSet['transformation']['signals'][number]).points = value;
      return;
    case 'threshold':
      set.transformation.thresholds[p.threshold] = value;
      return;
    case 'literal': {
      const rule = set.routing.rules[p.rule] as PrincipleSet['routing']['rules'][number];
      for (const leaf of limitLeaves(rule.when, p)) leaf[p.bound] = value;
      return;
    }
  }
}

/** The leaves of a rule's condition that hold a routing limit: its field, its bound, its value. */
export function limitLeaves(condition: Condition, p: Extract<Parameter, { kind: 'literal' }>): LeafCondition[] {
  const found: LeafCondition[] = [];
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if (c.field === p.field && c[p.bound] === p.value) found.push(c);
  };
  visit(condition);
  return found;
}
