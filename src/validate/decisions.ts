/**
 * A decisions file under `validate`: its own shape and dates (decisions that have expired),
 * then against the principle set (routes, criteria) and the items given with it (decisions
 * for unknown items, stale decisions).
 */
import type { Policy } from '../core/compile.js';
import { fingerprintItem, isExpired, isStale, type Decision } from '../core/decisions.js';
import { checkDecisions, checkDecisionsAgainstPolicy } from '../decisions/load.js';
import type { Finding } from '../findings.js';
import { positionAt } from '../io/yaml.js';
import type { SeenId } from './items.js';
import { differences, type IdAt } from './look-alike.js';

export interface DecisionsContext {
  /** The compiled principle set, when it could be read. */
  policy: Policy | undefined;
  /** Ids of the items given, or `undefined` when no item files were given (nothing to compare). */
  ids: ReadonlyMap<string, SeenId> | undefined;
  /** The item id that looks like a decision's id, for a decision that matches no item. */
  lookAlike?: (id: string) => IdAt | undefined;
  /** Today's date (YYYY-MM-DD) where the user is: decisions that expired before it are noted. */
  today?: string;
}

/** Check the text of a decisions file. No I/O. */
export function checkDecisionsFile(text: string, file: string, context: DecisionsContext): Finding[] {
  const check = checkDecisions(text, file);
  const findings = [...check.findings];
  if (!check.decisions) return findings;
  if (context.today !== undefined) for (const finding of expired(check.decisions, check.source, file, context.today)) findings.push(finding);
  if (context.policy) for (const finding of checkDecisionsAgainstPolicy(check, context.policy)) findings.push(finding);
  if (!context.ids) return findings;
  check.decisions.forEach((decision, index) => {
    // With no errors in the file, decision `index` is entry `index` of the file.
    const seen = context.ids?.get(decision.id);
    if (!seen) {
      const at = positionAt(check.source, ['decisions', index, 'id']);
      const like = context.lookAlike?.(decision.id);
      findings.push({
        ruleId: 'decisions/unknown-item',
        severity: 'error',
        message: like
          ? `decision for "${decision.id}", an item in none of the item files given; item "${like.id}" (${like.file}:${like.line}:${like.column}) looks the same but differs in ${differences(decision.id, like.id)}: write the id as the item file does, or remove the decision if the item has gone`
          : `decision for "${decision.id}", an item in none of the item files given: fix the id, or remove the decision if the item has gone`,
        file,
        line: at.line,
        column: at.column,
        ...(like ? { related: [{ file: like.file, line: like.line, column: like.column, message: `item with id "${like.id}"` }] } : {}),
      });
    } else if (seen.item && context.policy && isStale(decision, seen.item)) {
      const at = positionAt(check.source, ['decisions', index, 'fingerprint']);
      findings.push({
        ruleId: 'decisions/stale',
        severity: 'warning',
        message: `item "${decision.id}" has changed since this decision was made (its fingerprint is now ${fingerprintItem(seen.item)}): review the decision and record it again`,
        file,
        line: at.line,
        column: at.column,
        related: [{ file: seen.file, line: seen.line, column: seen.column, message: `item "${decision.id}"` }],
      });
    }
  });
  return findings;
}

/** Decisions whose `expires` date has passed: they no longer apply, and the tool's route does. */
function expired(decisions: readonly Decision[], source: Parameters<typeof positionAt>[0], file: string, today: string): Finding[] {
  const found: Finding[] = [];
  decisions.forEach((decision, index) => {
    if (!isExpired(decision, today)) return;
    const at = positionAt(source, ['decisions', index, 'expires']);
    found.push({
      ruleId: 'decisions/expired',
      severity: 'warning',
      message: `decision for "${decision.id}" expired on ${decision.expires}, so the tool's recommendation applies again: decide again and record a new date, or remove the decision`,
      file,
      line: at.line,
      column: at.column,
    });
  });
  return found;
}
