/** Types for the hostile keyword generators, so tests written in TypeScript can use them. */
export function sharedPrefixPhrases(count: number, words: number): string[];
export function fnv1a(word: string): number;
export function collidingWords(count: number, bits?: number, seed?: number): string[];
