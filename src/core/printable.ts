/**
 * Text from files, made safe to show on a terminal. A terminal acts on control characters: an
 * escape sequence can move the cursor, clear the screen, retitle the window or write the
 * clipboard; a carriage return overwrites the line; bidirectional controls reorder what is
 * shown. An item's title or an unexpected value quoted in a message could hold any of them, so
 * each is shown as an escape instead (`\u001b`, `\r`): what the file holds is what people see.
 */

/** C0 controls but tab, DEL, C1 controls, line and paragraph separators, bidi controls. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** A colour sequence (SGR), the only escape sequence the tool writes itself. */
const SGR = /\u001b\[[0-9;]*m/y;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\u0000': '\\0' };

export interface PrintableOptions {
  /** Keep line feeds: the text is several lines (a table, an explanation), not one; not shortened. */
  lines?: boolean;
  /** Keep colour sequences: the text was coloured for a terminal that allows it. */
  colour?: boolean;
}

/**
 * Longest single line shown: a message that quotes a value from a file (a 180 KB cell, say)
 * keeps its start, where it says what is wrong, and its end, where it says what to do.
 */
export const MAX_LINE = 1000;
const KEEP_START = 600;
const KEEP_END = 300;

/** The text with every control character a terminal would act on written as an escape. */
export function printable(text: string, options: PrintableOptions = {}): string {
  const shown = escapeControls(text, options);
  if (options.lines || shown.length <= MAX_LINE) return shown;
  const cut = shown.length - KEEP_START - KEEP_END;
  return `${shown.slice(0, KEEP_START)} … (${cut.toLocaleString('en-GB')} characters left out) … ${shown.slice(-KEEP_END)}`;
}

function escapeControls(text: string, options: PrintableOptions): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c: string, offset: number) => {
    if (c === '\n' && options.lines) return c;
    if (c === '\u001b' && options.colour) {
      SGR.lastIndex = offset;
      if (SGR.test(text)) return c;
    }
    return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
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
  if (value === null || typeof value !== 'object') return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy = Object.create(proto) as Record<string, unknown>;
  for (const [key, entry] of Object.entries(value)) copy[key] = printableData(entry);
  return copy as T;
}
