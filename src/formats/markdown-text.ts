/**
 * Text made safe for a Markdown table cell: it cannot end the cell, break the row, start
 * formatting or a link, smuggle raw HTML into renderers that allow it, or (pasted into an
 * issue or a pull request) notify anyone or become a link.
 */

/** Markdown punctuation that could start emphasis, code, a link or strikethrough, or end a cell. */
const ACTIVE = /[\\`*_[\]|~]/g;

/**
 * What GitHub turns into a link or a notification by itself: `@user`, `@org/team` and emails
 * (`@` before a name), `http://`, `https://` and other `scheme://` URLs, `www.` hosts, issue
 * references (`#123`, `owner/repo#123`, `GH-123`).
 */
const AUTOLINKED = /@(?=[A-Za-z0-9_-])|:\/\/|www\.|#(?=\d)|GH-(?=\d)/gi;

/**
 * An empty HTML comment, put inside each of those, so a pasted report pings no one and links
 * nowhere. GitHub finds mentions and references after Markdown is rendered, in the text, so a
 * backslash (`\\@`) or an entity (`&#64;`) reaches it as a plain `@` and still notifies; code
 * spans and zero-width spaces do stop it, but change how the text looks or copies. A comment
 * splits the text where it stands and renders as nothing; a reader of the raw file sees
 * `@<!-- -->name`.
 */
const BREAK = '<!-- -->';

/** One line of cell text: pipes and Markdown punctuation escaped, HTML inert, newlines as <br>, no autolinks. */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(ACTIVE, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/[\t\f\v\0]/g, ' ')
    .replace(AUTOLINKED, breakAutolink);
}

/** The comment where it splits the match: after `@` and `#`, before the `//`, the `.` of `www.` and the `-` of `GH-`. */
function breakAutolink(found: string): string {
  if (found === '://') return `:${BREAK}//`;
  if (found.endsWith('.') || found.endsWith('-')) return `${found.slice(0, -1)}${BREAK}${found.slice(-1)}`;
  return `${found}${BREAK}`;
}

/** A Markdown table: header, alignment row, rows; `right` marks numeric columns. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = head.map((_, i) => (right.has(i) ? '---:' : '---'));
  return [line(head), line(rule), ...rows.map(line)].join('\n');
}
