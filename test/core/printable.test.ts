/** `printable`: what it escapes, what it keeps, and `printableData` over item-shaped values. */
import { describe, expect, it } from 'vitest';
import { escapeOf, hiddenCharacters, holdsControl, printable, printableData, withoutHidden } from '../../src/core/printable.js';

const ESC = '\u001b';

describe('printable: characters that show nothing', () => {
  it.each([
    ['zero-width space', 'WI\u200b-01', 'WI\\u200b-01'],
    ['soft hyphen', 'soft\u00adhyphen', 'soft\\u00adhyphen'],
    ['word joiner', 'a\u2060b', 'a\\u2060b'],
    ['byte order mark', '\ufeffid', '\\ufeffid'],
    ['tag characters', 'T-1\u{e0041}\u{e0042}', 'T-1\\u{e0041}\\u{e0042}'],
    ['Hangul filler', '\u3164x', '\\u3164x'],
    ['combining grapheme joiner', 'a\u034fb', 'a\\u034fb'],
    ['noncharacter', 'a\ufdd0b\u{10ffff}', 'a\\ufdd0b\\u{10ffff}'],
    ['lone surrogate', 'a\ud800b', 'a\\ud800b'],
    ['ZWJ between Latin letters', 'W\u200dI', 'W\\u200dI'],
    ['ZWNJ between Latin letters', 'W\u200cI', 'W\\u200cI'],
    ['ZWJ at the start', '\u200d🚀', '\\u200d🚀'],
    ['variation selector after a digit (not a keycap)', 'WI-0\ufe0f1', 'WI-0\\ufe0f1'],
    ['variation selector after a Latin letter', 'a\u{e0100}', 'a\\u{e0100}'],
    ['emoji subdivision flag (tag characters)', '🏴\u{e0067}\u{e0062}\u{e007f}', '🏴\\u{e0067}\\u{e0062}\\u{e007f}'],
    ['bidi override', '\u202eevil', '\\u202eevil'],
  ])('escapes a %s', (_what, text, shown) => {
    expect(printable(text)).toBe(shown);
    expect(printable(text, { lines: true, colour: true })).toBe(shown);
  });

  it.each([
    ['an emoji ZWJ sequence', 'astronaut 👩‍🚀'],
    ['a ZWJ sequence after a skin tone', '👨🏽‍🚀'],
    ['a ZWJ sequence after a presentation selector', '❤️‍🔥'],
    ['an emoji presentation selector', 'heart ❤️'],
    ['a keycap', 'key 1️⃣ #️⃣'],
    ['an ideographic variation selector', '葛\u{e0100}城'],
    ['ZWNJ in Persian', 'می\u200cخواهم'],
    ['ZWJ in Devanagari', 'क्\u200dष'],
    ['ordinary text', 'café, 漢字, naïve — “quoted”\ttab'],
  ])('keeps %s as it is', (_what, text) => {
    expect(printable(text)).toBe(text);
    expect(hiddenCharacters(text)).toEqual([]);
  });

  it("keeps the tool's colour only when asked, and never an item's other escapes", () => {
    expect(printable(`${ESC}[1mbold${ESC}[22m\u200b`, { colour: true })).toBe(`${ESC}[1mbold${ESC}[22m\\u200b`);
    expect(printable(`${ESC}[1mbold`)).toBe('\\u001b[1mbold');
  });

  it('writes astral characters as \\u{...} and others as four hex digits', () => {
    expect(escapeOf('\u{e0041}')).toBe('\\u{e0041}');
    expect(escapeOf('\u00ad')).toBe('\\u00ad');
    expect(escapeOf('\n')).toBe('\\n');
  });

  it('does not shorten with whole, as a prompt default must stay editable', () => {
    const long = `${'x'.repeat(2000)}\u200b`;
    expect(printable(long, { whole: true })).toBe(`${'x'.repeat(2000)}\\u200b`);
    expect(printable(long).length).toBeLessThan(1000);
  });
});

describe('hiddenCharacters and withoutHidden', () => {
  it('list and drop exactly what printable escapes', () => {
    const text = `W\u200bI\u00ad-0${ESC}1 👩‍🚀`;
    expect(hiddenCharacters(text)).toEqual(['\u200b', '\u00ad', ESC]);
    expect(withoutHidden(text)).toBe('WI-01 👩‍🚀');
  });
});

describe('holdsControl', () => {
  it('is true for what acts on a terminal, not for line feeds, tabs or invisible characters', () => {
    expect(holdsControl(`a${ESC}[8m`)).toBe(true);
    expect(holdsControl('a\rb')).toBe(true);
    expect(holdsControl('a\u202eb')).toBe(true);
    expect(holdsControl('one\ntwo\tthree')).toBe(false);
    expect(holdsControl('soft\u00adhyphen\u200b')).toBe(false);
  });
});

describe('printableData', () => {
  it('reaches values on a frozen empty prototype, as item values are made', () => {
    const values = Object.create(Object.freeze(Object.create(null) as object)) as Record<string, unknown>;
    values['description'] = `desc ${ESC}[31mred`;
    values['tags'] = Object.freeze([`a${ESC}[8m`, 'b']);
    const copy = printableData({ item: { values } });
    expect(copy.item.values['description']).toBe('desc \\u001b[31mred');
    expect(copy.item.values['tags']).toEqual(['a\\u001b[8m', 'b']);
    expect(Object.getPrototypeOf(copy.item.values)).toBe(Object.getPrototypeOf(values));
  });

  it('leaves class instances, Maps and Dates as they are', () => {
    class Box {
      constructor(readonly text: string) {}
    }
    const box = new Box(`${ESC}[8m`);
    const map = new Map([['k', `${ESC}[8m`]]);
    const date = new Date(0);
    const copy = printableData({ box, map, date });
    expect(copy.box).toBe(box);
    expect(copy.map).toBe(map);
    expect(copy.date).toBe(date);
  });
});
