import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex, type FirstSeen } from '../../src/items/id-index.js';

describe('IdIndex', () => {
  it('answers exactly as a Map of ids to first positions would, for any ids', () => {
    const entry = fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.nat(), fc.nat(100_000), fc.constantFrom('a.csv', 'b.csv', '<stdin>'));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), (entries) => {
        const index = new IdIndex();
        const reference = new Map<string, FirstSeen>();
        for (const [id, line, column, file] of entries) {
          expect(index.add(id, { file, line, column })).toEqual(reference.get(id));
          if (!reference.has(id)) reference.set(id, { file, line, column });
        }
        expect(index.size).toBe(reference.size);
      }),
      { numRuns: 500 },
    );
  });

  it('answers as a Map would for ids that share their starts, in any order of lines, columns and files', () => {
    // Long starts from a few, so most ids begin as an earlier one does and are written relative to it.
    const start = fc.constantFrom('WI-00000', 'WI-00001', 'PROJ-\u00e9\u00e9-', '\uffff\uffff\uffff\uffff', '');
    const id = fc.tuple(start, fc.nat(40), fc.constantFrom('', 'x', '\uffff')).map(([head, number, tail]) => `${head}${number}${tail}`);
    // Lines mostly go up a little, as in one file read in order, and sometimes back or far on.
    const step = fc.oneof({ arbitrary: fc.integer({ min: -3, max: 5 }), weight: 30 }, { arbitrary: fc.constant(2 ** 40), weight: 1 });
    const entry = fc.tuple(id, step, fc.constantFrom(1, 1, 1, 2, 300), fc.constantFrom('a.csv', 'a.csv', 'b.csv'));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 400 }), (entries) => {
        const index = new IdIndex();
        const reference = new Map<string, FirstSeen>();
        let line = 1;
        for (const [text, by, column, file] of entries) {
          line = Math.max(0, line + by);
          expect(index.add(text, { file, line, column })).toEqual(reference.get(text));
          if (!reference.has(text)) reference.set(text, { file, line, column });
        }
        expect(index.size).toBe(reference.size);
      }),
      { numRuns: 500 },
    );
  });

  it('answers for ids given as UTF-16 units packed in one array exactly as for the same ids as strings', () => {
    const id = fc.string({ unit: 'binary', maxLength: 200 });
    fc.assert(
      fc.property(fc.array(id, { maxLength: 200 }), (ids) => {
        // As a --jobs range sends them: every id's units end to end, after some units of no id.
        const packed = new Uint16Array(7 + ids.reduce((sum, text) => sum + text.length, 0));
        const ends: number[] = [];
        let at = 7;
        for (const text of ids) {
          for (let k = 0; k < text.length; k++) packed[at + k] = text.charCodeAt(k);
          at += text.length;
          ends.push(at);
        }
        const byText = new IdIndex();
        const byUnits = new IdIndex();
        ids.forEach((text, k) => {
          const where = { file: 'a.csv', line: k + 2, column: 1 };
          expect(byUnits.addUnits(packed, k === 0 ? 7 : (ends[k - 1] as number), ends[k] as number, where)).toEqual(byText.add(text, where));
        });
        expect(byUnits.size).toBe(byText.size);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a hundred thousand ids across many blocks and finds the first of each', () => {
    const index = new IdIndex();
    for (let k = 0; k < 100_000; k++) expect(index.add(`WI-${k}`, { file: 'big.csv', line: k + 2, column: 1 })).toBeUndefined();
    expect(index.add('WI-99999', { file: 'other.csv', line: 1, column: 1 })).toEqual({ file: 'big.csv', line: 100_001, column: 1 });
    expect(index.add('WI-0', { file: 'other.csv', line: 1, column: 1 })).toEqual({ file: 'big.csv', line: 2, column: 1 });
    // Every id, the first in a block or not, whole or written relative to an earlier one.
    for (let k = 0; k < 100_000; k += 7) expect(index.add(`WI-${k}`, { file: 'x', line: 1, column: 1 })).toEqual({ file: 'big.csv', line: k + 2, column: 1 });
    expect(index.size).toBe(100_000);
  });

  it('gives back the line, column and file of ids written relative to an earlier one, whichever way they differ', () => {
    const index = new IdIndex();
    const where = (k: number): FirstSeen => ({ file: k % 3 === 2 ? 'b.csv' : 'a.csv', line: 20_000 - 7 * k, column: k % 4 === 3 ? 2 : 1 });
    for (let k = 0; k < 2000; k++) expect(index.add(`WI-${100_000 + k}`, where(k))).toBeUndefined();
    for (let k = 0; k < 2000; k++) expect(index.add(`WI-${100_000 + k}`, { file: 'c.csv', line: 1, column: 1 })).toEqual(where(k));
    // An id that is another's start, or has another as its start, is not that other id.
    expect(index.add('WI-10000', { file: 'c.csv', line: 1, column: 1 })).toBeUndefined();
    expect(index.add('WI-1000000', { file: 'c.csv', line: 1, column: 1 })).toBeUndefined();
    expect(index.size).toBe(2002);
  });

  it('stores ids of any length and any characters, and lines past 2^31', () => {
    const index = new IdIndex();
    const long = 'é'.repeat(50_000) + '\uD83D\uDE00';
    index.add(long, { file: 'f', line: 2 ** 40, column: 70_000 });
    expect(index.add(long, { file: 'g', line: 1, column: 1 })).toEqual({ file: 'f', line: 2 ** 40, column: 70_000 });
    expect(index.add(long.slice(0, -1), { file: 'g', line: 1, column: 1 })).toBeUndefined();
  });
});
