/**
 * Write what is derived from the code's registries into the files people and tools read:
 *  - principles/schema.json: the leaf tests, from the operator table (src/core/operators.ts);
 *  - docs/reference/*.md: commands, validate rules, formats and operators (src/docs/reference.ts).
 *
 *   npm run generate            write them (after npm run build)
 *   npm run generate -- --check exit 1 when any is out of date
 *
 * The schema is committed (editors read it from the repository), so it is generated here
 * rather than at build time; a test fails when it has drifted from the table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencePages } from '../dist/docs/reference.js';
import { leafSchema } from '../dist/principles/schema-leaf.js';

const path = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const SCHEMA = path('principles/schema.json');

const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
schema.definitions.leaf = leafSchema();
const next = `${JSON.stringify(schema, null, 2)}\n`;

const files = { 'principles/schema.json': next, ...(await referencePages()) };
let stale = 0;
for (const [relative, text] of Object.entries(files)) {
  const target = path(relative);
  let old = '';
  try {
    old = readFileSync(target, 'utf8');
  } catch {
    // not written yet
  }
  if (old === text) continue;
  stale++;
  if (process.argv.includes('--check')) {
    console.error(`${relative} is out of date with the code: run npm run generate`);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${relative}`);
  }
}
if (stale > 0 && process.argv.includes('--check')) process.exit(1);
