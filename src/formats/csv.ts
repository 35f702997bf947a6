/**
 * CSV for spreadsheets and BI tools: one row per item, assessment columns first, then
 * `policy` (the tool version and the principle set's short hash, the same on every row), then
 * the item columns named by `--keep-columns`. Streams: each row is written as its item arrives.
 * Every cell that a spreadsheet could run as a formula is neutralised (formula.ts). A row
 * reads only the routed part of an assessment, so `score --jobs` need not work out the rest.
 */
import { ASSESSMENT_COLUMNS, assessmentCells, keptCell } from './columns.js';
import { neutraliseFormula } from './formula.js';
import { POLICY_COLUMN, policyStamp } from './trace.js';
import type { OutputFormat, RoutedSink } from './types.js';

export const csvFormat: OutputFormat<RoutedSink> = {
  create(context) {
    const kept = context.keepColumns ?? [];
    const stamp = policyStamp(context.meta);
    let header: string | undefined = csvRow([...ASSESSMENT_COLUMNS, POLICY_COLUMN, ...kept]);
    // The header goes out with the first row, or at the end when there are no rows.
    const takeHeader = (): string => {
      const text = header ?? '';
      header = undefined;
      return text;
    };
    return {
      write({ item, assessment }) {
        const cells = [...assessmentCells(assessment), stamp, ...kept.map((name) => keptCell(item, name, context.policy))];
        return takeHeader() + csvRow(cells);
      },
      end: () => takeHeader(),
    };
  },
};

/**
 * One CSV record, every cell neutralised, ending with a line feed. A cell holding the
 * delimiter, a quote or a line break is quoted, a lone carriage return included, since
 * spreadsheets read one as the end of a row. Hand-written rather than csv-stringify, which
 * cost more than assessing the item on a million-row run; the output is the same byte for
 * byte (checked against csv-stringify in test/formats/csv-row.test.ts).
 */
export function csvRow(cells: readonly string[]): string {
  let row = '';
  for (let k = 0; k < cells.length; k++) row += (k === 0 ? '' : ',') + csvCell(neutraliseFormula(cells[k] as string));
  return `${row}\n`;
}

const NEEDS_QUOTES = /[",\n\r]/;

function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
