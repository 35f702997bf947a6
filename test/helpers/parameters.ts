/** A principle set with one sensitivity parameter set to a value: to re-score either side of a flip. */
import type { Condition, LeafCondition, PrincipleSet, WorkItem } from '../../src/core/types.js';
import { assess } from '../../src/core/assess.js';
import { compilePolicy, type Policy } from '../../src/core/compile.js';
import type { Flip, ParameterResult, SensitivityResult } from '../../src/core/sensitivity/analyse.js';

/** A deep copy of `set` with the parameter `id` (as `triage sensitivity` names it) at `value`. */
export function withParameter(set: PrincipleSet, id: string, value: number): PrincipleSet {
  const copy = structuredClone(set);
  const [kind, name, field, bound] = id.split('.') as [string, string, string?, string?];
  if (kind === 'principles') find(copy.principles, name).weight = value;
  else if (kind === 'signals') find(copy.transformation.signals, name).points = value;
  else if (kind === 'thresholds') copy.transformation.thresholds[name as 'transformational' | 'businessAsUsual'] = value;
  else if (kind === 'routing') {
    const rule = find(copy.routing.rules, name);
    const leaf = leaves(rule.when).find((l) => l.field === field && typeof l[bound as 'gte'] === 'number');
    if (!leaf) throw new Error(`no ${field} ${bound} in rule ${name}`);
    leaf[bound as 'gte'] = value;
  } else throw new Error(`unknown parameter ${id}`);
  return copy;
}

function find<T extends { id: string }>(list: T[], id: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

function leaves(c: Condition): LeafCondition[] {
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  if ('not' in c) return leaves(c.not);
  return [c];
}

/** A hair: far above floating-point dust, far below any distance between two flips. */
export function hair(at: number): number {
  return 1e-7 * Math.max(1, Math.abs(at));
}

/** The item's route with the parameter at `value`, by compiling the changed set and assessing it. */
export function routeWith(set: PrincipleSet, id: string, value: number, item: WorkItem): string {
  return assess(compilePolicy(withParameter(set, id, value)), item).route;
}

/**
 * The route of the item at `value`, as its flips say: its own between its nearest flips, and
 * `undefined` past one (the route may change again further on; only the nearest is claimed).
 */
export function predicted(flips: readonly Flip[], own: string, value: number): string | undefined {
  for (const f of flips) {
    if (f.op === '<' && value < f.at) return undefined;
    if (f.op === '<=' && value <= f.at) return undefined;
    if (f.op === '>' && value > f.at) return undefined;
    if (f.op === '>=' && value >= f.at) return undefined;
  }
  return own;
}

/**
 * Every way a sensitivity result can be wrong, checked with the engine: a flip whose either
 * side does not re-score as it says, or a value on a grid over a parameter's range, between an
 * item's nearest flips, where its route is not its own (a nearer flip missed). Returns the
 * mismatches.
 */
export function sensitivityMismatches(policy: Policy, items: readonly WorkItem[], result: SensitivityResult, gridSteps = 40): string[] {
  const bad: string[] = [];
  const own = new Map(items.map((it) => [it.id, assess(policy, it).route]));
  const byId = new Map(items.map((it) => [it.id, it]));
  for (const p of result.parameters) {
    for (const f of p.flips) {
      const it = byId.get(f.item) as WorkItem;
      const below = f.op === '<' || f.op === '<=';
      const inside = below ? f.at - hair(f.at) : f.at + hair(f.at);
      const outside = below ? f.at + hair(f.at) : f.at - hair(f.at);
      if (routeWith(policy.set, p.id, inside, it) !== f.route) bad.push(`${p.id} ${f.item} ${f.op} ${f.at}: not ${f.route} just past it`);
      if (routeWith(policy.set, p.id, outside, it) !== own.get(f.item))
        bad.push(`${p.id} ${f.item} ${f.op} ${f.at}: not ${own.get(f.item) ?? ''} just before it`);
    }
    for (const value of grid(p, gridSteps)) {
      const changed = compilePolicy(withParameter(policy.set, p.id, value));
      for (const it of items) {
        const want = predicted(
          p.flips.filter((f) => f.item === it.id),
          own.get(it.id) as string,
          value,
        );
        if (want === undefined) continue;
        const got = assess(changed, it).route;
        if (got !== want) bad.push(`${p.id} = ${value}: ${it.id} goes to ${got}, flips say ${want}`);
      }
    }
  }
  return bad;
}

/** Values across the whole range, and around the parameter's value, that the range allows. */
function grid(p: ParameterResult, steps: number): number[] {
  const [lo, hi] = p.range;
  const across = Array.from({ length: steps + 1 }, (_, k) => lo + ((hi - lo) * k) / steps);
  const near = Array.from({ length: 21 }, (_, k) => p.value * (0.5 + k / 20));
  return [...across, ...near].filter((x) => x > lo && x <= hi && x !== 0);
}
