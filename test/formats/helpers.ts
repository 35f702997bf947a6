/** Run output formats in-process on real items, with a fixed run context, for exact expectations. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import type { Policy } from '../../src/core/compile.js';
import { assess } from '../../src/core/assess.js';
import type { AssessedItem } from '../../src/core/types.js';
import { renderAll } from '../../src/formats/assemble.js';
import type { FormatContext, OutputFormat } from '../../src/formats/types.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems } from '../../src/items/read.js';
import { unionPolicy } from '../helpers/policy.js';
import { repoPath } from '../helpers/run.js';

/** Items of a file, assessed with the bundled policy (invalid items make the test fail). */
export async function assessedFile(policy: Policy, relative: string): Promise<AssessedItem[]> {
  const results: AssessedItem[] = [];
  const problems: string[] = [];
  const options = { normaliser: createNormaliser(policy.fields), onProblem: (p: { message: string }) => problems.push(p.message) };
  for await (const item of readItems([repoPath(relative)], options)) results.push({ item, assessment: assess(policy, item) });
  expect(problems).toEqual([]);
  return results;
}

/** A run context that never changes: fixed tool version, hash and time. */
export function fixedContext(policy: Policy = unionPolicy(), extra: Partial<FormatContext> = {}): FormatContext {
  return {
    policy,
    meta: {
      tool: { name: 'union-triage', version: '9.9.9' },
      principles: { file: 'principles/union.yaml', hash: `sha256:${'0123456789abcdef'.repeat(4)}`, organisation: policy.set.organisation },
      inputs: ['examples/backlog.csv'],
      generatedAt: '2026-03-02T09:30:00.000Z',
    },
    color: false,
    width: 80,
    ...extra,
  };
}

/** Everything a format prints for these results: each write, then end with the summary, held sections placed. */
export function render(format: OutputFormat, context: FormatContext, results: readonly AssessedItem[]): string {
  return renderAll(format, context, results);
}

/**
 * Compare with a golden file in test/fixtures/reports/. `UPDATE_GOLDEN=1 npx vitest run`
 * rewrites them; review the diff before committing.
 */
export function expectGolden(actual: string, relative: string): void {
  const path = repoPath(`test/fixtures/reports/${relative}`);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${relative} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
