import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vocabulary, hasPhrase, indexWords, tokenize } from '../../src/core/words.js';

/** What the tokenizer did before it was hand-written: the definition it must keep. */
const reference = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);

describe('tokenize', () => {
  it('splits exactly as the Unicode letter-and-digit pattern does, on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(tokenize(text)).toEqual(reference(text));
      }), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(tokenize(text)).toEqual(reference(text));
      }), { numRuns: 5000 });
  });

  it('keeps letters beyond ASCII and outside the basic plane, and drops lone surrogates', () => {
    expect(tokenize('Self-care: ZOË’s café, 𝐀bc x\uD800y')).toEqual(['self', 'care', 'zoë', 's', 'café', '𝐀bc', 'x', 'y']);
  });
});

describe('indexWords', () => {
  it('finds the vocabulary words of a text at their word positions, as tokenize sees them', () => {
    const words = fc.constantFrom('data', 'co', 'design', 'café', 'x', '𝐀bc');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 5 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (keywords, text) => {
        const vocabulary = new Vocabulary();
        const numbers = new Map<string, number>(keywords.map((word) => [word, vocabulary.add(word)]));
        const expected = tokenize(text).flatMap((token, position) => (numbers.has(token) ? [[numbers.get(token), position]] : []));
        const index = indexWords(text, vocabulary);
        expect(index.numbers.map((n, k) => [n, index.positions[k]])).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('tells a phrase from the same words apart', () => {
    const vocabulary = new Vocabulary();
    const phrase = ['test', 'and', 'learn'].map((word) => vocabulary.add(word));
    expect(hasPhrase(indexWords('We will Test-and-Learn.', vocabulary), phrase)).toBe(true);
    expect(hasPhrase(indexWords('test, then learn and test', vocabulary), phrase)).toBe(false);
  });
});
