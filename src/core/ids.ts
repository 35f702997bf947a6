/**
 * Item ids as the tool compares them, and ids that people would take for one another.
 *
 * The same text can be stored as different code points: `É` as one (NFC, what most editors
 * write) or as `E` plus a combining accent (NFD, what macOS file names and some exports use).
 * Ids are compared in NFC, so both spell one id. Ids that differ in what cannot be seen
 * (a zero-width space), in compatibility forms (full-width `ＷＩ`, the ligature `ﬁ`) or only
 * in letter case stay distinct ids, but `validate` warns about them.
 */
import { hiddenCharacters, withoutHidden } from './printable.js';

/** Every code point below U+0300 is in NFC and composes with nothing before it. */
const MAYBE_NOT_NFC = /[^\u0000-\u02ff]/;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
/** Shared by every id that shows all its characters, so checking one allocates nothing. */
const NONE: readonly string[] = Object.freeze([]);

/** An id in the form ids are compared in: Unicode NFC. */
export function canonicalId(id: string): string {
  return MAYBE_NOT_NFC.test(id) ? id.normalize('NFC') : id;
}

/** How two ids can differ and still look alike, in the words a message uses. */
export type LookAlikeKind = 'invisible characters' | 'compatibility forms (full-width letters, ligatures, ...)' | 'letter case';

type Step = (text: string) => string;

const STEPS: ReadonlyArray<readonly [LookAlikeKind, Step]> = [
  ['invisible characters', withoutHidden],
  // NFKC folds full-width letters, ligatures, superscripts and the like into plain ones.
  ['compatibility forms (full-width letters, ligatures, ...)', (text) => text.normalize('NFKC')],
  // Upper then lower case: `ß` and `SS` meet at `ss`, which lower case alone misses.
  ['letter case', (text) => text.toUpperCase().toLowerCase()],
];

/**
 * What an id looks like to a person: without invisible characters, in compatibility form,
 * in lower case. Two ids with the same key are easy to take for one another.
 */
export function lookAlikeKey(id: string): string {
  if (PRINTABLE_ASCII.test(id)) return id.toLowerCase();
  let key = id;
  for (const [, step] of STEPS) key = step(key);
  return key.normalize('NFC');
}

/**
 * The ways two different ids with the same `lookAlikeKey` differ: the fewest steps of the key
 * that make them equal (the earlier steps first when several would do, as for `ﬁ`, which both
 * compatibility form and case turn into `fi`).
 */
export function lookAlikeKinds(a: string, b: string): LookAlikeKind[] {
  const subsets = [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];
  for (const subset of subsets) {
    const steps = subset.map((k) => STEPS[k] as (typeof STEPS)[number]);
    const apply = (text: string): string => steps.reduce((value, [, step]) => step(value), text).normalize('NFC');
    if (apply(a) === apply(b)) return steps.map(([kind]) => kind);
  }
  return [];
}

/** `U+200B, U+00AD`: the characters of an id that do not show, each named once. */
export function hiddenInId(id: string): readonly string[] {
  const hidden = hiddenCharacters(id);
  if (hidden.length === 0) return NONE;
  const names = hidden.map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
  return [...new Set(names)];
}
