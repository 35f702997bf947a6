/**
 * Words, sentences and keyword matching, checked against a plain reference written from the
 * definition (fold, split on anything but letters, digits and marks, end sentences), on
 * random texts and on keyword sets built to be costly: long phrases sharing their first
 * words, and words that collide in the hash table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vocabulary, foldText, indexWords, sentences, tokenize, wordHash } from '../../src/core/words.js';

/** NFC, lower case, ß as ss, final ς as σ, the dot of a lower-cased İ dropped, NFC again. */
const fold = (text: string): string =>
  text.normalize('NFC').toLowerCase().replaceAll('ß', 'ss').replaceAll('ς', 'σ').replaceAll('i\u0307', 'i').normalize('NFC');

/** A run of separators ends a sentence when it holds a line break, or a sentence mark with white space after it. */
const endsSentence = (run: string): boolean => /[\n\v\f\r\u0085\u2028\u2029]/.test(run) || /[.!?;…。！．？；][^]*\s/u.test(run);

function referenceSentences(text: string): string[][] {
  const parts = fold(text).split(/([^\p{L}\p{N}\p{M}]+)/u);
  const result: string[][] = [[]];
  parts.forEach((part, k) => {
    if (k % 2 === 1) {
      if (endsSentence(part) && (result.at(-1) as string[]).length > 0) result.push([]);
    } else if (part !== '') (result.at(-1) as string[]).push(part);
  });
  return result.filter((words) => words.length > 0);
}

/** Whether a text mentions a keyword: its words, one after another, within one sentence. */
function referenceMentions(text: string, keyword: string): boolean {
  const phrase = tokenize(keyword);
  if (phrase.length === 0) return false;
  return referenceSentences(text).some((words) => words.some((_, start) => phrase.every((word, j) => words[start + j] === word)));
}

/** The keywords of each set a text mentions, as the vocabulary says. */
function matches(vocabulary: Vocabulary, sets: readonly number[], keywordSets: string[][], text: string): Array<{ any: boolean; found: number[] }> {
  const index = indexWords(text, vocabulary);
  return sets.map((set) => ({ any: vocabulary.mentions(index, set), found: vocabulary.keywordsFound(index, set) }));
}

function expected(keywordSets: string[][], text: string): Array<{ any: boolean; found: number[] }> {
  return keywordSets.map((keywords) => {
    const found = keywords.flatMap((keyword, k) => (referenceMentions(text, keyword) ? [k] : []));
    return { any: found.length > 0, found };
  });
}

function vocabularyOf(keywordSets: string[][], seed?: number): { vocabulary: Vocabulary; sets: number[] } {
  const vocabulary = new Vocabulary(seed === undefined ? {} : { seed });
  return { vocabulary, sets: keywordSets.map((keywords) => vocabulary.addKeywords(keywords.map(tokenize))) };
}

describe('tokenize and sentences', () => {
  it('split exactly as the reference does, on any text', () => {
    for (const unit of ['binary', 'grapheme'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
          expect(sentences(text)).toEqual(referenceSentences(text));
          expect(tokenize(text)).toEqual(referenceSentences(text).flat());
        }),
        { numRuns: 4000 },
      );
    }
  });

  it('keep letters beyond ASCII, outside the basic plane and with combining marks; drop lone surrogates', () => {
    expect(tokenize('Self-care: ZOË’s café, 𝐀bc x\uD800y under_score')).toEqual(['self', 'care', 'zoë', 's', 'café', '𝐀bc', 'x', 'y', 'under', 'score']);
    // Decomposed, the accent is a combining mark: part of the word, and composed by NFC.
    expect(tokenize('data\u0301 DATA\u0301 datá')).toEqual(['datá', 'datá', 'datá']);
  });

  it('fold case without a locale: Turkish İ, German ß and ẞ, Greek final sigma', () => {
    expect(tokenize('İNTEGRATED DİGİTAL')).toEqual(['integrated', 'digital']);
    expect(tokenize('Straße STRASSE ẞ')).toEqual(['strasse', 'strasse', 'ss']);
    expect(tokenize('ΛΌΓΟΣ λόγος')).toEqual(['λόγοσ', 'λόγοσ']);
    expect(foldText('Plain ASCII')).toBe('plain ascii');
  });

  it('folds every letter that has case, followed by every mark that composes with anything, as NFC after lower case would', () => {
    // The marks that are the second part of some canonical composition.
    const composing = new Set<string>();
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const parts = [...ch.normalize('NFD')];
      for (const part of parts.slice(1)) if (/\p{M}/u.test(part)) composing.add(part);
    }
    const cased: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (!(c >= 0xd800 && c <= 0xdfff) && ch.toLowerCase() !== ch) cased.push(ch);
    }
    const wrong: string[] = [];
    for (const letter of cased) for (const mark of composing) if (foldText(letter + mark) !== fold(letter + mark)) wrong.push(letter + mark);
    expect(wrong).toEqual([]);
    expect(cased.length).toBeGreaterThan(1000);
    expect(composing.size).toBeGreaterThan(50);
  });

  it('end a sentence at a line break, or at . ! ? ; … followed by white space', () => {
    expect(sentences('The contract. Extension next; then? Maybe! Yes… no\nnew line\r\nand 3.5 e.g.x')).toEqual([
      ['the', 'contract'],
      ['extension', 'next'],
      ['then'],
      ['maybe'],
      ['yes'],
      ['no'],
      ['new', 'line'],
      ['and', '3', '5', 'e', 'g', 'x'],
    ]);
    expect(sentences('end.) Next, one - two')).toEqual([['end'], ['next', 'one', 'two']]);
  });
});

describe('keyword matching', () => {
  const words = ['data', 'co', 'design', 'café', 'a', 'b', 'x', '𝐀bc', 'straße', 'i̇'];
  const separators = [' ', ' ', '-', '_', ', ', '. ', '.', '\n', '; ', '!', '… ', '\u0301 '];
  const texts = fc
    .array(fc.tuple(fc.constantFrom(...words, 'DATA', 'Café', 'STRASSE', 'İ'), fc.constantFrom(...separators)), { maxLength: 16 })
    .map((pairs) => pairs.map(([word, separator]) => word + separator).join(''));
  const keyword = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

  it('finds what the reference finds, for any keyword sets, fewer or more than 31 of them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(keyword, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.array(texts, { maxLength: 4 }),
        (keywordSets, sample) => {
          const { vocabulary, sets } = vocabularyOf(keywordSets);
          for (const text of sample) expect(matches(vocabulary, sets, keywordSets, text)).toEqual(expected(keywordSets, text));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives the same answers for long phrases that share their first words, as the reference', () => {
    // The costly family: 300 phrases of 10 words, all but the last word alike, against texts
    // of one word repeated, where every phrase starts at every word and none but one ends.
    const phrases = Array.from({ length: 300 }, (_, k) => `${'a '.repeat(9)}w${k}`);
    const keywordSets = [phrases, ['a a a a a a a a a a'], [`${'a '.repeat(9)}w299`, 'b']];
    const { vocabulary, sets } = vocabularyOf(keywordSets);
    for (const text of [
      'a '.repeat(2000),
      `${'a '.repeat(2000)}w299`,
      `${'a '.repeat(8)}w5`,
      `${'a '.repeat(9)}w5 b`,
      `${'a '.repeat(5)}. ${'a '.repeat(4)}w7`,
    ]) {
      expect(matches(vocabulary, sets, keywordSets, text)).toEqual(expected(keywordSets, text));
    }
    expect(matches(vocabulary, sets, keywordSets, `x ${'a '.repeat(12)}w7 w8`)).toEqual([
      { any: true, found: [7] },
      { any: true, found: [0] },
      { any: false, found: [] },
    ]);
  });

  it('finds keywords whose words all collide in the hash table, probing no further than its bound', () => {
    // Words that all start in one slot of a 512-slot table under seed 7: found by search.
    const seed = 7;
    const colliding: string[] = [];
    const target = wordHash('k0', seed) & 511;
    for (let k = 0; colliding.length < 60; k++) if ((wordHash(`k${k}`, seed) & 511) === target) colliding.push(`k${k}`);
    const keywordSets = [colliding, colliding.slice(0, 30).map((word, k) => `${word} ${colliding[k + 30]}`)];
    const { vocabulary, sets } = vocabularyOf(keywordSets, seed);
    // The table was rebuilt with another seed rather than keep a run of 60 occupied slots.
    expect(vocabulary.hashSeed).not.toBe(seed);
    expect(vocabulary.longestRun()).toBeLessThanOrEqual(16);
    const text = `${colliding[3]} and ${colliding[5]} ${colliding[35]}, not k1 nor ${(colliding[59] as string).toUpperCase()}`;
    expect(matches(vocabulary, sets, keywordSets, text)).toEqual(expected(keywordSets, text));
    expect(matches(vocabulary, sets, keywordSets, text)).toEqual([
      { any: true, found: [3, 5, 35, 59] },
      { any: true, found: [5] },
    ]);
  });

  it('answers alike whatever the hash seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(keyword, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        texts,
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (keywordSets, text, seed) => {
          const a = vocabularyOf(keywordSets, seed);
          const b = vocabularyOf(keywordSets, seed ^ 0x5bd1e995);
          expect(matches(a.vocabulary, a.sets, keywordSets, text)).toEqual(matches(b.vocabulary, b.sets, keywordSets, text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('indexes the vocabulary words of a text at their positions, a sentence end counting as a word', () => {
    const vocabulary = new Vocabulary();
    const [data, design] = ['data', 'design'].map((word) => vocabulary.add(word));
    const index = indexWords('Data and co-design. Then DATA\ndesign', vocabulary);
    expect({ numbers: index.numbers, positions: index.positions }).toEqual({ numbers: [data, design, data, design], positions: [0, 3, 6, 8] });
  });
});
