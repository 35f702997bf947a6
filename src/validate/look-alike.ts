/**
 * Ids people would take for one another. Ids are compared exactly (after NFC), so `WI-01`
 * and `WI\u200b-01` are two items that look like one on every screen; a decision recorded
 * for one does not apply to the other. `validate` warns about an id that holds characters
 * that do not show, and about an id that looks like one met before.
 */
import { hiddenInId, lookAlikeKey, lookAlikeKinds } from '../core/ids.js';
import type { Finding } from '../findings.js';

/** Where an id was first seen. */
export interface IdAt {
  id: string;
  file: string;
  line: number;
  column: number;
}

/** Ids met so far, by what they look like. */
export class LookAlikeIds {
  private readonly byKey = new Map<string, IdAt>();

  /**
   * Note an id met for the first time (a duplicate is reported as one, not here): a warning
   * when it holds characters that do not show, another when it looks like an earlier id.
   */
  check(seen: IdAt, findings: Finding[]): void {
    const hidden = hiddenInId(seen.id);
    if (hidden.length > 0) findings.push(invisibleId(seen, hidden));
    const key = lookAlikeKey(seen.id);
    const first = this.byKey.get(key);
    if (first === undefined) this.byKey.set(key, seen);
    else findings.push(lookAlike(seen, first));
  }

  /** The first id met that looks like `id`, when it is not `id` itself. */
  like(id: string): IdAt | undefined {
    const first = this.byKey.get(lookAlikeKey(id));
    return first?.id === id ? undefined : first;
  }
}

function invisibleId(seen: IdAt, hidden: readonly string[]): Finding {
  const which = hidden.length === 1 ? `a character that does not show (${hidden[0]})` : `characters that do not show (${hidden.join(', ')})`;
  return {
    ruleId: 'item/invisible-id',
    severity: 'warning',
    message: `id "${seen.id}" holds ${which}: on screen it cannot be told from the id without ${hidden.length === 1 ? 'it' : 'them'}; remove ${hidden.length === 1 ? 'it' : 'them'} from the id`,
    file: seen.file,
    line: seen.line,
    column: seen.column,
  };
}

function lookAlike(seen: IdAt, first: IdAt): Finding {
  return {
    ruleId: 'item/look-alike-id',
    severity: 'warning',
    message: `id "${seen.id}" looks like "${first.id}" (first at ${first.file}:${first.line}:${first.column}): they differ only in ${differences(seen.id, first.id)}; give the items ids that differ visibly, or one id if they are one item`,
    file: seen.file,
    line: seen.line,
    column: seen.column,
    related: [{ file: first.file, line: first.line, column: first.column, message: `item with id "${first.id}"` }],
  };
}

/** `invisible characters and letter case`. */
export function differences(a: string, b: string): string {
  const kinds: string[] = lookAlikeKinds(a, b);
  if (kinds.length === 0) return 'how they are written';
  return kinds.length === 1 ? (kinds[0] as string) : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1] as string}`;
}
