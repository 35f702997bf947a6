/** Types for the bench's result comparison, so tests written in TypeScript can use it. */
export const COMPARED: readonly string[];
export function compareResults(
  expectedPath: string,
  actualPath: string,
  options?: { keep?: number },
): Promise<{ rows: number; different: number; differences: Array<{ row: number; id?: string; column: string; expected: string; actual: string }> }>;
