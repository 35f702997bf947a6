/**
 * CSV written by `-f csv` reads back, through our own reader, as the values written: for any
 * text (quotes, commas, line breaks, lone carriage returns, unicode), the one change being the
 * documented one, a leading `'` on a cell a spreadsheet could run as a formula.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import type { WorkItem } from '../../src/core/types.js';
import { csvFormat, csvRow } from '../../src/formats/csv.js';
import { decodeChunks } from '../../src/io/decode.js';
import { readCsv, type HeaderCell } from '../../src/items/csv.js';
import { fixedContext } from '../formats/helpers.js';
import { unionPolicy } from '../helpers/policy.js';

/**
 * The transformation the analyst guide documents ("Output formats", CSV), written out again here
 * from its words rather than taken from the code: a cell starting with `=`, `+`, `-`, `@`, a
 * tab, a carriage return, a line feed or NUL, or the full-width `＝ ＋ － ＠`, also behind
 * leading spaces (and the other blanks a spreadsheet skips), gets a leading `'`; plain
 * numbers such as `-2` or `+3.5` stay as they are.
 */
function documented(cell: string): string {
  if (cell === '' || /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell)) return cell;
  if (/^[\t\r\n\0]/.test(cell)) return `'${cell}`;
  const first = cell.replace(/^[\s\0-\x1f\u00a0\u3000\ufeff]+/, '').charAt(0);
  return '=+-@\uff1d\uff0b\uff0d\uff20'.includes(first) && first !== '' ? `'${cell}` : cell;
}

/** Text that tests a CSV writer: its special characters, formula starters, blanks and any unicode. */
const nasty = fc.string({
  unit: fc.constantFrom(...Array.from(',"\'\n\r\t =+-@;|\u0000\u00a0\u3000\ufeff\uff1d\uff0b\uff0d\uff20éß😀\u2028'), 'a', '1', '.'),
  maxLength: 12,
});
/** Any text a UTF-8 file can hold (a lone surrogate cannot be written, so it is not one). */
const anyText = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => Buffer.from(s, 'utf8').toString('utf8') === s);
const text = fc.oneof(anyText, nasty, fc.constantFrom('-2', '+3.5', '1e6', '=SUM(A1:A2)', ' =1', '@cmd', '\n=1', '"', '""', '\r', '\r\n'));

/** Read a CSV text back with the project's reader, cut into chunks at the given places. */
async function readBack(csv: string, cuts: number[]): Promise<Array<Record<string, string>>> {
  const bytes = Buffer.from(csv, 'utf8');
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of [...points, bytes.length]) {
    if (at > from) pieces.push(bytes.subarray(from, at));
    from = Math.max(from, at);
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* pieces;
  }
  const names = (cells: HeaderCell[]): string[] => cells.map((cell) => cell.name);
  const rows: Array<Record<string, string>> = [];
  for await (const batch of readCsv(decodeChunks(chunks(), 'roundtrip.csv'), 'roundtrip.csv', names)) {
    for (const record of batch) rows.push({ ...(record.values as Record<string, string>) });
  }
  return rows;
}

describe('CSV round trip', () => {
  it('gives back every cell a row held, neutralised as documented, however the text is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, cuts) => {
          // A first column that is never blank: the reader skips rows with nothing in them.
          const csv = csvRow(['key', 'a', 'b', 'c']) + rows.map((cells, k) => csvRow([`row-${k}`, ...cells])).join('');
          const back = await readBack(csv, cuts);
          expect(back).toEqual(
            rows.map((cells, k) => ({
              key: `row-${k}`,
              a: documented(cells[0] as string),
              b: documented(cells[1] as string),
              c: documented(cells[2] as string),
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives back the id, the title and kept columns of items scored with -f csv', async () => {
    const policy = unionPolicy();
    const context = fixedContext(policy, { keepColumns: ['owner', 'notes'] });
    const id = text.filter((s) => s.trim() !== '');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id, title: text, owner: text, notes: text }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (records, cuts) => {
          const sink = csvFormat.create(context);
          let csv = '';
          records.forEach((r, k) => {
            const values = { id: r.id, title: r.title, ...(r.owner === '' ? {} : { owner: r.owner }) } as WorkItem['values'];
            const item: WorkItem = {
              id: r.id,
              title: r.title,
              values,
              extra: r.notes === '' ? {} : { notes: r.notes },
              source: { file: 'x.csv', line: k + 2 },
            };
            csv += sink.write({ item, assessment: assess(policy, item) }) ?? '';
          });
          const back = await readBack(csv, cuts);
          expect(back.map((row) => [row['id'], row['title'], row['owner'], row['notes']])).toEqual(
            records.map((r) => [documented(r.id), documented(r.title), documented(r.owner), documented(r.notes)]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('neutralises exactly the cells the analyst guide names, and nothing else', () => {
    const cases: Array<[string, string]> = [
      ['=1+2', "'=1+2"],
      ['+44 20', "'+44 20"],
      ['-x', "'-x"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1', "'\t=1"],
      ['\r=1', "'\r=1"],
      ['\n=1', "'\n=1"],
      ['\u0000', "'\u0000"],
      ['\uff1d1', "'\uff1d1"],
      ['\uff0b1', "'\uff0b1"],
      ['\uff0d1', "'\uff0d1"],
      ['\uff20a', "'\uff20a"],
      ['   =1', "'   =1"],
      ['\u3000=1', "'\u3000=1"],
      ['-2', '-2'],
      ['+3.5', '+3.5'],
      ['1e6', '1e6'],
      ['a=b', 'a=b'],
      ['', ''],
      [' ', ' '],
    ];
    expect(cases.map(([cell]) => [cell, documented(cell)])).toEqual(cases);
    const written = csvRow(cases.map(([cell]) => cell));
    expect(written).toBe(`${cases.map(([, out]) => (/[",\n\r]/.test(out) ? `"${out.replaceAll('"', '""')}"` : out)).join(',')}\n`);
  });
});
