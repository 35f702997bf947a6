/**
 * Counts and totals over a run, built one assessment at a time so a stream of any
 * length needs constant memory.
 */
import type { Policy } from './compile.js';
import type { AssessedItem, Classification } from './types.js';

export interface RouteSummary {
  label: string;
  count: number;
  /** Sum of `effort_weeks` over the items where it is known. */
  effortWeeks: number;
  /** Sum of `cost_gbp` over the items where it is known. */
  costGbp: number;
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

  constructor(policy: Policy) {
    const routes: Record<string, RouteSummary> = {};
    for (const [id, route] of policy.routes) routes[id] = { label: route.label, count: 0, effortWeeks: 0, costGbp: 0 };
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

  private readonly reads: readonly string[];

  add({ item, assessment }: AssessedItem): void {
    const s = this.summary;
    s.total++;
    const route = (s.routes[assessment.route] ??= { label: assessment.routeLabel, count: 0, effortWeeks: 0, costGbp: 0 });
    route.count++;
    const effort = item.values['effort_weeks'];
    if (typeof effort === 'number') route.effortWeeks += effort;
    const cost = item.values['cost_gbp'];
    if (typeof cost === 'number') route.costGbp += cost;
    s.classifications[assessment.classification]++;
    if (assessment.overridden) s.overridden++;
    if (assessment.decision?.kind === 'confirmed') s.confirmed++;
    if (assessment.decision?.stale) s.stale++;
    const missing = s.missing as Record<string, number>;
    for (const field of this.reads) if (item.values[field] === undefined) missing[field] = (missing[field] ?? 0) + 1;
    s.unreadCells = (s.unreadCells ?? 0) + (item.unread?.length ?? 0);
    if (!assessment.firm) {
      s.unsettled++;
      for (const field of assessment.missingFacts ?? []) s.chase[field] = (s.chase[field] ?? 0) + 1;
    }
  }

  /** The summary so far (a snapshot; later `add` calls do not change it). */
  result(): Summary {
    const copy = structuredClone(this.summary);
    for (const route of Object.values(copy.routes)) {
      route.effortWeeks = settle(route.effortWeeks);
      route.costGbp = settle(route.costGbp);
    }
    return copy;
  }
}

/**
 * A sum without floating-point dust: 50344.8, not 50344.800000000054 in one order and
 * 50344.80000000003 in another, so a total does not depend on the order of the items.
 */
function settle(sum: number): number {
  return Math.round(sum * 1e6) / 1e6;
}
