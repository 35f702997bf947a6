/**
 * Words of a text, for the whole-word, case-insensitive keyword matching of `mentions`.
 *
 * What a word is (the team lead's guide, "Principle sets", says the same for users):
 * - text and keywords are compared after Unicode NFC normalisation and a locale-independent
 *   case fold: lower case, with `ß` read as `ss`, a final `ς` as `σ`, and the dot that lower-
 *   casing a Turkish `İ` leaves (`i` + U+0307) dropped, so `İNTEGRATED` is `integrated`;
 * - a word is a run of letters, digits and combining marks (so `datá` is one word whether
 *   its accent is composed or not); anything else separates words, `-`, `_` and `'` included,
 *   so the keyword `self-care` is the phrase `self care` and matches `Self-care` and `self care`;
 * - a phrase matches consecutive words within one sentence: a line break, or one of
 *   `. ! ? ; …` followed by white space, ends a sentence (`3.5` and `e.g` do not).
 *
 * Matching costs time in proportion to the text, whatever the keywords: words are found by a
 * hash table whose hash is seeded at random per process and whose probing is bounded, and all
 * phrases of a vocabulary are matched at once by an Aho-Corasick automaton over word numbers.
 */

// Fixed patterns, never built from input.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const WHITE_SPACE = /^\s$/u;
/**
 * After lower-casing, what needs more: `ß`, a final sigma, and combining marks (the dot above
 * that lower-casing `İ` leaves among them). Lower-casing can break NFC only where a mark of
 * this block follows a letter that has case (test/core/words.test.ts checks every pair).
 */
const FOLD_MORE = /[ßς]|[\u0300-\u036f]/;
const SHARP_S = /ß/g;
const FINAL_SIGMA = /ς/g;
const DOTTED_I = /i\u0307/g;
const BEYOND_ASCII = /[^\u0000-\u007f]/;

/** Character classes, for the scanning loops. */
const OTHER = 0;
const WORD = 1;
const SPACE = 2;
/** `. ! ? ; …` and their full-width forms: a sentence ends here when white space follows. */
const MARK = 3;
const LINE_BREAK = 4;

const SENTENCE_MARKS = new Set([0x2e, 0x21, 0x3f, 0x3b, 0x2026, 0x3002, 0xff01, 0xff0e, 0xff1f, 0xff1b]);
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);

const ASCII_CLASS = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) ASCII_CLASS[c] = classify(c);
/** For each UTF-16 unit beyond ASCII: its class + 1, or 0 when not looked up yet. */
const BMP_CLASS = new Uint8Array(0x10000);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  if (WORD_CHAR.test(ch)) return WORD;
  if (LINE_BREAKS.has(c)) return LINE_BREAK;
  if (SENTENCE_MARKS.has(c)) return MARK;
  return WHITE_SPACE.test(ch) ? SPACE : OTHER;
}

function classOf(c: number): number {
  let known = BMP_CLASS[c] as number;
  if (known === 0) {
    // A lone surrogate is never a letter; pairs are decided where they are read.
    known = classify(c) + 1;
    BMP_CLASS[c] = known;
  }
  return known - 1;
}

function isSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/** The class of the character at i, a surrogate pair read as one character. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII_CLASS[c] as number;
  if (isSurrogatePair(text, i)) return WORD_CHAR.test(text.slice(i, i + 2)) ? WORD : OTHER;
  return classOf(c);
}

/** A text as `mentions` compares it: NFC, then the locale-independent case fold above. */
export function foldText(text: string): string {
  if (!BEYOND_ASCII.test(text)) return text.toLowerCase();
  const folded = text.normalize('NFC').toLowerCase();
  if (!FOLD_MORE.test(folded)) return folded;
  // NFC again, as lower-casing can leave a letter and a mark that compose: W and a ring
  // above have no composed capital, but w and the ring compose to ẘ.
  return folded.replace(SHARP_S, 'ss').replace(FINAL_SIGMA, 'σ').replace(DOTTED_I, 'i').normalize('NFC');
}

/** A text's words in sentences: each sentence its folded words, in order. */
export function sentences(text: string): string[][] {
  const folded = foldText(text);
  const result: string[][] = [[]];
  let start = -1;
  let mark = false;
  let ended = false;
  for (let i = 0; i < folded.length;) {
    const width = isSurrogatePair(folded, i) ? 2 : 1;
    const cls = classAt(folded, i);
    if (cls === WORD) {
      if (start === -1) {
        if (ended && (result.at(-1) as string[]).length > 0) result.push([]);
        start = i;
        mark = ended = false;
      }
    } else {
      if (start !== -1) (result.at(-1) as string[]).push(folded.slice(start, i));
      start = -1;
      if (cls === LINE_BREAK || (cls === SPACE && mark)) ended = true;
      else if (cls === MARK) mark = true;
    }
    i += width;
  }
  if (start !== -1) (result.at(-1) as string[]).push(folded.slice(start));
  return result.filter((words) => words.length > 0);
}

/** Folded words of a text; punctuation, spaces, hyphens and underscores separate words. */
export function tokenize(text: string): string[] {
  return sentences(text).flat();
}

/** At most this many words in one keyword (a phrase); the principle-set checks enforce it. */
export const MAX_KEYWORD_WORDS = 10;
/** At most this many `mentions` keywords in one principle set; the checks enforce it. */
export const MAX_KEYWORDS = 20_000;

// ---------------------------------------------------------------------------------------
// Hashing: FNV-1a from a random start, finished by a mixer so every bit counts in the slot.

const FNV_PRIME = 0x01000193;
/** Longest run of occupied slots allowed; beyond it the table is rebuilt with a new seed. */
const MAX_PROBES = 16;
/** New seeds tried before the table is made larger instead. */
const MAX_RESEEDS = 8;

/**
 * The process's hash seed. Math.random, read once at module load, keeps the core free of I/O
 * and of Node's crypto module; an attacker writes files but never sees the seed, and even a
 * known seed buys no more than a rebuilt table, as probing is bounded.
 */
const PROCESS_SEED = (Math.random() * 0x100000000) >>> 0;

/** The final avalanche of MurmurHash3: every input bit reaches every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hash of a folded word under a seed, as the scanning loop computes it. */
export function wordHash(word: string, seed: number): number {
  let h = seed;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return mix(h);
}

/** An ASCII letter or digit in lower case (`| 0x20` lowers A-Z, leaves a-z and 0-9 as they are). */
function lowerAscii(c: number): number {
  return c < 0x80 ? c | 0x20 : c;
}

function sameWord(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (lowerAscii(text.charCodeAt(start + k)) !== word.charCodeAt(k)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------

/** Keyword sets answered by a bit of `WordIndex.matched`; later ones by `WordIndex.more`. */
const SCALAR_SETS = 31;

/** The vocabulary words a text contains, and the keyword sets it mentions. */
export interface WordIndex {
  /** The vocabulary numbers of the text's words that are in the vocabulary, in order. */
  numbers: number[];
  /** Their word positions; a sentence end counts as a word, so phrases never span one. */
  positions: number[];
  /** Bit s: the text mentions keyword set s, for s < 31. */
  matched: number;
  /** Keyword sets from 31 on, 32 a word; undefined when the vocabulary has no such sets. */
  more: Int32Array | undefined;
}

/** One keyword ending at an automaton state: which set, and which keyword of it. */
interface Ending {
  set: number;
  keyword: number;
}

/**
 * The words `mentions` tests look for, each given a number, and an automaton that finds all
 * their keywords (words and phrases) in one pass over a text's words.
 */
export class Vocabulary {
  private readonly words: string[] = [];
  private readonly numbers = new Map<string, number>();
  private seed: number;
  /** Word number + 1 per slot, found by hash; 0 is empty. Kept at most an eighth full. */
  private table = new Int32Array(256);
  /** Per word number: its hash under the current seed, compared before its characters. */
  private hashes = new Int32Array(32);
  private keywordSets: Array<ReadonlyArray<readonly number[]>> = [];
  private automaton: Automaton | undefined;

  /** `seed` fixes the hash for tests; by default each process has its own random one. */
  constructor(options: { seed?: number } = {}) {
    this.seed = (options.seed ?? PROCESS_SEED) >>> 0;
  }

  /** The current hash seed (it changes when the table is rebuilt). */
  get hashSeed(): number {
    return this.seed;
  }

  /**
   * Register the keywords of one `mentions` test, each as its folded words (`tokenize`).
   * Returns the set's number, for `mentions` and `keywordsFound`. A keyword with no words
   * never matches.
   */
  addKeywords(keywords: ReadonlyArray<readonly string[]>): number {
    this.keywordSets.push(keywords.map((words) => words.map((word) => this.add(word))));
    this.automaton = undefined;
    return this.keywordSets.length - 1;
  }

  /** True when the indexed text mentions a keyword of the set. */
  mentions(index: WordIndex, set: number): boolean {
    if (set < SCALAR_SETS) return (index.matched & (1 << set)) !== 0;
    const more = index.more;
    const bit = set - SCALAR_SETS;
    return more !== undefined && ((more[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }

  /** The keywords of a set the indexed text mentions, as their places in the set, in order. */
  keywordsFound(index: WordIndex, set: number): number[] {
    const automaton = this.prepared();
    const found = new Set<number>();
    // Each word's and each state's endings are read once, however often the text has them.
    const seenWords = new Set<number>();
    const seenStates = new Set<number>();
    let state = 0;
    let last = -2;
    for (let k = 0; k < index.numbers.length; k++) {
      const number = index.numbers[k] as number;
      if (!seenWords.has(number)) {
        seenWords.add(number);
        for (const ending of automaton.singleEndings[number] ?? []) if (ending.set === set) found.add(ending.keyword);
      }
      const position = index.positions[k] as number;
      state = automaton.step(position === last + 1 ? state : 0, number);
      last = position;
      for (
        let s = automaton.hasEndings(state) ? state : (automaton.endingLink[state] as number);
        s > 0 && !seenStates.has(s);
        s = automaton.endingLink[s] as number
      ) {
        seenStates.add(s);
        for (const ending of automaton.endings[s] as Ending[]) if (ending.set === set) found.add(ending.keyword);
      }
    }
    return [...found].sort((x, y) => x - y);
  }

  /** The number of a folded word, adding it when new. */
  add(word: string): number {
    const known = this.numbers.get(word);
    if (known !== undefined) return known;
    const number = this.words.push(word) - 1;
    this.numbers.set(word, number);
    this.automaton = undefined;
    if (this.hashes.length < this.words.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    if (this.words.length * 8 > this.table.length) this.rebuild(this.table.length * 2);
    else if (!this.place(number)) this.rebuild(this.table.length);
    return number;
  }

  /** The number of the word `text[start, end)` whose hash is `h`, or -1; ASCII in the text may be upper case. */
  find(h: number, text: string, start: number, end: number): number {
    const table = this.table;
    const mask = table.length - 1;
    // Every run of occupied slots is at most MAX_PROBES long (short of 33 unlucky seeds in
    // a row), so this loop is too.
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot] as number;
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === (h | 0)) {
        const word = this.words[entry - 1] as string;
        if (word.length === end - start && sameWord(word, text, start)) return entry - 1;
      }
    }
  }

  /** The automaton for the keywords registered so far, built on first use after a change. */
  prepared(): Automaton {
    this.automaton ??= new Automaton(this.words.length, this.keywordSets);
    return this.automaton;
  }

  /** Put word `number` in the table; false when that makes a run longer than MAX_PROBES. */
  private place(number: number): boolean {
    const table = this.table;
    const mask = table.length - 1;
    const h = wordHash(this.words[number] as string, this.seed);
    this.hashes[number] = h | 0;
    let slot = h & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = number + 1;
    let run = 1;
    for (let s = (slot + 1) & mask; table[s] !== 0 && run <= MAX_PROBES; s = (s + 1) & mask) run++;
    for (let s = (slot - 1) & mask; table[s] !== 0 && run <= MAX_PROBES; s = (s - 1) & mask) run++;
    return run <= MAX_PROBES;
  }

  /** Place every word again in a table of `size` slots, with new seeds until runs are short. */
  private rebuild(size: number): void {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.seed = mix(this.seed + 0x9e3779b9);
      // Crowded under seed after seed: a larger table spreads the words thinner.
      if (attempt > 0 && attempt % MAX_RESEEDS === 0) size *= 2;
      this.table = new Int32Array(size);
      // A run grown too long abandons the attempt at once, so no insertion walks far; the
      // last attempt places every word whatever the runs, as a lookup must find them all.
      const last = attempt >= 4 * MAX_RESEEDS;
      let ok = true;
      for (let n = 0; n < this.words.length && (ok || last); n++) ok = this.place(n) && ok;
      if (ok || last) return;
    }
  }

  /** The longest run of occupied slots: what a lookup may probe at most (for tests). */
  longestRun(): number {
    const table = this.table;
    let longest = 0;
    let run = 0;
    // Twice round, so a run that wraps past the end is counted whole.
    for (let k = 0; k < table.length * 2; k++) {
      run = table[k % table.length] === 0 ? 0 : run + 1;
      if (run > longest) longest = Math.min(run, table.length);
    }
    return longest;
  }
}

/**
 * What a vocabulary's keywords match. Keywords of one word are answered per word number;
 * phrases by Aho-Corasick over word numbers: a trie of every phrase of every set, with
 * failure links, so a text's words are read once whatever the phrases. Each state knows the
 * sets whose phrases end there or at any suffix of it.
 */
export class Automaton {
  /** Per word number: bits of the sets 0 to 30 that the word alone satisfies. */
  readonly singleBits: Int32Array;
  /** The same for the later sets, `wide` words per word number; undefined when none. */
  readonly singleMore: Int32Array | undefined;
  /** Per word number: the one-word keywords it is. */
  readonly singleEndings: Array<Ending[] | undefined>;
  /** True when some keyword is a phrase: otherwise the automaton is never stepped. */
  readonly hasPhrases: boolean;
  /** The child of the root for each word number (0: none). */
  readonly root: Int32Array;
  /** Children of the other states, sorted by word: words and states, from first[s] to first[s + 1]. */
  private readonly childWords: Int32Array;
  private readonly childStates: Int32Array;
  private readonly first: Int32Array;
  readonly fail: Int32Array;
  /** Bits of the sets 0 to 30 whose phrases end on reaching each state. */
  readonly bits: Int32Array;
  /** The later sets, `wide` words per state; undefined when there are none. */
  readonly moreBits: Int32Array | undefined;
  readonly wide: number;
  /** Phrases ending exactly at each state. */
  readonly endings: Array<Ending[] | undefined>;
  /** The nearest proper suffix state with endings of its own (0: none). */
  readonly endingLink: Int32Array;

  constructor(words: number, sets: ReadonlyArray<ReadonlyArray<readonly number[]>>) {
    const wide = Math.max(0, Math.ceil((sets.length - SCALAR_SETS) / 32));
    this.wide = wide;
    this.singleBits = new Int32Array(words);
    this.singleMore = wide > 0 ? new Int32Array(words * wide) : undefined;
    this.singleEndings = new Array<Ending[] | undefined>(words);
    // The trie, as edges: one Map keyed by parent and word for all states, not a Map each.
    const root = new Int32Array(words);
    const edge = new Map<number, number>();
    const parents: number[] = [0];
    const edgeWords: number[] = [0];
    const endings: Array<Ending[] | undefined> = [undefined];
    for (let set = 0; set < sets.length; set++) {
      const keywords = sets[set] as ReadonlyArray<readonly number[]>;
      for (let keyword = 0; keyword < keywords.length; keyword++) {
        const phrase = keywords[keyword] as readonly number[];
        if (phrase.length === 1) {
          const word = phrase[0] as number;
          setBit(this.singleBits, this.singleMore, word, wide, set);
          (this.singleEndings[word] ??= []).push({ set, keyword });
        }
        if (phrase.length < 2) continue;
        let state = 0;
        for (const word of phrase) {
          let next = state === 0 ? (root[word] as number) : (edge.get(state * words + word) ?? 0);
          if (next === 0) {
            next = parents.push(state) - 1;
            edgeWords.push(word);
            endings.push(undefined);
            if (state === 0) root[word] = next;
            else edge.set(state * words + word, next);
          }
          state = next;
        }
        (endings[state] ??= []).push({ set, keyword });
      }
    }
    const states = parents.length;
    this.hasPhrases = states > 1;
    this.root = root;
    this.endings = endings;
    // Children of each state other than the root, grouped by parent, then sorted by word.
    const first = new Int32Array(states + 1);
    for (let s = 1; s < states; s++) {
      const parent = parents[s] as number;
      if (parent !== 0) first[parent + 1] = (first[parent + 1] as number) + 1;
    }
    for (let s = 0; s < states; s++) first[s + 1] = (first[s + 1] as number) + (first[s] as number);
    const fill = first.slice(0, states);
    const childWords = new Int32Array(first[states] as number);
    const childStates = new Int32Array(first[states] as number);
    for (let s = 1; s < states; s++) {
      const parent = parents[s] as number;
      if (parent === 0) continue;
      const at = fill[parent] as number;
      fill[parent] = at + 1;
      childWords[at] = edgeWords[s] as number;
      childStates[at] = s;
    }
    for (let s = 1; s < states; s++) sortSegment(childWords, childStates, first[s] as number, first[s + 1] as number);
    this.first = first;
    this.childWords = childWords;
    this.childStates = childStates;
    this.fail = new Int32Array(states);
    this.bits = new Int32Array(states);
    this.moreBits = wide > 0 ? new Int32Array(states * wide) : undefined;
    this.endingLink = new Int32Array(states);
    // Breadth first: a state's failure target is shallower, so already complete. States
    // were numbered as the trie grew, so the root's children are those whose parent is 0.
    const queue: number[] = [];
    for (let s = 1; s < states; s++) if (parents[s] === 0) queue.push(s);
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q] as number;
      const target = this.fail[state] as number;
      this.endingLink[state] = this.hasEndings(target) ? target : (this.endingLink[target] as number);
      this.bits[state] = this.bits[target] as number;
      if (this.moreBits !== undefined) this.moreBits.copyWithin(state * wide, target * wide, target * wide + wide);
      for (const { set } of endings[state] ?? []) setBit(this.bits, this.moreBits, state, wide, set);
      for (let k = first[state] as number; k < (first[state + 1] as number); k++) {
        const child = childStates[k] as number;
        this.fail[child] = this.step(target, childWords[k] as number);
        queue.push(child);
      }
    }
  }

  /** True when some keyword ends exactly at the state. */
  hasEndings(state: number): boolean {
    return state > 0 && this.endings[state] !== undefined;
  }

  /** The state after reading `word` in `state` (0, the root, when no keyword goes on so). */
  step(state: number, word: number): number {
    for (;;) {
      if (state === 0) return this.root[word] as number;
      const next = this.child(state, word);
      if (next !== 0) return next;
      state = this.fail[state] as number;
    }
  }

  private child(state: number, word: number): number {
    let lo = this.first[state] as number;
    let hi = (this.first[state + 1] as number) - 1;
    // Most states have one child: binary search costs nothing more for them.
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = this.childWords[mid] as number;
      if (w === word) return this.childStates[mid] as number;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}

/** Set the bit of keyword set `set` for entry `at`: in `bits` for sets 0 to 30, else in `more`. */
function setBit(bits: Int32Array, more: Int32Array | undefined, at: number, wide: number, set: number): void {
  if (set < SCALAR_SETS) bits[at] = (bits[at] as number) | (1 << set);
  else {
    const bit = set - SCALAR_SETS;
    const k = at * wide + (bit >>> 5);
    (more as Int32Array)[k] = ((more as Int32Array)[k] as number) | (1 << (bit & 31));
  }
}

/**
 * Index a text against a vocabulary in one pass: its vocabulary words, and the keyword sets
 * it mentions. This runs on every text field of every item, hence the tight loop: ASCII is
 * decided by a table, and a word is hashed as it is scanned rather than cut out and looked up.
 */
export function indexWords(text: string, vocabulary: Vocabulary): WordIndex {
  const automaton = vocabulary.prepared();
  // ASCII text, the usual case, needs no folded copy: its letters are lowered as read.
  const folded = BEYOND_ASCII.test(text) ? foldText(text) : text;
  const wide = automaton.wide;
  const index: WordIndex = { numbers: [], positions: [], matched: 0, more: wide > 0 ? new Int32Array(wide) : undefined };
  let state = 0;
  let last = -2;
  const seed = vocabulary.hashSeed;
  const n = folded.length;
  let start = -1;
  let h = seed;
  let position = 0;
  let mark = false;
  let ended = false;
  for (let i = 0; i < n; i++) {
    const c = folded.charCodeAt(i);
    let cls: number;
    let width = 1;
    if (c < 0x80) cls = ASCII_CLASS[c] as number;
    else if (c >= 0xd800 && c <= 0xdbff && isSurrogatePair(folded, i)) {
      width = 2;
      cls = WORD_CHAR.test(folded.slice(i, i + 2)) ? WORD : OTHER;
    } else cls = classOf(c);
    if (cls === WORD) {
      if (start === -1) {
        start = i;
        h = seed;
        if (ended) position++;
        mark = ended = false;
      }
      h = Math.imul(h ^ lowerAscii(c), FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ folded.charCodeAt(++i), FNV_PRIME);
      continue;
    }
    if (start !== -1) {
      const number = vocabulary.find(mix(h), folded, start, i);
      if (number !== -1) {
        // A word between, or a sentence end, breaks every phrase under way.
        state = note(index, automaton, number, position, position === last + 1 ? state : 0);
        last = position;
      }
      position++;
      start = -1;
    }
    if (cls === SPACE) {
      if (mark) ended = true;
    } else if (cls === MARK) mark = true;
    else if (cls === LINE_BREAK) ended = true;
    i += width - 1;
  }
  if (start !== -1) {
    const number = vocabulary.find(mix(h), folded, start, n);
    if (number !== -1) note(index, automaton, number, position, position === last + 1 ? state : 0);
  }
  return index;
}

/** Record a vocabulary word of the text; returns the automaton's state after it, from `state`. */
function note(index: WordIndex, automaton: Automaton, number: number, position: number, state: number): number {
  index.numbers.push(number);
  index.positions.push(position);
  index.matched |= automaton.singleBits[number] as number;
  if (index.more !== undefined) orInto(index.more, automaton.singleMore as Int32Array, number * automaton.wide);
  if (!automaton.hasPhrases) return 0;
  const next = automaton.step(state, number);
  if (next !== 0) {
    index.matched |= automaton.bits[next] as number;
    if (index.more !== undefined) orInto(index.more, automaton.moreBits as Int32Array, next * automaton.wide);
  }
  return next;
}

/** Sort words[from, to) ascending, states alongside: most segments hold one or two. */
function sortSegment(words: Int32Array, states: Int32Array, from: number, to: number): void {
  if (to - from > 16) {
    const pairs = Array.from({ length: to - from }, (_, k) => [words[from + k] as number, states[from + k] as number] as const);
    pairs.sort((a, b) => a[0] - b[0]);
    pairs.forEach(([word, state], k) => {
      words[from + k] = word;
      states[from + k] = state;
    });
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const word = words[k] as number;
    const state = states[k] as number;
    let j = k - 1;
    while (j >= from && (words[j] as number) > word) {
      words[j + 1] = words[j] as number;
      states[j + 1] = states[j] as number;
      j--;
    }
    words[j + 1] = word;
    states[j + 1] = state;
  }
}

function orInto(into: Int32Array, from: Int32Array, at: number): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] as number) | (from[at + w] as number);
}
