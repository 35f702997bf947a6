/**
 * Spreadsheet formula neutralising for CSV cells (OWASP "CSV injection"). A cell a spreadsheet
 * would run as a formula gets a leading apostrophe, which spreadsheets show as text.
 *
 * csv-stringify's `escape_formulas` is not used: it misses a leading line feed, NUL and the
 * full-width `＝ ＋ － ＠`, which spreadsheets also read as formula starts, and it would also mangle plain negative numbers.
 */

/** Characters that start a formula, ASCII and full-width. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Leading characters spreadsheets skip or treat as the start of a formula on their own. */
const CONTROL = /^[\t\r\n\0]/;

/**
 * Whitespace and control characters a spreadsheet may strip before looking for `=`;
 * a trigger behind them is still a trigger.
 */
const SKIPPABLE = /^[\s\0-\x1f\u00a0\u3000\ufeff]+/;

/** A number a spreadsheet reads as that number and nothing else: `-2`, `+3.5`, `1e6`. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a spreadsheet could run this cell's text as a formula. */
export function isFormulaLike(cell: string): boolean {
  // Most cells start with a letter or a digit, which can start neither a formula nor a
  // skippable prefix: answered without the patterns below (the hot path of a large CSV).
  const c = cell.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return false;
  if (cell === '' || PLAIN_NUMBER.test(cell)) return false;
  if (CONTROL.test(cell)) return true;
  const first = cell.replace(SKIPPABLE, '').charAt(0);
  return TRIGGERS.has(first);
}

/** The cell, made inert for spreadsheets when it could run as a formula. */
export function neutraliseFormula(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}
