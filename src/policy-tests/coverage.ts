/**
 * How much of a principle set its tests exercise: which routing rules (and the default) decided
 * some case and which never did, and which criteria and signals were seen both met and not
 * met. A criterion only ever met (or unknown) in the tests is untested on its other side. Pure.
 */
import { DEFAULT_RULE_ID } from '../core/domain.js';
import type { Policy } from '../core/compile.js';
import type { Assessment } from '../core/types.js';

export interface RuleCoverage {
  id: string;
  /** Cases this rule decided. */
  fired: number;
}

export interface ConditionCoverage {
  id: string;
  /** Cases in which it was met, and not met (unknown counts as neither). */
  met: number;
  notMet: number;
}

export interface Coverage {
  rules: RuleCoverage[];
  criteria: ConditionCoverage[];
  signals: ConditionCoverage[];
  /** Rules that fired, criteria and signals seen both ways, of all of them. */
  covered: number;
  total: number;
  /** `covered / total` as a whole percentage, rounded down (so 99.6% never reads as 100%). */
  percent: number;
}

/** Adds up what each case's assessment shows. */
export class CoverageCounter {
  private readonly fired = new Map<string, number>();
  private readonly criteria = new Map<string, { met: number; notMet: number }>();
  private readonly signals = new Map<string, { met: number; notMet: number }>();

  constructor(private readonly policy: Policy) {
    for (const rule of policy.rules) this.fired.set(rule.id, 0);
    this.fired.set(DEFAULT_RULE_ID, 0);
    for (const principle of policy.principles) for (const c of principle.criteria) this.criteria.set(c.id, { met: 0, notMet: 0 });
    for (const s of policy.signals) this.signals.set(s.id, { met: 0, notMet: 0 });
  }

  add(a: Assessment): void {
    if (this.fired.has(a.rule)) this.fired.set(a.rule, (this.fired.get(a.rule) as number) + 1);
    for (const principle of a.principles) for (const c of principle.criteria) count(this.criteria.get(c.id), c.met);
    for (const s of a.signals) count(this.signals.get(s.id), s.met);
  }

  result(): Coverage {
    const rules = [...this.fired].map(([id, fired]) => ({ id, fired }));
    const criteria = [...this.criteria].map(([id, c]) => ({ id, ...c }));
    const signals = [...this.signals].map(([id, s]) => ({ id, ...s }));
    const covered = rules.filter((r) => r.fired > 0).length + [...criteria, ...signals].filter(bothWays).length;
    const total = rules.length + criteria.length + signals.length;
    return { rules, criteria, signals, covered, total, percent: total === 0 ? 100 : Math.floor((100 * covered) / total) };
  }
}

function count(into: { met: number; notMet: number } | undefined, met: boolean | null): void {
  if (!into) return;
  if (met === true) into.met++;
  else if (met === false) into.notMet++;
}

export function bothWays(c: ConditionCoverage): boolean {
  return c.met > 0 && c.notMet > 0;
}
