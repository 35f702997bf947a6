/**
 * csvRow is hand-written for speed (a million-row CSV); it must write exactly what
 * csv-stringify wrote before it, for any text.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRow } from '../../src/formats/csv.js';
import { neutraliseFormula } from '../../src/formats/formula.js';

const reference = (cells: string[]): string => stringify([cells.map(neutraliseFormula)], { record_delimiter: 'unix', quoted_match: [/\r/] });

describe('csvRow', () => {
  it('matches csv-stringify byte for byte on any text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 8 }), (cells) => {
        expect(csvRow(cells)).toBe(reference(cells));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches it on the characters that matter: quotes, delimiters, line breaks, formula triggers', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ a-z0-9",\r\n\t;=+\-@]{0,8}$/), { minLength: 1, maxLength: 6 }), (cells) => {
        expect(csvRow(cells)).toBe(reference(cells));
      }),
      { numRuns: 3000 },
    );
  });

  it('quotes a lone carriage return and doubles inner quotes', () => {
    expect(csvRow(['a\rb', 'say "hi"', 'x,y', ''])).toBe('"a\rb","say ""hi""","x,y",\n');
  });
});
