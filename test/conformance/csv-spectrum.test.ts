/**
 * csv-spectrum conformance: every case's CSV, read in place by the project's own CSV reader
 * (the options used for work items, without the field mapping), equals its expected JSON.
 * The one documented exception (its README): `location_coordinates` has a quote inside an
 * unquoted field, a clear error in strict mode, and the JSON's values under --relax.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TriageError } from '../../src/errors.js';
import { decodeChunks } from '../../src/io/decode.js';
import { readCsv, type CsvOptions } from '../../src/items/csv.js';
import { resolveHeader } from '../../src/items/header.js';

/**
 * The suite's data, copied unchanged into the repository (see its README for source and
 * licence; .gitattributes keeps git from touching its line endings), so a clean clone tests
 * it with nothing beside it.
 */
const SUITE = fileURLToPath(new URL('./csv-spectrum', import.meta.url));
const CSVS = join(SUITE, 'csvs');
const JSONS = join(SUITE, 'json');
const NAMES = readdirSync(CSVS)
  .filter((name) => name.endsWith('.csv'))
  .map((name) => name.slice(0, -'.csv'.length))
  .sort();
const EXCEPTION = 'location_coordinates';

/** The records of a file, as the item reader reads them: streamed, strict UTF-8, header names checked. */
async function records(name: string, options: CsvOptions = {}): Promise<Array<Record<string, unknown>>> {
  const file = join(CSVS, `${name}.csv`);
  const stream = createReadStream(file, { highWaterMark: 65536 }) as AsyncIterable<Buffer>;
  const names = (cells: Parameters<typeof resolveHeader>[0], shown: string): string[] => resolveHeader(cells, shown, new Set(), {});
  const rows: Array<Record<string, unknown>> = [];
  for await (const batch of readCsv(decodeChunks(stream, file), file, names, options)) {
    for (const record of batch) rows.push({ ...record.values });
  }
  return rows;
}

function expected(name: string): unknown {
  return JSON.parse(readFileSync(join(JSONS, `${name}.json`), 'utf8'));
}

describe('csv-spectrum', () => {
  it('is the unchanged copy its SHA256SUMS describes (CRLF files included)', () => {
    const sums = readFileSync(join(SUITE, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums).toHaveLength(24);
    for (const line of sums) {
      const [hash, path] = line.split(/\s+\*?/) as [string, string];
      expect(createHash('sha256').update(readFileSync(join(SUITE, path))).digest('hex'), path).toBe(hash);
    }
    expect(NAMES).toHaveLength(12);
  });

  for (const name of NAMES.filter((n) => n !== EXCEPTION)) {
    it(`${name}: the records equal the expected JSON`, async () => {
      expect(await records(name)).toEqual(expected(name));
    });
  }

  it(`${EXCEPTION}: strict, a clear error at line 2 naming the column, the quote and the fix`, async () => {
    const error = (await records(EXCEPTION).catch((e: unknown) => e)) as TriageError;
    expect(error).toBeInstanceOf(TriageError);
    const file = join(CSVS, `${EXCEPTION}.csv`);
    expect({ code: error.code, message: error.message, position: error.position, hint: error.hint }).toEqual({
      code: 'syntax',
      message: 'a double quote inside an unquoted field (column "Location Coordinates")',
      position: { file, line: 2, column: 22 },
      hint: 'quote the whole field and double the inner quotes (""), or pass --relax',
    });
    // Column 22 is the quote (counted in characters, the two U+FFFD included).
    const line2 = readFileSync(file, 'utf8').split('\n')[1] as string;
    expect(line2.charAt(21)).toBe('"');
  });

  it(`${EXCEPTION}: relaxed, the JSON's values for the three fields it has right`, async () => {
    const rows = await records(EXCEPTION, { relax: true });
    expect(rows).toHaveLength(1);
    // The upstream JSON is one object, and its phone number differs from the CSV (README).
    const { 'Contact Phone Number': _phone, ...others } = expected(EXCEPTION) as Record<string, string>;
    const { 'Contact Phone Number': phone, ...got } = rows[0] as Record<string, string>;
    expect(got).toEqual(others);
    expect(phone).toBe('2095257564');
  });
});
