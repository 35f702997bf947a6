/**
 * Compare two CSV result files cell by cell on the assessment columns both have (id ...
 * overridden), numbers as numbers: how DuckDB's results agree with triage's. Streams both,
 * so a million rows compare in flat memory. Resolves to { rows, differences: [first few] }.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export const COMPARED = ['id', 'title', 'route', 'classification', 'alignment', 'transformation', 'confidence', 'rule', 'reason', 'overridden'];
const NUMERIC = new Set(['alignment', 'transformation', 'confidence']);

export async function compareResults(expectedPath, actualPath, { keep = 5 } = {}) {
  const rowsOf = (path) => createReadStream(path).pipe(parse({ columns: true }));
  const a = rowsOf(expectedPath)[Symbol.asyncIterator]();
  const b = rowsOf(actualPath)[Symbol.asyncIterator]();
  const differences = [];
  let rows = 0;
  let different = 0;
  for (;;) {
    const [x, y] = await Promise.all([a.next(), b.next()]);
    if (x.done || y.done) {
      if (!x.done || !y.done) differences.push({ row: rows + 1, column: '(rows)', expected: x.done ? 'end' : 'more', actual: y.done ? 'end' : 'more' });
      break;
    }
    rows++;
    let differs = false;
    for (const column of COMPARED) {
      const e = x.value[column];
      const v = y.value[column];
      const same = NUMERIC.has(column) ? Number(e) === Number(v) : e === v;
      if (!same) {
        differs = true;
        if (differences.length < keep) differences.push({ row: rows, id: x.value.id, column, expected: e, actual: v });
      }
    }
    if (differs) different++;
  }
  return { rows, different, differences };
}
