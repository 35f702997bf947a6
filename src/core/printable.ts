/**
 * Text from files, made safe to show on a terminal. A terminal acts on control characters: an
 * escape sequence can move the cursor, clear the screen, retitle the window or write the
 * clipboard; a carriage return overwrites the line; bidirectional controls reorder what is
 * shown. Other characters show nothing at all: a zero-width space, a soft hyphen, a tag
 * character can hide text, or make two different ids look the same. An item's title or an
 * unexpected value quoted in a message could hold any of them, so each is shown as an escape
 * instead (`\u001b`, `\r`, `\u200b`, `\u{e0041}`): what the file holds is what people see.
 *
 * `printable` is the one function every piece of file-derived text goes through on its way
 * to a terminal; `printableData` applies it to every string of a value before it is coloured.
 */

/*
 * What is escaped: C0 controls but tab (and line feed when the text is several lines), DEL,
 * C1 controls, line and paragraph separators; and the characters that show nothing: format
 * characters (Cf: zero-width space and joiners, soft hyphen, word joiner, byte order mark,
 * bidi controls, tag characters U+E0000-E007F), the other default-ignorable code points
 * (variation selectors, Hangul fillers, combining grapheme joiner, reserved ranges),
 * noncharacters (U+FDD0-FDEF, U+xFFFE, U+xFFFF) and surrogates that are not half of a pair.
 * The four patterns below are that one class, with and without the line feed; a line feed
 * kept is not matched at all, so text of many lines has no match in the common case.
 */
const ESCAPED = /[\n\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Cs}]/u;
const ESCAPED_ALL = /[\n\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Cs}]/gu;
const ESCAPED_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Cs}]/u;
const ESCAPED_IN_LINES_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Cs}]/gu;
/** What acts on a terminal, for `holdsControl`: the controls above but line feed, and bidi controls. */
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** A colour sequence (SGR), the only escape sequence the tool writes itself. */
const SGR = /\u001b\[[0-9;]*m/y;

// What decides whether an invisible character is part of something visible (see `partOfVisible`).
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;
const IDEOGRAPH = /^\p{Ideographic}$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** Scripts whose letters join or form conjuncts, where ZWJ and ZWNJ change the glyphs shown. */
const JOINING_SCRIPT =
  /^[\p{scx=Arabic}\p{scx=Syriac}\p{scx=Nko}\p{scx=Mongolian}\p{scx=Devanagari}\p{scx=Bengali}\p{scx=Gurmukhi}\p{scx=Gujarati}\p{scx=Oriya}\p{scx=Tamil}\p{scx=Telugu}\p{scx=Kannada}\p{scx=Malayalam}\p{scx=Sinhala}]$/u;
const KEYCAP_BASE = /^[#*0-9]$/;
const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const VS15 = '\ufe0e';
const VS16 = '\ufe0f';
const KEYCAP = '\u20e3';

const NO_CHARACTERS: readonly string[] = Object.freeze([]);

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\u0000': '\\0' };

export interface PrintableOptions {
  /** Keep line feeds: the text is several lines (a table, an explanation), not one; not shortened. */
  lines?: boolean;
  /** Keep colour sequences: the text was coloured for a terminal that allows it. */
  colour?: boolean;
  /** Never shorten: the text is offered for editing (a prompt's default), not only read. */
  whole?: boolean;
}

/**
 * Longest single line shown: a message that quotes a value from a file (a 180 KB cell, say)
 * keeps its start, where it says what is wrong, and its end, where it says what to do.
 */
export const MAX_LINE = 1000;
const KEEP_START = 600;
const KEEP_END = 300;

/**
 * The text with every control character a terminal would act on, and every character that
 * shows nothing, written as an escape. Joiners and variation selectors inside emoji, keycaps,
 * ideographic variants and the scripts that join letters are kept: there they change what is
 * shown, so they are not invisible.
 */
export function printable(text: string, options: PrintableOptions = {}): string {
  const shown = escapeHidden(text, options);
  if (options.lines || options.whole || shown.length <= MAX_LINE) return shown;
  const cut = shown.length - KEEP_START - KEEP_END;
  return `${shown.slice(0, KEEP_START)} … (${cut.toLocaleString('en-GB')} characters left out) … ${shown.slice(-KEEP_END)}`;
}

function escapeHidden(text: string, options: PrintableOptions): string {
  if (!(options.lines ? ESCAPED_IN_LINES : ESCAPED).test(text)) return text;
  return text.replace(options.lines ? ESCAPED_IN_LINES_ALL : ESCAPED_ALL, (c: string, offset: number) => {
    if (c === '\u001b' && options.colour) {
      SGR.lastIndex = offset;
      if (SGR.test(text)) return c;
    }
    if (partOfVisible(text, c, offset)) return c;
    return escapeOf(c);
  });
}

/** `\n`, `\u200b`, `\u{e0041}`: how one character is shown. */
export function escapeOf(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.codePointAt(0) as number;
  const hex = code.toString(16);
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * True when the text holds a character a terminal acts on (an escape, a carriage return, a
 * bidi control); tabs and line feeds are not counted.
 */
export function holdsControl(text: string): boolean {
  return CONTROL_IN_LINES.test(text);
}

/** The characters `printable` would show as escapes (controls and invisible ones), in order. */
export function hiddenCharacters(text: string): readonly string[] {
  if (!ESCAPED.test(text)) return NO_CHARACTERS;
  const found: string[] = [];
  for (const match of text.matchAll(ESCAPED_ALL)) {
    if (!partOfVisible(text, match[0], match.index)) found.push(match[0]);
  }
  return found;
}

/** The text without the characters `printable` would show as escapes: what a person sees of it. */
export function withoutHidden(text: string): string {
  if (!ESCAPED.test(text)) return text;
  return text.replace(ESCAPED_ALL, (c: string, offset: number) => (partOfVisible(text, c, offset) ? c : ''));
}

/**
 * An invisible character that is part of a visible sequence: a ZWJ between emoji (👩‍🚀), an
 * emoji or text presentation selector after an emoji (❤️) or in a keycap (1️⃣), a variation
 * selector after an ideograph (a variant of a Han character, as names use), a ZWJ or ZWNJ
 * between letters of a script whose letters join (Persian, Hindi, ...). Anywhere else, and
 * in Latin, Greek or Cyrillic text, they are escaped. Tag characters are always escaped,
 * emoji subdivision flags included: they can carry whole hidden sentences.
 */
function partOfVisible(text: string, c: string, offset: number): boolean {
  if (c === ZWJ || c === ZWNJ) {
    const before = codePointBefore(text, offset);
    const after = codePointAfter(text, offset + 1);
    if (before === undefined || after === undefined) return false;
    if (c === ZWJ && (PICTOGRAPH.test(before) || EMOJI_MODIFIER.test(before) || before === VS16) && PICTOGRAPH.test(after)) return true;
    return LETTER_OR_MARK.test(before) && JOINING_SCRIPT.test(before) && LETTER_OR_MARK.test(after) && JOINING_SCRIPT.test(after);
  }
  if (c === VS15 || c === VS16) {
    const before = codePointBefore(text, offset);
    if (before === undefined) return false;
    if (PICTOGRAPH.test(before)) return true;
    return KEYCAP_BASE.test(before) && text[offset + 1] === KEYCAP;
  }
  const code = c.codePointAt(0) as number;
  if ((code >= 0xfe00 && code <= 0xfe0d) || (code >= 0xe0100 && code <= 0xe01ef)) {
    const before = codePointBefore(text, offset);
    return before !== undefined && IDEOGRAPH.test(before);
  }
  return false;
}

/** The whole code point that ends just before `offset`. */
function codePointBefore(text: string, offset: number): string | undefined {
  if (offset <= 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && offset >= 2 && isHighSurrogate(text.charCodeAt(offset - 2)) ? offset - 2 : offset - 1;
  return text.slice(start, offset);
}

/** The whole code point that starts at `offset`. */
function codePointAfter(text: string, offset: number): string | undefined {
  if (offset >= text.length) return undefined;
  const code = text.codePointAt(offset) as number;
  return String.fromCodePoint(code);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * A copy of plain data (objects, arrays, strings) with every string made printable; anything
 * else is kept as it is. For text from files that is about to be coloured: the final
 * `printable(..., { colour: true })` pass lets colour sequences through, so an item's own
 * must be escaped before colouring mixes them with the tool's.
 */
export function printableData<T>(value: T): T {
  if (typeof value === 'string') return printable(value, { lines: true }) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => printableData(entry)) as T;
  if (value === null || typeof value !== 'object' || !isPlainData(value)) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const [key, entry] of Object.entries(value)) copy[key] = printableData(entry);
  return copy as T;
}

/**
 * An object that is only data: its prototypes, if any, are `Object.prototype` or objects with
 * no properties of their own (item values use a frozen empty prototype so a field named
 * `constructor` is just a field). A class instance, a Map or a Date is not.
 */
function isPlainData(value: object): boolean {
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (proto === Object.prototype) return true;
    if (Reflect.ownKeys(proto as object).length > 0) return false;
  }
  return true;
}
