/**
 * Compile a validated principle set into a Policy, once: conditions become predicates,
 * keyword sets are prepared and totals are summed, so assessing an item parses nothing.
 */
import { Vocabulary, compileCondition, type CompiledCondition } from './conditions.js';
import type { FieldSpec, PrincipleSet, RouteSpec, Thresholds } from './types.js';

export interface CompiledCriterion {
  id: string;
  ask: string;
  points: number;
  when: CompiledCondition;
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
  when: CompiledCondition;
}

export interface CompiledRule {
  id: string;
  route: string;
  reason: string;
  when: CompiledCondition;
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
}

/** The id reported as `rule` when no rule matched and the default route applied. */
export const DEFAULT_RULE_ID = 'default';

const DEFAULT_REASON = 'No routing rule placed this item, so a person should decide where it belongs.';

/** Every principle set has these two fields, whatever it declares. */
const REQUIRED_FIELDS: Record<string, FieldSpec> = {
  id: { type: 'string', required: true, description: "The item's unique key." },
  title: { type: 'string', required: true, description: 'A short name for the work.' },
};

/** Compile a principle set (already validated) into a policy. */
export function compilePolicy(set: PrincipleSet): Policy {
  const vocabulary = new Vocabulary();
  const principles = set.principles.map((principle) => ({
    id: principle.id,
    title: principle.title,
    weight: principle.weight,
    criteria: principle.criteria.map((criterion) => ({
      id: criterion.id,
      ask: criterion.ask,
      points: criterion.points,
      when: compileCondition(criterion.when, vocabulary),
    })),
    totalPoints: principle.criteria.reduce((sum, c) => sum + c.points, 0),
  }));
  const signals = set.transformation.signals.map((signal) => ({
    id: signal.id,
    description: signal.description,
    points: signal.points,
    when: compileCondition(signal.when, vocabulary),
  }));
  const fallback = typeof set.routing.default === 'string' ? { route: set.routing.default } : set.routing.default;
  return {
    set,
    organisation: set.organisation,
    routes: new Map(set.routes.map((route) => [route.id, route])),
    fields: new Map(Object.entries({ ...set.fields, ...REQUIRED_FIELDS })),
    principles,
    totalWeight: principles.reduce((sum, p) => sum + p.weight, 0),
    signals,
    totalSignalPoints: signals.reduce((sum, s) => sum + Math.abs(s.points), 0),
    thresholds: set.transformation.thresholds,
    rules: set.routing.rules.map((rule) => ({
      id: rule.id,
      route: rule.route,
      reason: rule.reason,
      when: compileCondition(rule.when, vocabulary),
    })),
    defaultRoute: fallback.route,
    defaultReason: ('reason' in fallback && fallback.reason) || DEFAULT_REASON,
  };
}

/** A route's label, or its id when the set gives none. */
export function routeLabel(policy: Policy, route: string): string {
  return policy.routes.get(route)?.label ?? route;
}
