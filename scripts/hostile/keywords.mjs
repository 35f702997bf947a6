/**
 * Keyword lists built to be expensive for `mentions`, for the fuzzer, the tests and
 * scripts/bench-mentions.mjs:
 *
 * - long phrases that share all but their last word, which a matcher trying each phrase at
 *   each word of a text pays for in phrase count x phrase length x text length;
 * - words that all fall in one slot of a hash table keyed by unseeded 32-bit FNV-1a on its
 *   low bits (what `mentions` used before its hash was seeded), so the table is one long run.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** `count` phrases of `words` words: `a a ... a w<k>`. */
export function sharedPrefixPhrases(count, words) {
  return Array.from({ length: count }, (_, k) => `${'a '.repeat(Math.max(0, words - 1))}w${k}`);
}

/** The unseeded FNV-1a hash of a word (already in lower case). */
export function fnv1a(word) {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h >>> 0;
}

/** x with x * FNV_PRIME = 1 (mod 2^32), by Newton's iteration. */
function inverse(p) {
  let x = p;
  for (let k = 0; k < 5; k++) x = Math.imul(x, 2 - Math.imul(p, x));
  return x;
}
const PRIME_INVERSE = inverse(FNV_PRIME);

const LETTER = /^\p{L}$/u;

/**
 * `count` distinct words whose unseeded FNV-1a hashes agree in their low `bits` bits: five
 * letters chosen by a seeded generator, then the one character that lands the hash on the
 * target, kept when it is a letter that lower-casing and NFC leave alone.
 */
export function collidingWords(count, bits = 18, seed = 1) {
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const target = 0x2a & mask;
  // What the hash must be before the last character is mixed in (mod 2^bits).
  const before = Math.imul(target, PRIME_INVERSE) & mask;
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const words = new Set();
  while (words.size < count) {
    let prefix = '';
    for (let k = 0; k < 5; k++) prefix += String.fromCharCode(0x61 + (next() % 26));
    const h = fnv1a(prefix);
    const c = ((before ^ h) & mask) >>> 0;
    if (c >= 0x10000 || (c >= 0xd800 && c <= 0xdfff)) continue;
    const last = String.fromCharCode(c);
    if (!LETTER.test(last) || last.toLowerCase() !== last || last.normalize('NFC') !== last) continue;
    words.add(prefix + last);
  }
  return [...words];
}
