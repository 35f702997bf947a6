/**
 * Human decisions while `triage score` runs: each item is assessed with its decision (if any),
 * stale and expired decisions are noted on stderr at the decision's place in its file, and
 * after the run every decision that matched no item is an error. Items stream, so "no item"
 * can only be known at the end.
 */
import { assess, type AssessOptions } from '../core/assess.js';
import type { Policy } from '../core/compile.js';
import { assessWithDecision, isExpired } from '../core/decisions.js';
import { printable } from '../core/printable.js';
import type { Assessment, WorkItem } from '../core/types.js';
import { loadDecisions, type LoadedDecisions } from '../decisions/load.js';
import type { RuleId } from '../rule-ids.js';
import type { Io } from './io.js';
import { findingLine } from '../findings.js';

export class DecisionRun {
  private readonly matched = new Set<string>();

  private constructor(
    private readonly policy: Policy,
    private readonly loaded: LoadedDecisions | undefined,
    private readonly today: string,
    private readonly io: Io,
    private readonly quiet: boolean,
    private readonly options: AssessOptions,
  ) {}

  /** Load the decisions file given with --decisions (none: every item is only assessed). */
  static async open(
    path: string | undefined,
    policy: Policy,
    io: Io,
    options: { today: string; quiet?: boolean | undefined; assess?: AssessOptions },
  ): Promise<DecisionRun> {
    const loaded = path === undefined ? undefined : await loadDecisions(path, policy);
    return new DecisionRun(policy, loaded, options.today, io, options.quiet ?? false, options.assess ?? {});
  }

  /** The item's assessment, with its decision applied when there is one in force. */
  assess(item: WorkItem): Assessment {
    const decision = this.loaded?.byId.get(item.id);
    if (!decision) return assess(this.policy, item, this.options);
    this.matched.add(item.id);
    if (isExpired(decision, this.today)) {
      this.warn(item.id, 'decisions/expired', `decision for "${item.id}" expired on ${decision.expires}: the tool's recommendation applies again`);
    }
    const assessment = assessWithDecision(this.policy, item, decision, this.today, this.options);
    if (assessment.decision?.stale) {
      this.warn(
        item.id,
        'decisions/stale',
        `decision for "${item.id}" is stale: the item has changed since it was decided; the decided route still applies, but review it again`,
      );
    }
    return assessment;
  }

  /**
   * The same assessment again, for an item `assess` has seen: nothing noted or counted twice.
   * Lets `score --sort` keep items rather than their much larger assessments while it sorts.
   */
  reassess(item: WorkItem): Assessment {
    return assessWithDecision(this.policy, item, this.loaded?.byId.get(item.id), this.today, this.options);
  }

  /** The decision's force in or out of capacity (`commit`), when one is in force for the item. */
  commitOf(id: string): 'in' | 'out' | undefined {
    const decision = this.loaded?.byId.get(id);
    if (!decision || isExpired(decision, this.today)) return undefined;
    return decision.commit;
  }

  /** After the run: report each decision that matched no item. Returns how many there were. */
  finish(): number {
    if (!this.loaded) return 0;
    const unmatched = this.loaded.decisions.filter((d) => !this.matched.has(d.id));
    for (const decision of unmatched) {
      this.line(
        decision.id,
        'error',
        'decisions/unknown-item',
        `decision for "${decision.id}" matches no item in the input: check the id, or remove the decision if the item is gone`,
      );
    }
    return unmatched.length;
  }

  private warn(id: string, ruleId: RuleId, message: string): void {
    if (!this.quiet) this.line(id, 'warning', ruleId, message);
  }

  /** `file:line:column: severity: message [rule]`, as item problems are printed. */
  private line(id: string, severity: 'error' | 'warning', ruleId: RuleId, message: string): void {
    const file = this.loaded?.file ?? '';
    const at = this.loaded?.positions.get(id);
    // Ids (in the message too) are from the decisions and item files.
    const line = at ? findingLine({ file, line: at.line, column: at.column, severity, message, ruleId }) : `${file}: ${severity}: ${message} [${ruleId}]`;
    this.io.stderr.write(`${printable(line)}\n`);
  }
}

/** Today's date where the user is, as YYYY-MM-DD: when a decision's `expires` is compared. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
