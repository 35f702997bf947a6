/**
 * Text made safe for a Markdown table cell: it cannot end the cell, break the row, start
 * formatting or a link, or smuggle raw HTML into renderers that allow it.
 */

/** Markdown punctuation that could start emphasis, code, a link or strikethrough, or end a cell. */
const ACTIVE = /[\\`*_[\]|~]/g;

/** One line of cell text: pipes and Markdown punctuation escaped, HTML inert, newlines as <br>. */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(ACTIVE, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/[\t\f\v\0]/g, ' ');
}

/** A Markdown table: header, alignment row, rows; `right` marks numeric columns. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = head.map((_, i) => (right.has(i) ? '---:' : '---'));
  return [line(head), line(rule), ...rows.map(line)].join('\n');
}
