/** The change to a principle set as a unified diff: hunks with context, as diff -u writes them. */
import { describe, expect, it } from 'vitest';
import { changedLines, unifiedDiff } from '../../../src/core/calibrate/line-diff.js';

const lines = (n: number, changed: Record<number, string> = {}): string =>
  `${Array.from({ length: n }, (_, k) => changed[k + 1] ?? `line ${k + 1}`).join('\n')}\n`;

describe('changedLines', () => {
  it('lists each changed line, old and new', () => {
    expect(changedLines(lines(5), lines(5, { 2: 'two', 5: 'five' }))).toEqual([
      { line: 2, before: 'line 2', after: 'two' },
      { line: 5, before: 'line 5', after: 'five' },
    ]);
  });

  it('refuses texts whose lines were added or removed', () => {
    expect(() => changedLines('a\nb\n', 'a\n')).toThrow('the texts must have the same lines, changed in place');
  });
});

describe('unifiedDiff', () => {
  it('is empty when nothing changed', () => {
    expect(unifiedDiff(lines(3), lines(3), 'a/x', 'b/x')).toBe('');
  });

  it('gives each change three lines of context, and joins changes whose context meets', () => {
    expect(unifiedDiff(lines(20), lines(20, { 4: 'four', 10: 'ten', 18: 'eighteen' }), 'a/set.yaml', 'b/set.yaml')).toBe(
      [
        '--- a/set.yaml',
        '+++ b/set.yaml',
        '@@ -1,13 +1,13 @@',
        ' line 1',
        ' line 2',
        ' line 3',
        '-line 4',
        '+four',
        ' line 5',
        ' line 6',
        ' line 7',
        ' line 8',
        ' line 9',
        '-line 10',
        '+ten',
        ' line 11',
        ' line 12',
        ' line 13',
        '@@ -15,6 +15,6 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        '+eighteen',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('puts the old lines of neighbouring changes before the new ones, and marks a last line with no newline', () => {
    expect(unifiedDiff('a\nb\nc', 'a\nB\nC', 'x', 'x', 1)).toBe(
      ['--- x', '+++ x', '@@ -1,3 +1,3 @@', ' a', '-b', '-c', '\\ No newline at end of file', '+B', '+C', '\\ No newline at end of file', ''].join('\n'),
    );
  });

  it('keeps carriage returns in the lines of a CRLF file', () => {
    expect(unifiedDiff('a\r\nb\r\n', 'a\r\nB\r\n', 'x', 'x')).toBe(['--- x', '+++ x', '@@ -1,2 +1,2 @@', ' a\r', '-b\r', '+B\r', ''].join('\n'));
  });
});
