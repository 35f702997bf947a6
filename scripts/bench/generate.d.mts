/** Types for the benchmark's backlog generator, so tests written in TypeScript can use it. */
export const GENERATOR_VERSION: number;
export const COLUMNS: readonly string[];
export function random(seed: number): () => number;
export function row(rand: () => number, index: number): string[];
export function backlogLines(items: number, seed?: number): Generator<string>;
export function writeBacklog(path: string, items: number, seed?: number): Promise<void>;
