/**
 * The bench's DuckDB yardstick runs the same policy as triage: the SQL generated from the
 * compiled default principle set gives every item the same route, rule, scores and
 * confidence as `triage score --format csv`, on the examples and on a synthetic backlog.
 * Skipped where @duckdb/node-api is not installed (it is an optional dev dependency).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../scripts/bench/compare-results.mjs';
import { loadDuckDb, policySql } from '../../scripts/bench/duckdb-policy.mjs';
import { writeBacklog } from '../../scripts/bench/generate.mjs';
import { compilePolicy } from '../../src/core/compile.js';
import { tokenize } from '../../src/core/conditions.js';
import { loadPrinciples } from '../../src/principles/load.js';
import { cli } from '../helpers/cli.js';
import { ROOT, repoPath } from '../helpers/run.js';

const duckdb = await loadDuckDb();

async function agreement(input: string, dir: string): Promise<Awaited<ReturnType<typeof compareResults>>> {
  const expected = join(dir, 'triage.csv');
  const actual = join(dir, 'duckdb.csv');
  const scored = await cli(['score', input, '--format', 'csv', '-o', expected, '--quiet']);
  expect(scored.code).toBe(0);
  const run = spawnSync(process.execPath, [repoPath('scripts/bench/duckdb-run.mjs'), input, actual, '--threads', '2'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return compareResults(expected, actual);
}

describe('the DuckDB version of the default policy', () => {
  it('is generated from the compiled policy: every rule, in order, then the default', async () => {
    const policy = compilePolicy((await loadPrinciples()).set);
    const sql = policySql(policy, { input: 'in.csv', output: 'out.csv', tokenize, threads: 2 });
    expect(sql.startsWith("SET threads = 2; COPY (\nWITH items AS (SELECT * FROM read_csv('in.csv', ")).toBe(true);
    expect(sql.endsWith(") TO 'out.csv' (FORMAT csv, HEADER true);")).toBe(true);
    const ruleIds = [...sql.matchAll(/IS TRUE THEN '([a-z-]+)'/g)].map((m) => m[1]).filter((id) => policy.rules.some((r) => r.id === id));
    expect(ruleIds).toEqual(policy.rules.map((r) => r.id));
    expect(sql).toContain('contains("#words:description", \' self care \')');
  });

  it.skipIf(!duckdb)('agrees with triage on every item of examples/backlog.csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-duckdb-'));
    const result = await agreement(repoPath('examples/backlog.csv'), dir);
    expect(result).toEqual({ rows: 22, different: 0, differences: [] });
    expect(readFileSync(join(dir, 'duckdb.csv'), 'utf8').split('\n')[0]).toBe(
      'id,title,route,classification,alignment,transformation,confidence,rule,reason,overridden',
    );
  });

  it.skipIf(!duckdb)('agrees with triage on a 5,000-row synthetic backlog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-duckdb-'));
    const input = join(dir, 'backlog.csv');
    await writeBacklog(input, 5000, 7);
    expect(await agreement(input, dir)).toEqual({ rows: 5000, different: 0, differences: [] });
  });
});
