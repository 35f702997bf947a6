import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScanner, CsvSyntaxError, locateCell, type ScanOptions } from '../../src/items/csv-scan.js';

const OPTIONS: ScanOptions = { delimiter: ',', relax: false, maxRecordSize: 1 << 20 };

/** Scan a text given in chunks; each record as its cells and starting line. */
function scan(chunks: string[], options: Partial<ScanOptions> = {}): Array<{ cells: string[]; line: number }> {
  const scanner = new CsvScanner({ ...OPTIONS, ...options });
  const records = [...chunks.flatMap((chunk) => scanner.push(chunk)), ...scanner.end()];
  return records.map(({ cells, line }) => ({ cells, line }));
}

function scanError(text: string, options: Partial<ScanOptions> = {}): CsvSyntaxError {
  try {
    scan([text], options);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CSV syntax error');
}

/** The text cut into pieces at the given offsets. */
function cut(text: string, offsets: number[]): string[] {
  const points = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

describe('CsvScanner', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks, and the line each record starts on', () => {
    const text = 'id,title\r\nA,"one, two"\n\nB,"say ""hi"""\rC,"two\r\nlines"\nD,last';
    expect(scan([text])).toEqual([
      { cells: ['id', 'title'], line: 1 },
      { cells: ['A', 'one, two'], line: 2 },
      { cells: ['B', 'say "hi"'], line: 4 },
      { cells: ['C', 'two\r\nlines'], line: 5 },
      { cells: ['D', 'last'], line: 7 },
    ]);
  });

  it('numbers the records after the first from further on when told the text leaves lines out (a --jobs range)', () => {
    // The header, then a range that starts on line 1001 of its file: the same lines as 999 blank lines between.
    const range = 'A,"two\nlines"\nB,x\n';
    const expected = scan(['id,title\n' + '\n'.repeat(999) + range]);
    expect(expected.map((r) => r.line)).toEqual([1, 1001, 1003]);
    for (let k = 0; k <= 9 + range.length; k++) expect(scan(cut('id,title\n' + range, [k]), { linesAfterFirst: 999 })).toEqual(expected);
    expect(scanError('id,title\nA,"open\n', { linesAfterFirst: 41 }).line).toBe(43);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'a,"b\r\nc"\r\n"""",d\r\n\r\ne,\r\n';
    const whole = scan([text]);
    for (let k = 0; k <= text.length; k++) expect(scan(cut(text, [k]))).toEqual(whole);
  });

  it('agrees with csv-parse on any table of cells, in any chunks', () => {
    const cell = fc.stringMatching(/^[a-z ",\r\n;]{0,6}$/);
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom('\n', '\r\n'), (rows, offsets, newline) => {
        // A row of one empty line would be skipped by both: keep every row non-empty.
        const text = rows.map((row) => row.map(quote).join(',') || '""').join(newline) + newline;
        const expected = parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
        expect(scan(cut(text, offsets)).map((r) => r.cells)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('splits on a semicolon, a tab or a pipe when told to', () => {
    expect(scan(['a;"b;c";x\ty|z\n'], { delimiter: ';' }).map((r) => r.cells)).toEqual([['a', 'b;c', 'x\ty|z']]);
    expect(scan(['a\tb|c\n'], { delimiter: '\t' }).map((r) => r.cells)).toEqual([['a', 'b|c']]);
    expect(scan(['a|b\tc\n'], { delimiter: '|' }).map((r) => r.cells)).toEqual([['a', 'b\tc']]);
  });

  it('refuses an unclosed quote at the line its record starts on', () => {
    expect(scanError('id,title\nA,"one\nB,two\n')).toMatchObject({ kind: 'unclosed-quote', line: 2, field: 1 });
  });

  it('refuses text after a closing quote, and a quote inside an unquoted cell unless relaxed', () => {
    expect(scanError('a,"b"c\n')).toMatchObject({ kind: 'text-after-quote', line: 1, field: 1 });
    expect(scanError('x\na,b"c\n')).toMatchObject({ kind: 'quote-in-unquoted', line: 2, field: 1 });
    expect(scan(['a,b"c\n'], { relax: true }).map((r) => r.cells)).toEqual([['a', 'b"c']]);
  });

  it('refuses a record larger than the limit, complete or not', () => {
    expect(scanError('a,bbbbbbbbbb\n', { maxRecordSize: 8 })).toMatchObject({ kind: 'record-too-large', line: 1 });
    const scanner = new CsvScanner({ ...OPTIONS, maxRecordSize: 8 });
    expect(() => scanner.push('a,"bbbbbbbbbb')).toThrow(CsvSyntaxError);
  });

  it('locates a cell by line and column, across quoted line breaks', () => {
    const text = 'x\nA,"two\nlines",C';
    expect(locateCell(text, 2, 2, 0, ',')).toEqual({ line: 2, column: 1 });
    expect(locateCell(text, 2, 2, 1, ',')).toEqual({ line: 2, column: 3 });
    expect(locateCell(text, 2, 2, 2, ',')).toEqual({ line: 3, column: 8 });
  });
});
