/**
 * How fragile the routes are: for each parameter, every item's nearest route change below and
 * above the set's value, and the widest interval around the value in which no item's route
 * changes. Each item's places of possible change are found in closed form (model.ts); walking
 * out from the value, the route is read once per interval until it differs. The work is a few
 * route evaluations per item and parameter, never a search over a grid. Pure.
 */
import type { Policy } from '../compile.js';
import type { WorkItem } from '../types.js';
import { ItemModel, PolicyModel, type Breakpoint } from './model.js';
import { parameterWords, parametersOf, type Parameter } from './parameters.js';

/** `<` and `<=` below the value, `>` and `>=` above: where the new route holds. */
export type FlipOp = '<' | '<=' | '>' | '>=';

/** Contract: the item, and the value at which its route becomes `route`. */
export interface Flip {
  item: string;
  at: number;
  route: string;
  /** The new route holds for the parameter `op` `at` (as far as the next change). */
  op: FlipOp;
}

export interface ParameterResult {
  id: string;
  /** In words, for people. */
  name: string;
  value: number;
  /** Where no item's route changes. */
  stable: [number, number];
  /** The range searched: all the parameter may take. */
  range: [number, number];
  /** Each item's nearest change on either side, nearest first. */
  flips: Flip[];
}

export interface SensitivityItem {
  id: string;
  title: string;
  route: string;
}

export interface SensitivityResult {
  parameters: ParameterResult[];
  items: SensitivityItem[];
}

/** Significant digits of `at`: closed-form values carry floating-point dust beyond these. */
const DIGITS = 12;

/** Builds the result one item at a time. */
export class SensitivityBuilder {
  private readonly model: PolicyModel;
  readonly parameters: Parameter[];
  private readonly flips: Flip[][];
  private readonly items: SensitivityItem[] = [];

  constructor(private readonly policy: Policy) {
    this.model = new PolicyModel(policy);
    this.parameters = parametersOf(policy);
    this.flips = this.parameters.map(() => []);
  }

  add(item: WorkItem): void {
    const im = new ItemModel(this.model, item);
    this.items.push({ id: item.id, title: item.title, route: this.routeOf(im.rule) });
    this.parameters.forEach((p, k) => {
      const list = this.flips[k] as Flip[];
      for (const flip of nearestFlips(im, p)) list.push({ item: item.id, at: flip.at, route: this.routeOf(flip.rule), op: flip.op });
    });
  }

  result(): SensitivityResult {
    const parameters = this.parameters.map((p, k): ParameterResult => {
      const flips = this.flips[k] as Flip[];
      let lo = p.lo;
      let hi = p.hi;
      for (const f of flips) {
        if (f.op === '<' || f.op === '<=') lo = Math.max(lo, f.at);
        else hi = Math.min(hi, f.at);
      }
      const ordered = flips
        .map((f, i) => ({ f, i }))
        .sort((a, b) => Math.abs(a.f.at - p.value) - Math.abs(b.f.at - p.value) || a.i - b.i)
        .map(({ f }) => f);
      return { id: p.id, name: parameterWords(this.policy, p), value: p.value, stable: [lo, hi], range: [p.lo, p.hi], flips: ordered };
    });
    return { parameters, items: this.items };
  }

  private routeOf(rule: number): string {
    return rule < 0 ? this.policy.defaultRoute : (this.policy.rules[rule] as Policy['rules'][number]).route;
  }
}

interface Found {
  at: number;
  rule: number;
  op: FlipOp;
}

/** The item's nearest route change below the parameter's value and above it, where there is one. */
export function nearestFlips(im: ItemModel, p: Parameter): Found[] {
  const v = p.value;
  const points = admissible(im.breakpoints(p), p);
  if (points.length === 0) return [];
  const found: Found[] = [];
  const route = (value: number): number => im.ruleAt(p, value);
  // Above: places past the value, or at it when the value itself belongs below.
  for (let i = 0; i < points.length; i++) {
    const b = points[i] as Breakpoint;
    if (b.at < v || (b.at === v && b.closedAbove)) continue;
    const next = points[i + 1]?.at ?? p.hi;
    const rule = route(b.at === next ? b.at : (b.at + next) / 2);
    if (ruleRoute(im, rule) !== ruleRoute(im, im.rule)) {
      found.push({ at: settle(b.at), rule, op: b.closedAbove ? '>=' : '>' });
      break;
    }
  }
  for (let i = points.length - 1; i >= 0; i--) {
    const b = points[i] as Breakpoint;
    if (b.at > v || (b.at === v && !b.closedAbove)) continue;
    const previous = points[i - 1]?.at ?? p.lo;
    const rule = route(b.at === previous ? b.at : (b.at + previous) / 2);
    if (ruleRoute(im, rule) !== ruleRoute(im, im.rule)) {
      found.push({ at: settle(b.at), rule, op: b.closedAbove ? '<' : '<=' });
      break;
    }
  }
  return found;
}

/** A rule index as the route it gives: two rules to the same route are no change of route. */
function ruleRoute(im: ItemModel, rule: number): string {
  const { policy } = im.model;
  return rule < 0 ? policy.defaultRoute : (policy.rules[rule] as Policy['rules'][number]).route;
}

/**
 * The places inside the parameter's range, in order, one per value: a place at an end counts
 * only when the end is allowed and the new route holds there. A place a hair from the value
 * (floating-point dust of the closed form) is the value itself.
 */
function admissible(found: readonly Breakpoint[], p: Parameter): Breakpoint[] {
  const near = 1e-12 * Math.max(1, Math.abs(p.value));
  const kept = found
    .map((b) => (Math.abs(b.at - p.value) <= near ? { ...b, at: p.value } : b))
    .filter((b) => (b.at > p.lo && b.at < p.hi) || (b.at === p.hi && b.closedAbove && !p.hiOpen) || (b.at === p.lo && !b.closedAbove && !p.loOpen))
    .sort((a, b) => a.at - b.at);
  return kept.filter((b, i) => i === 0 || b.at !== (kept[i - 1] as Breakpoint).at);
}

function settle(at: number): number {
  return Number(at.toPrecision(DIGITS));
}

/** The items whose route changes within ±`percent`% of some parameter's value, with those changes. */
export function fragileItems(result: SensitivityResult, percent: number): Array<{ item: SensitivityItem; flips: Array<Flip & { parameter: string }> }> {
  const byItem = new Map<string, Array<Flip & { parameter: string }>>();
  for (const p of result.parameters) {
    const reach = (Math.abs(p.value) * percent) / 100;
    for (const f of p.flips) {
      if (Math.abs(f.at - p.value) > reach) continue;
      let list = byItem.get(f.item);
      if (!list) byItem.set(f.item, (list = []));
      list.push({ ...f, parameter: p.id });
    }
  }
  return result.items.filter((item) => byItem.has(item.id)).map((item) => ({ item, flips: byItem.get(item.id) as Array<Flip & { parameter: string }> }));
}

/**
 * The fragile items of a run of any length, in bounded memory: each item as it comes, kept
 * only when some parameter within ±`percent`% of its value changes its route, and only the
 * `limit` nearest to a change (by the smallest relative move that changes it).
 */
export class FragileCollector {
  private readonly model: PolicyModel;
  readonly parameters: Parameter[];
  private kept: Array<{ item: SensitivityItem & { flips: Array<Flip & { parameter: string }> }; move: number }> = [];
  /** How many items were fragile, kept or not. */
  count = 0;

  constructor(
    private readonly policy: Policy,
    private readonly percent: number,
    private readonly limit: number,
  ) {
    this.model = new PolicyModel(policy);
    this.parameters = parametersOf(policy);
  }

  add(item: WorkItem): void {
    const im = new ItemModel(this.model, item);
    const flips: Array<Flip & { parameter: string }> = [];
    let move = Infinity;
    for (const p of this.parameters) {
      const reach = (Math.abs(p.value) * this.percent) / 100;
      for (const flip of nearestFlips(im, p)) {
        const distance = Math.abs(flip.at - p.value);
        if (distance > reach) continue;
        flips.push({ item: item.id, at: flip.at, route: this.routeOf(flip.rule), op: flip.op, parameter: p.id });
        move = Math.min(move, p.value === 0 ? distance : distance / Math.abs(p.value));
      }
    }
    if (flips.length === 0) return;
    this.count++;
    this.kept.push({ item: { id: item.id, title: item.title, route: this.routeOf(im.rule), flips }, move });
    if (this.kept.length > 2 * this.limit) this.trim();
  }

  /** The fragile items kept, nearest to a change first. */
  items(): Array<SensitivityItem & { flips: Array<Flip & { parameter: string }> }> {
    this.trim();
    return this.kept.map((k) => k.item);
  }

  /** Each parameter's id, words, value and range, as the section names them. */
  parameterResults(): Array<Pick<ParameterResult, 'id' | 'name' | 'value' | 'range'>> {
    return this.parameters.map((p) => ({ id: p.id, name: parameterWords(this.policy, p), value: p.value, range: [p.lo, p.hi] }));
  }

  private trim(): void {
    this.kept = this.kept.sort((a, b) => a.move - b.move).slice(0, this.limit);
  }

  private routeOf(rule: number): string {
    return rule < 0 ? this.policy.defaultRoute : (this.policy.rules[rule] as Policy['rules'][number]).route;
  }
}
