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

/**
 * Ids met so far, by what they look like: an open-addressing table of the look-alike key's
 * hash, pointing into the list of ids met. A Map keyed by the keys costs about 100 bytes an
 * id; this costs about 20, and makes no key strings (most ids are ASCII,
 * hashed as if lower-cased without making the copy). Ids whose hashes are equal are told apart
 * by their keys; the hash is seeded per process, so a file cannot be made of ids that all
 * share one.
 */
export class LookAlikeIds {
  private readonly ids: IdAt[] = [];
  /** Per slot: 1 + the index in `ids`, or 0 when empty. Kept at most three quarters full. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(1024);

  /**
   * Note an id met for the first time (a duplicate is reported as one, not here): a warning
   * when it holds characters that do not show, another when it looks like an earlier id.
   */
  check(seen: IdAt, findings: Finding[]): void {
    const hidden = hiddenInId(seen.id);
    if (hidden.length > 0) findings.push(invisibleId(seen, hidden));
    const hash = keyHash(seen.id);
    const first = this.find(hash, seen.id);
    if (first !== undefined) {
      findings.push(lookAlike(seen, first));
      return;
    }
    this.ids.push(seen);
    this.place(hash, this.ids.length);
    if (this.ids.length * 4 > this.slots.length * 3) this.grow();
  }

  /** The first id met that looks like `id`, when it is not `id` itself. */
  like(id: string): IdAt | undefined {
    const first = this.find(keyHash(id), id);
    return first?.id === id ? undefined : first;
  }

  private find(hash: number, id: string): IdAt | undefined {
    const mask = this.slots.length - 1;
    let key: string | undefined;
    for (let slot = hash & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.hashes[slot] !== hash) continue;
      const candidate = this.ids[(this.slots[slot] as number) - 1] as IdAt;
      key ??= lookAlikeKey(id);
      if (lookAlikeKey(candidate.id) === key) return candidate;
    }
    return undefined;
  }

  private place(hash: number, entry: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
    this.hashes[slot] = hash;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let k = 0; k < slots.length; k++) if (slots[k] !== 0) this.place(hashes[k] as number, slots[k] as number);
  }
}

const SEED = (Math.random() * 0x100000000) >>> 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `lookAlikeKey(id)`, seeded; printable ASCII is lower-cased as it is hashed. */
function keyHash(id: string): number {
  let h = 0x811c9dc5 ^ SEED;
  for (let k = 0; k < id.length; k++) {
    let unit = id.charCodeAt(k);
    if (unit < 0x20 || unit > 0x7e) return hashText(lookAlikeKey(id));
    if (unit >= 0x41 && unit <= 0x5a) unit += 0x20;
    h = Math.imul(h ^ unit, FNV_PRIME);
  }
  return h | 0;
}

function hashText(text: string): number {
  let h = 0x811c9dc5 ^ SEED;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  return h | 0;
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
