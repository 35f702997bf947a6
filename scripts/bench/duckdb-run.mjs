/**
 * `node scripts/bench/duckdb-run.mjs INPUT.csv OUTPUT.csv [--threads N] [--principles FILE]`:
 * the default policy (or another) as one DuckDB query over the backlog, its results written
 * as CSV. The bench times it beside triage; exits 3 when @duckdb/node-api is not installed.
 */
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPrinciples, tokenize } from '../../dist/index.js';
import { loadDuckDb, policySql } from './duckdb-policy.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const threads = flag('--threads');
const principles = flag('--principles') ?? fileURLToPath(new URL('../../principles/union.yaml', import.meta.url));
const [input, output] = args;
if (!input || !output) {
  process.stderr.write('usage: duckdb-run.mjs INPUT.csv OUTPUT.csv [--threads N] [--principles FILE]\n');
  process.exit(2);
}
const duckdb = await loadDuckDb();
if (!duckdb) {
  process.stderr.write('@duckdb/node-api is not installed\n');
  process.exit(3);
}
const loaded = await loadPrinciples(principles);
const sql = policySql(compilePolicy(loaded.set), { input, output, tokenize, threads });
const instance = await duckdb.DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(sql);
connection.closeSync?.();
