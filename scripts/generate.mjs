/**
 * Write what is derived from the code's registries into the files people and tools read:
 *  - principles/schema.json: the leaf tests, from the operator table (src/core/operators.ts).
 *
 *   npm run generate            write them (after npm run build)
 *   npm run generate -- --check exit 1 when any is out of date
 *
 * The schema is committed (editors read it from the repository), so it is generated here
 * rather than at build time; a test fails when it has drifted from the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { leafSchema } from '../dist/principles/schema-leaf.js';

const path = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
const SCHEMA = path('principles/schema.json');

const current = readFileSync(SCHEMA, 'utf8');
const schema = JSON.parse(current);
schema.definitions.leaf = leafSchema();
const next = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('principles/schema.json is out of date with the operator table: run npm run generate');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(SCHEMA, next);
  console.log('wrote principles/schema.json');
}
