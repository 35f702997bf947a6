/**
 * Words of a text, for whole-word, case-insensitive keyword matching. Hand-written rather
 * than `split(/[^\p{L}\p{N}]+/u)` because it runs on every description of every item:
 * ASCII is decided by range, other characters by the same Unicode classes, looked up once.
 */

// A fixed pattern, never built from input: letters and digits make words, anything else separates.
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** For each UTF-16 unit outside ASCII: 0 not yet known, 1 part of a word, 2 a separator. */
const BMP_CLASS = new Uint8Array(0x10000);

function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  let known = BMP_CLASS[c] as number;
  if (known === 0) {
    // A lone surrogate is never a letter; pairs are decided in `tokenize`.
    known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    BMP_CLASS[c] = known;
  }
  return known === 1;
}

/** Lower-cased words of a text; punctuation, spaces and hyphens separate words. */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; ) {
    const width = isSurrogatePair(lower, i) ? 2 : 1;
    const word = width === 2 ? WORD_CHAR.test(lower.slice(i, i + 2)) : isWordUnit(lower.charCodeAt(i));
    if (word) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      words.push(lower.slice(start, i));
      start = -1;
    }
    i += width;
  }
  if (start !== -1) words.push(lower.slice(start));
  return words;
}

function isSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

const FNV_OFFSET = 0x811c9dc5;
/** Keyword sets answered by a bit each (a 32-bit integer, sign bit left alone). */
const MAX_KEYWORD_SETS = 31;
const FNV_PRIME = 0x01000193;

/**
 * The words a policy's `mentions` tests look for, each given a number. Looking a word of a
 * text up here needs no substring: the text's words are hashed as they are scanned.
 */
export class Vocabulary {
  private readonly words: string[] = [];
  private readonly numbers = new Map<string, number>();
  /**
   * Word number + 1 per slot, found by hash; 0 is empty. Kept at most an eighth full: most
   * words of a text are not keywords, and a sparse table turns them away at the first slot.
   */
  private table = new Int32Array(256);
  /** Per word number: the bits of the keyword sets that this word alone satisfies. */
  private readonly singleBits: number[] = [];
  /** Per word number: the registered phrases that start with it. */
  private readonly phrasesFrom: Array<Array<{ numbers: number[]; bit: number }> | undefined> = [];
  private sets = 0;

  /**
   * Register the keywords of one `mentions` test, each as its words. Returns the bit that
   * `WordIndex.matched` has when a text mentions any of them, so the test is one AND; or 0
   * when all bits are taken, and the test must look for its words itself.
   */
  addKeywords(keywords: ReadonlyArray<readonly string[]>): number {
    const bit = this.sets < MAX_KEYWORD_SETS ? 1 << this.sets++ : 0;
    for (const words of keywords) {
      const numbers = words.map((word) => this.add(word));
      if (bit === 0 || numbers.length === 0) continue;
      const first = numbers[0] as number;
      if (numbers.length === 1) this.singleBits[first] = (this.singleBits[first] as number) | bit;
      else (this.phrasesFrom[first] ??= []).push({ numbers, bit });
    }
    return bit;
  }

  /** The keyword-set bits a word satisfies on its own. */
  bitsOf(number: number): number {
    return this.singleBits[number] as number;
  }

  /** The keyword-set bits satisfied by phrases in an indexed text, trying only phrases whose first word it has. */
  phraseBits(index: WordIndex): number {
    let bits = 0;
    for (let k = 0; k < index.numbers.length; k++) {
      const phrases = this.phrasesFrom[index.numbers[k] as number];
      if (phrases === undefined) continue;
      for (const phrase of phrases) if (((index.matched | bits) & phrase.bit) === 0 && phraseAt(index, k, phrase.numbers)) bits |= phrase.bit;
    }
    return bits;
  }

  /** The number of a lower-case word, adding it when new. */
  add(word: string): number {
    const known = this.numbers.get(word);
    if (known !== undefined) return known;
    const number = this.words.push(word) - 1;
    this.singleBits.push(0);
    this.numbers.set(word, number);
    if (this.words.length * 8 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      this.words.forEach((w, n) => this.place(w, n));
    } else this.place(word, number);
    return number;
  }

  /**
   * The number of the word `text[start, end)` whose hash is `h`, or -1. ASCII letters in
   * the text may be upper case: they are folded as they are compared.
   */
  find(h: number, text: string, start: number, end: number): number {
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot] as number;
      if (entry === 0) return -1;
      const word = this.words[entry - 1] as string;
      if (word.length === end - start && sameWord(word, text, start)) return entry - 1;
    }
  }

  private place(word: string, number: number): void {
    const mask = this.table.length - 1;
    let slot = hashOf(word) & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = number + 1;
  }
}

function hashOf(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ fold(word.charCodeAt(k)), FNV_PRIME);
  return h >>> 0;
}

/**
 * An ASCII letter or digit in lower case (`| 0x20` lowers A-Z and leaves a-z and 0-9 as
 * they are); other characters as they are. Only ever applied to word characters.
 */
function fold(c: number): number {
  return c < 0x80 ? c | 0x20 : c;
}

function sameWord(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (fold(text.charCodeAt(start + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/** Any character beyond ASCII: such a text is lower-cased whole first, as `tokenize` does. */
const BEYOND_ASCII = /[^\u0000-\u007f]/;

/** The vocabulary words a text contains: their numbers, and their word positions, in order. */
export interface WordIndex {
  numbers: number[];
  positions: number[];
  /** Bits of the keyword sets the text mentions (see `Vocabulary.addKeywords`). */
  matched: number;
}

/**
 * Index a text against a vocabulary in one pass, splitting words exactly as `tokenize` does.
 * This runs on every text field of every item, hence the tight loop: ASCII is decided
 * inline, and a word is hashed as it is scanned rather than cut out and looked up.
 */
export function indexWords(text: string, vocabulary: Vocabulary): WordIndex {
  // ASCII text, the usual case, needs no lower-cased copy: its letters are folded as read.
  const lower = BEYOND_ASCII.test(text) ? text.toLowerCase() : text;
  const index: WordIndex = { numbers: [], positions: [], matched: 0 };
  const n = lower.length;
  let start = -1;
  let h = FNV_OFFSET;
  let position = 0;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    let word: boolean;
    let pair = false;
    if (c < 0x80) word = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
    else if (isSurrogatePair(lower, i)) {
      pair = true;
      word = WORD_CHAR.test(lower.slice(i, i + 2));
    } else word = isWordUnit(c);
    if (word) {
      if (start === -1) {
        start = i;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ fold(c), FNV_PRIME);
      if (pair) h = Math.imul(h ^ lower.charCodeAt(i + 1), FNV_PRIME);
    } else if (start !== -1) {
      note(index, vocabulary, vocabulary.find(h >>> 0, lower, start, i), position++);
      start = -1;
    }
    if (pair) i++;
  }
  if (start !== -1) note(index, vocabulary, vocabulary.find(h >>> 0, lower, start, n), position);
  if (index.numbers.length > 0) index.matched |= vocabulary.phraseBits(index);
  return index;
}

function note(index: WordIndex, vocabulary: Vocabulary, number: number, position: number): void {
  if (number === -1) return;
  index.numbers.push(number);
  index.positions.push(position);
  index.matched |= vocabulary.bitsOf(number);
}

/** True when the words of `phrase` (vocabulary numbers) follow one another in the text. */
export function hasPhrase(index: WordIndex, phrase: readonly number[]): boolean {
  for (let k = 0; k + phrase.length <= index.numbers.length; k++) if (phraseAt(index, k, phrase)) return true;
  return false;
}

/** True when the phrase starts at the k-th vocabulary word of the text. */
function phraseAt(index: WordIndex, k: number, phrase: readonly number[]): boolean {
  const { numbers, positions } = index;
  if (k + phrase.length > numbers.length) return false;
  let j = 0;
  while (j < phrase.length && numbers[k + j] === phrase[j] && positions[k + j] === (positions[k] as number) + j) j++;
  return j === phrase.length;
}
