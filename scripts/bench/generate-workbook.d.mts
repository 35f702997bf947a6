/** Types for the workbook generator, so tests written in TypeScript can use it. */
export function writeBacklogWorkbook(path: string, items: number, seed?: number): Promise<void>;
