/**
 * `--fail-on <route|classification...>`: a CI gate. The run prints its full output, then
 * exits 1 if any item was routed to (or classified as) one of the names, saying which items.
 */
import type { Policy } from '../core/compile.js';
import { CLASSIFICATIONS, OVER_CAPACITY_RULE_ID } from '../core/domain.js';
import { printable } from '../core/printable.js';
import type { Assessment } from '../core/types.js';
import { TriageError } from '../errors.js';
import type { Io } from './io.js';

/** Ids named per condition; the count says how many more there were. */
const SHOWN = 5;

interface Hits {
  name: string;
  kind: 'route' | 'classification' | 'rule';
  count: number;
  ids: string[];
}

export class FailGate {
  private constructor(private readonly hits: Hits[]) {}

  /** The gate for the names given, or `undefined` without --fail-on. Unknown names are a usage error. */
  static parse(names: readonly string[] | undefined, policy: Policy): FailGate | undefined {
    if (!names || names.length === 0) return undefined;
    const routes = [...policy.routes.keys()];
    const hits = [...new Set(names)].map((name): Hits => {
      if (routes.includes(name)) return { name, kind: 'route', count: 0, ids: [] };
      if ((CLASSIFICATIONS as readonly string[]).includes(name)) return { name, kind: 'classification', count: 0, ids: [] };
      if (name === OVER_CAPACITY_RULE_ID) {
        if (!policy.set.capacity) {
          throw new TriageError('usage', `--fail-on ${name}: the principle set declares no capacity, so no item can be over it`, {
            hint: 'add a capacity block to the principle set (see docs/guides/capacity.md), or leave out over-capacity',
            option: 'fail-on',
          });
        }
        return { name, kind: 'rule', count: 0, ids: [] };
      }
      // `--fail-on review backlog.csv` reads the file name as one more route: say so.
      const looksLikeFile = /[./\\]/.test(name);
      throw new TriageError('usage', `unknown route or classification "${name}" in --fail-on`, {
        hint: looksLikeFile
          ? 'name the item files before --fail-on, or end its list with --'
          : `use one of ${[...routes, ...CLASSIFICATIONS, ...(policy.set.capacity ? [OVER_CAPACITY_RULE_ID] : [])].join(', ')}`,
        option: 'fail-on',
      });
    });
    return new FailGate(hits);
  }

  /** Note where one item landed; true when it meets a condition. */
  check(a: Assessment): boolean {
    let met = false;
    for (const hit of this.hits) {
      const landed = hit.kind === 'route' ? a.route === hit.name : hit.kind === 'rule' ? a.rule === hit.name : a.classification === hit.name;
      if (!landed) continue;
      met = true;
      hit.count++;
      if (hit.ids.length < SHOWN) hit.ids.push(a.id);
    }
    return met;
  }

  /** After the output: one line per condition met. True when the run should fail. */
  report(io: Io): boolean {
    const met = this.hits.filter((h) => h.count > 0);
    for (const hit of met) {
      const verb = hit.kind === 'route' ? 'routed to' : hit.kind === 'rule' ? 'did not fit capacity:' : 'classified';
      const more = hit.count > hit.ids.length ? ` and ${hit.count - hit.ids.length} more` : '';
      // The ids are from the item files.
      io.stderr.write(`${printable(`fail-on: ${hit.count} ${hit.count === 1 ? 'item' : 'items'} ${verb} ${hit.name}: ${hit.ids.join(', ')}${more}`)}\n`);
    }
    return met.length > 0;
  }
}
