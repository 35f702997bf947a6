/**
 * Capacity while a person reviews: how much of each body's capacity the decisions made so far
 * take up, and whether one more decision would push a body over. Pure.
 */
import type { WorkItem } from '../types.js';
import type { CapacityPlan, CapacityRoute } from './ledger.js';
import { settle, within } from './knapsack.js';

export class CapacityTally {
  /** By item id: the route decided and its sizes there. */
  private readonly decided = new Map<string, { route: string; sizes: number[] }>();
  private readonly routes: Map<string, CapacityRoute>;

  constructor(plan: CapacityPlan) {
    this.routes = new Map(plan.routes.map((r) => [r.id, r]));
  }

  /** Record (or replace) the decision for an item. Unknown sizes count as nothing: they are flagged instead. */
  set(id: string, route: string, item: WorkItem): void {
    const spec = this.routes.get(route);
    if (!spec) {
      this.decided.delete(id);
      return;
    }
    this.decided.set(id, { route, sizes: spec.fields.map((f) => sizeOf(item, f) ?? 0) });
  }

  /** What the decisions so far, leaving out `except`, take of the route. */
  private used(route: CapacityRoute, except?: string): number[] {
    const used = route.fields.map(() => 0);
    for (const [id, entry] of this.decided) {
      if (id === except || entry.route !== route.id) continue;
      entry.sizes.forEach((s, d) => (used[d] = (used[d] as number) + s));
    }
    return used.map(settle);
  }

  /** The card's line for a route with a capacity: what is decided so far, and what this item needs. */
  cardLine(route: string, item: WorkItem): string | undefined {
    const spec = this.routes.get(route);
    if (!spec) return undefined;
    const used = this.used(spec, item.id);
    const parts = spec.fields.map((f, d) => {
      const size = sizeOf(item, f);
      return `${used[d] as number} of ${spec.limit[d] as number} ${f} decided, this needs ${size === undefined ? `unknown (cannot be committed)` : size}`;
    });
    return `${spec.label}: ${parts.join('; ')}`;
  }

  /** A warning when deciding the item for `route` would take the route over a limit. */
  overBy(route: string, item: WorkItem): string | undefined {
    const spec = this.routes.get(route);
    if (!spec) return undefined;
    const used = this.used(spec, item.id);
    const over: string[] = [];
    spec.fields.forEach((f, d) => {
      const size = sizeOf(item, f);
      if (size === undefined) over.push(`its ${f} is unknown, so it cannot be committed`);
      else if (!within((used[d] as number) + size, spec.limit[d] as number))
        over.push(`${settle((used[d] as number) + size)} of ${spec.limit[d] as number} ${f}`);
    });
    return over.length > 0 ? `this would push ${spec.label} over its capacity: ${over.join(', ')}` : undefined;
  }
}

function sizeOf(item: WorkItem, field: string): number | undefined {
  const v = item.values[field];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}
