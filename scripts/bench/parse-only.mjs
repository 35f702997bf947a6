/**
 * The benchmark's yardstick: csv-parse alone reading a file to objects (`columns: true`),
 * streamed the way its documentation shows, counting records and keeping none.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const path = process.argv[2];
if (!path) throw new Error('usage: parse-only.mjs FILE');
let records = 0;
const parser = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(parse({ columns: true }));
for await (const record of parser) {
  if (record.id !== undefined) records++;
}
process.stdout.write(`${records}\n`);
