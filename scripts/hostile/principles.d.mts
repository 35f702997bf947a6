/** Types for the hostile principle-set generator, so tests written in TypeScript can use it. */
export interface HostileOptions {
  rules?: number;
  groups?: number;
  width?: number;
  keywords?: number;
  phraseWords?: number;
}
export function hostilePrinciples(options?: HostileOptions): string;
export function phrases(count: number, words: number): string[];
