/** Types for the bench's DuckDB version of a policy, so tests written in TypeScript can use it. */
import type { Policy } from '../../src/core/compile.js';
export function policySql(policy: Policy, options: { input: string; output: string; tokenize: (text: string) => string[]; threads?: number | string }): string;
export function loadDuckDb(): Promise<unknown>;
