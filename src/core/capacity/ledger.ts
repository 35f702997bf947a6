/**
 * Capacity over a run: what each route with a capacity is asked to take on, and which items it
 * commits. Selection needs every item before any can be placed, so a run is two passes: the
 * ledger keeps, per item, only its route, value, sizes and any forced commitment (typed arrays,
 * a few dozen bytes an item), selection runs once per route, and each item's outcome is then
 * read back by its place in the input. Pure.
 */
import { routeLabel, type Policy } from '../compile.js';
import { OVER_CAPACITY_RULE_ID, REVIEW_ROUTE } from '../domain.js';
import type { Assessment, CapacityOutcome, ValueSpec, WorkItem } from '../types.js';
import { selectRoute, settle, type KnapsackSolver, type Placement, type RouteSelection, type SolveProgress } from './knapsack.js';

/** A route with a capacity: its fields and limits, in the order the set declares them. */
export interface CapacityRoute {
  id: string;
  label: string;
  fields: string[];
  limit: number[];
}

export interface CapacityPlan {
  period?: string;
  routes: CapacityRoute[];
  overflow: { route: string; label: string; reason: string };
  value: ValueSpec;
}

/** The summary of one route's capacity (contract: `summary.routes.<id>.capacity`). */
export interface RouteCapacity {
  period?: string;
  limit: Record<string, number>;
  used: Record<string, number>;
  /** What the items routed here would need, had they all been committed (known sizes only). */
  asked: Record<string, number>;
  value: number;
  optimal: boolean;
  /** When not optimal: the relative distance to the best bound proven. */
  gap?: number;
  /** Items committed, and items that did not fit. */
  fits: number;
  over: number;
  /** Fields in which the items forced in by decisions alone exceed the limit. */
  forcedOver?: string[];
  /** The efficient frontier (HTML and Markdown reports). */
  frontier?: FrontierPoint[];
}

/** The best value at one capacity of the route's first field, the others at their limits. */
export interface FrontierPoint {
  capacity: number;
  value: number;
  optimal: boolean;
  /** Items this capacity would commit that the limit does not, and the reverse. */
  adds: string[];
  drops: string[];
}

/** The resourcing model of a policy, or `undefined` when it declares no capacity. */
export function capacityPlan(policy: Policy): CapacityPlan | undefined {
  const capacity = policy.set.capacity;
  if (!capacity) return undefined;
  const routes: CapacityRoute[] = [];
  for (const spec of policy.set.routes) {
    const limits = Object.hasOwn(capacity.routes, spec.id) ? capacity.routes[spec.id] : undefined;
    if (!limits) continue;
    routes.push({ id: spec.id, label: spec.label, fields: Object.keys(limits), limit: Object.values(limits) });
  }
  const route = capacity.overflow?.route ?? REVIEW_ROUTE;
  const period = capacity.period;
  return {
    ...(period !== undefined ? { period } : {}),
    routes,
    overflow: {
      route,
      label: routeLabel(policy, route),
      reason:
        capacity.overflow?.reason ??
        `Over capacity: the route it was given cannot take it on${period !== undefined ? ` in ${period}` : ''}; a person should decide`,
    },
    value: capacity.value ?? 'alignment',
  };
}

/** The value selection maximises for one item; an unknown field counts as nothing. */
export function valueOf(spec: ValueSpec, assessment: Assessment, item: WorkItem): number {
  const one = (name: string): number => {
    if (name === 'alignment' || name === 'transformation' || name === 'confidence') return assessment[name];
    const v = item.values[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  if (typeof spec === 'string') return one(spec);
  let sum = 0;
  for (const term of spec.sum) sum += (term.weight ?? 1) * one(term.score ?? term.field ?? '');
  return sum;
}

/** A growable column of numbers. */
class Column<T extends Float64Array | Int32Array | Int8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(1024, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

interface RouteState {
  route: CapacityRoute;
  /** Input positions of the items on this route. */
  seq: Column<Int32Array>;
  value: Column<Float64Array>;
  size: Column<Float64Array>;
  commit: Column<Int8Array>;
  /** Ids, for the frontier's words ("could also take WI-09"). */
  ids: string[];
  selection?: RouteSelection;
  /** Item's index within the route, by input position. */
}

export class CapacityLedger {
  private readonly states: RouteState[];
  private readonly byRoute = new Map<string, RouteState>();
  /** Per input position: the route state's index (-1: no capacity) and the item's index in it. */
  private readonly where = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly slot = new Column(new Int32Array(1024), (n) => new Int32Array(n));

  constructor(readonly plan: CapacityPlan) {
    this.states = plan.routes.map((route) => ({
      route,
      seq: new Column(new Int32Array(1024), (n) => new Int32Array(n)),
      value: new Column(new Float64Array(1024), (n) => new Float64Array(n)),
      size: new Column(new Float64Array(1024 * route.fields.length), (n) => new Float64Array(n)),
      commit: new Column(new Int8Array(1024), (n) => new Int8Array(n)),
      ids: [],
    }));
    for (const state of this.states) this.byRoute.set(state.route.id, state);
  }

  /** Note one item, in input order; returns its position. `commit` is a decision's force in or out. */
  add(item: WorkItem, assessment: Assessment, commit?: 'in' | 'out'): number {
    const position = this.where.length;
    const state = this.byRoute.get(assessment.route);
    if (!state) {
      this.where.push(-1);
      this.slot.push(-1);
      return position;
    }
    this.where.push(this.states.indexOf(state));
    this.slot.push(state.value.length);
    state.seq.push(position);
    state.value.push(valueOf(this.plan.value, assessment, item));
    for (const field of state.route.fields) {
      const v = item.values[field];
      state.size.push(typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
    }
    state.commit.push(commit === 'in' ? 1 : commit === 'out' ? -1 : 0);
    // A copy: a reader's string can be a slice of a whole chunk of the file.
    state.ids.push(JSON.parse(JSON.stringify(item.id)) as string);
    return position;
  }

  /** Choose each route's commitments. `progress` hears from long solves. */
  select(solve: KnapsackSolver, progress?: (route: CapacityRoute, items: number, note: SolveProgress) => void): void {
    for (const state of this.states) {
      const n = state.value.length;
      state.selection = selectRoute(
        {
          limit: state.route.limit,
          value: state.value.data.subarray(0, n),
          size: state.size.data.subarray(0, n * state.route.fields.length),
          commit: state.commit.data.subarray(0, n),
        },
        solve,
        progress ? (note) => progress(state.route, n, note) : undefined,
      );
    }
  }

  /** The capacity outcome of the item at `position`, or `undefined` when its route has no capacity. */
  outcome(position: number): CapacityOutcome | undefined {
    const s = this.where.data[position];
    if (s === undefined || s < 0 || position >= this.where.length) return undefined;
    const state = this.states[s] as RouteState;
    const selection = state.selection;
    if (!selection) throw new Error('capacity outcome asked for before selection');
    const k = this.slot.data[position] as number;
    const placement = selection.placement[k] as Placement;
    const commit = state.commit.data[k];
    const { route } = state;
    const fieldName = route.fields[selection.field[k] as number] ?? '';
    const because = describe(placement, route, fieldName, this.plan.period, state.size.data, k);
    return {
      fits: selection.chosen[k] === 1,
      because,
      route: route.id,
      ...(commit === 1 ? { commit: 'in' as const } : commit === -1 ? { commit: 'out' as const } : {}),
    };
  }

  /** The summary of each route's capacity, by route id. */
  summary(): Record<string, RouteCapacity> {
    const out: Record<string, RouteCapacity> = {};
    for (const state of this.states) {
      const selection = state.selection;
      if (!selection) continue;
      const { route } = state;
      const record = (values: readonly number[]): Record<string, number> => Object.fromEntries(route.fields.map((f, d) => [f, values[d] as number]));
      let fits = 0;
      for (const c of selection.chosen) fits += c;
      out[route.id] = {
        ...(this.plan.period !== undefined ? { period: this.plan.period } : {}),
        limit: record(route.limit),
        used: record(selection.used),
        asked: record(selection.asked),
        value: selection.value,
        optimal: selection.optimal,
        ...(selection.optimal ? {} : { gap: Math.round(selection.gap * 1e4) / 1e4 }),
        fits,
        over: selection.chosen.length - fits,
        ...(selection.forcedOver.length > 0 ? { forcedOver: selection.forcedOver.map((d) => route.fields[d] as string) } : {}),
      };
    }
    return out;
  }

  /**
   * The efficient frontier of each route: the best value at `steps` even capacities of its
   * first field, from 0 to all that is asked, the other limits held, forced items kept.
   */
  frontier(solve: KnapsackSolver, steps = 10, progress?: (route: CapacityRoute, point: number, points: number) => void): Record<string, FrontierPoint[]> {
    const out: Record<string, FrontierPoint[]> = {};
    for (const state of this.states) {
      const selection = state.selection;
      if (!selection) continue;
      const n = state.value.length;
      const dims = state.route.fields.length;
      const asked = selection.asked[0] as number;
      const step = niceStep(Math.max(asked, state.route.limit[0] as number) / steps);
      const points: FrontierPoint[] = [];
      const top = Math.ceil(asked / step) * step;
      const count = Math.floor((top + step / 2) / step) + 1;
      for (let capacity = 0; capacity <= top + step / 2; capacity += step) {
        progress?.(state.route, points.length + 1, count);
        const limit = [...state.route.limit];
        limit[0] = settle(capacity);
        const at = selectRoute(
          { limit, value: state.value.data.subarray(0, n), size: state.size.data.subarray(0, n * dims), commit: state.commit.data.subarray(0, n) },
          solve,
        );
        const adds: string[] = [];
        const drops: string[] = [];
        for (let k = 0; k < n; k++) {
          if (at.chosen[k] && !selection.chosen[k]) adds.push(state.ids[k] as string);
          if (!at.chosen[k] && selection.chosen[k]) drops.push(state.ids[k] as string);
        }
        points.push({ capacity: settle(capacity), value: at.value, optimal: at.optimal, adds, drops });
      }
      out[state.route.id] = points;
    }
    return out;
  }
}

/** 1, 2 or 5 times a power of ten, at least `raw` (and at least a millionth). */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw - 1e-12) return settle(m * power) || 1e-6;
  return settle(10 * power);
}

function describe(placement: Placement, route: CapacityRoute, field: string, period: string | undefined, sizes: Float64Array, k: number): string {
  const within = `${route.label}'s capacity${period !== undefined ? ` for ${period}` : ''}`;
  switch (placement) {
    case 'fits':
      return `fits within ${within}`;
    case 'forced-in':
      return `committed by a decision (commit: in), counted against ${within}`;
    case 'forced-out':
      return 'left out by a decision (commit: out)';
    case 'unknown-size':
      return `${field} unknown: cannot be committed`;
    case 'negative-size':
      return `${field} is negative: cannot be committed`;
    case 'too-large': {
      const dims = route.fields.length;
      const d = route.fields.findIndex((_, i) => (sizes[k * dims + i] as number) > (route.limit[i] as number));
      if (d >= 0) return `needs ${sizes[k * dims + d] as number} ${route.fields[d] as string}, more than all of ${within} (${route.limit[d] as number})`;
      return `does not fit in what the work committed by decisions leaves of ${within}`;
    }
    case 'left-out':
      return `other work gives more value within ${within}`;
  }
}

/**
 * An assessment with its capacity outcome: an item that does not fit takes the overflow route
 * under the rule `over-capacity`, with what it was recommended kept beside it.
 */
export function applyCapacity(plan: CapacityPlan, assessment: Assessment, outcome: CapacityOutcome | undefined): Assessment {
  if (!outcome) return assessment;
  if (outcome.fits) return { ...assessment, capacity: outcome };
  return {
    ...assessment,
    route: plan.overflow.route,
    routeLabel: plan.overflow.label,
    rule: OVER_CAPACITY_RULE_ID,
    reason: `${plan.overflow.reason} (${outcome.because})`,
    recommended: assessment.recommended ?? { route: assessment.route, routeLabel: assessment.routeLabel, rule: assessment.rule, reason: assessment.reason },
    capacity: outcome,
  };
}
