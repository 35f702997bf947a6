/**
 * Counts and totals over a run, built one assessment at a time so a stream of any
 * length needs constant memory.
 */
import type { RouteCapacity } from './capacity/ledger.js';
import type { Policy } from './compile.js';
import type { AssessedItem, Classification, RoutedItem, TotalSpec } from './types.js';

/** One of the set's totals over a route's items (contract: `summary.routes.<id>.totals.<field>`). */
export interface RouteTotal {
  label: string;
  /** The set's unit (`weeks`, `GBP`), or `null` when it gives none. */
  unit: string | null;
  /** Sum over the items where the field is known. */
  sum: number;
  /** How many of the route's items the field is known for. */
  known: number;
}

export interface RouteSummary {
  label: string;
  count: number;
  /**
   * Sum of `effort_weeks` over the items where it is known: kept, for sets that declare the
   * field (The Union's does), from before totals were declared. `totals` is the general form.
   */
  effortWeeks?: number;
  /** Sum of `cost_gbp` where known, for sets that declare the field; see `effortWeeks`. */
  costGbp?: number;
  /** The set's `totals`, by field, in the order it lists them; empty when it lists none. */
  totals: Record<string, RouteTotal>;
  /** The route's capacity, when the principle set gives it one (contract). */
  capacity?: RouteCapacity;
}

/** The numeric fields a policy's reports total per route (`totals:` in its set). */
export function declaredTotals(policy: Policy): readonly TotalSpec[] {
  return policy.set.totals ?? [];
}

export interface Summary {
  total: number;
  /** By route id, in the order the principle set declares its routes. */
  routes: Record<string, RouteSummary>;
  classifications: Record<Classification, number>;
  /** Items whose decision chose another route than the tool's. */
  overridden: number;
  /** Items whose decision agreed with the tool: confirmations. */
  confirmed: number;
  stale: number;
  /** Items whose route a missing fact could still change. */
  unsettled: number;
  /** For the unsettled items: how many lack each fact their route rests on, the data to chase. */
  chase: Record<string, number>;
  /**
   * How many items have no value for each field the principle set reads, in the order the set
   * declares its fields: the data missing from the whole run, settled items included.
   */
  missing?: Record<string, number>;
  /** Cells that could not be read as their field's type and were read as unknown (`--lenient`). */
  unreadCells?: number;
}

export class SummaryBuilder {
  private readonly summary: Summary;
  private readonly totals: readonly TotalSpec[];
  private readonly legacyEffort: boolean;
  private readonly legacyCost: boolean;

  constructor(policy: Policy) {
    this.totals = declaredTotals(policy);
    this.legacyEffort = policy.fields.has('effort_weeks');
    this.legacyCost = policy.fields.has('cost_gbp');
    const routes: Record<string, RouteSummary> = {};
    for (const [id, route] of policy.routes) routes[id] = this.emptyRoute(route.label);
    this.summary = {
      total: 0,
      routes,
      classifications: { transformational: 0, borderline: 0, 'business-as-usual': 0 },
      overridden: 0,
      confirmed: 0,
      stale: 0,
      unsettled: 0,
      chase: {},
      missing: {},
      unreadCells: 0,
    };
    for (const field of policy.leavesByField.keys()) (this.summary.missing as Record<string, number>)[field] = 0;
    this.reads = [...policy.leavesByField.keys()];
  }

  private emptyRoute(label: string): RouteSummary {
    const totals: Record<string, RouteTotal> = {};
    for (const t of this.totals) totals[t.field] = { label: t.label, unit: t.unit ?? null, sum: 0, known: 0 };
    return { label, count: 0, ...(this.legacyEffort ? { effortWeeks: 0 } : {}), ...(this.legacyCost ? { costGbp: 0 } : {}), totals };
  }

  private readonly reads: readonly string[];

  add(result: AssessedItem): void {
    this.addRouted(result);
    const { assessment } = result;
    if (!assessment.firm) {
      this.summary.unsettled++;
      for (const field of assessment.missingFacts ?? []) this.summary.chase[field] = (this.summary.chase[field] ?? 0) + 1;
    }
  }

  /**
   * Count an item from the routed part of its assessment: everything but the unsettled items
   * and the facts to chase, which only the whole assessment knows. For runs whose format shows
   * neither (csv rows made by `assessRoute`).
   */
  addRouted({ item, assessment }: RoutedItem): void {
    const s = this.summary;
    s.total++;
    const route = (s.routes[assessment.route] ??= this.emptyRoute(assessment.routeLabel));
    route.count++;
    const effort = item.values['effort_weeks'];
    if (route.effortWeeks !== undefined && typeof effort === 'number') route.effortWeeks += effort;
    const cost = item.values['cost_gbp'];
    if (route.costGbp !== undefined && typeof cost === 'number') route.costGbp += cost;
    for (const t of this.totals) {
      const value = item.values[t.field];
      if (typeof value !== 'number') continue;
      const total = route.totals[t.field] as RouteTotal;
      total.sum += value;
      total.known++;
    }
    s.classifications[assessment.classification]++;
    if (assessment.overridden) s.overridden++;
    if (assessment.decision?.kind === 'confirmed') s.confirmed++;
    if (assessment.decision?.stale) s.stale++;
    const missing = s.missing as Record<string, number>;
    for (const field of this.reads) if (item.values[field] === undefined) missing[field] = (missing[field] ?? 0) + 1;
    s.unreadCells = (s.unreadCells ?? 0) + (item.unread?.length ?? 0);
  }

  /** The summary so far (a snapshot; later `add` calls do not change it). */
  result(): Summary {
    const copy = structuredClone(this.summary);
    for (const route of Object.values(copy.routes)) {
      if (route.effortWeeks !== undefined) route.effortWeeks = settle(route.effortWeeks);
      if (route.costGbp !== undefined) route.costGbp = settle(route.costGbp);
      for (const total of Object.values(route.totals)) total.sum = settle(total.sum);
    }
    return copy;
  }
}

/**
 * A sum without floating-point dust: 50344.8, not 50344.800000000054 in one order and
 * 50344.80000000003 in another, so a total does not depend on the order of the items.
 */
export function settle(sum: number): number {
  return Math.round(sum * 1e6) / 1e6;
}
